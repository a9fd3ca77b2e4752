import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startForumApp, watchWrites } from './support/forum.js';
import { type Auth, type ErrorBody, expectError } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const GROUPS = '/api/v1/groups';
const SETTINGS = '/api/v1/settings/group-creation';

interface GroupBody {
  id: string;
  name: string;
  type: string;
  visibility: string;
  joinPolicy: string;
  memberCount: number;
  viewer: { role: string; status: string } | null;
}

interface MembershipBody {
  groupId: string;
  userId: string;
  role: string;
  status: string;
}

interface Counts {
  total: number;
  byType: Record<string, number>;
}

/** True when the body has the one error shape with this status code. */
function isError(body: unknown, statusCode: number): boolean {
  const error = body as Partial<ErrorBody> | null;
  return (
    !!error &&
    error.statusCode === statusCode &&
    typeof error.error === 'string' &&
    typeof error.message === 'string' &&
    Array.isArray(error.details)
  );
}

/** A group name no other test run uses. */
function uniqueName(label: string): string {
  return `${label} ${randomBytes(4).toString('hex')}`;
}

function headers(caller: SignedIn | null): Auth | Record<string, never> {
  return caller ? caller.auth : {};
}

async function createGroup(app: TestApp, caller: SignedIn, body: Record<string, unknown>): Promise<GroupBody> {
  const response = await app.http.post(GROUPS).set(caller.auth).send(body);
  expect({ body, status: response.status }).toEqual({ body, status: 201 });
  return response.body as GroupBody;
}

/** The ids of the groups the caller sees under these filters (one page of up to 100, which is all of them). */
async function listedIds(app: TestApp, caller: SignedIn | null, query: Record<string, string> = {}): Promise<string[]> {
  const response = await app.http
    .get(GROUPS)
    .set(headers(caller))
    .query({ limit: 100, ...query })
    .expect(200);
  expect(response.body.nextCursor).toBeNull();
  return (response.body.items as GroupBody[]).map((group) => group.id);
}

async function countsOf(app: TestApp, caller: SignedIn | null, query: Record<string, string> = {}): Promise<Counts> {
  return (await app.http.get(`${GROUPS}/counts`).set(headers(caller)).query(query).expect(200)).body as Counts;
}

async function memberIds(app: TestApp, reader: SignedIn, groupId: string): Promise<string[]> {
  const response = await app.http
    .get(`${GROUPS}/${groupId}/members`)
    .set(reader.auth)
    .query({ limit: 100 })
    .expect(200);
  return (response.body.items as MembershipBody[]).map((membership) => membership.userId).sort();
}

describe('group access matrix', () => {
  let app: TestApp;
  let owner: SignedIn;
  let facilitator: SignedIn;
  let groupMember: SignedIn;
  let target: SignedIn;
  let requester: SignedIn;
  let outsider: SignedIn;
  let nonMember: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startForumApp('group_access_matrix');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    owner = await register(app, { displayName: 'Group Owner' });
    facilitator = await register(app, { displayName: 'Group Facilitator' });
    groupMember = await register(app, { displayName: 'Group Member' });
    target = await register(app, { displayName: 'Plain Target' });
    requester = await register(app, { displayName: 'Pending Requester' });
    outsider = await register(app, { displayName: 'Outsider' });
    nonMember = await register(app, { displayName: 'Signed In Non Member' });
  }, 60_000);
  afterAll(() => app.close());

  const ROLES = ['guest', 'nonMember', 'groupMember', 'facilitator', 'owner', 'moderator', 'admin'] as const;
  type Role = (typeof ROLES)[number];
  const ACTIONS = [
    'create working group',
    'list groups',
    'get group',
    'patch group',
    'delete group',
    'join',
    'leave',
    'invite outsider',
    'accept invitation',
    'list requests',
    'approve requester',
    'reject requester',
    'list members',
    'make target facilitator',
    'remove target',
  ] as const;
  type Action = (typeof ACTIONS)[number];

  /**
   * The expected outcome per action, in the order of ROLES. A number is the status; "200 listed" /
   * "200 unlisted" says whether the matrix group is in the list; "201 pending" the status of the join.
   * The matrix group: visibility members, joinPolicy request.
   */
  const EXPECTED: Record<Action, readonly (number | string)[]> = {
    // columns: guest, nonMember, groupMember, facilitator, owner, moderator, admin
    'create working group': [401, 201, 201, 201, 201, 201, 201],
    'list groups': ['200 unlisted', '200 listed', '200 listed', '200 listed', '200 listed', '200 listed', '200 listed'],
    'get group': [404, 200, 200, 200, 200, 200, 200],
    'patch group': [401, 403, 403, 200, 200, 200, 200],
    'delete group': [401, 403, 403, 403, 204, 403, 204],
    join: [401, '201 pending', 409, 409, 409, '201 pending', '201 pending'],
    leave: [401, 404, 204, 204, 409, 404, 404],
    'invite outsider': [401, 403, 403, 201, 201, 201, 201],
    'accept invitation': [401, 200, 409, 409, 409, 200, 200],
    'list requests': [401, 403, 403, 200, 200, 200, 200],
    'approve requester': [401, 403, 403, 200, 200, 200, 200],
    'reject requester': [401, 403, 403, 204, 204, 204, 204],
    'list members': [401, 200, 200, 200, 200, 200, 200],
    'make target facilitator': [401, 403, 403, 403, 200, 403, 200],
    'remove target': [401, 403, 403, 204, 204, 204, 204],
  };

  /** Actions that leave the group as it was; every other cell gets a fresh group. */
  const READ_ONLY: ReadonlySet<Action> = new Set<Action>([
    'create working group',
    'list groups',
    'get group',
    'list requests',
    'list members',
  ]);

  interface Fixture {
    id: string;
    name: string;
  }

  /**
   * A members-only group: owner; facilitator, group member and target joined while it was open;
   * the facilitator promoted; then join by request, and the requester's request pending.
   */
  async function fixture(): Promise<Fixture> {
    const group = await createGroup(app, owner, {
      name: uniqueName('Matrix'),
      type: 'working_group',
      visibility: 'members',
      joinPolicy: 'open',
    });
    for (const user of [facilitator, groupMember, target]) {
      const joined = await app.http.post(`${GROUPS}/${group.id}/join`).set(user.auth).expect(201);
      expect(joined.body.status).toBe('active');
    }
    await app.http
      .patch(`${GROUPS}/${group.id}/members/${facilitator.id}`)
      .set(owner.auth)
      .send({ role: 'facilitator' })
      .expect(200);
    await app.http.patch(`${GROUPS}/${group.id}`).set(owner.auth).send({ joinPolicy: 'request' }).expect(200);
    const requested = await app.http.post(`${GROUPS}/${group.id}/join`).set(requester.auth).expect(201);
    expect(requested.body.status).toBe('pending');
    return { id: group.id, name: group.name };
  }

  function perform(action: Action, caller: SignedIn | null, group: Fixture) {
    const auth = headers(caller);
    const at = `${GROUPS}/${group.id}`;
    switch (action) {
      case 'create working group':
        return app.http
          .post(GROUPS)
          .set(auth)
          .send({ name: uniqueName('Created'), type: 'working_group' });
      case 'list groups':
        return app.http.get(GROUPS).set(auth).query({ q: group.name, limit: 100 });
      case 'get group':
        return app.http.get(at).set(auth);
      case 'patch group':
        return app.http.patch(at).set(auth).send({ description: 'Changed by the matrix' });
      case 'delete group':
        return app.http.delete(at).set(auth);
      case 'join':
        return app.http.post(`${at}/join`).set(auth);
      case 'leave':
        return app.http.post(`${at}/leave`).set(auth);
      case 'invite outsider':
        return app.http.post(`${at}/invitations`).set(auth).send({ userId: outsider.id });
      case 'accept invitation':
        return app.http.post(`${at}/invitations/accept`).set(auth);
      case 'list requests':
        return app.http.get(`${at}/requests`).set(auth);
      case 'approve requester':
        return app.http.post(`${at}/requests/${requester.id}/approve`).set(auth);
      case 'reject requester':
        return app.http.post(`${at}/requests/${requester.id}/reject`).set(auth);
      case 'list members':
        return app.http.get(`${at}/members`).set(auth);
      case 'make target facilitator':
        return app.http.patch(`${at}/members/${target.id}`).set(auth).send({ role: 'facilitator' });
      case 'remove target':
        return app.http.delete(`${at}/members/${target.id}`).set(auth);
    }
  }

  /** What a successful call must have done; returns the problems found. */
  async function effectsOf(
    action: Action,
    caller: SignedIn | null,
    group: Fixture,
    body: Record<string, unknown>,
  ): Promise<string[]> {
    const problems: string[] = [];
    const check = (ok: boolean, problem: string) => {
      if (!ok) problems.push(problem);
    };
    const members = () => memberIds(app, admin, group.id);
    switch (action) {
      case 'create working group':
        check((body.viewer as GroupBody['viewer'])?.role === 'owner', `creator is not owner: ${JSON.stringify(body)}`);
        break;
      case 'get group':
        check(body.id === group.id, `wrong group ${String(body.id)}`);
        break;
      case 'patch group': {
        const seen = await app.http.get(`${GROUPS}/${group.id}`).set(admin.auth);
        check(seen.body.description === 'Changed by the matrix', 'description not changed');
        break;
      }
      case 'delete group':
        check((await app.http.get(`${GROUPS}/${group.id}`).set(admin.auth)).status === 404, 'group still there');
        break;
      case 'join':
        check(body.userId === caller?.id, 'join answered for someone else');
        break;
      case 'leave':
        check(!(await members()).includes(caller?.id ?? ''), 'still a member after leaving');
        break;
      case 'invite outsider':
        check(body.userId === outsider.id && body.status === 'invited', `invite answered ${JSON.stringify(body)}`);
        break;
      case 'accept invitation':
        check(body.status === 'active', `accept answered ${JSON.stringify(body)}`);
        check((await members()).includes(caller?.id ?? ''), 'not a member after accepting');
        break;
      case 'list requests': {
        const ids = (body.items as MembershipBody[]).map((item) => `${item.userId}:${item.status}`);
        check(JSON.stringify(ids) === JSON.stringify([`${requester.id}:pending`]), `requests ${JSON.stringify(ids)}`);
        break;
      }
      case 'approve requester':
        check(body.status === 'active', `approve answered ${JSON.stringify(body)}`);
        check((await members()).includes(requester.id), 'requester not a member after approval');
        break;
      case 'reject requester': {
        const requests = await app.http.get(`${GROUPS}/${group.id}/requests`).set(admin.auth).expect(200);
        check(requests.body.items.length === 0, 'request still pending after rejection');
        check(!(await members()).includes(requester.id), 'requester became a member');
        break;
      }
      case 'list members': {
        const ids = (body.items as MembershipBody[]).map((item) => item.userId).sort();
        const expected = [owner.id, facilitator.id, groupMember.id, target.id].sort();
        check(JSON.stringify(ids) === JSON.stringify(expected), `members ${JSON.stringify(ids)}`);
        break;
      }
      case 'make target facilitator':
        check(body.role === 'facilitator', `role change answered ${JSON.stringify(body)}`);
        break;
      case 'remove target':
        check(!(await members()).includes(target.id), 'target still a member');
        break;
      case 'list groups':
        break;
    }
    return problems;
  }

  it('answers every role × action as the contract table says', async () => {
    const callers: Record<Role, SignedIn | null> = {
      guest: null,
      nonMember,
      groupMember,
      facilitator,
      owner,
      moderator,
      admin,
    };
    const mismatches: string[] = [];
    let cells = 0;
    const shared = await fixture();

    for (const action of ACTIONS) {
      for (const [index, role] of ROLES.entries()) {
        const cell = `${role} × ${action}`;
        const expected = String(EXPECTED[action][index]);
        const caller = callers[role];
        const group = READ_ONLY.has(action) ? shared : await fixture();
        if (action === 'accept invitation' && caller && ['nonMember', 'moderator', 'admin'].includes(role)) {
          await app.http
            .post(`${GROUPS}/${group.id}/invitations`)
            .set(owner.auth)
            .send({ userId: caller.id })
            .expect(201);
        }
        const refusal = Number.parseInt(expected, 10) >= 400;
        const { result: response, writes } = await watchWrites(app, () => perform(action, caller, group));
        cells += 1;

        let outcome = String(response.status);
        if (action === 'list groups' && response.status === 200) {
          const ids = (response.body.items as GroupBody[]).map((item) => item.id);
          outcome += ids.includes(group.id) ? ' listed' : ' unlisted';
        }
        if (action === 'join' && response.status === 201) outcome += ` ${String(response.body.status)}`;
        if (outcome !== expected) {
          mismatches.push(`${cell}: expected ${expected}, got ${outcome} ${JSON.stringify(response.body)}`);
          continue;
        }
        if (refusal) {
          if (!isError(response.body, response.status)) {
            mismatches.push(`${cell}: not the error shape: ${JSON.stringify(response.body)}`);
          }
          if (writes.length > 0) mismatches.push(`${cell}: refused but wrote: ${writes.join(', ')}`);
        } else {
          for (const problem of await effectsOf(action, caller, group, response.body as Record<string, unknown>)) {
            mismatches.push(`${cell}: ${problem}`);
          }
        }
      }
    }

    expect(cells).toBe(ROLES.length * ACTIONS.length);
    expect(mismatches).toEqual([]);
  }, 240_000);
});

describe('a private group', () => {
  let app: TestApp;
  let owner: SignedIn;
  let member: SignedIn;
  let invitee: SignedIn;
  let nonMember: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;
  let hidden: GroupBody;
  let open: GroupBody;
  let membersOnly: GroupBody;

  beforeAll(async () => {
    app = await startTestApp('group_access_private');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    owner = await register(app, { displayName: 'Private Owner' });
    member = await register(app, { displayName: 'Private Member' });
    invitee = await register(app, { displayName: 'Private Invitee' });
    nonMember = await register(app, { displayName: 'Not In It' });

    hidden = await createGroup(app, owner, {
      name: uniqueName('Quokka Private Circle'),
      type: 'working_group',
      visibility: 'private',
      joinPolicy: 'invite',
    });
    open = await createGroup(app, owner, { name: uniqueName('Quokka Open Square'), type: 'working_group' });
    membersOnly = await createGroup(app, owner, {
      name: uniqueName('Lantern Members Hall'),
      type: 'working_group',
      visibility: 'members',
    });
    for (const user of [member, invitee]) {
      await app.http.post(`${GROUPS}/${hidden.id}/invitations`).set(owner.auth).send({ userId: user.id }).expect(201);
    }
    await app.http.post(`${GROUPS}/${hidden.id}/invitations/accept`).set(member.auth).expect(200);
  }, 60_000);
  afterAll(() => app.close());

  it('is absent from lists, q search, type filters and counts for guests and non-members', async () => {
    for (const caller of [null, nonMember]) {
      const all = await listedIds(app, caller);
      expect(all).toContain(open.id);
      expect(all).not.toContain(hidden.id);
      expect(await listedIds(app, caller, { q: 'quokka' })).toEqual([open.id]);
      expect(await listedIds(app, caller, { q: 'PRIVATE circle' })).toEqual([]);
      expect(await listedIds(app, caller, { type: 'working_group' })).not.toContain(hidden.id);
      expect(await listedIds(app, caller, { type: 'working_group', q: 'quokka' })).toEqual([open.id]);
      const counts = await countsOf(app, caller, { q: 'quokka' });
      expect(counts).toEqual({
        total: 1,
        byType: { working_group: 1, country_network: 0, regional_network: 0, thematic: 0 },
      });
    }
    // the guest sees only the public group; the signed-in non-member the members-only one too
    expect(await countsOf(app, null)).toMatchObject({ total: 1, byType: { working_group: 1 } });
    expect((await listedIds(app, nonMember)).sort()).toEqual([open.id, membersOnly.id].sort());

    // the same counts, seen by a non-member and by a member: the difference is exactly the private group
    for (const query of [{}, { type: 'working_group' }, { q: 'circle' }] as Record<string, string>[]) {
      const outside = await countsOf(app, nonMember, query);
      const inside = await countsOf(app, member, query);
      expect({ query, total: inside.total - outside.total }).toEqual({ query, total: 1 });
      expect({ query, byType: inside.byType }).toEqual({
        query,
        byType: { ...outside.byType, working_group: outside.byType.working_group + 1 },
      });
    }
  });

  it('answers 404 on every route for a non-member (and a guest GET)', async () => {
    const counts = await documentCounts(app.connection);
    const at = `${GROUPS}/${hidden.id}`;
    const refused = [
      await app.http.get(at).set(nonMember.auth),
      await app.http.get(`${at}/members`).set(nonMember.auth),
      await app.http.post(`${at}/join`).set(nonMember.auth),
      await app.http.post(`${at}/invitations`).set(nonMember.auth).send({ userId: nonMember.id }),
      await app.http.patch(at).set(nonMember.auth).send({ description: 'Found you' }),
      await app.http.get(at),
    ];
    for (const [index, response] of refused.entries()) {
      expect({ index, status: response.status }).toEqual({ index, status: 404 });
      expectError(response.body, 404);
    }
    // a guest on a route that needs a token is told to sign in first
    await app.http.post(`${at}/join`).expect(401);
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect((await app.http.get(at).set(admin.auth).expect(200)).body.description).toBe('');
  });

  it('is visible to its member, its invitee (get), platform moderators and admins', async () => {
    const reference = await countsOf(app, member);
    expect(reference).toEqual({
      total: 3,
      byType: { working_group: 3, country_network: 0, regional_network: 0, thematic: 0 },
    });
    for (const caller of [member, moderator, admin]) {
      expect(await listedIds(app, caller)).toContain(hidden.id);
      expect((await listedIds(app, caller, { q: 'quokka' })).sort()).toEqual([hidden.id, open.id].sort());
      expect(await listedIds(app, caller, { type: 'working_group' })).toContain(hidden.id);
      expect(await countsOf(app, caller)).toEqual(reference);
      const seen = await app.http.get(`${GROUPS}/${hidden.id}`).set(caller.auth).expect(200);
      expect(seen.body).toMatchObject({ id: hidden.id, visibility: 'private', memberCount: 2 });
      expect(seen.body.viewer).toEqual(caller === member ? { role: 'member', status: 'active' } : null);
    }
    const byInvitee = await app.http.get(`${GROUPS}/${hidden.id}`).set(invitee.auth).expect(200);
    expect(byInvitee.body).toMatchObject({ id: hidden.id, viewer: { role: 'member', status: 'invited' } });
    // the member may list its members; moderators and admins too
    for (const caller of [member, moderator, admin]) {
      expect(await memberIds(app, caller, hidden.id)).toEqual([owner.id, member.id].sort());
    }
  });
});

describe('group-creation policy', () => {
  let app: TestApp;
  let member: SignedIn;
  let moderator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('group_access_policy');
    admin = await loginAdmin(app);
    moderator = await registerWithRole(app, 'moderator');
    member = await register(app);
  }, 60_000);
  afterAll(() => app.close());

  const create = (caller: SignedIn, body: Record<string, unknown>) =>
    app.http
      .post(GROUPS)
      .set(caller.auth)
      .send({ name: uniqueName('Policy'), ...body });

  it('lets a member create only what the policy allows, and lets only an admin change it', async () => {
    const created = await create(member, { type: 'working_group' }).expect(201);
    expect(created.body).toMatchObject({ type: 'working_group', viewer: { role: 'owner', status: 'active' } });

    const before = await documentCounts(app.connection);
    for (const body of [
      { type: 'country_network', country: 'SN' },
      { type: 'regional_network', region: 'africa' },
      { type: 'thematic' },
    ]) {
      const refused = await create(member, body);
      expect({ body, status: refused.status }).toEqual({ body, status: 403 });
      expectError(refused.body, 403);
    }
    expect(await documentCounts(app.connection)).toEqual(before);
    await create(moderator, { type: 'thematic' }).expect(201);

    const defaults = {
      working_group: 'member',
      thematic: 'moderator',
      country_network: 'admin',
      regional_network: 'admin',
    };
    expect((await app.http.get(SETTINGS).set(member.auth).expect(200)).body).toEqual(defaults);

    for (const caller of [member, moderator]) {
      const refused = await app.http.patch(SETTINGS).set(caller.auth).send({ country_network: 'member' });
      expect(refused.status).toBe(403);
      expectError(refused.body, 403);
    }
    expect((await app.http.get(SETTINGS).set(admin.auth).expect(200)).body).toEqual(defaults);

    const changed = await app.http.patch(SETTINGS).set(admin.auth).send({ country_network: 'member' }).expect(200);
    expect(changed.body).toEqual({ ...defaults, country_network: 'member' });
    expect((await app.http.get(SETTINGS).set(member.auth).expect(200)).body).toEqual(changed.body);

    const network = await create(member, { type: 'country_network', country: 'sn' }).expect(201);
    expect(network.body).toMatchObject({ type: 'country_network', country: 'SN', viewer: { role: 'owner' } });
    // the other types are still as they were
    await create(member, { type: 'regional_network', region: 'africa' }).expect(403);
  });

  it('refuses a bad policy with a 400 naming the field, and writes nothing', async () => {
    const policy = (await app.http.get(SETTINGS).set(admin.auth).expect(200)).body;
    const counts = await documentCounts(app.connection);

    const badRole = await app.http.patch(SETTINGS).set(admin.auth).send({ country_network: 'superuser' });
    expect(badRole.status).toBe(400);
    expect(expectError(badRole.body, 400).details).toEqual([
      { field: 'country_network', problem: expect.stringMatching(/must be one of/) },
    ]);

    const extra = await app.http.patch(SETTINGS).set(admin.auth).send({ extra: 1 });
    expect(extra.status).toBe(400);
    expect(expectError(extra.body, 400).details).toContainEqual({ field: 'extra', problem: 'is not an allowed field' });

    expect(await documentCounts(app.connection)).toEqual(counts);
    expect((await app.http.get(SETTINGS).set(admin.auth).expect(200)).body).toEqual(policy);
  });
});

describe('removing facilitators and owners', () => {
  let app: TestApp;
  let owner: SignedIn;
  let facilitatorA: SignedIn;
  let facilitatorB: SignedIn;
  let plain: SignedIn;
  let moderator: SignedIn;
  let groupId: string;

  beforeAll(async () => {
    app = await startTestApp('group_access_removal');
    moderator = await registerWithRole(app, 'moderator');
    owner = await register(app, { displayName: 'Removal Owner' });
    facilitatorA = await register(app, { displayName: 'Facilitator A' });
    facilitatorB = await register(app, { displayName: 'Facilitator B' });
    plain = await register(app, { displayName: 'Plain Member' });
    groupId = (await createGroup(app, owner, { name: uniqueName('Removal'), type: 'working_group' })).id;
    for (const user of [facilitatorA, facilitatorB, plain]) {
      await app.http.post(`${GROUPS}/${groupId}/join`).set(user.auth).expect(201);
    }
    for (const user of [facilitatorA, facilitatorB]) {
      await app.http
        .patch(`${GROUPS}/${groupId}/members/${user.id}`)
        .set(owner.auth)
        .send({ role: 'facilitator' })
        .expect(200);
    }
  }, 60_000);
  afterAll(() => app.close());

  const remove = (caller: SignedIn, userId: string) =>
    app.http.delete(`${GROUPS}/${groupId}/members/${userId}`).set(caller.auth);
  const setRole = (caller: SignedIn, userId: string, role: string) =>
    app.http.patch(`${GROUPS}/${groupId}/members/${userId}`).set(caller.auth).send({ role });

  it('lets facilitators remove neither facilitators nor owners, and moderators only facilitators', async () => {
    const all = [owner.id, facilitatorA.id, facilitatorB.id, plain.id].sort();
    const counts = await documentCounts(app.connection);
    for (const [caller, userId] of [
      [facilitatorA, facilitatorB.id],
      [facilitatorA, owner.id],
      [moderator, owner.id],
    ] as const) {
      const refused = await remove(caller, userId);
      expect(refused.status).toBe(403);
      expectError(refused.body, 403);
    }
    // changing roles is for owners only
    for (const caller of [facilitatorA, moderator]) {
      const refused = await setRole(caller, plain.id, 'facilitator');
      expect(refused.status).toBe(403);
      expectError(refused.body, 403);
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    expect(await memberIds(app, owner, groupId)).toEqual(all);

    await remove(moderator, facilitatorB.id).expect(204);
    expect(await memberIds(app, owner, groupId)).toEqual(all.filter((id) => id !== facilitatorB.id));
    const group = await app.http.get(`${GROUPS}/${groupId}`).set(owner.auth).expect(200);
    expect(group.body.memberCount).toBe(3);
  });

  it('lets the owner change roles, but not demote the only owner', async () => {
    const demoted = await setRole(owner, facilitatorA.id, 'member').expect(200);
    expect(demoted.body).toMatchObject({ userId: facilitatorA.id, role: 'member', status: 'active' });
    // now a plain member, a facilitator can no longer do facilitator things
    await remove(facilitatorA, plain.id).expect(403);
    await setRole(owner, facilitatorA.id, 'facilitator').expect(200);

    const counts = await documentCounts(app.connection);
    for (const role of ['member', 'facilitator']) {
      const refused = await setRole(owner, owner.id, role);
      expect(refused.status).toBe(409);
      expect(expectError(refused.body, 409).message).toMatch(/last owner/i);
    }
    expect(await documentCounts(app.connection)).toEqual(counts);
    const owners = await app.http
      .get(`${GROUPS}/${groupId}/members`)
      .set(owner.auth)
      .query({ role: 'owner' })
      .expect(200);
    expect(owners.body.items.map((item: MembershipBody) => item.userId)).toEqual([owner.id]);

    // with a second owner, the first may step down
    await setRole(owner, plain.id, 'owner').expect(200);
    await setRole(owner, owner.id, 'facilitator').expect(200);
    const after = await app.http.get(`${GROUPS}/${groupId}`).set(owner.auth).expect(200);
    expect(after.body.viewer).toEqual({ role: 'facilitator', status: 'active' });
    await setRole(plain, plain.id, 'member').expect(409);
  });
});
