import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Auth, expectError, fieldsOf } from './support/http.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { register, type SignedIn } from './support/users.js';

const GROUPS = '/api/v1/groups';

interface GroupBody {
  id: string;
  name: string;
  viewer: { role: string; status: string } | null;
}

describe('the group list by the caller’s membership', () => {
  let app: TestApp;
  let owner: SignedIn;
  let member: SignedIn;
  const mk = `mf${randomBytes(4).toString('hex')}`;
  const groups: Record<'open' | 'request' | 'secret' | 'other', GroupBody> = {} as never;

  beforeAll(async () => {
    app = await startTestApp('group_membership_filter');
    owner = await register(app);
    member = await register(app);
    const create = async (name: string, body: object) =>
      (
        await app.http
          .post(GROUPS)
          .set(owner.auth)
          .send({ name: `${name} ${mk}`, type: 'working_group', ...body })
          .expect(201)
      ).body as GroupBody;
    groups.open = await create('Open', { joinPolicy: 'open' });
    groups.request = await create('Request', { joinPolicy: 'request' });
    groups.secret = await create('Secret', { joinPolicy: 'invite', visibility: 'private' });
    groups.other = await create('Other', { joinPolicy: 'open' });
    await app.http.post(`${GROUPS}/${groups.open.id}/join`).set(member.auth).expect(201);
    await app.http.post(`${GROUPS}/${groups.request.id}/join`).set(member.auth).expect(201);
    await app.http
      .post(`${GROUPS}/${groups.secret.id}/invitations`)
      .set(owner.auth)
      .send({ userId: member.id })
      .expect(201);
  }, 60_000);
  afterAll(() => app.close());

  const list = async (auth: Auth, query: Record<string, string>) =>
    (
      (
        await app.http
          .get(GROUPS)
          .set(auth)
          .query({ q: mk, ...query })
          .expect(200)
      ).body.items as GroupBody[]
    ).map((group) => [group.name, group.viewer?.status ?? null]);

  it('lists the groups where the caller is invited, waiting or a member, with their status', async () => {
    expect(await list(member.auth, { membership: 'invited' })).toEqual([[groups.secret.name, 'invited']]);
    expect(await list(member.auth, { membership: 'pending' })).toEqual([[groups.request.name, 'pending']]);
    expect(await list(member.auth, { membership: 'active' })).toEqual([[groups.open.name, 'active']]);
    expect(await list(member.auth, { mine: 'true' })).toEqual([[groups.open.name, 'active']]);
    expect(await list(member.auth, { mine: 'true', membership: 'active' })).toEqual([[groups.open.name, 'active']]);
    expect(await list(member.auth, { mine: 'true', membership: 'invited' })).toEqual([]);
    expect(await list(owner.auth, { membership: 'invited' })).toEqual([]);
    expect(await list(owner.auth, { membership: 'active' })).toHaveLength(4);

    const counts = await app.http.get(`${GROUPS}/counts`).set(member.auth).query({ q: mk, membership: 'invited' });
    expect(counts.status).toBe(200);
    expect(counts.body.total).toBe(1);

    // accepted, the invitation leaves the list of invitations for the list of groups
    await app.http.post(`${GROUPS}/${groups.secret.id}/invitations/accept`).set(member.auth).expect(200);
    expect(await list(member.auth, { membership: 'invited' })).toEqual([]);
    expect(await list(member.auth, { membership: 'active' })).toEqual([
      [groups.open.name, 'active'],
      [groups.secret.name, 'active'],
    ]);
  }, 60_000);

  it('asks a guest to sign in, and refuses an unknown status naming the field', async () => {
    expectError((await app.http.get(GROUPS).query({ membership: 'invited' }).expect(401)).body, 401);
    const bad = await app.http.get(GROUPS).set(member.auth).query({ membership: 'banned' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(expectError(bad.body, 400))).toEqual(['membership']);
  });
});

describe('the invitations a group has sent', () => {
  let app: TestApp;
  let owner: SignedIn;
  let facilitator: SignedIn;
  let member: SignedIn;
  let invitee: SignedIn;
  let other: SignedIn;
  let groupId = '';

  beforeAll(async () => {
    app = await startTestApp('group_invitations_sent');
    [owner, facilitator, member, invitee, other] = await Promise.all([1, 2, 3, 4, 5].map(() => register(app)));
    const group = await app.http
      .post(GROUPS)
      .set(owner.auth)
      .send({ name: `Circle ${randomBytes(4).toString('hex')}`, type: 'working_group', joinPolicy: 'open' })
      .expect(201);
    groupId = group.body.id;
    for (const person of [facilitator, member])
      await app.http.post(`${GROUPS}/${groupId}/join`).set(person.auth).expect(201);
    await app.http
      .patch(`${GROUPS}/${groupId}/members/${facilitator.id}`)
      .set(owner.auth)
      .send({ role: 'facilitator' })
      .expect(200);
  }, 60_000);
  afterAll(() => app.close());

  const sent = async (auth: Auth) =>
    (
      (await app.http.get(`${GROUPS}/${groupId}/invitations`).set(auth).expect(200)).body.items as {
        userId: string;
        status: string;
      }[]
    ).map((item) => [item.userId, item.status]);

  it('lists them to those who may invite, and lets them withdraw one', async () => {
    await app.http.post(`${GROUPS}/${groupId}/invitations`).set(owner.auth).send({ userId: invitee.id }).expect(201);
    await app.http
      .post(`${GROUPS}/${groupId}/invitations`)
      .set(facilitator.auth)
      .send({ userId: other.id })
      .expect(201);
    expect(await sent(owner.auth)).toEqual([
      [invitee.id, 'invited'],
      [other.id, 'invited'],
    ]);
    expect(await sent(facilitator.auth)).toHaveLength(2);
    // a plain member may not see them, nor withdraw one
    expectError((await app.http.get(`${GROUPS}/${groupId}/invitations`).set(member.auth).expect(403)).body, 403);
    await app.http.delete(`${GROUPS}/${groupId}/invitations/${invitee.id}`).set(member.auth).expect(403);
    await app.http.get(`${GROUPS}/${groupId}/invitations`).expect(401);

    // withdrawn: gone from the list, and the group's invitation is no longer the invitee's to accept
    await app.http.delete(`${GROUPS}/${groupId}/invitations/${invitee.id}`).set(facilitator.auth).expect(204);
    expect(await sent(owner.auth)).toEqual([[other.id, 'invited']]);
    await app.http.post(`${GROUPS}/${groupId}/invitations/accept`).set(invitee.auth).expect(404);
    // only an open invitation can be withdrawn: not twice, and never a member
    await app.http.delete(`${GROUPS}/${groupId}/invitations/${invitee.id}`).set(owner.auth).expect(404);
    await app.http.delete(`${GROUPS}/${groupId}/invitations/${member.id}`).set(owner.auth).expect(404);
    expect((await app.http.get(`${GROUPS}/${groupId}`).set(owner.auth).expect(200)).body.memberCount).toBe(3);

    // accepted, an invitation leaves the list
    await app.http.post(`${GROUPS}/${groupId}/invitations/accept`).set(other.auth).expect(200);
    expect(await sent(owner.auth)).toEqual([]);
    const bad = await app.http.delete(`${GROUPS}/${groupId}/invitations/not-an-id`).set(owner.auth);
    expect(bad.status).toBe(400);
    expect(fieldsOf(expectError(bad.body, 400))).toEqual(['userId']);
  }, 60_000);
});
