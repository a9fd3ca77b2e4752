import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectError, fieldsOf, walkPages } from './support/http.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const API = '/api/v1';

interface Person {
  id: string | null;
  displayName: string;
}

interface FlagBody {
  id: string;
  status: string;
  reason: string;
  note: string | null;
  reporter: Person;
  review: { moderator: Person; reason: string; at: string } | null;
  post: {
    id: string;
    threadId: string;
    threadTitle: string;
    groupId: string | null;
    author: Person;
    status: string;
  } | null;
  postFlags: {
    open: number;
    resolved: number;
    dismissed: number;
    reasons: Record<string, number>;
    reporters: Person[];
  };
}

interface AuditBody {
  id: string;
  actor: Person | null;
  action: string;
  target: { type: string; id: string; groupId: string | null };
  reason: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  at: string;
}

interface PostBody {
  id: string;
  status: string;
  body: string | null;
}

let app: TestApp;
let admin: SignedIn;
let moderator: SignedIn;
let author: SignedIn;
let reporters: SignedIn[];
let bystander: SignedIn;
let facilitatorA: SignedIn;
let facilitatorB: SignedIn;
let groupA: string;
let groupB: string;
let platformCategory: string;
let otherPlatformCategory: string;
let categoryA: string;
let categoryB: string;

async function expectStatus(
  request: PromiseLike<{ status: number; body: unknown }>,
  status: number,
  what: string,
): Promise<{ status: number; body: unknown }> {
  const response = await request;
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response;
}

async function createGroup(name: string): Promise<string> {
  const response = await expectStatus(
    app.http
      .post(`${API}/groups`)
      .set(admin.auth)
      .send({ name, type: 'working_group', visibility: 'public', joinPolicy: 'open' }),
    201,
    'create a group',
  );
  return (response.body as { id: string }).id;
}

async function join(groupId: string, user: SignedIn, role?: 'facilitator'): Promise<void> {
  await expectStatus(app.http.post(`${API}/groups/${groupId}/join`).set(user.auth), 201, 'join');
  if (role) {
    await expectStatus(
      app.http.patch(`${API}/groups/${groupId}/members/${user.id}`).set(admin.auth).send({ role }),
      200,
      'make facilitator',
    );
  }
}

async function createCategory(name: string, groupId?: string): Promise<string> {
  const response = await expectStatus(
    app.http
      .post(`${API}/categories`)
      .set(admin.auth)
      .send({ name, ...(groupId ? { groupId } : {}) }),
    201,
    'create a category',
  );
  return (response.body as { id: string }).id;
}

/** A thread by `who` and a reply of theirs: the post that gets flagged. */
async function threadWithReply(who: SignedIn, categoryId: string): Promise<{ threadId: string; postId: string }> {
  const thread = await expectStatus(
    app.http
      .post(`${API}/categories/${categoryId}/threads`)
      .set(who.auth)
      .send({ title: 'A thread to moderate', body: 'The opening post.' }),
    201,
    'start a thread',
  );
  const threadId = (thread.body as { id: string }).id;
  const post = await expectStatus(
    app.http.post(`${API}/threads/${threadId}/posts`).set(who.auth).send({ body: 'A reply someone may dislike.' }),
    201,
    'reply',
  );
  return { threadId, postId: (post.body as { id: string }).id };
}

function flag(who: SignedIn, postId: string, body: object = { reason: 'spam' }) {
  return app.http.post(`${API}/posts/${postId}/flags`).set(who.auth).send(body);
}

async function postsSeenBy(who: SignedIn, threadId: string): Promise<PostBody[]> {
  const response = await expectStatus(
    app.http.get(`${API}/threads/${threadId}/posts`).set(who.auth).query({ limit: 100 }),
    200,
    'list posts',
  );
  return (response.body as { items: PostBody[] }).items;
}

async function flagsSeenBy(who: SignedIn, query: Record<string, string | number> = {}): Promise<FlagBody[]> {
  const response = await expectStatus(
    app.http
      .get(`${API}/moderation/flags`)
      .set(who.auth)
      .query({ limit: 100, ...query }),
    200,
    'list flags',
  );
  return (response.body as { items: FlagBody[] }).items;
}

async function auditSeenBy(who: SignedIn, query: Record<string, string | number> = {}): Promise<AuditBody[]> {
  const response = await expectStatus(
    app.http
      .get(`${API}/moderation/audit`)
      .set(who.auth)
      .query({ limit: 100, ...query }),
    200,
    'read the audit log',
  );
  return (response.body as { items: AuditBody[] }).items;
}

beforeAll(async () => {
  app = await startTestApp('moderation');
  admin = await loginAdmin(app);
  moderator = await registerWithRole(app, 'moderator');
  [author, bystander, facilitatorA, facilitatorB, ...reporters] = await Promise.all(
    Array.from({ length: 9 }, () => register(app)),
  );
  groupA = await createGroup('Moderation group A');
  groupB = await createGroup('Moderation group B');
  for (const user of [author, ...reporters]) {
    await join(groupA, user);
    await join(groupB, user);
  }
  await join(groupA, facilitatorA, 'facilitator');
  await join(groupB, facilitatorB, 'facilitator');
  platformCategory = await createCategory('Moderation platform');
  otherPlatformCategory = await createCategory('Moderation elsewhere');
  categoryA = await createCategory('Moderation in A', groupA);
  categoryB = await createCategory('Moderation in B', groupB);
}, 120_000);

afterAll(() => app.close());

describe('flagging posts', () => {
  it('takes one open flag per member and post, never on their own post, and hides the post at 3 open flags', async () => {
    const { threadId, postId } = await threadWithReply(author, platformCategory);

    let before = await documentCounts(app.connection);
    expectError((await flag(author, postId).expect(403)).body, 403);
    expect(await documentCounts(app.connection)).toEqual(before);

    const first = await flag(reporters[0], postId, { reason: 'spam', note: 'Links to a shop' }).expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      postId,
      reason: 'spam',
      note: 'Links to a shop',
      status: 'open',
      createdAt: expect.any(String),
    });
    before = await documentCounts(app.connection);
    expect(expectError((await flag(reporters[0], postId, { reason: 'abuse' }).expect(409)).body, 409).code).toBe(
      'conflict',
    );
    expect(await documentCounts(app.connection)).toEqual(before);

    await flag(reporters[1], postId, { reason: 'abuse' }).expect(201);
    expect((await postsSeenBy(bystander, threadId)).map((post) => post.id)).toContain(postId);

    // "other" needs a note
    expect(fieldsOf((await flag(reporters[2], postId, { reason: 'other' }).expect(400)).body)).toEqual(['note']);
    await flag(reporters[2], postId, { reason: 'other', note: 'Not what this forum is for' }).expect(201);

    expect((await postsSeenBy(bystander, threadId)).map((post) => post.id)).not.toContain(postId);
    for (const staff of [moderator, admin]) {
      const seen = (await postsSeenBy(staff, threadId)).find((post) => post.id === postId);
      expect(seen).toMatchObject({ status: 'hidden', body: 'A reply someone may dislike.' });
    }
    expect((await postsSeenBy(author, threadId)).find((post) => post.id === postId)?.status).toBe('hidden');
    // hidden: no longer there to flag for those who cannot read it
    await flag(reporters[3], postId).expect(404);

    const [hidden] = await auditSeenBy(admin, { targetId: postId });
    expect(hidden).toEqual({
      id: expect.any(String),
      actor: null,
      action: 'post.hide',
      target: { type: 'post', id: postId, groupId: null },
      reason: '3 open flags (spam 1, abuse 1, other 1)',
      before: { status: 'visible', openFlags: 3 },
      after: { status: 'hidden', openFlags: 3 },
      at: expect.any(String),
    });
    expect((await auditSeenBy(moderator, { actor: 'system' })).map((entry) => entry.id)).toContain(hidden.id);

    const queue = (await flagsSeenBy(moderator, { status: 'open' })).filter((item) => item.post?.id === postId);
    expect(queue).toHaveLength(3);
    expect(queue.map((item) => item.reporter.id)).toEqual([reporters[2].id, reporters[1].id, reporters[0].id]);
    for (const item of queue) {
      expect(item).toMatchObject({
        status: 'open',
        review: null,
        post: { threadId, groupId: null, author: { id: author.id, displayName: author.displayName }, status: 'hidden' },
        postFlags: { open: 3, resolved: 0, dismissed: 0, reasons: { spam: 1, abuse: 1, off_topic: 0, other: 1 } },
      });
      expect(item.postFlags.reporters.map((person) => person.displayName).sort()).toEqual(
        reporters
          .slice(0, 3)
          .map((reporter) => reporter.displayName)
          .sort(),
      );
    }
  });

  it('dismissing reviews every open flag on the post and restores what the flags hid; resolving hides it', async () => {
    const { threadId, postId } = await threadWithReply(author, platformCategory);
    const flagIds: string[] = [];
    for (const [index, reason] of (['spam', 'off_topic', 'spam'] as const).entries()) {
      flagIds.push(((await flag(reporters[index], postId, { reason }).expect(201)).body as { id: string }).id);
    }
    expect((await postsSeenBy(bystander, threadId)).map((post) => post.id)).not.toContain(postId);

    const dismissed = await app.http
      .post(`${API}/moderation/flags/${flagIds[1]}/dismiss`)
      .set(moderator.auth)
      .send({ reason: 'A fair reply, not spam' })
      .expect(200);
    expect(dismissed.body).toMatchObject({
      id: flagIds[1],
      status: 'dismissed',
      review: { moderator: { id: moderator.id }, reason: 'A fair reply, not spam' },
      post: { id: postId, status: 'visible' },
      postFlags: { open: 0, resolved: 0, dismissed: 3, reasons: { spam: 2, off_topic: 1 } },
    });
    expect((await postsSeenBy(bystander, threadId)).find((post) => post.id === postId)?.status).toBe('visible');
    const closed = (await flagsSeenBy(moderator, { status: 'dismissed' })).filter((item) => item.post?.id === postId);
    expect(closed.map((item) => item.id).sort()).toEqual([...flagIds].sort());
    expect((await flagsSeenBy(moderator, { status: 'open' })).filter((item) => item.post?.id === postId)).toEqual([]);
    const [dismissal] = await auditSeenBy(admin, { targetId: postId, action: 'flag.dismiss' });
    expect(dismissal).toMatchObject({
      actor: { id: moderator.id, displayName: moderator.displayName },
      target: { type: 'post', id: postId, groupId: null },
      reason: 'A fair reply, not spam',
      before: { status: 'hidden', openFlags: 3 },
      after: { status: 'visible', openFlags: 0 },
    });

    // reviewed once: a second review of any of them is a conflict
    const before = await documentCounts(app.connection);
    await app.http
      .post(`${API}/moderation/flags/${flagIds[0]}/resolve`)
      .set(moderator.auth)
      .send({ reason: 'Changed my mind' })
      .expect(409);
    expect(await documentCounts(app.connection)).toEqual(before);

    // closed flags do not stand in the way of a new one
    const again = (await flag(reporters[0], postId, { reason: 'abuse' }).expect(201)).body as { id: string };
    const resolved = await app.http
      .post(`${API}/moderation/flags/${again.id}/resolve`)
      .set(admin.auth)
      .send({ reason: 'Abusive after all' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', post: { status: 'hidden' } });
    expect((await postsSeenBy(bystander, threadId)).map((post) => post.id)).not.toContain(postId);
    const [resolution] = await auditSeenBy(moderator, { targetId: postId, action: 'flag.resolve' });
    expect(resolution).toMatchObject({
      actor: { id: admin.id },
      reason: 'Abusive after all',
      before: { status: 'visible', openFlags: 1 },
      after: { status: 'hidden', openFlags: 0 },
    });
  });

  it('dismissing flags leaves hidden a post that a moderator hid', async () => {
    const { threadId, postId } = await threadWithReply(author, platformCategory);
    const { id } = (await flag(reporters[0], postId).expect(201)).body as { id: string };
    await app.http
      .post(`${API}/posts/${postId}/hide`)
      .set(moderator.auth)
      .send({ reason: 'Off the rails' })
      .expect(200);
    await app.http
      .post(`${API}/moderation/flags/${id}/dismiss`)
      .set(moderator.auth)
      .send({ reason: 'Not spam, but hidden anyway' })
      .expect(200);
    expect((await postsSeenBy(moderator, threadId)).find((post) => post.id === postId)?.status).toBe('hidden');
  });
});

describe('scope', () => {
  it('shows a facilitator only their group’s flags, and 404s the others; members get 403', async () => {
    const inA = await threadWithReply(author, categoryA);
    const inB = await threadWithReply(author, categoryB);
    const onPlatform = await threadWithReply(author, platformCategory);
    const flagOf = async (postId: string) =>
      ((await flag(reporters[4], postId, { reason: 'off_topic' }).expect(201)).body as { id: string }).id;
    const [flagA, flagB, flagPlatform] = [
      await flagOf(inA.postId),
      await flagOf(inB.postId),
      await flagOf(onPlatform.postId),
    ];

    const seenByA = await flagsSeenBy(facilitatorA);
    expect(seenByA.map((item) => item.id)).toContain(flagA);
    expect(seenByA.every((item) => item.post?.groupId === groupA)).toBe(true);
    const seenByB = await flagsSeenBy(facilitatorB, { status: 'open' });
    expect(seenByB.map((item) => item.id)).toContain(flagB);
    expect(seenByB.every((item) => item.post?.groupId === groupB)).toBe(true);
    const all = (await flagsSeenBy(moderator)).map((item) => item.id);
    expect(all).toEqual(expect.arrayContaining([flagA, flagB, flagPlatform]));

    const before = await documentCounts(app.connection);
    for (const other of [flagB, flagPlatform]) {
      for (const decision of ['resolve', 'dismiss']) {
        expectError(
          (
            await app.http
              .post(`${API}/moderation/flags/${other}/${decision}`)
              .set(facilitatorA.auth)
              .send({ reason: 'Not mine to judge' })
              .expect(404)
          ).body,
          404,
        );
      }
    }
    for (const request of [
      app.http.get(`${API}/moderation/flags`).set(bystander.auth),
      app.http.get(`${API}/moderation/audit`).set(bystander.auth),
      app.http.post(`${API}/moderation/flags/${flagA}/resolve`).set(bystander.auth).send({ reason: 'I say so' }),
      app.http.post(`${API}/moderation/flags/${flagA}/dismiss`).set(reporters[4].auth).send({ reason: 'I say so' }),
    ]) {
      expect(expectError((await request.expect(403)).body, 403).code).toBe('forbidden');
    }
    await app.http.get(`${API}/moderation/flags`).expect(401);
    expect(await documentCounts(app.connection)).toEqual(before);

    await app.http
      .post(`${API}/moderation/flags/${flagA}/resolve`)
      .set(facilitatorA.auth)
      .send({ reason: 'Off topic in our group' })
      .expect(200);
    expect((await flagsSeenBy(facilitatorA, { status: 'resolved' })).map((item) => item.id)).toContain(flagA);
  });

  it('moves flags with their thread to another group, and deletes them with their group', async () => {
    const moved = await threadWithReply(author, categoryA);
    const { id: movedFlag } = (await flag(reporters[4], moved.postId).expect(201)).body as { id: string };
    await app.http
      .post(`${API}/threads/${moved.threadId}/move`)
      .set(admin.auth)
      .send({ categoryId: categoryB, reason: 'Fits group B better' })
      .expect(200);
    expect((await flagsSeenBy(facilitatorB)).map((item) => item.id)).toContain(movedFlag);
    expect((await flagsSeenBy(facilitatorA)).map((item) => item.id)).not.toContain(movedFlag);

    const groupC = await createGroup('Moderation group C');
    await join(groupC, author);
    const { postId } = await threadWithReply(author, await createCategory('Moderation in C', groupC));
    const { id: goneFlag } = (await flag(reporters[4], postId).expect(201)).body as { id: string };
    await app.http.delete(`${API}/groups/${groupC}`).set(admin.auth).expect(204);
    expect((await flagsSeenBy(moderator)).map((item) => item.id)).not.toContain(goneFlag);
  });

  it('lets a facilitator moderate only in their group, and shows them only their group’s audit entries', async () => {
    const inA = await threadWithReply(author, categoryA);
    const inB = await threadWithReply(author, categoryB);
    const onPlatform = await threadWithReply(author, platformCategory);
    const before = await documentCounts(app.connection);
    for (const threadId of [inB.threadId, onPlatform.threadId]) {
      for (const action of ['pin', 'lock', 'hide']) {
        await app.http
          .post(`${API}/threads/${threadId}/${action}`)
          .set(facilitatorA.auth)
          .send({ reason: 'Trying my luck' })
          .expect(403);
      }
    }
    await app.http.post(`${API}/posts/${inB.postId}/hide`).set(facilitatorA.auth).send({ reason: 'Nope' }).expect(403);
    expect(await documentCounts(app.connection)).toEqual(before);

    await app.http
      .post(`${API}/threads/${inA.threadId}/pin`)
      .set(facilitatorA.auth)
      .send({ reason: 'Ours' })
      .expect(200);
    await app.http
      .post(`${API}/threads/${inB.threadId}/lock`)
      .set(facilitatorB.auth)
      .send({ reason: 'Theirs' })
      .expect(200);
    await app.http
      .post(`${API}/threads/${onPlatform.threadId}/lock`)
      .set(moderator.auth)
      .send({ reason: 'Platform' })
      .expect(200);

    const seenByA = await auditSeenBy(facilitatorA);
    expect(seenByA.length).toBeGreaterThan(0);
    expect(seenByA.every((entry) => entry.target.groupId === groupA)).toBe(true);
    expect(seenByA).toContainEqual(
      expect.objectContaining({
        action: 'thread.pin',
        actor: { id: facilitatorA.id, displayName: facilitatorA.displayName },
        target: { type: 'thread', id: inA.threadId, groupId: groupA },
      }),
    );
    expect(await auditSeenBy(facilitatorA, { targetId: onPlatform.threadId })).toEqual([]);
    expect(await auditSeenBy(facilitatorA, { targetId: inB.threadId })).toEqual([]);
    const seenByB = await auditSeenBy(facilitatorB);
    expect(seenByB.every((entry) => entry.target.groupId === groupB)).toBe(true);
    expect(seenByB.map((entry) => entry.target.id)).toContain(inB.threadId);
  });
});

describe('the audit log', () => {
  it('records every moderator action with actor, target, reason, before and after, and filters them', async () => {
    const started = new Date().toISOString();
    const { threadId, postId } = await threadWithReply(author, platformCategory);
    const act = (path: string, body: object) =>
      expectStatus(app.http.post(`${API}${path}`).set(moderator.auth).send(body), 200, path);
    await act(`/threads/${threadId}/pin`, { reason: 'Important' });
    await act(`/threads/${threadId}/lock`, { reason: 'Heated' });
    await act(`/threads/${threadId}/move`, { categoryId: otherPlatformCategory, reason: 'Belongs elsewhere' });
    await expectStatus(
      app.http
        .patch(`${API}/posts/${postId}`)
        .set(moderator.auth)
        .send({ body: 'A reply, with the insult removed.', reason: 'Removed an insult' }),
      200,
      'edit',
    );
    await act(`/posts/${postId}/hide`, { reason: 'Still rude' });
    await act(`/threads/${threadId}/hide`, { reason: 'Closed for good' });
    const suspended = await register(app);
    await expectStatus(
      app.http
        .patch(`${API}/users/${suspended.id}`)
        .set(moderator.auth)
        .send({ status: 'suspended', reason: 'Repeated abuse' }),
      200,
      'suspend',
    );
    const flagged = await threadWithReply(author, platformCategory);
    const flags = [];
    for (const reporter of reporters.slice(0, 2))
      flags.push(((await flag(reporter, flagged.postId)).body as { id: string }).id);
    await act(`/moderation/flags/${flags[0]}/dismiss`, { reason: 'Fine as it is' });
    const again = ((await flag(reporters[2], flagged.postId).expect(201)).body as { id: string }).id;
    await act(`/moderation/flags/${again}/resolve`, { reason: 'Spam indeed' });

    const mine = await auditSeenBy(admin, { actor: moderator.id, since: started });
    const entry = (action: string, targetId: string) =>
      mine.find((item) => item.action === action && item.target.id === targetId);
    const byModerator = { id: moderator.id, displayName: moderator.displayName };
    const thread = { type: 'thread', id: threadId, groupId: null };
    const post = { type: 'post', id: postId, groupId: null };
    expect(entry('thread.pin', threadId)).toMatchObject({
      actor: byModerator,
      target: thread,
      reason: 'Important',
      before: { pinned: false },
      after: { pinned: true },
    });
    expect(entry('thread.lock', threadId)).toMatchObject({
      reason: 'Heated',
      before: { locked: false },
      after: { locked: true },
    });
    expect(entry('thread.move', threadId)).toMatchObject({
      reason: 'Belongs elsewhere',
      before: { categoryId: platformCategory },
      after: { categoryId: otherPlatformCategory },
    });
    expect(entry('post.edit', postId)).toMatchObject({
      target: post,
      reason: 'Removed an insult',
      before: { body: 'A reply someone may dislike.' },
      after: { body: 'A reply, with the insult removed.' },
    });
    expect(entry('post.hide', postId)).toMatchObject({
      reason: 'Still rude',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
    expect(entry('thread.hide', threadId)).toMatchObject({
      reason: 'Closed for good',
      before: { status: 'visible' },
      after: { status: 'hidden' },
    });
    expect(entry('user.suspend', suspended.id)).toMatchObject({
      target: { type: 'user', id: suspended.id, groupId: null },
      reason: 'Repeated abuse',
      before: { status: 'active' },
      after: { status: 'suspended' },
    });
    expect(entry('flag.dismiss', flagged.postId)).toMatchObject({
      reason: 'Fine as it is',
      before: { status: 'visible', openFlags: 2 },
      after: { status: 'visible', openFlags: 0 },
    });
    expect(entry('flag.resolve', flagged.postId)).toMatchObject({
      reason: 'Spam indeed',
      before: { status: 'visible', openFlags: 1 },
      after: { status: 'hidden', openFlags: 0 },
    });
    expect(mine.every((item) => item.actor?.id === moderator.id)).toBe(true);
    const times = mine.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // filters
    const users = await auditSeenBy(moderator, { targetType: 'user', since: started });
    expect(users.map((item) => item.action)).toEqual(['user.suspend']);
    const pins = await auditSeenBy(moderator, { action: 'thread.pin', targetId: threadId });
    expect(pins).toHaveLength(1);
    expect(
      (await auditSeenBy(moderator, { targetType: 'thread', targetId: threadId })).map((item) => item.action),
    ).toEqual(['thread.hide', 'thread.move', 'thread.lock', 'thread.pin']);
    expect(await auditSeenBy(moderator, { targetType: 'user', targetId: threadId })).toEqual([]);
    expect(await auditSeenBy(moderator, { since: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await auditSeenBy(moderator, { until: started, targetId: threadId })).toEqual([]);
    const until = mine[Math.floor(mine.length / 2)].at;
    const early = await auditSeenBy(admin, { actor: moderator.id, since: started, until });
    expect(early.map((item) => item.id)).toEqual(mine.filter((item) => item.at <= until).map((item) => item.id));

    const { items, pages } = await walkPages<AuditBody>(app, `${API}/moderation/audit`, {
      limit: 2,
      auth: admin.auth,
      query: { actor: moderator.id, since: started },
    });
    expect(pages).toBeGreaterThan(2);
    expect(items.map((item) => item.id)).toEqual(mine.map((item) => item.id));
  });

  it('is append-only: no route changes or deletes an entry', async () => {
    const [entry] = await auditSeenBy(admin);
    const before = await documentCounts(app.connection);
    for (const request of [
      app.http.patch(`${API}/moderation/audit/${entry.id}`).set(admin.auth).send({ reason: 'Rewritten' }),
      app.http.put(`${API}/moderation/audit/${entry.id}`).set(admin.auth).send({ reason: 'Rewritten' }),
      app.http.delete(`${API}/moderation/audit/${entry.id}`).set(admin.auth),
      app.http.delete(`${API}/moderation/audit`).set(admin.auth),
      app.http.patch(`${API}/moderation/audit`).set(admin.auth).send({ reason: 'Rewritten' }),
      app.http.post(`${API}/moderation/audit`).set(admin.auth).send({ action: 'thread.pin' }),
    ]) {
      const response = await request;
      expect([404, 405]).toContain(response.status);
      expectError(response.body, response.status);
    }
    expect(await documentCounts(app.connection)).toEqual(before);
    expect((await auditSeenBy(admin)).find((item) => item.id === entry.id)).toEqual(entry);

    const document = (await app.http.get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditPaths = Object.entries(document.paths).filter(([path]) => path.startsWith(`${API}/moderation/audit`));
    expect(auditPaths.map(([path, methods]) => [path, Object.keys(methods)])).toEqual([
      [`${API}/moderation/audit`, ['get']],
    ]);
  });
});

describe('bad input', () => {
  it('is refused with the field and the problem, and writes nothing', async () => {
    const { postId } = await threadWithReply(author, platformCategory);
    const { id: flagId } = (await flag(reporters[0], postId).expect(201)).body as { id: string };
    const huge = { reason: 'spam', note: 'x'.repeat(100 * 1024) };
    const cases: [string, () => PromiseLike<{ status: number; body: unknown }>, number, string[]][] = [
      ['reason love', () => flag(reporters[1], postId, { reason: 'love' }), 400, ['reason']],
      ['no reason', () => flag(reporters[1], postId, {}), 400, ['reason']],
      ['unknown field', () => flag(reporters[1], postId, { reason: 'spam', weight: 10 }), 400, ['weight']],
      ['null note', () => flag(reporters[1], postId, { reason: 'spam', note: null }), 400, ['note']],
      ['long note', () => flag(reporters[1], postId, { reason: 'spam', note: 'x'.repeat(1001) }), 400, ['note']],
      ['operator', () => flag(reporters[1], postId, { reason: { $ne: null } }), 400, ['reason']],
      ['invalid post id', () => flag(reporters[1], 'not-an-id'), 400, ['id']],
      ['unknown post', () => flag(reporters[1], '0123456789abcdef01234567'), 404, []],
      ['100 kB body', () => flag(reporters[1], postId, huge), 413, []],
      [
        'array body',
        () =>
          app.http
            .post(`${API}/posts/${postId}/flags`)
            .set(reporters[1].auth)
            .send([{ reason: 'spam' }]),
        400,
        ['body'],
      ],
      [
        'review without reason',
        () => app.http.post(`${API}/moderation/flags/${flagId}/resolve`).set(moderator.auth).send({}),
        400,
        ['reason'],
      ],
      [
        'review with a blank reason and more',
        () =>
          app.http
            .post(`${API}/moderation/flags/${flagId}/dismiss`)
            .set(moderator.auth)
            .send({ reason: '  ', hide: true }),
        400,
        ['hide', 'reason'],
      ],
      [
        'review of an invalid id',
        () => app.http.post(`${API}/moderation/flags/xyz/resolve`).set(moderator.auth).send({ reason: 'Spam' }),
        400,
        ['id'],
      ],
      [
        'review of an unknown flag',
        () =>
          app.http
            .post(`${API}/moderation/flags/0123456789abcdef01234567/resolve`)
            .set(moderator.auth)
            .send({ reason: 'Spam' }),
        404,
        [],
      ],
      ['status love', () => app.http.get(`${API}/moderation/flags?status=love`).set(moderator.auth), 400, ['status']],
      ['flags limit 0', () => app.http.get(`${API}/moderation/flags?limit=0`).set(moderator.auth), 400, ['limit']],
      ['flags cursor', () => app.http.get(`${API}/moderation/flags?cursor=abc`).set(moderator.auth), 400, ['cursor']],
      ['audit actor', () => app.http.get(`${API}/moderation/audit?actor=someone`).set(admin.auth), 400, ['actor']],
      ['audit target id', () => app.http.get(`${API}/moderation/audit?targetId=12`).set(admin.auth), 400, ['targetId']],
      [
        'audit target type',
        () => app.http.get(`${API}/moderation/audit?targetType=Post!`).set(admin.auth),
        400,
        ['targetType'],
      ],
      ['audit action', () => app.http.get(`${API}/moderation/audit?action=$where`).set(admin.auth), 400, ['action']],
      ['audit since', () => app.http.get(`${API}/moderation/audit?since=yesterday`).set(admin.auth), 400, ['since']],
      ['audit until', () => app.http.get(`${API}/moderation/audit?until=2026-13-01`).set(admin.auth), 400, ['until']],
      [
        'audit week date',
        () => app.http.get(`${API}/moderation/audit?since=2009-W53-7`).set(admin.auth),
        400,
        ['since'],
      ],
      [
        'audit basic format',
        () => app.http.get(`${API}/moderation/audit?until=20260101T101010Z`).set(admin.auth),
        400,
        ['until'],
      ],
      [
        'audit operator',
        () => app.http.get(`${API}/moderation/audit?actor[$ne]=x`).set(admin.auth),
        400,
        ['actor[$ne]'],
      ],
      ['audit unknown', () => app.http.get(`${API}/moderation/audit?who=me`).set(admin.auth), 400, ['who']],
    ];
    const before = await documentCounts(app.connection);
    for (const [what, send, status, fields] of cases) {
      const response = await send();
      if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
      const error = expectError(response.body, status);
      expect([what, fieldsOf(error)]).toEqual([what, fields]);
      if (fields.length > 0) expect([what, error.code]).toEqual([what, 'validation_failed']);
    }
    expect(await documentCounts(app.connection)).toEqual(before);
    expect((await flagsSeenBy(moderator, { status: 'open' })).find((item) => item.id === flagId)?.status).toBe('open');
  });
});
