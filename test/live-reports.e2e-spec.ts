import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import {
  addToGroup,
  API,
  createCategory,
  createGroup,
  type Page,
  postsOf,
  startForumApp,
  type ThreadBody,
  threadOf,
  watchWrites,
} from './support/forum.js';
import {
  ack,
  asked,
  closeLiveSockets,
  guestToken,
  joined,
  liveSession,
  type LiveSessionBody,
  liveSocket,
  type QuestionBody,
} from './support/live.js';
import type { TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

interface ExportItem {
  id: string;
  text: string;
  state: string;
  votes: number;
  asker: string;
  anonymous: boolean;
  language: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  dismissReason: string | null;
  mergedInto: string | null;
}

interface ReportBody {
  sessionId: string;
  status: string;
  questions: {
    received: number;
    pending: number;
    approved: number;
    answered: number;
    dismissed: { total: number; byReason: Record<string, number> };
    merged: number;
    withdrawn: number;
  };
  votes: number;
  forumThreadId: string | null;
}

interface AuditBody {
  actor: { id: string | null; displayName: string } | null;
  action: string;
  target: { type: string; id: string; groupId: string | null };
}

/** A session (live) with five questions: open, anonymous, answered, dismissed (off topic) and merged into the first. */
interface QuestionedSession {
  session: LiveSessionBody;
  open: QuestionBody;
  anonymous: QuestionBody;
  answered: QuestionBody;
  dismissed: QuestionBody;
  duplicate: QuestionBody;
  /** The anonymous asker's pseudonym, as the host sees it. */
  pseudonym: string;
}

describe('live session reports: export, report, carrying to the forum, revealing an anonymous asker', () => {
  let app: TestApp;
  let host: SignedIn;
  let member: SignedIn;
  /** Asks anonymously: their name and id must never show outside the admin's lookup. */
  let shy: SignedIn;
  let attendee: SignedIn;
  let sessionModerator: SignedIn;
  let platformModerator: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    app = await startForumApp('live_reports');
    [host, member, shy, attendee, sessionModerator] = await Promise.all([
      register(app),
      register(app),
      register(app, { displayName: 'Zora Quillfeather' }),
      register(app),
      register(app),
    ]);
    platformModerator = await registerWithRole(app, 'moderator');
    admin = await loginAdmin(app);
  });
  afterEach(closeLiveSockets);
  afterAll(async () => {
    await app?.close();
  });

  async function moderated(socket: Socket, questionId: string, action: string, extra: Record<string, unknown> = {}) {
    const answer = await ack(socket, 'question:moderate', { questionId, action, ...extra });
    expect({ action, ok: answer.ok }).toEqual({ action, ok: true });
  }

  async function voted(socket: Socket, question: QuestionBody) {
    expect((await ack(socket, 'question:vote', { questionId: question.id })).ok).toBe(true);
  }

  async function questionedSession(): Promise<QuestionedSession> {
    const session = await liveSession(app, host);
    const assigned = await app.http
      .put(`${API}/live/sessions/${session.id}/roles/${sessionModerator.id}`)
      .set(host.auth)
      .send({ role: 'moderator' });
    expect(assigned.status).toBe(200);
    const [asHost, asMember, asShy, asAttendee] = await Promise.all(
      [host, member, shy, attendee].map((who) => liveSocket(app, who)),
    );
    for (const socket of [asHost, asMember, asShy, asAttendee]) await joined(socket, session.id);
    const open = await asked(asMember, session.id, 'How do we count remittances?');
    const anonymous = await asked(asShy, session.id, 'Who funds the programme?', { anonymous: true });
    const answered = await asked(asMember, session.id, 'When is the next session?');
    const dismissed = await asked(asAttendee, session.id, 'Who won the football?');
    const duplicate = await asked(asAttendee, session.id, 'How are remittances counted?');
    // open: attendee, shy (+ host through the merge) = 3; anonymous: 3; answered: 1; the duplicate's vote moves.
    await voted(asAttendee, open);
    await voted(asShy, open);
    for (const socket of [asMember, asAttendee, asHost]) await voted(socket, anonymous);
    await voted(asShy, answered);
    await voted(asHost, duplicate);
    await moderated(asHost, answered.id, 'answer', { answer: 'In June.' });
    await moderated(asHost, dismissed.id, 'dismiss', { reason: 'off_topic' });
    await moderated(asHost, duplicate.id, 'merge', { intoQuestionId: open.id });
    const listed = await app.http.get(`${API}/live/sessions/${session.id}/questions`).set(host.auth);
    const pseudonym = (listed.body as { items: QuestionBody[] }).items.find((q) => q.id === anonymous.id)?.pseudonym;
    expect(pseudonym).toMatch(/^Anonymous [A-Z0-9]{4}$/);
    closeLiveSockets();
    return { session, open, anonymous, answered, dismissed, duplicate, pseudonym: pseudonym as string };
  }

  async function end(session: LiveSessionBody): Promise<void> {
    expect((await app.http.post(`${API}/live/sessions/${session.id}/end`).set(host.auth)).status).toBe(200);
  }

  const exported = (session: LiveSessionBody, who: SignedIn, format?: string) =>
    app.http
      .get(`${API}/live/sessions/${session.id}/questions/export`)
      .query(format ? { format } : {})
      .set(who.auth);

  const reportOf = (session: LiveSessionBody, who: SignedIn | null) =>
    app.http.get(`${API}/live/sessions/${session.id}/report`).set(who ? who.auth : {});

  const carried = (session: LiveSessionBody, who: SignedIn, categoryId: unknown) =>
    app.http.post(`${API}/live/sessions/${session.id}/carry-to-forum`).set(who.auth).send({ categoryId });

  /** The anonymous asker shows nowhere in the text: neither their name nor their id. */
  function expectNoTraceOfShy(text: string): void {
    expect(text).not.toContain(shy.displayName);
    expect(text).not.toContain(shy.id);
  }

  it('exports every question with its votes, state, answer and asker (a pseudonym when anonymous), as JSON and CSV', async () => {
    const q = await questionedSession();
    const json = await exported(q.session, host, 'json');
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="questions-[0-9a-f]{24}\.json"$/);
    const items = (json.body as { items: ExportItem[] }).items;
    expect(items.map((item) => item.id)).toEqual(
      [q.open, q.anonymous, q.answered, q.dismissed, q.duplicate].map((x) => x.id),
    );
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(q.open.id)).toMatchObject({
      state: 'approved',
      votes: 3,
      asker: member.displayName,
      anonymous: false,
    });
    expect(byId.get(q.anonymous.id)).toMatchObject({
      state: 'approved',
      votes: 3,
      asker: q.pseudonym,
      anonymous: true,
    });
    expect(byId.get(q.answered.id)).toMatchObject({ state: 'answered', votes: 1, answer: 'In June.', language: 'en' });
    expect(byId.get(q.answered.id)?.answeredAt).toEqual(expect.any(String));
    expect(byId.get(q.dismissed.id)).toMatchObject({ state: 'dismissed', votes: 0, dismissReason: 'off_topic' });
    expect(byId.get(q.duplicate.id)).toMatchObject({ state: 'merged', votes: 0, mergedInto: q.open.id });
    expect(items.every((item) => !Number.isNaN(Date.parse(item.askedAt)))).toBe(true);
    expectNoTraceOfShy(JSON.stringify(json.body));
    // Without a format: JSON.
    expect((await exported(q.session, host)).body).toEqual(json.body);

    const csv = await exported(q.session, host, 'csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="questions-[0-9a-f]{24}\.csv"$/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(
      'question id,asked at,asker,anonymous,language,question,state,votes,answer,answered at,dismiss reason,dismiss note,merged into',
    );
    expect(lines).toHaveLength(6);
    expect(lines.find((line) => line.startsWith(q.anonymous.id))).toContain(
      `,${q.pseudonym},yes,en,Who funds the programme?,approved,3,`,
    );
    expect(lines.find((line) => line.startsWith(q.open.id))).toContain(',How do we count remittances?,approved,3,');
    expect(lines.find((line) => line.startsWith(q.answered.id))).toContain(',answered,1,In June.,');
    expect(lines.find((line) => line.startsWith(q.dismissed.id))).toContain(',dismissed,0,,,off_topic,');
    expect(lines.find((line) => line.startsWith(q.duplicate.id))).toContain(`,merged,0,,,,,${q.open.id}`);
    expectNoTraceOfShy(csv.text);

    // Session moderators and platform moderators export too; attendees and guests do not.
    expect((await exported(q.session, sessionModerator, 'csv')).status).toBe(200);
    expect((await exported(q.session, platformModerator)).status).toBe(200);
    const refused = await exported(q.session, attendee, 'csv');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('remittances');
    const guest = await app.http
      .get(`${API}/live/sessions/${q.session.id}/questions/export`)
      .set({ Authorization: `Bearer ${await guestToken(app, q.session.code)}` });
    expect(guest.status).toBe(403);
  });

  it('reports the session’s counters to its staff while it runs, and to everyone who may see it once it has ended', async () => {
    const q = await questionedSession();
    const expected = {
      sessionId: q.session.id,
      questions: {
        received: 5,
        pending: 0,
        approved: 2,
        answered: 1,
        dismissed: {
          total: 1,
          byReason: { duplicate: 0, off_topic: 1, inappropriate: 0, spam: 0, out_of_time: 0, other: 0 },
        },
        merged: 1,
        withdrawn: 0,
      },
      votes: 7,
      forumThreadId: null,
    };
    expect((await reportOf(q.session, attendee)).status).toBe(403);
    expect((await reportOf(q.session, null)).status).toBe(403);
    for (const staff of [host, sessionModerator, platformModerator]) {
      const report = await reportOf(q.session, staff);
      expect({ status: report.status, body: report.body as unknown }).toEqual({
        status: 200,
        body: expect.objectContaining({ ...expected, status: 'live' }),
      });
    }

    await end(q.session);
    for (const who of [attendee, null]) {
      const report = await reportOf(q.session, who);
      expect({ status: report.status, body: report.body as unknown }).toEqual({
        status: 200,
        body: expect.objectContaining({ ...expected, status: 'ended' }),
      });
    }
  });

  it('carries the open questions of an ended session to one forum thread, once, keeping anonymous askers anonymous', async () => {
    const q = await questionedSession();
    const category = await createCategory(app, admin);
    const announcements = await createCategory(app, admin, { postingPolicy: 'moderators' });
    const owner = await register(app);
    const privateGroup = await createGroup(app, owner, 'private', 'Closed circle');
    const closedCategory = await createCategory(app, owner, { groupId: privateGroup.id });

    const early = await watchWrites(app, () => carried(q.session, host, category.id));
    expect({ status: early.result.status, writes: early.writes }).toEqual({ status: 409, writes: [] });
    await end(q.session);

    const refusals: [SignedIn, unknown, number][] = [
      [host, 'nope', 400],
      [host, 42, 400],
      [host, { $ne: null }, 400],
      [host, '0123456789abcdef01234567', 404],
      [host, announcements.id, 403],
      [host, closedCategory.id, 404],
      [attendee, category.id, 403],
      [sessionModerator, category.id, 403],
      [platformModerator, category.id, 403],
    ];
    for (const [who, categoryId, status] of refusals) {
      const { result, writes } = await watchWrites(app, () => carried(q.session, who, categoryId));
      expect({ categoryId, status: result.status, writes }).toEqual({ categoryId, status, writes: [] });
    }
    const unknownSession = await watchWrites(app, () =>
      app.http
        .post(`${API}/live/sessions/0123456789abcdef01234567/carry-to-forum`)
        .set(host.auth)
        .send({ categoryId: category.id }),
    );
    expect({ status: unknownSession.result.status, writes: unknownSession.writes }).toEqual({
      status: 404,
      writes: [],
    });

    const made = await carried(q.session, host, category.id);
    expect(made.status).toBe(201);
    const { threadId } = made.body as { threadId: string };
    expect(threadId).toMatch(/^[0-9a-f]{24}$/);

    const thread = await threadOf(app, attendee, threadId);
    expect(thread).toMatchObject({
      categoryId: category.id,
      title: 'Questions from Q&A session',
      author: { id: host.id },
    });
    const posts = await postsOf(app, attendee, threadId);
    expect(posts.map((post) => post.author.id)).toEqual([host.id, host.id, host.id]);
    const [opening, first, second] = posts;
    expect(opening.body).toContain('[Q&A session](/sessions/');
    expect(opening.html).toContain(`href="/sessions/${q.session.id}"`);
    expect(opening.body).toMatch(/, \d{1,2} [A-Z][a-z]+ \d{4}\./);
    // Approved and unanswered only, most voted first (ties in order of asking), each with its votes.
    expect(first.body).toBe(`> How do we count remittances?\n\nAsked by ${member.displayName} · 3 votes`);
    expect(second.body).toBe(`> Who funds the programme?\n\nAsked by ${q.pseudonym} · 3 votes`);
    const everything = JSON.stringify(posts);
    expectNoTraceOfShy(everything);
    for (const gone of ['When is the next session?', 'football', 'How are remittances counted?']) {
      expect(everything).not.toContain(gone);
    }

    // The session and its report link the thread; a second carry is refused and writes nothing.
    const view = await app.http.get(`${API}/live/sessions/${q.session.id}`).set(attendee.auth);
    expect((view.body as { forumThreadId: string | null }).forumThreadId).toBe(threadId);
    expect(((await reportOf(q.session, attendee)).body as ReportBody).forumThreadId).toBe(threadId);
    const again = await watchWrites(app, () => carried(q.session, host, category.id));
    expect({ status: again.result.status, writes: again.writes }).toEqual({ status: 409, writes: [] });
    const threads = await app.http.get(`${API}/categories/${category.id}/threads`).set(host.auth);
    expect((threads.body as Page<ThreadBody>).items.map((item) => item.id)).toEqual([threadId]);
  });

  it('makes one thread when two carry the same session at once, and lets a group member carry to their group', async () => {
    const group = await createGroup(app, admin, 'public', 'Carriers');
    await addToGroup(app, admin, group, host);
    const category = await createCategory(app, admin, { groupId: group.id });
    const session = await liveSession(app, host);
    const socket = await liveSocket(app, member);
    await joined(socket, session.id);
    await asked(socket, session.id, 'Is the data open?');
    await end(session);

    const answers = await Promise.all([
      carried(session, host, category.id),
      carried(session, host, category.id),
      carried(session, host, category.id),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const threads = await app.http.get(`${API}/categories/${category.id}/threads`).set(host.auth);
    const items = (threads.body as Page<ThreadBody>).items;
    expect(items).toHaveLength(1);
    const winner = answers.find((answer) => answer.status === 201)?.body as { threadId: string };
    expect(items[0].id).toBe(winner.threadId);
    expect(items[0].replyCount).toBe(1);
    const report = await reportOf(session, member);
    expect((report.body as ReportBody).forumThreadId).toBe(winner.threadId);
  });

  it('reveals who asked an anonymous question to platform admins only, and records the lookup in the audit log', async () => {
    const q = await questionedSession();
    for (const who of [host, sessionModerator, platformModerator, attendee, shy]) {
      const { result, writes } = await watchWrites(app, () =>
        app.http.get(`${API}/live/questions/${q.anonymous.id}/author`).set(who.auth),
      );
      expect({ who: who.id, status: result.status, writes }).toEqual({ who: who.id, status: 403, writes: [] });
      expectNoTraceOfShy(result.text);
    }
    const unknown = await app.http.get(`${API}/live/questions/0123456789abcdef01234567/author`).set(admin.auth);
    expect(unknown.status).toBe(404);

    const revealed = await app.http.get(`${API}/live/questions/${q.anonymous.id}/author`).set(admin.auth);
    expect({ status: revealed.status, body: revealed.body as unknown }).toEqual({
      status: 200,
      body: { userId: shy.id, displayName: shy.displayName, guest: false },
    });
    const audit = await app.http
      .get(`${API}/moderation/audit`)
      .query({ action: 'question.reveal_author', targetId: q.anonymous.id })
      .set(admin.auth);
    expect(audit.status).toBe(200);
    const entries = (audit.body as Page<AuditBody>).items;
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'question.reveal_author',
        actor: { id: admin.id, displayName: expect.any(String) },
        target: { type: 'live_question', id: q.anonymous.id, groupId: null },
      }),
    ]);
    // Moderators read the log: the entry names the question, never the asker.
    const seenByModerator = await app.http
      .get(`${API}/moderation/audit`)
      .query({ targetId: q.anonymous.id })
      .set(platformModerator.auth);
    expect((seenByModerator.body as Page<AuditBody>).items.map((entry) => entry.action)).toContain(
      'question.reveal_author',
    );
    expectNoTraceOfShy(JSON.stringify(seenByModerator.body));

    // A guest's question: their display name, no account.
    const asGuest = await liveSocket(app, await guestToken(app, q.session.code, 'Visitor from Dakar'));
    await joined(asGuest, q.session.id);
    const fromGuest = await asked(asGuest, q.session.id, 'Can guests ask anonymously?', { anonymous: true });
    const guestAuthor = await app.http.get(`${API}/live/questions/${fromGuest.id}/author`).set(admin.auth);
    expect(guestAuthor.body).toEqual({ userId: null, displayName: 'Visitor from Dakar', guest: true });
  });

  it('refuses an unknown export format and writes nothing', async () => {
    const session = await liveSession(app, host);
    for (const format of ['xml', 'CSV', 'pdf']) {
      const { result, writes } = await watchWrites(app, () => exported(session, host, format));
      expect({ format, status: result.status, writes }).toEqual({ format, status: 400, writes: [] });
    }
  });
});
