import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReviewReminders } from '@plenary/library';
import { eventually } from './support/eventually.js';
import {
  API,
  create,
  grant,
  initiativeBody,
  type ItemBody,
  publish,
  resourceBody,
  type ReviewBody,
  SCORES,
  setOrganisation,
} from './support/library.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

interface NotificationBody {
  kind: string;
  itemKind: string | null;
  itemId: string | null;
  text: string | null;
  action: string | null;
  reason: string | null;
  actor: { id: string | null } | null;
}

async function notificationsOf(app: TestApp, member: SignedIn): Promise<NotificationBody[]> {
  const response = await app.http.get(`${API}/notifications`).query({ limit: 100 }).set(member.auth).expect(200);
  return response.body.items as NotificationBody[];
}

async function auditActions(app: TestApp, admin: SignedIn, type: string, id: string): Promise<string[]> {
  const response = await app.http
    .get(`${API}/moderation/audit`)
    .query({ targetType: type, targetId: id, limit: 100 })
    .set(admin.auth)
    .expect(200);
  return (response.body.items as { action: string; at: string }[]).map((entry) => entry.action).reverse();
}

describe('the library review path', () => {
  let app: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let author: SignedIn;
  let first: SignedIn;
  let second: SignedIn;
  let colleague: SignedIn;
  let outsider: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('library_review');
    admin = await loginAdmin(app);
    [editor, author, first, second, colleague, outsider] = await Promise.all(
      Array.from({ length: 6 }, () => register(app)),
    );
    await grant(app, admin, editor, ['editor']);
    for (const reviewer of [first, second, colleague]) await grant(app, admin, reviewer, ['reviewer']);
    await setOrganisation(app, author, 'Corridor Watch');
    await setOrganisation(app, first, 'University of Dakar');
    await setOrganisation(app, second, 'Migrant Rights Network');
    // the same organisation as the author's, written differently
    await setOrganisation(app, colleague, '  corridor watch ');
  }, 60_000);
  afterAll(() => app.close());

  it('submits, assigns two reviewers (refusing conflicts), revises, re-reviews and publishes; the public sees the published version only', async () => {
    const draft = await create(app, author, resourceBody({ title: 'Costs of sending money home' }));
    expect(draft).toMatchObject({ status: 'draft', version: 1, publishedVersion: null });
    const url = `${API}/resources/${draft.id}`;
    await app.http.get(url).expect(404);
    expect((await app.http.get(`${API}/resources`).expect(200)).body.items).toEqual([]);

    expect((await app.http.post(`${url}/submit`).set(author.auth).expect(200)).body.status).toBe('submitted');

    // conflicts of interest: a reviewer of the author's organisation, the author themself; nothing assigned
    const conflicted = await app.http
      .post(`${url}/reviewers`)
      .set(editor.auth)
      .send({ userIds: [first.id, colleague.id] })
      .expect(409);
    expect(conflicted.body.details).toEqual([
      { field: 'userIds', problem: `${colleague.id} is from the author's organisation` },
    ]);
    const self = await app.http
      .post(`${url}/reviewers`)
      .set(editor.auth)
      .send({ userIds: [author.id] });
    expect([400, 409]).toContain(self.status);
    expect((await app.http.get(url).set(editor.auth).expect(200)).body.reviewers).toEqual([]);
    // a member without the reviewer capability is not a reviewer
    const plain = await app.http
      .post(`${url}/reviewers`)
      .set(editor.auth)
      .send({ userIds: [outsider.id] })
      .expect(400);
    expect(plain.body.details[0].field).toBe('userIds');

    const assigned = await app.http
      .post(`${url}/reviewers`)
      .set(editor.auth)
      .send({ userIds: [first.id, second.id] })
      .expect(200);
    expect(assigned.body.status).toBe('in_review');
    expect(assigned.body.reviewers.map((r: { id: string }) => r.id)).toEqual([first.id, second.id]);
    for (const reviewer of [first, second]) {
      await eventually(async () => {
        expect(await notificationsOf(app, reviewer)).toContainEqual(
          expect.objectContaining({
            kind: 'review_assigned',
            itemKind: 'resource',
            itemId: draft.id,
            action: 'assigned',
          }),
        );
      });
    }

    // the editor waits for the quorum
    const early = await app.http
      .post(`${url}/decision`)
      .set(editor.auth)
      .send({ decision: 'publish', reason: 'Looks fine' })
      .expect(409);
    expect(early.body.details).toEqual([{ field: 'decision', problem: 'waits for 2 reviews of the current version' }]);
    // only assigned reviewers review
    await app.http
      .post(`${url}/reviews`)
      .set(colleague.auth)
      .send({ scores: SCORES, commentToAuthor: 'x' })
      .expect((response) => expect([403, 404]).toContain(response.status));

    const review = (reviewer: SignedIn, comment: string, note?: string) =>
      app.http
        .post(`${url}/reviews`)
        .set(reviewer.auth)
        .send({ scores: SCORES, commentToAuthor: comment, ...(note ? { noteToEditors: note } : {}) });
    expect((await review(first, 'Cite the 2023 figures.', 'Solid, minor fixes').expect(201)).body.version).toBe(1);
    await review(first, 'Again').expect(409);
    await review(second, 'The method section is thin.').expect(201);

    // the author reads comments and scores, never who wrote them
    const forAuthor = await app.http.get(`${url}/reviews`).set(author.auth).expect(200);
    expect(forAuthor.body.items).toHaveLength(2);
    for (const item of forAuthor.body.items as ReviewBody[]) {
      expect(item.reviewer).toBeNull();
      expect(item.noteToEditors).toBeNull();
      expect(item.scores).toEqual(SCORES);
    }
    expect((forAuthor.body.items as ReviewBody[]).map((item) => item.reviewerLabel)).toEqual([
      'Reviewer 1',
      'Reviewer 2',
    ]);
    const authorText = JSON.stringify([forAuthor.body, (await app.http.get(url).set(author.auth)).body]);
    for (const reviewer of [first, second]) {
      expect(authorText).not.toContain(reviewer.id);
      expect(authorText).not.toContain(reviewer.displayName);
    }
    // editors read everything
    const forEditor = await app.http.get(`${url}/reviews`).set(editor.auth).expect(200);
    expect(forEditor.body.items).toEqual([
      expect.objectContaining({
        reviewer: { id: first.id, displayName: first.displayName },
        noteToEditors: 'Solid, minor fixes',
      }),
      expect.objectContaining({ reviewer: { id: second.id, displayName: second.displayName }, noteToEditors: '' }),
    ]);
    // a reviewer reads their own review only
    const forSecond = await app.http.get(`${url}/reviews`).set(second.auth).expect(200);
    expect(forSecond.body.items.map((item: ReviewBody) => item.commentToAuthor)).toEqual([
      'The method section is thin.',
    ]);

    const changes = await app.http
      .post(`${url}/decision`)
      .set(editor.auth)
      .send({ decision: 'request_changes', reason: 'Strengthen the method section' })
      .expect(200);
    expect(changes.body.status).toBe('changes_requested');
    await eventually(async () => {
      expect(await notificationsOf(app, author)).toContainEqual(
        expect.objectContaining({
          kind: 'review_decision',
          itemId: draft.id,
          action: 'request_changes',
          reason: 'Strengthen the method section',
          actor: null,
        }),
      );
    });

    // the reviewed version does not come back unchanged; an edit makes version 2, edited in place after
    await app.http.post(`${url}/submit`).set(author.auth).expect(409);
    const revised = await app.http
      .patch(url)
      .set(author.auth)
      .send({ abstract: 'A revised abstract with a stronger method.' })
      .expect(200);
    expect(revised.body).toMatchObject({ version: 2, status: 'changes_requested' });
    const again = await app.http
      .patch(url)
      .set(author.auth)
      .send({ tags: ['remittances', 'costs'] })
      .expect(200);
    expect(again.body.version).toBe(2);

    const resubmitted = await app.http.post(`${url}/submit`).set(author.auth).expect(200);
    expect(resubmitted.body.status).toBe('in_review');
    for (const reviewer of [first, second]) {
      await eventually(async () => {
        expect(await notificationsOf(app, reviewer)).toContainEqual(
          expect.objectContaining({ kind: 'review_assigned', itemId: draft.id, action: 'revised' }),
        );
      });
    }
    // the quorum counts reviews of the current version
    await app.http.post(`${url}/decision`).set(editor.auth).send({ decision: 'publish', reason: 'Now' }).expect(409);
    expect((await review(first, 'Much better.').expect(201)).body.version).toBe(2);
    expect((await review(second, 'Fine now.').expect(201)).body.version).toBe(2);

    // the editor may not decide on their own; the author may not decide at all
    await app.http.post(`${url}/decision`).set(author.auth).send({ decision: 'publish', reason: 'Mine' }).expect(403);
    const published = await app.http
      .post(`${url}/decision`)
      .set(editor.auth)
      .send({ decision: 'publish', reason: 'Both reviewers agree' })
      .expect(200);
    expect(published.body).toMatchObject({ status: 'published', version: 2, publishedVersion: 2 });

    const forPublic = await app.http.get(url).expect(200);
    expect(forPublic.body).toMatchObject({
      status: 'published',
      abstract: 'A revised abstract with a stronger method.',
      tags: ['remittances', 'costs'],
      reviewers: null,
    });
    const publicVersions = await app.http.get(`${url}/versions`).expect(200);
    expect(publicVersions.body.items.map((v: { number: number }) => v.number)).toEqual([2]);
    const authorVersions = await app.http.get(`${url}/versions`).set(author.auth).expect(200);
    expect(
      authorVersions.body.items.map((v: { number: number; content: { abstract: string } }) => [
        v.number,
        v.content.abstract,
      ]),
    ).toEqual([
      [1, 'How remittances travel between corridors, and what they cost.'],
      [2, 'A revised abstract with a stronger method.'],
    ]);
    await app.http.get(`${url}/reviews`).expect(401);
    await app.http.get(`${url}/reviews`).set(outsider.auth).expect(403);
    expect((await app.http.get(`${API}/resources`).expect(200)).body.items.map((i: ItemBody) => i.id)).toEqual([
      draft.id,
    ]);
    await app.http.patch(url).set(author.auth).send({ title: 'Too late' }).expect(409);

    // every step is in the audit log
    expect(await auditActions(app, admin, 'resource', draft.id)).toEqual([
      'resource.submit',
      'resource.assign',
      'resource.review',
      'resource.review',
      'resource.request_changes',
      'resource.revise',
      'resource.resubmit',
      'resource.review',
      'resource.review',
      'resource.publish',
    ]);
    const decision = await app.http
      .get(`${API}/moderation/audit`)
      .query({ targetType: 'resource', targetId: draft.id, action: 'resource.publish' })
      .set(admin.auth)
      .expect(200);
    expect(decision.body.items[0]).toMatchObject({ reason: 'Both reviewers agree', actor: { id: editor.id } });
  }, 120_000);

  it('runs initiatives through the same engine, and lists both in the reviewer’s queue', async () => {
    const initiative = await publish(
      app,
      { author, editor, reviewers: [first, second] },
      initiativeBody(),
      'initiatives',
    );
    expect(initiative).toMatchObject({ kind: 'initiative', status: 'published', stage: 'ongoing' });
    const catalogue = await app.http.get(`${API}/initiatives`).query({ region: 'europe' }).expect(200);
    expect(catalogue.body.items.map((item: ItemBody) => item.id)).toEqual([initiative.id]);
    expect(catalogue.body.facets.type).toEqual([{ value: 'initiative', count: 1 }]);
    // a resource id is not an initiative
    const resource = await publish(app, { author, editor, reviewers: [first, second] });
    await app.http.get(`${API}/initiatives/${resource.id}`).expect(404);

    const mine = await app.http.get(`${API}/reviews/mine`).set(first.auth).expect(200);
    const kinds = new Set((mine.body.items as { kind: string }[]).map((item) => item.kind));
    expect(kinds).toEqual(new Set(['resource', 'initiative']));
    expect(mine.body.items.every((item: { pending: boolean }) => item.pending === false)).toBe(true);
    expect(await auditActions(app, admin, 'initiative', initiative.id)).toEqual([
      'initiative.submit',
      'initiative.assign',
      'initiative.review',
      'initiative.review',
      'initiative.publish',
    ]);
  }, 60_000);

  it('reminds a reviewer once before the due date, and lets reviewers claim submissions in their objectives', async () => {
    const item = await create(app, author, resourceBody({ objectives: [7] }));
    const url = `${API}/resources/${item.id}`;
    await app.http.post(`${url}/submit`).set(author.auth).expect(200);
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    await app.http
      .post(`${url}/reviewers`)
      .set(editor.auth)
      .send({ userIds: [first.id], dueAt })
      .expect(200);
    const pending = await app.http.get(`${API}/reviews/mine`).query({ active: true }).set(first.auth).expect(200);
    expect(pending.body.items[0]).toMatchObject({ itemId: item.id, pending: true, dueAt });

    const reminders = app.app.get(ReviewReminders);
    expect(await reminders.run()).toBe(1);
    expect(await reminders.run()).toBe(0);
    await eventually(async () => {
      const reminded = (await notificationsOf(app, first)).filter(
        (n) => n.kind === 'review_reminder' && n.itemId === item.id,
      );
      expect(reminded).toHaveLength(1);
    });

    // claiming: the reviewer's profile objectives must meet the submission's
    const claimable = await create(app, author, resourceBody({ objectives: [7] }));
    await app.http.post(`${API}/resources/${claimable.id}/submit`).set(author.auth).expect(200);
    await app.http.post(`${API}/resources/${claimable.id}/claim`).set(second.auth).expect(403);
    await setOrganisation(app, second, 'Migrant Rights Network', [7]);
    const claimed = await app.http.post(`${API}/resources/${claimable.id}/claim`).set(second.auth).expect(201);
    expect(claimed.body).toMatchObject({ itemId: claimable.id, status: 'in_review', pending: true });
    await app.http.post(`${API}/resources/${claimable.id}/claim`).set(second.auth).expect(409);
    // a conflicted reviewer may not claim
    await setOrganisation(app, colleague, 'Corridor Watch', [7]);
    await app.http.post(`${API}/resources/${claimable.id}/claim`).set(colleague.auth).expect(409);
  }, 60_000);

  it('lets the author withdraw and an editor unpublish, each audited', async () => {
    const item = await create(app, author);
    const url = `${API}/resources/${item.id}`;
    await app.http.post(`${url}/submit`).set(author.auth).expect(200);
    expect((await app.http.post(`${url}/withdraw`).set(author.auth).expect(200)).body.status).toBe('withdrawn');
    await app.http.post(`${url}/withdraw`).set(author.auth).expect(409);

    const published = await publish(app, { author, editor, reviewers: [first, second] });
    const unpublished = await app.http
      .post(`${API}/resources/${published.id}/unpublish`)
      .set(editor.auth)
      .send({ reason: 'Superseded' })
      .expect(200);
    expect(unpublished.body.status).toBe('unpublished');
    await app.http.get(`${API}/resources/${published.id}`).expect(404);
    expect(await auditActions(app, admin, 'resource', item.id)).toEqual(['resource.submit', 'resource.withdraw']);
    expect((await auditActions(app, admin, 'resource', published.id)).at(-1)).toBe('resource.unpublish');
  }, 60_000);
});
