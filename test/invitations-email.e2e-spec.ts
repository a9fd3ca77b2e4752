import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { Types } from 'mongoose';
import { eventually } from './support/eventually.js';
import { type Auth, expectError, fieldsOf } from './support/http.js';
import { linkIn, startTestSmtp, type TestSmtp } from './support/mail.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { login, loginAdmin, newMember, register, type SignedIn } from './support/users.js';

const API = '/api/v1';
const DAY = 24 * 3600_000;
const HOUR = 3600_000;
const soon = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

interface MembershipBody {
  groupId: string;
  userId: string;
  role: string;
  status: string;
}

interface OpenInvitationBody {
  id: string;
  email: string;
  invitedBy: { id: string | null; displayName: string };
  expiresAt: string;
  createdAt: string;
}

const invitationLink = (kind: 'groups' | 'events') => (mail: ParsedMail) =>
  (mail.text ?? '').includes(`/invitations/${kind}/`);

/** The token at the end of the mail's invitation link (which leads to this app: PUBLIC_URL). */
function tokenIn(app: TestApp, mail: ParsedMail, kind: 'groups' | 'events'): string {
  const link = linkIn(mail, `/invitations/${kind}/`);
  expect(link.origin).toBe(new URL(app.url).origin);
  return link.pathname.split('/').pop() as string;
}

describe('invitations by email (a real SMTP server)', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let owner: SignedIn;
  let outsider: SignedIn;
  let groupId: string;
  let unique = 0;
  const address = (name: string) => `${name}.${Date.now().toString(36)}${(unique += 1)}@example.org`;

  const invite = (auth: Auth, body: Record<string, unknown>, group = groupId) =>
    app.http.post(`${API}/groups/${group}/invitations`).set(auth).send(body);
  const describeGroupInvitation = (token: string) => app.http.get(`${API}/group-invitations/${token}`);
  const acceptGroupInvitation = (auth: Auth, token: string) =>
    app.http.post(`${API}/group-invitations/${token}/accept`).set(auth).send();
  const invitationsCollection = (name: string) => app.connection.collection(name);
  const me = async (auth: Auth) =>
    (await app.http.get(`${API}/me`).set(auth).expect(200)).body as { email: string; emailVerified: boolean };

  /** The document counts once every queued mail is sent (sending records claims): a refusal must not change them. */
  async function settledCounts(): Promise<Record<string, number>> {
    await eventually(async () => {
      expect(await app.connection.collection('mail_jobs').countDocuments({ status: 'queued' })).toBe(0);
    });
    return documentCounts(app.connection);
  }

  /** Invites a new address to the group and returns the token its mail carries. */
  async function invitedToGroup(email: string): Promise<string> {
    expect((await invite(owner.auth, { email })).status).toBe(202);
    return tokenIn(app, await smtp.waitForMail(email, invitationLink('groups')), 'groups');
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp('invitations-email', { SMTP_URL: smtp.url, MAIL_POLL_MS: '200' });
    const french = newMember({ displayName: 'Amélie Owner' });
    await app.http
      .post(`${API}/auth/register`)
      .send({ ...french, locale: 'fr' })
      .expect(201);
    owner = await login(app, french);
    outsider = await register(app);
    const group = await app.http
      .post(`${API}/groups`)
      .set(owner.auth)
      .send({ name: 'Return and reintegration', type: 'working_group', visibility: 'private', joinPolicy: 'invite' });
    expect(group.status).toBe(201);
    groupId = (group.body as { id: string }).id;
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });

  describe('to a group', () => {
    it('mails a new address, which registers, accepts and becomes a member with a verified address', async () => {
      const email = address('Nadia.K');
      const answer = await invite(owner.auth, { email });
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ email, expiresAt: expect.any(String) });
      const expiresIn = new Date((answer.body as { expiresAt: string }).expiresAt).getTime() - Date.now();
      expect(Math.abs(expiresIn - 14 * DAY)).toBeLessThan(60_000);

      const mail = await smtp.waitForMail(email, invitationLink('groups'));
      expect(mail.subject).toBe('Amélie Owner vous invite à rejoindre Return and reintegration');
      expect(mail.text).toContain('« Return and reintegration »');
      const token = tokenIn(app, mail, 'groups');

      const described = await describeGroupInvitation(token).expect(200);
      expect(described.body).toEqual({
        group: { id: groupId, name: 'Return and reintegration' },
        email,
        invitedBy: { displayName: 'Amélie Owner' },
        expiresAt: (answer.body as { expiresAt: string }).expiresAt,
        status: 'open',
      });
      const open = await app.http.get(`${API}/groups/${groupId}/invitations/email`).set(owner.auth).expect(200);
      expect((open.body as { items: OpenInvitationBody[] }).items).toContainEqual({
        id: expect.any(String),
        email,
        invitedBy: { id: owner.id, displayName: 'Amélie Owner' },
        expiresAt: (answer.body as { expiresAt: string }).expiresAt,
        createdAt: expect.any(String),
      });

      const wrong = await acceptGroupInvitation(outsider.auth, token);
      expect(wrong.status).toBe(403);
      expect(expectError(wrong.body, 403).message).toContain(`is for N***@example.org`);

      // The account has the address in another letter case.
      const invitee = await register(app, { email: email.toLowerCase() });
      expect((await me(invitee.auth)).emailVerified).toBe(false);
      const accepted = await acceptGroupInvitation(invitee.auth, token);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ groupId, userId: invitee.id, role: 'member', status: 'active' });
      expect((await me(invitee.auth)).emailVerified).toBe(true);

      const members = await app.http.get(`${API}/groups/${groupId}/members`).set(owner.auth).expect(200);
      expect((members.body as { items: MembershipBody[] }).items.map((member) => member.userId)).toContain(invitee.id);
      expect((await describeGroupInvitation(token).expect(200)).body).toMatchObject({ status: 'accepted' });
      const stillOpen = await app.http.get(`${API}/groups/${groupId}/invitations/email`).set(owner.auth).expect(200);
      expect((stillOpen.body as { items: OpenInvitationBody[] }).items.map((item) => item.email)).not.toContain(email);

      const again = await acceptGroupInvitation(invitee.auth, token);
      expect(again.status).toBe(409);
      expect(expectError(again.body, 409).details).toEqual([{ field: 'token', problem: 'was already accepted' }]);

      // A plain member may not invite, list or withdraw; someone who cannot see the group learns nothing of it.
      expect((await invite(invitee.auth, { email: address('other') })).status).toBe(403);
      expect((await app.http.get(`${API}/groups/${groupId}/invitations/email`).set(invitee.auth)).status).toBe(403);
      const someId = (open.body as { items: OpenInvitationBody[] }).items[0].id;
      const plainWithdraw = await app.http
        .delete(`${API}/groups/${groupId}/invitations/email/${someId}`)
        .set(invitee.auth);
      expect(plainWithdraw.status).toBe(403);
      expect((await invite(outsider.auth, { email: address('other') })).status).toBe(404);
    });

    it("writes to an address that has an account in that account's language, not the inviter's", async () => {
      const english = await register(app, { displayName: 'Evan English' });
      expect((await invite(owner.auth, { email: english.email })).status).toBe(202);
      const mail = await smtp.waitForMail(english.email, invitationLink('groups'));
      expect(mail.subject).toBe('Amélie Owner invited you to join Return and reintegration');
    });

    it('sends no second mail within a minute, and a new link (the old one void) after it', async () => {
      const email = address('twice');
      const first = await invite(owner.auth, { email });
      const firstToken = tokenIn(app, await smtp.waitForMail(email, invitationLink('groups')), 'groups');
      const repeated = await invite(owner.auth, { email: email.toUpperCase() });
      expect({ status: repeated.status, body: repeated.body }).toEqual({ status: 202, body: first.body });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(smtp.mailsTo(email)).toHaveLength(1);

      await invitationsCollection('group_email_invitations').updateOne(
        { emailNormalized: email.toLowerCase() },
        { $set: { sentAt: new Date(Date.now() - 2 * 60_000) } },
      );
      expect((await invite(owner.auth, { email })).status).toBe(202);
      const second = await smtp.waitForMail(email, (mail) => !(mail.text ?? '').includes(firstToken));
      expect(tokenIn(app, second, 'groups')).not.toBe(firstToken);
      expect((await describeGroupInvitation(firstToken)).status).toBe(404);
    });

    it('refuses an expired invitation', async () => {
      const email = address('late');
      const token = await invitedToGroup(email);
      await invitationsCollection('group_email_invitations').updateOne(
        { emailNormalized: email.toLowerCase() },
        { $set: { expiresAt: new Date(Date.now() - 1_000) } },
      );
      expect((await describeGroupInvitation(token).expect(200)).body).toMatchObject({ status: 'expired' });
      const late = await register(app, { email });
      const refused = await acceptGroupInvitation(late.auth, token);
      expect(refused.status).toBe(409);
      expect(expectError(refused.body, 409).details).toEqual([{ field: 'token', problem: 'has expired' }]);
      expect((await me(late.auth)).emailVerified).toBe(false);
    });

    it('lets an owner withdraw an invitation, whose link then no longer works', async () => {
      const email = address('withdrawn');
      const token = await invitedToGroup(email);
      const open = await app.http.get(`${API}/groups/${groupId}/invitations/email`).set(owner.auth).expect(200);
      const invitation = (open.body as { items: OpenInvitationBody[] }).items.find((item) => item.email === email)!;
      const path = `${API}/groups/${groupId}/invitations/email/${invitation.id}`;
      expect((await app.http.delete(path).set(outsider.auth)).status).toBe(404);
      expect((await app.http.delete(path).set(owner.auth)).status).toBe(204);
      expect((await app.http.delete(path).set(owner.auth)).status).toBe(404);
      expect((await describeGroupInvitation(token).expect(200)).body).toMatchObject({ status: 'withdrawn' });
      const invitee = await register(app, { email });
      const refused = await acceptGroupInvitation(invitee.auth, token);
      expect(refused.status).toBe(409);
      expect(expectError(refused.body, 409).details).toEqual([{ field: 'token', problem: 'was withdrawn' }]);
    });

    it('makes one membership of two accepts sent at once', async () => {
      const email = address('double');
      const token = await invitedToGroup(email);
      const invitee = await register(app, { email });
      const answers = await Promise.all([
        acceptGroupInvitation(invitee.auth, token),
        acceptGroupInvitation(invitee.auth, token),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const memberships = app.connection.collection('memberships');
      expect(await memberships.countDocuments({ userId: new Types.ObjectId(invitee.id) })).toBe(1);
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const counts = await settledCounts();
      const cases: [Record<string, unknown>, string[]][] = [
        [{ email: 'nope' }, ['email']],
        [{ userId: outsider.id, email: address('both') }, ['email']],
        [{}, ['userId']],
        [{ email: `${'x'.repeat(250)}@example.org` }, ['email']],
        [{ email: address('extra'), role: 'owner' }, ['role']],
      ];
      for (const [body, fields] of cases) {
        const response = await invite(owner.auth, body);
        expect({ body, status: response.status, fields: fieldsOf(response.body) }).toEqual({
          body,
          status: 400,
          fields,
        });
      }
      const badToken = await describeGroupInvitation('not a token');
      expect({ status: badToken.status, fields: fieldsOf(badToken.body) }).toEqual({ status: 400, fields: ['token'] });
      expect((await describeGroupInvitation('A'.repeat(43))).status).toBe(404);
      expect((await acceptGroupInvitation(owner.auth, 'A'.repeat(43))).status).toBe(404);
      expect((await app.http.post(`${API}/group-invitations/${'A'.repeat(43)}/accept`)).status).toBe(401);
      expect(await documentCounts(app.connection)).toEqual(counts);
    });

    it('still invites an existing member by id', async () => {
      const member = await register(app);
      const invited = await invite(owner.auth, { userId: member.id });
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ userId: member.id, status: 'invited' });
    });
  });

  describe('to an event', () => {
    let host: SignedIn;
    let eventId: string;
    const inviteToEvent = (auth: Auth, body: Record<string, unknown>) =>
      app.http.post(`${API}/live/events/${eventId}/invitations`).set(auth).send(body);

    beforeAll(async () => {
      host = await register(app, { displayName: 'Hana Host' });
      const event = await app.http
        .post(`${API}/live/events`)
        .set(host.auth)
        .send({
          title: 'Regional consultation',
          startsAt: soon(48),
          endsAt: soon(72),
          timezone: 'Africa/Dakar',
          format: 'hybrid',
          // Closed to registration: only the invited come in.
          registrationOpen: false,
        });
      expect(event.status).toBe(201);
      eventId = (event.body as { id: string }).id;
    });

    it('mails each address once, and registers the one who accepts', async () => {
      const [first, second, third] = [address('Ana'), address('bo'), address('cy')];
      const answer = await inviteToEvent(host.auth, { emails: [first, second, ` ${third} `, first.toUpperCase()] });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 202, body: { invited: 3 } });
      const mails = await Promise.all(
        [first, second, third].map((to) => smtp.waitForMail(to, invitationLink('events'))),
      );
      expect(mails.map((mail) => mail.subject)).toEqual(
        Array.from({ length: 3 }, () => 'Hana Host invited you to Regional consultation'),
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(smtp.mailsTo(first)).toHaveLength(1);
      const token = tokenIn(app, mails[0], 'events');

      const described = await app.http.get(`${API}/live/event-invitations/${token}`).expect(200);
      expect(described.body).toMatchObject({
        event: { id: eventId, title: 'Regional consultation', startsAt: expect.any(String) },
        email: first,
        status: 'open',
      });
      const open = await app.http.get(`${API}/live/events/${eventId}/invitations/email`).set(host.auth).expect(200);
      expect((open.body as { items: OpenInvitationBody[] }).items.map((item) => item.email).sort()).toEqual(
        [first, second, third].sort(),
      );

      const accept = (auth: Auth) => app.http.post(`${API}/live/event-invitations/${token}/accept`).set(auth).send({});
      expect((await accept(outsider.auth)).status).toBe(403);
      const closed = await app.http
        .post(`${API}/live/events/${eventId}/registration`)
        .set(outsider.auth)
        .send({ mode: 'remote' });
      expect(closed.status).toBe(409);

      const guest = await register(app, { email: first });
      const accepted = await accept(guest.auth);
      expect({ status: accepted.status, body: accepted.body }).toEqual({
        status: 200,
        body: { mode: 'remote', status: 'registered' },
      });
      expect((await me(guest.auth)).emailVerified).toBe(true);
      const seen = await app.http.get(`${API}/live/events/${eventId}`).set(guest.auth).expect(200);
      expect((seen.body as { registration: unknown }).registration).toEqual({ mode: 'remote', status: 'registered' });
      const session = await app.http
        .post(`${API}/live/sessions`)
        .set(host.auth)
        .send({
          eventId,
          title: 'Opening',
          startsAt: soon(48),
          endsAt: soon(49),
          timezone: 'Africa/Dakar',
          format: 'hybrid',
        });
      expect(session.status).toBe(201);
      const registrants = await app.http
        .get(`${API}/live/sessions/${(session.body as { id: string }).id}/registrations`)
        .set(host.auth)
        .expect(200);
      expect((registrants.body as { items: { userId: string }[] }).items.map((item) => item.userId)).toEqual([
        guest.id,
      ]);

      const again = await accept(guest.auth);
      expect(again.status).toBe(409);
      expect(expectError(again.body, 409).details).toEqual([{ field: 'token', problem: 'was already accepted' }]);
      expect((await app.http.get(`${API}/live/event-invitations/${token}`).expect(200)).body).toMatchObject({
        status: 'accepted',
      });

      const withdrawn = (open.body as { items: OpenInvitationBody[] }).items.find((item) => item.email === second)!;
      const path = `${API}/live/events/${eventId}/invitations/email/${withdrawn.id}`;
      expect((await app.http.delete(path).set(outsider.auth)).status).toBe(403);
      expect((await app.http.delete(path).set(host.auth)).status).toBe(204);
      const secondToken = tokenIn(app, mails[1], 'events');
      expect((await app.http.get(`${API}/live/event-invitations/${secondToken}`).expect(200)).body).toMatchObject({
        status: 'withdrawn',
      });
    });

    it("writes to an address that has an account in that account's language, not the host's", async () => {
      const french = newMember({ displayName: 'Fanny Française' });
      await app.http
        .post(`${API}/auth/register`)
        .send({ ...french, locale: 'fr' })
        .expect(201);
      expect((await inviteToEvent(host.auth, { emails: [french.email] })).status).toBe(202);
      const mail = await smtp.waitForMail(french.email, invitationLink('events'));
      expect(mail.subject).toBe('Hana Host vous invite à Regional consultation');
    });

    it("lets whoever accepted see a group's event and its sessions, which others outside the group still cannot", async () => {
      // The owner's group is private and by invitation: neither the invitee nor the outsider is in it.
      const event = await app.http
        .post(`${API}/live/events`)
        .set(owner.auth)
        .send({
          groupId,
          title: 'Working group meeting',
          startsAt: soon(48),
          endsAt: soon(50),
          timezone: 'Europe/Zurich',
          format: 'online',
        });
      expect({ status: event.status, body: event.status === 201 ? null : event.body }).toEqual({
        status: 201,
        body: null,
      });
      const id = (event.body as { id: string }).id;
      const session = await app.http
        .post(`${API}/live/sessions`)
        .set(owner.auth)
        .send({
          eventId: id,
          title: 'Agenda',
          startsAt: soon(48),
          endsAt: soon(49),
          timezone: 'Europe/Zurich',
          format: 'online',
        });
      expect(session.status).toBe(201);
      const sessionId = (session.body as { id: string }).id;
      const email = address('Ines');
      expect(
        (
          await app.http
            .post(`${API}/live/events/${id}/invitations`)
            .set(owner.auth)
            .send({ emails: [email] })
        ).status,
      ).toBe(202);
      const token = tokenIn(app, await smtp.waitForMail(email, invitationLink('events')), 'events');
      const invitee = await register(app, { email });
      const listed = async (who: SignedIn) =>
        (
          (await app.http.get(`${API}/live/events`).set(who.auth).expect(200)).body as { items: { id: string }[] }
        ).items.map((item) => item.id);
      expect((await app.http.get(`${API}/live/events/${id}`).set(invitee.auth)).status).toBe(404);
      expect(await listed(invitee)).not.toContain(id);

      const accepted = await app.http.post(`${API}/live/event-invitations/${token}/accept`).set(invitee.auth).send({});
      expect(accepted.status).toBe(200);
      const seen = await app.http.get(`${API}/live/events/${id}`).set(invitee.auth);
      expect({ status: seen.status, registration: (seen.body as { registration?: unknown }).registration }).toEqual({
        status: 200,
        registration: { mode: 'remote', status: 'registered' },
      });
      expect(await listed(invitee)).toContain(id);
      expect((await app.http.get(`${API}/live/sessions/${sessionId}`).set(invitee.auth)).status).toBe(200);

      expect((await app.http.get(`${API}/live/events/${id}`).set(outsider.auth)).status).toBe(404);
      expect((await app.http.get(`${API}/live/sessions/${sessionId}`).set(outsider.auth)).status).toBe(404);
      expect(await listed(outsider)).not.toContain(id);
    });

    it('lets only the event’s hosts invite or list, and refuses bad input naming the field', async () => {
      expect((await inviteToEvent(outsider.auth, { emails: [address('no')] })).status).toBe(403);
      expect((await app.http.get(`${API}/live/events/${eventId}/invitations/email`).set(outsider.auth)).status).toBe(
        403,
      );
      const counts = await settledCounts();
      const cases: Record<string, unknown>[] = [
        {},
        { emails: [] },
        { emails: ['nope'] },
        { emails: 'a@example.org' },
        { emails: Array.from({ length: 201 }, (_, index) => `guest${index}@example.org`) },
      ];
      for (const body of cases) {
        const response = await inviteToEvent(host.auth, body);
        expect({ status: response.status, fields: fieldsOf(response.body) }).toEqual({
          status: 400,
          fields: ['emails'],
        });
      }
      const badMode = await app.http
        .post(`${API}/live/event-invitations/${'A'.repeat(43)}/accept`)
        .set(host.auth)
        .send({ mode: 'by_pigeon' });
      expect({ status: badMode.status, fields: fieldsOf(badMode.body) }).toEqual({ status: 400, fields: ['mode'] });
      expect(await documentCounts(app.connection)).toEqual(counts);
    });
  });

  describe("in their senders' and acceptors' accounts", () => {
    interface ExportedInvitations {
      community: { groupInvitationsSent: unknown[]; groupInvitationsAccepted: unknown[] };
      live: { eventInvitationsSent: unknown[]; eventInvitationsAccepted: unknown[] };
    }
    const exportOf = async (who: SignedIn) =>
      (await app.http.get(`${API}/members/me/export`).set(who.auth).expect(200)).body as ExportedInvitations;
    const byAddress = (invitations: unknown[]) =>
      (invitations as { email: string }[]).toSorted((a, b) => a.email.localeCompare(b.email));
    const stored = (collection: string, email: string) => invitationsCollection(collection).countDocuments({ email });

    it('are in the data export of who sent and who accepted them, and go with a deleted account', async () => {
      const inviter = await register(app, { displayName: 'Iris Inviter' });
      const coOwner = await register(app);
      const group = await app.http
        .post(`${API}/groups`)
        .set(inviter.auth)
        .send({ name: 'Labour mobility', type: 'working_group', visibility: 'public', joinPolicy: 'open' })
        .expect(201);
      const ownGroupId = (group.body as { id: string }).id;
      // another owner, so that the inviter may delete the account
      await app.http.post(`${API}/groups/${ownGroupId}/join`).set(coOwner.auth).expect(201);
      await app.http
        .patch(`${API}/groups/${ownGroupId}/members/${coOwner.id}`)
        .set(inviter.auth)
        .send({ role: 'owner' })
        .expect(200);
      const event = await app.http
        .post(`${API}/live/events`)
        .set(inviter.auth)
        .send({ title: 'Skills partnerships', startsAt: soon(24), endsAt: soon(26), timezone: 'UTC', format: 'online' })
        .expect(201);
      const ownEventId = (event.body as { id: string }).id;
      const [kept, pending] = [address('kept'), address('pending')];
      for (const email of [kept, pending]) {
        expect((await invite(inviter.auth, { email }, ownGroupId)).status).toBe(202);
      }
      expect(
        (
          await app.http
            .post(`${API}/live/events/${ownEventId}/invitations`)
            .set(inviter.auth)
            .send({ emails: [kept, pending] })
        ).status,
      ).toBe(202);
      const tokenTo = async (email: string, kind: 'groups' | 'events') =>
        tokenIn(app, await smtp.waitForMail(email, invitationLink(kind)), kind);
      const [keptGroup, keptEvent, pendingGroup, pendingEvent] = [
        await tokenTo(kept, 'groups'),
        await tokenTo(kept, 'events'),
        await tokenTo(pending, 'groups'),
        await tokenTo(pending, 'events'),
      ];
      const invitee = await register(app, { email: kept });
      expect((await acceptGroupInvitation(invitee.auth, keptGroup)).status).toBe(200);
      const acceptedEvent = await app.http
        .post(`${API}/live/event-invitations/${keptEvent}/accept`)
        .set(invitee.auth)
        .send({});
      expect(acceptedEvent.status).toBe(200);

      const sent = await exportOf(inviter);
      const sentTo = (email: string, status: string) => ({
        email,
        status,
        sentAt: expect.any(String),
        expiresAt: expect.any(String),
      });
      expect(byAddress(sent.community.groupInvitationsSent)).toEqual([
        { groupId: ownGroupId, ...sentTo(kept, 'accepted') },
        { groupId: ownGroupId, ...sentTo(pending, 'open') },
      ]);
      expect(byAddress(sent.live.eventInvitationsSent)).toEqual([
        { eventId: ownEventId, ...sentTo(kept, 'accepted') },
        { eventId: ownEventId, ...sentTo(pending, 'open') },
      ]);
      expect(sent.community.groupInvitationsAccepted).toEqual([]);
      const received = await exportOf(invitee);
      expect(received.community.groupInvitationsAccepted).toEqual([
        { groupId: ownGroupId, email: kept, acceptedAt: expect.any(String) },
      ]);
      expect(received.live.eventInvitationsAccepted).toEqual([
        { eventId: ownEventId, email: kept, acceptedAt: expect.any(String) },
      ]);
      expect(received.community.groupInvitationsSent).toEqual([]);
      // nothing about the other address the inviter wrote to
      expect(JSON.stringify(received)).not.toContain(pending);

      // The inviter leaves: links nobody accepted stop working; what the invitee accepted stays theirs.
      await app.http.delete(`${API}/members/me`).set(inviter.auth).expect(204);
      expect((await describeGroupInvitation(pendingGroup)).status).toBe(404);
      expect((await app.http.get(`${API}/live/event-invitations/${pendingEvent}`)).status).toBe(404);
      expect((await describeGroupInvitation(keptGroup).expect(200)).body).toMatchObject({ status: 'accepted' });
      expect(await stored('group_email_invitations', pending)).toBe(0);
      expect(await stored('event_email_invitations', pending)).toBe(0);
      const membership = await app.http.get(`${API}/groups/${ownGroupId}/members`).set(coOwner.auth).expect(200);
      expect((membership.body as { items: MembershipBody[] }).items.map((item) => item.userId)).toContain(invitee.id);

      // The invitee leaves: the invitations to their address go with them.
      await app.http.delete(`${API}/members/me`).set(invitee.auth).expect(204);
      expect(await stored('group_email_invitations', kept)).toBe(0);
      expect(await stored('event_email_invitations', kept)).toBe(0);
    });
  });

  describe('when members must verify their address before writing', () => {
    let strict: TestApp;

    beforeAll(async () => {
      strict = await startTestApp('invitations-email-strict', {
        SMTP_URL: smtp.url,
        MAIL_POLL_MS: '200',
        REQUIRE_EMAIL_VERIFICATION: 'true',
      });
    });

    afterAll(async () => {
      await strict?.close();
    });

    it('lets a new, unverified account accept, which verifies it', async () => {
      const admin = await loginAdmin(strict);
      const group = await strict.http
        .post(`${API}/groups`)
        .set(admin.auth)
        .send({ name: 'Climate and mobility', type: 'thematic', joinPolicy: 'invite' });
      expect(group.status).toBe(201);
      const id = (group.body as { id: string }).id;
      const email = address('strict');
      expect((await strict.http.post(`${API}/groups/${id}/invitations`).set(admin.auth).send({ email })).status).toBe(
        202,
      );
      const token = tokenIn(strict, await smtp.waitForMail(email, invitationLink('groups')), 'groups');

      const invitee = await register(strict, { email });
      const blocked = await strict.http
        .post(`${API}/groups`)
        .set(invitee.auth)
        .send({ name: 'Blocked', type: 'working_group' });
      expect(expectError(blocked.body, 403).code).toBe('email_unverified');
      const accepted = await strict.http.post(`${API}/group-invitations/${token}/accept`).set(invitee.auth).send();
      expect({ status: accepted.status, membership: accepted.body.status }).toEqual({
        status: 200,
        membership: 'active',
      });
      const allowed = await strict.http
        .post(`${API}/groups`)
        .set(invitee.auth)
        .send({ name: 'Allowed', type: 'working_group' });
      expect({ status: allowed.status, body: allowed.status === 201 ? null : allowed.body }).toEqual({
        status: 201,
        body: null,
      });
    });
  });
});
