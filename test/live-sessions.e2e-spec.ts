import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addToGroup, API, createGroup, errorProblem, startForumApp, watchWrites } from './support/forum.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

interface SessionBody {
  id: string;
  title: string;
  status: string;
  code: string | null;
  joinLink: string | null;
  link: string | null;
  role: string;
  audience: string;
  eventId: string | null;
  groupId: string | null;
  qa: Record<string, unknown>;
  registration: { mode: string; status: string } | null;
  staff: { userId: string; role: string }[];
}

const HOUR = 60 * 60 * 1000;
const soon = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

function sessionBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Labour mobility webinar',
    startsAt: soon(1),
    endsAt: soon(2),
    timezone: 'Europe/Zurich',
    format: 'hybrid',
    link: 'https://meet.example.org/labour',
    languages: ['en', 'fr'],
    agenda: [{ title: 'Opening', speakers: ['Amina'] }],
    ...overrides,
  };
}

describe('live sessions: events, sessions, codes, roles, guests, registration', () => {
  let app: TestApp;
  let admin: SignedIn;
  let host: SignedIn;
  let member: SignedIn;
  let outsider: SignedIn;
  let moderator: SignedIn;

  const createSession = async (caller: SignedIn, overrides: Record<string, unknown> = {}): Promise<SessionBody> => {
    const response = await app.http.post(`${API}/live/sessions`).set(caller.auth).send(sessionBody(overrides));
    if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    return response.body as SessionBody;
  };

  beforeAll(async () => {
    app = await startForumApp('live_sessions');
    admin = await loginAdmin(app);
    [host, member, outsider, moderator] = await Promise.all([
      register(app),
      register(app),
      register(app),
      registerWithRole(app, 'moderator'),
    ]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates a standalone session: its creator is its first host, it gets a join code, it is scheduled', async () => {
    const session = await createSession(host);
    expect(session).toMatchObject({
      status: 'scheduled',
      role: 'host',
      audience: 'public',
      link: 'https://meet.example.org/labour',
      qa: { open: true, anonymousAllowed: true, guestsAllowed: false, preModeration: false, maxLength: 500 },
      staff: [{ userId: host.id, role: 'host' }],
    });
    expect(session.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(session.joinLink).toBe(`/j/${session.code}`);
  });

  it('shows the meeting link only to registered attendees and staff', async () => {
    const session = await createSession(host);
    const asMember = await app.http.get(`${API}/live/sessions/${session.id}`).set(member.auth);
    expect(asMember.body).toMatchObject({ role: 'attendee', link: null, registration: null });
    const asGuest = await app.http.get(`${API}/live/sessions/${session.id}`);
    expect(asGuest.body).toMatchObject({ link: null });
    const registered = await app.http
      .post(`${API}/live/sessions/${session.id}/registration`)
      .set(member.auth)
      .send({ mode: 'remote' });
    expect({ status: registered.status, body: registered.body }).toEqual({
      status: 201,
      body: { mode: 'remote', status: 'registered' },
    });
    const again = await app.http.get(`${API}/live/sessions/${session.id}`).set(member.auth);
    expect(again.body).toMatchObject({
      link: 'https://meet.example.org/labour',
      registration: { status: 'registered' },
    });
    const asModerator = await app.http.get(`${API}/live/sessions/${session.id}`).set(moderator.auth);
    expect(asModerator.body).toMatchObject({ link: 'https://meet.example.org/labour' });
  });

  it('finds a session by its code in any case, and frees the code when the session ends', async () => {
    const session = await createSession(host);
    const found = await app.http.get(`${API}/live/sessions/by-code/${session.code!.toLowerCase()}`).set(member.auth);
    expect({ status: found.status, id: (found.body as SessionBody).id }).toEqual({ status: 200, id: session.id });
    expect((await app.http.post(`${API}/live/sessions/${session.id}/start`).set(member.auth)).status).toBe(403);
    const started = await app.http.post(`${API}/live/sessions/${session.id}/start`).set(host.auth);
    expect(started.body).toMatchObject({ status: 'live' });
    const ended = await app.http.post(`${API}/live/sessions/${session.id}/end`).set(host.auth);
    expect(ended.body).toMatchObject({ status: 'ended', code: null, joinLink: null });
    expect((await app.http.get(`${API}/live/sessions/by-code/${session.code}`).set(member.auth)).status).toBe(404);
    expect((await app.http.post(`${API}/live/sessions/${session.id}/end`).set(host.auth)).status).toBe(409);
  });

  it('lets guests join by code only when the session admits them, with a token good for that session alone', async () => {
    const closed = await createSession(host);
    const refused = await app.http.post(`${API}/live/join`).send({ code: closed.code, displayName: 'Visitor' });
    expect(refused.status).toBe(403);
    expect((refused.body as { message: string }).message).toMatch(/does not admit guests/);

    const qa = { ...closed.qa, guestsAllowed: true };
    const open = await createSession(host, { qa });
    const joined = await app.http.post(`${API}/live/join`).send({ code: open.code, displayName: 'Visitor' });
    expect({ status: joined.status, session: (joined.body as { session: SessionBody }).session.id }).toEqual({
      status: 200,
      session: open.id,
    });
    const guest = { Authorization: `Bearer ${(joined.body as { token: string }).token}` };
    expect((await app.http.get(`${API}/live/sessions/${open.id}`).set(guest)).status).toBe(200);
    expect((await app.http.get(`${API}/live/sessions/by-code/${open.code}`).set(guest)).status).toBe(200);
    // Another session, public though it is, is not the guest's.
    expect((await app.http.get(`${API}/live/sessions/${closed.id}`).set(guest)).status).toBe(404);
    expect((await app.http.get(`${API}/live/sessions/by-code/${closed.code}`).set(guest)).status).toBe(404);

    const other = await createSession(host, { qa, groupId: undefined });
    const group = await createGroup(app, host, 'private', 'Live private group');
    const hidden = await createSession(host, { groupId: group.id, qa });
    expect((await app.http.get(`${API}/live/sessions/${hidden.id}`).set(guest)).status).toBe(404);
    expect(other.id).not.toBe(open.id);
    for (const [method, path] of [
      ['get', `${API}/users/me`],
      ['get', `${API}/notifications`],
      ['post', `${API}/live/sessions`],
      ['patch', `${API}/live/sessions/${open.id}`],
      ['post', `${API}/live/sessions/${open.id}/registration`],
      ['get', `${API}/categories`],
    ] as const) {
      const response = await app.http[method](path).set(guest).send({});
      expect({ path, method, status: response.status }).toEqual({ path, method, status: 403 });
    }
  });

  it("keeps a private group's sessions from outsiders: lists, codes and reads", async () => {
    const group = await createGroup(app, host, 'private', 'Live network');
    await addToGroup(app, host, group, member);
    const session = await createSession(host, { groupId: group.id, title: 'Network only' });
    expect(session.audience).toBe('group');
    for (const caller of [outsider, null]) {
      const auth = caller?.auth ?? {};
      expect((await app.http.get(`${API}/live/sessions/${session.id}`).set(auth)).status).toBe(404);
      expect((await app.http.get(`${API}/live/sessions/by-code/${session.code}`).set(auth)).status).toBe(404);
      const list = await app.http.get(`${API}/live/sessions?limit=100`).set(auth);
      expect((list.body as { items: SessionBody[] }).items.map((item) => item.id)).not.toContain(session.id);
    }
    const asMember = await app.http.get(`${API}/live/sessions?group=${group.id}`).set(member.auth);
    expect((asMember.body as { items: SessionBody[] }).items.map((item) => item.id)).toContain(session.id);
    const notAManager = await app.http
      .post(`${API}/live/sessions`)
      .set(member.auth)
      .send(sessionBody({ groupId: group.id }));
    expect(notAManager.status).toBe(403);
  });

  it('lets hosts give and take session roles, keeping at least one host', async () => {
    const session = await createSession(host);
    const given = await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${member.id}`)
      .set(host.auth)
      .send({ role: 'moderator' });
    expect(given.status).toBe(200);
    expect((given.body as SessionBody).staff).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: member.id, role: 'moderator' })]),
    );
    const asModerator = await app.http.get(`${API}/live/sessions/${session.id}`).set(member.auth);
    expect(asModerator.body).toMatchObject({ role: 'moderator', link: 'https://meet.example.org/labour' });
    expect(
      (
        await app.http
          .put(`${API}/live/sessions/${session.id}/roles/${outsider.id}`)
          .set(member.auth)
          .send({ role: 'host' })
      ).status,
    ).toBe(403);
    expect((await app.http.delete(`${API}/live/sessions/${session.id}/roles/${host.id}`).set(host.auth)).status).toBe(
      409,
    );
    expect((await app.http.delete(`${API}/live/sessions/${session.id}/roles/${member.id}`).set(host.auth)).status).toBe(
      204,
    );
    expect((await app.http.delete(`${API}/live/sessions/${session.id}/roles/${member.id}`).set(host.auth)).status).toBe(
      404,
    );
    const bad = await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${member.id}`)
      .set(host.auth)
      .send({ role: 'owner' });
    expect(errorProblem(bad.body, 400)).toBeNull();
    expect((bad.body as { details: { field: string }[] }).details).toEqual([
      expect.objectContaining({ field: 'role' }),
    ]);
  });

  it('tells each caller what they may do with the session: hosts everything, moderators moderate, presenters present', async () => {
    const session = await createSession(host);
    const presenter = await register(app);
    for (const [who, role] of [
      [member, 'moderator'],
      [presenter, 'presenter'],
    ] as const) {
      const given = await app.http
        .put(`${API}/live/sessions/${session.id}/roles/${who.id}`)
        .set(host.auth)
        .send({ role });
      expect(given.status).toBe(200);
    }
    const viewerOf = async (caller: SignedIn | null) => {
      const request = app.http.get(`${API}/live/sessions/${session.id}`);
      const response = caller ? await request.set(caller.auth) : await request;
      expect(response.status).toBe(200);
      return (response.body as { viewer: Record<string, boolean> }).viewer;
    };
    const nothing = { canManage: false, canModerate: false, canPresent: false };
    expect(await viewerOf(host)).toEqual({ canManage: true, canModerate: true, canPresent: true });
    expect(await viewerOf(admin)).toEqual({ canManage: true, canModerate: true, canPresent: true });
    expect(await viewerOf(member)).toEqual({ ...nothing, canModerate: true });
    expect(await viewerOf(moderator)).toEqual({ ...nothing, canModerate: true });
    expect(await viewerOf(presenter)).toEqual({ ...nothing, canPresent: true });
    expect(await viewerOf(outsider)).toEqual(nothing);
    expect(await viewerOf(null)).toEqual(nothing);
  });

  it('holds a capacity under 12 simultaneous registrations, waitlists the rest, and moves the first up on a cancellation', async () => {
    const event = await app.http
      .post(`${API}/live/events`)
      .set(host.auth)
      .send({
        title: 'Annual meeting',
        startsAt: soon(24),
        endsAt: soon(48),
        timezone: 'Africa/Dakar',
        format: 'hybrid',
        capacity: { in_person: 5 },
      });
    expect(event.status).toBe(201);
    const eventId = (event.body as { id: string }).id;
    const opening = await createSession(host, { eventId, title: 'Opening session' });
    expect(opening.eventId).toBe(eventId);
    const onSession = await app.http
      .post(`${API}/live/sessions/${opening.id}/registration`)
      .set(member.auth)
      .send({ mode: 'remote' });
    expect(onSession.status).toBe(409);

    const people = await Promise.all(Array.from({ length: 12 }, () => register(app)));
    const answers = await Promise.all(
      people.map((person) =>
        app.http.post(`${API}/live/events/${eventId}/registration`).set(person.auth).send({ mode: 'in_person' }),
      ),
    );
    const statuses = answers.map((answer) => `${answer.status} ${(answer.body as { status: string }).status}`);
    expect(statuses.filter((status) => status === '201 registered')).toHaveLength(5);
    expect(statuses.filter((status) => status === '200 waitlisted')).toHaveLength(7);
    const remote = await app.http
      .post(`${API}/live/events/${eventId}/registration`)
      .set(member.auth)
      .send({ mode: 'remote' });
    expect(remote.status).toBe(201);
    const repeated = await app.http
      .post(`${API}/live/events/${eventId}/registration`)
      .set(member.auth)
      .send({ mode: 'remote' });
    expect({ status: repeated.status, body: repeated.body }).toEqual({
      status: 200,
      body: { mode: 'remote', status: 'registered' },
    });

    const list = async () => {
      const response = await app.http.get(`${API}/live/sessions/${opening.id}/registrations?limit=100`).set(host.auth);
      expect(response.status).toBe(200);
      return (response.body as { items: { userId: string; status: string; mode: string }[] }).items;
    };
    const before = await list();
    const firstWaiting = before.find((item) => item.status === 'waitlisted' && item.mode === 'in_person')!;
    const seated = people.find((person) => before.find((item) => item.userId === person.id)?.status === 'registered')!;
    expect((await app.http.delete(`${API}/live/events/${eventId}/registration`).set(seated.auth)).status).toBe(204);
    const after = await list();
    expect(after.find((item) => item.userId === firstWaiting.userId)?.status).toBe('registered');
    expect(after.filter((item) => item.mode === 'in_person' && item.status === 'registered')).toHaveLength(5);

    expect((await app.http.get(`${API}/live/sessions/${opening.id}/registrations`).set(member.auth)).status).toBe(403);
    const csv = await app.http.get(`${API}/live/sessions/${opening.id}/registrations?format=csv`).set(host.auth);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('name,member id,mode,status,registered at');
    expect(csv.text.trim().split('\n')).toHaveLength(1 + after.length);
  });

  it('refuses bad input with field-level errors and writes nothing', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['timezone', sessionBody({ timezone: 'Mars/Olympus' }), /timezone/],
      ['format', sessionBody({ format: 'radio' }), /format/],
      ['link', sessionBody({ link: 'javascript:alert(1)' }), /link/],
      ['endsAt', sessionBody({ endsAt: soon(0.5) }), /endsAt/],
      ['qa', sessionBody({ qa: { open: true } }), /qa/],
      ['unknown', sessionBody({ hostId: admin.id }), /hostId/],
      ['operator', sessionBody({ title: { $gt: '' } }), /title/],
    ];
    for (const [label, body, field] of cases) {
      const { result, writes } = await watchWrites(app, () =>
        app.http.post(`${API}/live/sessions`).set(host.auth).send(body),
      );
      expect({ label, status: result.status, writes }).toEqual({ label, status: 400, writes: [] });
      expect(JSON.stringify(result.body)).toMatch(field);
    }
    const join = await app.http.post(`${API}/live/join`).send({ code: 'x'.repeat(500), displayName: 'A' });
    expect(join.status).toBe(400);
  });
});
