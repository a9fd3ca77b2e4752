import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { type Auth, expectError, fieldsOf } from './support/http.js';
import type { MembershipBody } from './support/bodies.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

const GROUPS = '/api/v1/groups';
const GROUP_TYPES = ['working_group', 'country_network', 'regional_network', 'thematic'] as const;

type Query = Record<string, string | number>;

interface GroupBody {
  id: string;
  name: string;
  description: string;
  type: string;
  visibility: string;
  joinPolicy: string;
  country: string | null;
  region: string | null;
  objectives: number[];
  memberCount: number;
  createdBy: { id: string | null; displayName: string };
  viewer: { role: string; status: string } | null;
  createdAt: string;
  updatedAt: string;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

interface CountsBody {
  total: number;
  byType: Record<(typeof GROUP_TYPES)[number], number>;
}

const byLowerName = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

function get(app: TestApp, path: string, auth?: Auth) {
  const request = app.http.get(path);
  return auth ? request.set(auth) : request;
}

async function createGroup(app: TestApp, auth: Auth, body: Record<string, unknown>): Promise<GroupBody> {
  const response = await app.http.post(GROUPS).set(auth).send(body);
  expect({ name: body.name, status: response.status, body: response.status === 201 ? null : response.body }).toEqual({
    name: body.name,
    status: 201,
    body: null,
  });
  return response.body as GroupBody;
}

async function readGroup(app: TestApp, auth: Auth | undefined, id: string): Promise<GroupBody> {
  return (await get(app, `${GROUPS}/${id}`, auth).expect(200)).body as GroupBody;
}

/** Every item of a cursor-paginated list, following nextCursor with `limit` per page. */
async function allPages<T>(app: TestApp, path: string, auth: Auth | undefined, query: Query = {}, limit = 2) {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(app, path, auth)
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .expect(200);
    const body = response.body as PageBody<T>;
    expect(body.items.length).toBeLessThanOrEqual(limit);
    if (body.nextCursor) expect(body.items).toHaveLength(limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
    if (pages > 200) throw new Error('pagination does not end');
  } while (cursor);
  return items;
}

const activeMembers = (app: TestApp, auth: Auth, groupId: string, query: Query = {}) =>
  allPages<MembershipBody>(app, `${GROUPS}/${groupId}/members`, auth, query);
const pendingRequests = (app: TestApp, auth: Auth, groupId: string) =>
  allPages<MembershipBody>(app, `${GROUPS}/${groupId}/requests`, auth);

/** The names of the groups GET /groups lists for this caller and query (one page of up to 100). */
async function listNames(app: TestApp, auth: Auth | undefined, query: Query = {}): Promise<string[]> {
  const response = await get(app, GROUPS, auth)
    .query({ limit: 100, ...query })
    .expect(200);
  const body = response.body as PageBody<GroupBody>;
  expect(body.nextCursor).toBeNull();
  return body.items.map((group) => group.name);
}

describe('group memberships', () => {
  let app: TestApp;
  let admin: SignedIn;
  let owner: SignedIn;
  let people: SignedIn[];
  let sequence = 0;
  const uniqueName = (label: string) => `${label} ${(sequence += 1)}`;

  beforeAll(async () => {
    app = await startTestApp('groups_memberships');
    admin = await loginAdmin(app);
    owner = await register(app, { displayName: 'Group Owner' });
    people = [];
    for (let i = 0; i < 8; i += 1) people.push(await register(app));
  }, 60_000);
  afterAll(() => app.close());

  const newGroup = (overrides: Record<string, unknown> = {}) =>
    createGroup(app, owner.auth, { name: uniqueName('Group'), type: 'working_group', ...overrides });
  /** memberCount as a platform admin reads it (admins see every group). */
  const memberCount = async (groupId: string) => (await readGroup(app, admin.auth, groupId)).memberCount;
  const memberIds = async (groupId: string, query: Query = {}) =>
    (await activeMembers(app, admin.auth, groupId, query)).map((membership) => membership.userId);
  const requestIds = async (groupId: string) =>
    (await pendingRequests(app, owner.auth, groupId)).map((membership) => membership.userId);
  const post = (path: string, auth: Auth, body?: object) => {
    const request = app.http.post(path ? `${GROUPS}/${path}` : GROUPS).set(auth);
    return body ? request.send(body) : request;
  };
  const patchMember = (groupId: string, auth: Auth, userId: string, role: string) =>
    app.http.patch(`${GROUPS}/${groupId}/members/${userId}`).set(auth).send({ role });
  const removeMember = (groupId: string, auth: Auth, userId: string) =>
    app.http.delete(`${GROUPS}/${groupId}/members/${userId}`).set(auth);

  it('request -> approve -> member: a pending request becomes an active membership', async () => {
    const group = await newGroup({ joinPolicy: 'request' });
    expect(group).toMatchObject({ joinPolicy: 'request', memberCount: 1, viewer: { role: 'owner', status: 'active' } });
    const joiner = people[0];

    const joined = await post(`${group.id}/join`, joiner.auth).expect(201);
    expect(joined.body).toEqual({
      groupId: group.id,
      userId: joiner.id,
      displayName: joiner.displayName,
      role: 'member',
      status: 'pending',
      since: expect.any(String),
    });
    const requests = await pendingRequests(app, owner.auth, group.id);
    expect(requests).toEqual([expect.objectContaining({ userId: joiner.id, status: 'pending', role: 'member' })]);
    expect(await memberIds(group.id)).toEqual([owner.id]);
    expect(await memberCount(group.id)).toBe(1);
    expect((await readGroup(app, joiner.auth, group.id)).viewer).toEqual({ role: 'member', status: 'pending' });
    // asking twice, or approving oneself, is refused
    expectError((await post(`${group.id}/join`, joiner.auth).expect(409)).body, 409);
    expectError((await post(`${group.id}/requests/${joiner.id}/approve`, joiner.auth).expect(403)).body, 403);

    const approved = await post(`${group.id}/requests/${joiner.id}/approve`, owner.auth).expect(200);
    expect(approved.body).toMatchObject({ groupId: group.id, userId: joiner.id, role: 'member', status: 'active' });
    expect(await memberIds(group.id)).toEqual([owner.id, joiner.id]);
    expect(await requestIds(group.id)).toEqual([]);
    expect(await memberCount(group.id)).toBe(2);
    expect((await readGroup(app, joiner.auth, group.id)).viewer).toEqual({ role: 'member', status: 'active' });

    const again = await post(`${group.id}/requests/${joiner.id}/approve`, owner.auth);
    expect(again.status).toBe(404);
    expectError(again.body, 404);
    expect(await memberCount(group.id)).toBe(2);
  }, 60_000);

  it('invite -> accept: invitations let members into invite-only (and private) groups', async () => {
    const [outsider, invitee, decliner] = people;

    // a public invite-only group: joining without an invitation is forbidden
    const inviteOnly = await newGroup({ joinPolicy: 'invite' });
    const refused = await post(`${inviteOnly.id}/join`, outsider.auth);
    expect(refused.status).toBe(403);
    expectError(refused.body, 403);
    expect(await memberCount(inviteOnly.id)).toBe(1);
    const invitedOutsider = await post(`${inviteOnly.id}/invitations`, owner.auth, { userId: outsider.id }).expect(201);
    expect(invitedOutsider.body).toMatchObject({ userId: outsider.id, role: 'member', status: 'invited' });
    // once invited, joining accepts the invitation
    const joinedByInvitation = await post(`${inviteOnly.id}/join`, outsider.auth).expect(201);
    expect(joinedByInvitation.body).toMatchObject({ userId: outsider.id, status: 'active' });
    expect(await memberCount(inviteOnly.id)).toBe(2);

    // a private invite-only group: invisible to strangers
    const hidden = await newGroup({ joinPolicy: 'invite', visibility: 'private', name: uniqueName('Hidden Circle') });
    expectError((await get(app, `${GROUPS}/${hidden.id}`, invitee.auth).expect(404)).body, 404);
    await get(app, `${GROUPS}/${hidden.id}`).expect(404);
    await post(`${hidden.id}/join`, invitee.auth).expect(404);
    expect(await listNames(app, invitee.auth, { q: hidden.name })).toEqual([]);

    const invited = await post(`${hidden.id}/invitations`, owner.auth, { userId: invitee.id }).expect(201);
    expect(invited.body).toEqual({
      groupId: hidden.id,
      userId: invitee.id,
      displayName: invitee.displayName,
      role: 'member',
      status: 'invited',
      since: expect.any(String),
    });
    // the invitee may see the private group while invited
    const seenWhileInvited = await readGroup(app, invitee.auth, hidden.id);
    expect(seenWhileInvited).toMatchObject({
      id: hidden.id,
      memberCount: 1,
      viewer: { role: 'member', status: 'invited' },
    });
    expect(await listNames(app, invitee.auth, { q: hidden.name })).toEqual([hidden.name]);
    // inviting twice is a conflict
    expectError((await post(`${hidden.id}/invitations`, owner.auth, { userId: invitee.id }).expect(409)).body, 409);

    const accepted = await post(`${hidden.id}/invitations/accept`, invitee.auth).expect(200);
    expect(accepted.body).toMatchObject({ groupId: hidden.id, userId: invitee.id, role: 'member', status: 'active' });
    expect(await memberCount(hidden.id)).toBe(2);
    expect(await memberIds(hidden.id)).toEqual([owner.id, invitee.id]);
    expect((await readGroup(app, invitee.auth, hidden.id)).viewer).toEqual({ role: 'member', status: 'active' });

    expectError((await post(`${hidden.id}/invitations/accept`, invitee.auth).expect(409)).body, 409);
    expectError((await post(`${hidden.id}/invitations`, owner.auth, { userId: invitee.id }).expect(409)).body, 409);
    const unknown = new Types.ObjectId().toHexString();
    expectError((await post(`${hidden.id}/invitations`, owner.auth, { userId: unknown }).expect(404)).body, 404);
    expect(await memberCount(hidden.id)).toBe(2);

    // invite, then decline: nothing is left of the invitation
    await post(`${hidden.id}/invitations`, owner.auth, { userId: decliner.id }).expect(201);
    expect((await readGroup(app, decliner.auth, hidden.id)).viewer).toEqual({ role: 'member', status: 'invited' });
    await post(`${hidden.id}/invitations/decline`, decliner.auth).expect(204);
    expectError((await get(app, `${GROUPS}/${hidden.id}`, decliner.auth).expect(404)).body, 404);
    await post(`${hidden.id}/invitations/accept`, decliner.auth).expect(404);
    await post(`${hidden.id}/invitations/decline`, decliner.auth).expect(404);
    expect(await memberIds(hidden.id)).toEqual([owner.id, invitee.id]);
    expect(await memberCount(hidden.id)).toBe(2);
    // with no membership left, a new invitation can be sent
    await post(`${hidden.id}/invitations`, owner.auth, { userId: decliner.id }).expect(201);
    await post(`${hidden.id}/invitations/decline`, decliner.auth).expect(204);
  }, 60_000);

  it('reject: a rejected request disappears, and the user may ask again', async () => {
    const group = await newGroup({ joinPolicy: 'request' });
    const [requester, stranger] = people;
    await post(`${group.id}/join`, requester.auth).expect(201);
    expect(await requestIds(group.id)).toEqual([requester.id]);

    const rejected = await post(`${group.id}/requests/${requester.id}/reject`, owner.auth).expect(204);
    expect(rejected.text).toBe('');
    expect(await requestIds(group.id)).toEqual([]);
    expect(await memberIds(group.id)).toEqual([owner.id]);
    expect(await memberCount(group.id)).toBe(1);
    expect((await readGroup(app, requester.auth, group.id)).viewer).toBeNull();

    const again = await post(`${group.id}/join`, requester.auth).expect(201);
    expect(again.body).toMatchObject({ userId: requester.id, status: 'pending' });
    expect(await requestIds(group.id)).toEqual([requester.id]);

    // no such request: someone who never asked, an active member, an unknown id
    for (const userId of [stranger.id, owner.id, new Types.ObjectId().toHexString()]) {
      const response = await post(`${group.id}/requests/${userId}/reject`, owner.auth);
      expect({ userId, status: response.status }).toEqual({ userId, status: 404 });
      expectError(response.body, 404);
    }
    expect(await requestIds(group.id)).toEqual([requester.id]);
    expect(await memberCount(group.id)).toBe(1);
  }, 60_000);

  it('leave: a member leaves, and a pending requester leaving withdraws the request', async () => {
    const open = await newGroup();
    const [leaver, requester] = people;
    await post(`${open.id}/join`, leaver.auth).expect(201);
    expect(await memberCount(open.id)).toBe(2);

    const left = await post(`${open.id}/leave`, leaver.auth).expect(204);
    expect(left.text).toBe('');
    expect(await memberCount(open.id)).toBe(1);
    expect(await memberIds(open.id)).toEqual([owner.id]);
    expect((await readGroup(app, leaver.auth, open.id)).viewer).toBeNull();
    expectError((await post(`${open.id}/leave`, leaver.auth).expect(404)).body, 404);
    expect(await memberCount(open.id)).toBe(1);

    const byRequest = await newGroup({ joinPolicy: 'request' });
    await post(`${byRequest.id}/join`, requester.auth).expect(201);
    expect(await requestIds(byRequest.id)).toEqual([requester.id]);
    await post(`${byRequest.id}/leave`, requester.auth).expect(204);
    expect(await requestIds(byRequest.id)).toEqual([]);
    expect(await memberCount(byRequest.id)).toBe(1);
    expect((await readGroup(app, requester.auth, byRequest.id)).viewer).toBeNull();
    await post(`${byRequest.id}/leave`, requester.auth).expect(404);
    await post(`${byRequest.id}/requests/${requester.id}/approve`, owner.auth).expect(404);
  }, 60_000);

  it('last owner: a group always keeps one owner, even when two owners leave at the same moment', async () => {
    const group = await newGroup();
    const second = people[0];
    await post(`${group.id}/join`, second.auth).expect(201);

    const refusals = [
      ['owner leaves', await post(`${group.id}/leave`, owner.auth)],
      ['owner becomes member', await patchMember(group.id, owner.auth, owner.id, 'member')],
      ['owner becomes facilitator', await patchMember(group.id, owner.auth, owner.id, 'facilitator')],
      ['admin removes owner', await removeMember(group.id, admin.auth, owner.id)],
      ['admin demotes owner', await patchMember(group.id, admin.auth, owner.id, 'member')],
    ] as const;
    for (const [what, response] of refusals) {
      expect({ what, status: response.status }).toEqual({ what, status: 409 });
      expectError(response.body, 409);
    }
    expect(await memberIds(group.id, { role: 'owner' })).toEqual([owner.id]);
    expect(await memberCount(group.id)).toBe(2);
    expect((await readGroup(app, owner.auth, group.id)).viewer).toEqual({ role: 'owner', status: 'active' });

    const promoted = await patchMember(group.id, owner.auth, second.id, 'owner').expect(200);
    expect(promoted.body).toMatchObject({ userId: second.id, role: 'owner', status: 'active' });
    expect(await memberIds(group.id, { role: 'owner' })).toEqual([owner.id, second.id]);
    await post(`${group.id}/leave`, owner.auth).expect(204);
    expect(await memberIds(group.id)).toEqual([second.id]);
    expect(await memberCount(group.id)).toBe(1);
    // now the second owner is the last one
    expectError((await post(`${group.id}/leave`, second.auth).expect(409)).body, 409);
    await patchMember(group.id, second.auth, second.id, 'member').expect(409);
    expect(await memberIds(group.id, { role: 'owner' })).toEqual([second.id]);

    // Two owners leaving at the same moment: at most one may go, and the group is never left
    // without an owner. (Without transactions the rule is checked before and after each change,
    // so both may be refused; then both stay.)
    let oneLeft = 0;
    for (let round = 0; round < 10; round += 1) {
      const raced = await newGroup();
      const partner = people[(round % 7) + 1];
      await post(`${raced.id}/join`, partner.auth).expect(201);
      await patchMember(raced.id, owner.auth, partner.id, 'owner').expect(200);
      expect(await memberIds(raced.id, { role: 'owner' })).toHaveLength(2);

      const [byOwner, byPartner] = await Promise.all([
        post(`${raced.id}/leave`, owner.auth),
        post(`${raced.id}/leave`, partner.auth),
      ]);
      const statuses = [byOwner.status, byPartner.status].sort();
      expect([
        [204, 409],
        [409, 409],
      ]).toContainEqual(statuses);
      const stayed = [byOwner.status === 409 ? owner : null, byPartner.status === 409 ? partner : null]
        .filter((person): person is SignedIn => person !== null)
        .map((person) => person.id)
        .sort();
      expect({ round, owners: (await memberIds(raced.id, { role: 'owner' })).sort() }).toEqual({
        round,
        owners: stayed,
      });
      expect({ round, count: await memberCount(raced.id) }).toEqual({ round, count: stayed.length });
      if (stayed.length === 1) {
        oneLeft += 1;
        await post(`${raced.id}/leave`, byOwner.status === 409 ? owner.auth : partner.auth).expect(409);
      }
    }
    // Refusing both every time would keep the rule but make leaving impossible in practice.
    expect(oneLeft).toBeGreaterThan(0);
  }, 60_000);

  it('memberCount stays equal to the real number of active members through joins, leaves and role changes', async () => {
    const group = await newGroup();
    const [p0, p1, p2, p3, p4, p5, p6] = people;
    const expected = new Set([owner.id]);
    const check = async (step: string) => {
      const ids = await memberIds(group.id);
      expect({ step, duplicates: ids.length - new Set(ids).size }).toEqual({ step, duplicates: 0 });
      expect({ step, members: [...ids].sort() }).toEqual({ step, members: [...expected].sort() });
      expect({ step, memberCount: await memberCount(group.id) }).toEqual({ step, memberCount: ids.length });
    };

    // five join at once
    const joins = await Promise.all([p0, p1, p2, p3, p4].map((person) => post(`${group.id}/join`, person.auth)));
    expect(joins.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    [p0, p1, p2, p3, p4].forEach((person) => expected.add(person.id));
    await check('five joins at once');

    // one person joining twice at once counts once
    const twice = await Promise.all([post(`${group.id}/join`, p5.auth), post(`${group.id}/join`, p5.auth)]);
    expect(twice.map((response) => response.status).sort()).toEqual([201, 409]);
    expected.add(p5.id);
    await check('double join');

    await post(`${group.id}/leave`, p0.auth).expect(204);
    expected.delete(p0.id);
    await check('leave');

    // by request from now on
    await app.http.patch(`${GROUPS}/${group.id}`).set(owner.auth).send({ joinPolicy: 'request' }).expect(200);
    await Promise.all([p0, p6].map((person) => post(`${group.id}/join`, person.auth).expect(201)));
    await check('two requests');
    const approvals = await Promise.all([
      post(`${group.id}/requests/${p0.id}/approve`, owner.auth),
      post(`${group.id}/requests/${p0.id}/approve`, owner.auth),
    ]);
    // MongoDB lets one approval win (200, 404); FerretDB 1.24 may let both through (200, 200).
    // Either way the member is counted once, which is what `check` asserts.
    expect([
      [200, 404],
      [200, 200],
    ]).toContainEqual(approvals.map((response) => response.status).sort());
    expected.add(p0.id);
    await check('one request approved twice at once');
    await post(`${group.id}/requests/${p6.id}/reject`, owner.auth).expect(204);
    await check('reject');

    await removeMember(group.id, owner.auth, p1.id).expect(204);
    expected.delete(p1.id);
    await check('remove');
    await removeMember(group.id, owner.auth, p1.id).expect(404);
    await check('remove again');

    // a facilitator removes a plain member, but not an owner
    await patchMember(group.id, owner.auth, p2.id, 'facilitator').expect(200);
    await removeMember(group.id, p2.auth, p3.id).expect(204);
    expected.delete(p3.id);
    await removeMember(group.id, p2.auth, owner.id).expect(403);
    await check('facilitator removes a member');

    // owners change hands and back
    await patchMember(group.id, owner.auth, p4.id, 'owner').expect(200);
    await patchMember(group.id, p4.auth, owner.id, 'member').expect(200);
    await patchMember(group.id, p4.auth, owner.id, 'owner').expect(200);
    await patchMember(group.id, owner.auth, p4.id, 'facilitator').expect(200);
    await check('role changes');
    expect(await memberIds(group.id, { role: 'owner' })).toEqual([owner.id]);
    expect((await memberIds(group.id, { role: 'facilitator' })).sort()).toEqual([p2.id, p4.id].sort());

    // a facilitator leaves, a removed owner, everyone else joins again
    await post(`${group.id}/leave`, p2.auth).expect(204);
    expected.delete(p2.id);
    await patchMember(group.id, owner.auth, p5.id, 'owner').expect(200);
    await removeMember(group.id, owner.auth, p5.id).expect(204);
    expected.delete(p5.id);
    await check('facilitator leaves, an owner is removed');
    expect(await memberIds(group.id, { role: 'owner' })).toEqual([owner.id]);

    await app.http.patch(`${GROUPS}/${group.id}`).set(owner.auth).send({ joinPolicy: 'open' }).expect(200);
    const rejoins = await Promise.all([p1, p2, p3, p5, p6].map((person) => post(`${group.id}/join`, person.auth)));
    expect(rejoins.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    [p1, p2, p3, p5, p6].forEach((person) => expected.add(person.id));
    await check('everyone back');
    expect(expected.size).toBe(8);

    // churn: everyone but the owner leaves at once, then joins again at once
    const crowd = [p0, p1, p2, p3, p4, p5, p6];
    for (let round = 0; round < 3; round += 1) {
      const leaves = await Promise.all(crowd.map((person) => post(`${group.id}/leave`, person.auth)));
      expect(leaves.map((response) => response.status)).toEqual(crowd.map(() => 204));
      crowd.forEach((person) => expected.delete(person.id));
      await check(`churn ${round}: all left`);
      const back = await Promise.all(crowd.map((person) => post(`${group.id}/join`, person.auth)));
      expect(back.map((response) => response.status)).toEqual(crowd.map(() => 201));
      crowd.forEach((person) => expected.add(person.id));
      await check(`churn ${round}: all back`);
    }
  }, 60_000);

  it('refuses bad input on groups with a 400 (or 409) naming the field, and writes nothing', async () => {
    const group = await newGroup({ name: 'Unique Name Group' });
    const member = people[0];
    await post(`${group.id}/join`, member.auth).expect(201);
    const valid = { name: 'A Fresh Group', type: 'working_group' };
    const before = await documentCounts(app.connection);

    const cases: [string, () => ReturnType<TestApp['http']['get']>, number, string, string | RegExp][] = [
      ['country ZZ', () => post('', owner.auth, { ...valid, country: 'ZZ' }), 400, 'country', /ISO 3166-1/],
      ['objective 24', () => post('', owner.auth, { ...valid, objectives: [24] }), 400, 'objectives', /1 to 23/],
      ['type club', () => post('', owner.auth, { ...valid, type: 'club' }), 400, 'type', /must be one of/],
      ['extra owner', () => post('', owner.auth, { ...valid, owner: 'x' }), 400, 'owner', 'is not an allowed field'],
      [
        'country network without country',
        () => post('', admin.auth, { name: 'Countryless Network', type: 'country_network' }),
        400,
        'country',
        'is required',
      ],
      ['two-letter name', () => post('', owner.auth, { ...valid, name: 'Ab' }), 400, 'name', /3/],
      [
        'same name, other case',
        () => post('', owner.auth, { ...valid, name: 'UNIQUE name group' }),
        409,
        'name',
        /taken/,
      ],
      [
        'same name, spaces around',
        () => post('', owner.auth, { ...valid, name: '  unique NAME group ' }),
        409,
        'name',
        /taken/,
      ],
      [
        'role superuser',
        () => patchMember(group.id, owner.auth, member.id, 'superuser'),
        400,
        'role',
        /must be one of/,
      ],
      ['invite nope', () => post(`${group.id}/invitations`, owner.auth, { userId: 'nope' }), 400, 'userId', /hex id/],
      ['list objective 24', () => get(app, GROUPS, owner.auth).query({ objective: 24 }), 400, 'objective', /1 to 23/],
      ['list country ZZ', () => get(app, GROUPS, owner.auth).query({ country: 'ZZ' }), 400, 'country', /ISO 3166-1/],
      [
        'counts country ZZ',
        () => get(app, `${GROUPS}/counts`, owner.auth).query({ country: 'ZZ' }),
        400,
        'country',
        /ISO/,
      ],
      ['bad id on GET', () => get(app, `${GROUPS}/not-an-id`, owner.auth), 400, 'id', /hex id/],
      ['bad id on join', () => post('123/join', member.auth), 400, 'id', /hex id/],
      ['bad id on DELETE', () => app.http.delete(`${GROUPS}/${group.id}0`).set(owner.auth), 400, 'id', /hex id/],
      ['bad userId', () => removeMember(group.id, owner.auth, 'someone'), 400, 'userId', /hex id/],
      [
        'type on update',
        () => app.http.patch(`${GROUPS}/${group.id}`).set(owner.auth).send({ type: 'thematic' }),
        400,
        'type',
        'is not an allowed field',
      ],
    ];
    for (const [what, send, status, field, problem] of cases) {
      const response = await send();
      expect({ what, status: response.status }).toEqual({ what, status });
      const error = expectError(response.body, status);
      expect({ what, fields: fieldsOf(error) }).toEqual({ what, fields: [field] });
      const detail = error.details.find((entry) => entry.field === field)?.problem ?? '';
      if (typeof problem === 'string') expect({ what, problem: detail }).toEqual({ what, problem });
      else expect({ what, problem: detail }).toEqual({ what, problem: expect.stringMatching(problem) });
    }

    expect(await documentCounts(app.connection)).toEqual(before);
    expect(await readGroup(app, owner.auth, group.id)).toMatchObject({
      type: 'working_group',
      name: 'Unique Name Group',
    });
    expect(await memberIds(group.id, { role: 'member' })).toEqual([member.id]);
    expect(await listNames(app, owner.auth, { q: 'a fresh group' })).toEqual([]);
  }, 60_000);

  it('DELETE group by its owner: the group and every membership in it are gone', async () => {
    const group = await newGroup({ name: uniqueName('Doomed Group') });
    const [member, requester, invitee, facilitator] = people;
    await post(`${group.id}/join`, member.auth).expect(201);
    await post(`${group.id}/join`, facilitator.auth).expect(201);
    await patchMember(group.id, owner.auth, facilitator.id, 'facilitator').expect(200);
    await app.http.patch(`${GROUPS}/${group.id}`).set(owner.auth).send({ joinPolicy: 'request' }).expect(200);
    await post(`${group.id}/join`, requester.auth).expect(201);
    await post(`${group.id}/invitations`, owner.auth, { userId: invitee.id }).expect(201);
    const mineIds = async (auth: Auth) =>
      (await allPages<GroupBody>(app, GROUPS, auth, { mine: 'true' }, 100)).map((entry) => entry.id);
    expect(await mineIds(member.auth)).toContain(group.id);
    const memberships = app.connection.collection('memberships');
    expect(await memberships.countDocuments({ groupId: new Types.ObjectId(group.id) })).toBe(5);

    // only an owner may delete it
    await app.http.delete(`${GROUPS}/${group.id}`).expect(401);
    for (const caller of [member, facilitator, requester]) {
      expectError((await app.http.delete(`${GROUPS}/${group.id}`).set(caller.auth).expect(403)).body, 403);
    }
    expect(await memberCount(group.id)).toBe(3);

    await app.http.delete(`${GROUPS}/${group.id}`).set(owner.auth).expect(204);
    for (const auth of [owner.auth, member.auth, admin.auth, undefined]) {
      expectError((await get(app, `${GROUPS}/${group.id}`, auth).expect(404)).body, 404);
    }
    expect(await mineIds(member.auth)).not.toContain(group.id);
    expect(await mineIds(owner.auth)).not.toContain(group.id);
    expect(await memberships.countDocuments({ groupId: new Types.ObjectId(group.id) })).toBe(0);
    for (const person of [member, requester, invitee, facilitator]) {
      const exported = await app.http.get('/api/v1/members/me/export').set(person.auth).expect(200);
      const groupIds = (exported.body.community.memberships as { group: { id: string } }[]).map((m) => m.group.id);
      expect(groupIds).not.toContain(group.id);
    }
    await app.http.delete(`${GROUPS}/${group.id}`).set(owner.auth).expect(404);
    await post(`${group.id}/join`, member.auth).expect(404);
    await post(`${group.id}/invitations/accept`, invitee.auth).expect(404);
  }, 60_000);
});

describe('GET /groups filters', () => {
  let app: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('groups_filters');
    admin = await loginAdmin(app);
    viewer = await register(app, { displayName: 'Group Viewer' });
    const groups: Record<string, unknown>[] = [
      { name: 'Alpha Labour Mobility', type: 'working_group', country: 'sn', region: 'africa', objectives: [6, 1] },
      { name: 'beta Climate Displacement', type: 'thematic', objectives: [2, 23] },
      { name: 'Senegal Network', type: 'country_network', country: 'SN', objectives: [1] },
      { name: 'Mexico Network', type: 'country_network', country: 'MX', region: 'americas', objectives: [6] },
      { name: 'Africa Regional Hub', type: 'regional_network', region: 'africa', objectives: [23] },
      { name: 'Europe Regional Hub', type: 'regional_network', region: 'europe' },
      { name: 'Data (Evidence) Group', type: 'working_group', country: 'MX', objectives: [1], joinPolicy: 'request' },
      { name: 'Dot.Org Working Group', type: 'working_group', region: 'americas', joinPolicy: 'invite' },
      {
        name: 'Hidden Senegal Circle',
        type: 'working_group',
        visibility: 'private',
        country: 'SN',
        region: 'africa',
        objectives: [1],
      },
    ];
    const created: Record<string, GroupBody> = {};
    for (const group of groups) created[group.name as string] = await createGroup(app, admin.auth, group);
    await createGroup(app, viewer.auth, { name: 'Zeta Viewer Workshop', type: 'working_group' });
    // the viewer: active in two groups, pending in one, invited to another
    await app.http.post(`${GROUPS}/${created['Alpha Labour Mobility'].id}/join`).set(viewer.auth).expect(201);
    await app.http.post(`${GROUPS}/${created['beta Climate Displacement'].id}/join`).set(viewer.auth).expect(201);
    const pending = await app.http.post(`${GROUPS}/${created['Data (Evidence) Group'].id}/join`).set(viewer.auth);
    expect(pending.body).toMatchObject({ status: 'pending' });
    const invited = await app.http
      .post(`${GROUPS}/${created['Dot.Org Working Group'].id}/invitations`)
      .set(admin.auth)
      .send({ userId: viewer.id });
    expect(invited.body).toMatchObject({ status: 'invited' });
  }, 60_000);
  afterAll(() => app.close());

  const everyPublic = [
    'Africa Regional Hub',
    'Alpha Labour Mobility',
    'beta Climate Displacement',
    'Data (Evidence) Group',
    'Dot.Org Working Group',
    'Europe Regional Hub',
    'Mexico Network',
    'Senegal Network',
    'Zeta Viewer Workshop',
  ];

  it('filters by type, country, region, objective, q and mine, listing exactly the matching groups', async () => {
    const names = (query: Query, auth: Auth | undefined = viewer.auth) => listNames(app, auth, query);
    // unfiltered: sorted by lower-cased name, the private group hidden from those outside it
    expect(await names({})).toEqual(everyPublic);
    expect(await names({}, undefined)).toEqual(everyPublic);
    expect(await names({}, admin.auth)).toEqual([...everyPublic, 'Hidden Senegal Circle'].sort(byLowerName));

    const cases: [Query, string[], string[]?][] = [
      // [query, as the viewer sees it, as the admin sees it (when different)]
      [
        { type: 'working_group' },
        ['Alpha Labour Mobility', 'Data (Evidence) Group', 'Dot.Org Working Group', 'Zeta Viewer Workshop'],
        [
          'Alpha Labour Mobility',
          'Data (Evidence) Group',
          'Dot.Org Working Group',
          'Hidden Senegal Circle',
          'Zeta Viewer Workshop',
        ],
      ],
      [{ type: 'thematic' }, ['beta Climate Displacement']],
      [{ type: 'country_network' }, ['Mexico Network', 'Senegal Network']],
      [{ type: 'regional_network' }, ['Africa Regional Hub', 'Europe Regional Hub']],
      [
        { country: 'SN' },
        ['Alpha Labour Mobility', 'Senegal Network'],
        ['Alpha Labour Mobility', 'Hidden Senegal Circle', 'Senegal Network'],
      ],
      [
        { country: 'sn' },
        ['Alpha Labour Mobility', 'Senegal Network'],
        ['Alpha Labour Mobility', 'Hidden Senegal Circle', 'Senegal Network'],
      ],
      [{ country: 'MX' }, ['Data (Evidence) Group', 'Mexico Network']],
      [{ country: 'FR' }, []],
      [
        { region: 'africa' },
        ['Africa Regional Hub', 'Alpha Labour Mobility'],
        ['Africa Regional Hub', 'Alpha Labour Mobility', 'Hidden Senegal Circle'],
      ],
      [{ region: 'americas' }, ['Dot.Org Working Group', 'Mexico Network']],
      [{ region: 'europe' }, ['Europe Regional Hub']],
      [{ region: 'oceania' }, []],
      [
        { objective: 1 },
        ['Alpha Labour Mobility', 'Data (Evidence) Group', 'Senegal Network'],
        ['Alpha Labour Mobility', 'Data (Evidence) Group', 'Hidden Senegal Circle', 'Senegal Network'],
      ],
      [{ objective: 6 }, ['Alpha Labour Mobility', 'Mexico Network']],
      [{ objective: 23 }, ['Africa Regional Hub', 'beta Climate Displacement']],
      [{ objective: 2 }, ['beta Climate Displacement']],
      [{ objective: 7 }, []],
      // q: a case-insensitive substring of the name, taken literally
      [{ q: 'NETWORK' }, ['Mexico Network', 'Senegal Network']],
      [{ q: 'hUb' }, ['Africa Regional Hub', 'Europe Regional Hub']],
      [{ q: 'group' }, ['Data (Evidence) Group', 'Dot.Org Working Group']],
      [{ q: '(evidence)' }, ['Data (Evidence) Group']],
      [{ q: '(' }, ['Data (Evidence) Group']],
      [{ q: '.' }, ['Dot.Org Working Group']],
      [{ q: 'dot.org' }, ['Dot.Org Working Group']],
      [{ q: '.*' }, []],
      [{ q: 'd.t' }, []],
      [{ q: 'a|b' }, []],
      [{ q: '^beta' }, []],
      [{ q: 'circle' }, [], ['Hidden Senegal Circle']],
      // filters combine
      [
        { type: 'working_group', country: 'SN' },
        ['Alpha Labour Mobility'],
        ['Alpha Labour Mobility', 'Hidden Senegal Circle'],
      ],
      [{ region: 'africa', objective: 23 }, ['Africa Regional Hub']],
      [{ type: 'country_network', q: 'senegal' }, ['Senegal Network']],
    ];
    for (const [query, forViewer, forAdmin] of cases) {
      expect({ query, names: await names(query) }).toEqual({ query, names: forViewer });
      expect({ query, names: await names(query, admin.auth) }).toEqual({ query, names: forAdmin ?? forViewer });
    }

    // mine: active memberships only (not the pending request, not the invitation)
    expect(await names({ mine: 'true' })).toEqual([
      'Alpha Labour Mobility',
      'beta Climate Displacement',
      'Zeta Viewer Workshop',
    ]);
    expect(await names({ mine: 'true', type: 'thematic' })).toEqual(['beta Climate Displacement']);
    expect(await names({ mine: 'true', q: 'alpha' })).toEqual(['Alpha Labour Mobility']);
    expect(await names({ mine: 'false' })).toEqual(everyPublic);
    expect(await names({ mine: 'true' }, admin.auth)).toEqual(
      [...everyPublic, 'Hidden Senegal Circle'].filter((name) => name !== 'Zeta Viewer Workshop').sort(byLowerName),
    );
    const guestMine = await app.http.get(GROUPS).query({ mine: 'true' });
    expect(guestMine.status).toBe(401);
    expectError(guestMine.body, 401);
    const guestCounts = await app.http.get(`${GROUPS}/counts`).query({ mine: 'true' });
    expect(guestCounts.status).toBe(401);
  }, 60_000);

  it('counts agree with the list under the same filters', async () => {
    const queries: Query[] = [{}, { country: 'SN' }, { region: 'africa' }, { objective: 1 }, { q: 'network' }];
    const listed = async (auth: Auth | undefined, query: Query) =>
      (
        await get(app, GROUPS, auth)
          .query({ limit: 100, ...query })
          .expect(200)
      ).body as PageBody<GroupBody>;
    for (const auth of [viewer.auth, admin.auth, undefined]) {
      for (const query of [...queries, { mine: 'true' }, { type: 'working_group', country: 'SN' }]) {
        if (!auth && query.mine) continue;
        const page = await listed(auth, query);
        const counts = (await get(app, `${GROUPS}/counts`, auth).query(query).expect(200)).body as CountsBody;
        const byType = Object.fromEntries(
          GROUP_TYPES.map((type) => [type, page.items.filter((group) => group.type === type).length]),
        );
        expect({ query, counts }).toEqual({ query, counts: { total: page.items.length, byType } });
      }
    }
    const all = (await get(app, `${GROUPS}/counts`, viewer.auth).expect(200)).body as CountsBody;
    expect(all).toEqual({
      total: 9,
      byType: { working_group: 4, country_network: 2, regional_network: 2, thematic: 1 },
    });
    const senegal = (await get(app, `${GROUPS}/counts`, admin.auth).query({ country: 'SN' }).expect(200))
      .body as CountsBody;
    expect(senegal).toEqual({
      total: 3,
      byType: { working_group: 2, country_network: 1, regional_network: 0, thematic: 0 },
    });
  }, 60_000);
});

describe('GET /groups cursor pagination', () => {
  let app: TestApp;
  let creator: SignedIn;
  const words = [
    'apple',
    'Banana',
    'cherry',
    'Damson',
    'elder',
    'Fig',
    'grape',
    'Hazel',
    'iris',
    'Juniper',
    'kiwi',
    'Lemon',
    'mango',
    'Nectar',
    'olive',
    'Peach',
    'quince',
    'Rowan',
    'sloe',
    'Tamarind',
    'ugli',
    'Vanilla',
    'walnut',
    'Xigua',
    'yuzu',
  ];
  const originals = words.map((word) => `${word} pagination`);

  beforeAll(async () => {
    app = await startTestApp('groups_paging');
    creator = await register(app);
    for (const name of originals) await createGroup(app, creator.auth, { name, type: 'working_group' });
  }, 60_000);
  afterAll(() => app.close());

  it('walks every group exactly once, in lower-cased name order, while groups are created between pages', async () => {
    const limit = 4;
    const walked: string[] = [];
    const before: string[] = [];
    const inserted: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let pendingCreates: Promise<unknown>[] = [];
    do {
      const [response] = await Promise.all([
        app.http
          .get(GROUPS)
          .query({ limit, ...(cursor ? { cursor } : {}) })
          .expect(200),
        ...pendingCreates,
      ]);
      const body = response.body as PageBody<GroupBody>;
      expect(body.items.length).toBeLessThanOrEqual(limit);
      walked.push(...body.items.map((group) => group.name));
      cursor = body.nextCursor;
      pages += 1;
      pendingCreates = [];
      if (cursor) expect(body.items).toHaveLength(limit);
      const last = body.items[body.items.length - 1]?.name ?? '';
      // while the walk is among the original groups, other groups are created during the next page request
      if (cursor && originals.includes(last)) {
        // before the position: at the very start, and just before the last name seen
        const earlier = [`Aaa inserted ${pages}`, last.slice(0, -1)];
        // after it: right after the last name seen (other letter case), and at the very end
        const later = [`${last.toUpperCase()} after ${pages}`, `Zzz inserted ${pages}`];
        before.push(...earlier);
        inserted.push(...earlier, ...later);
        pendingCreates = [...earlier, ...later].map((name) =>
          createGroup(app, creator.auth, { name, type: 'working_group' }),
        );
      }
      if (pages > 50) throw new Error('pagination does not end');
    } while (cursor);

    expect(pages).toBeGreaterThanOrEqual(Math.ceil(originals.length / limit));
    expect(inserted.length).toBeGreaterThanOrEqual(12);
    // no duplicates, strictly in lower-cased name order
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual([...walked].sort(byLowerName));
    // every group that existed before the walk appears exactly once
    for (const name of originals)
      expect({ name, times: walked.filter((seen) => seen === name).length }).toEqual({ name, times: 1 });
    // nothing from before the position shows up, and nothing unknown
    for (const name of before) expect(walked).not.toContain(name);
    for (const name of walked) expect([...originals, ...inserted]).toContain(name);

    // a fresh walk sees everything
    const fresh = await allPages<GroupBody>(app, GROUPS, undefined, {}, limit);
    expect(fresh.map((group) => group.name)).toEqual([...originals, ...inserted].sort(byLowerName));
  }, 60_000);

  it('refuses a bad cursor or limit with a 400 naming it', async () => {
    const cases: [Query, string][] = [
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ cursor: '!!!' }, 'cursor'],
      [{ cursor: Buffer.from('{"a":1}').toString('base64url') }, 'cursor'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
    ];
    for (const [query, field] of cases) {
      const response = await app.http.get(GROUPS).set(creator.auth).query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect({ query, fields: fieldsOf(expectError(response.body, 400)) }).toEqual({ query, fields: [field] });
    }
    await app.http.get(GROUPS).query({ limit: 1 }).expect(200);
    await app.http.get(GROUPS).query({ limit: 100 }).expect(200);
  }, 60_000);
});
