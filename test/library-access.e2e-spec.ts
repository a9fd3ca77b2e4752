import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response, Test } from 'supertest';
import { API, create, grant, type ItemBody, resourceBody, SCORES } from './support/library.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, registerWithRole, type SignedIn } from './support/users.js';

const ROLES = ['guest', 'member', 'author', 'reviewer', 'editor', 'owner', 'moderator', 'admin'] as const;
type Role = (typeof ROLES)[number];
/** A status, or for lists whether the item is in it. */
type Outcome = number | 'listed' | 'absent';
type Row = [
  action: string,
  send: (as: (request: Test) => Test) => Test,
  expected: Record<Role, Outcome>,
  listed?: string,
];

const row = (codes: Outcome[]): Record<Role, Outcome> =>
  Object.fromEntries(ROLES.map((role, index) => [role, codes[index]])) as Record<Role, Outcome>;

function outcomeOf(response: Response, listed: string | undefined): Outcome {
  if (listed === undefined || response.status !== 200) return response.status;
  return (response.body.items as { id: string }[]).some((item) => item.id === listed) ? 'listed' : 'absent';
}

describe('the library access matrix', () => {
  let app: TestApp;
  const callers = {} as Record<Exclude<Role, 'guest'>, SignedIn>;
  let secondReviewer: SignedIn;
  let target: SignedIn;
  let groupId: string;
  let inReview: ItemBody;
  let inGroup: ItemBody;
  let publishedInGroup: ItemBody;
  let withdrawable: ItemBody;

  beforeAll(async () => {
    app = await startTestApp('library_access');
    callers.admin = await loginAdmin(app);
    callers.moderator = await registerWithRole(app, 'moderator');
    [callers.member, callers.author, callers.reviewer, callers.editor, callers.owner, secondReviewer, target] =
      await Promise.all(Array.from({ length: 7 }, () => register(app)));
    const admin = callers.admin;
    await grant(app, admin, callers.editor, ['editor']);
    await grant(app, admin, callers.reviewer, ['reviewer']);
    await grant(app, admin, secondReviewer, ['reviewer']);
    // one review is the quorum here, so that a private group's resource is published by its one reviewer
    const rubric = (await app.http.get(`${API}/settings/review-rubric`).expect(200)).body;
    await app.http
      .put(`${API}/settings/review-rubric`)
      .set(admin.auth)
      .send({ criteria: rubric.criteria, quorum: 1 })
      .expect(200);

    // a platform resource in review, its reviewer assigned
    inReview = await create(app, callers.author);
    await app.http.post(`${API}/resources/${inReview.id}/submit`).set(callers.author.auth).expect(200);
    await app.http
      .post(`${API}/resources/${inReview.id}/reviewers`)
      .set(callers.editor.auth)
      .send({ userIds: [callers.reviewer.id] })
      .expect(200);
    withdrawable = await create(app, callers.author);

    // a private group: its owner edits its library; the author and the reviewer are its members
    const group = await app.http
      .post(`${API}/groups`)
      .set(callers.owner.auth)
      .send({ name: 'Returns working group', type: 'working_group', visibility: 'private', joinPolicy: 'invite' })
      .expect(201);
    groupId = group.body.id as string;
    for (const member of [callers.author, callers.reviewer]) {
      await app.http
        .post(`${API}/groups/${groupId}/invitations`)
        .set(callers.owner.auth)
        .send({ userId: member.id })
        .expect((r) => expect(r.status).toBeLessThan(300));
      await app.http
        .post(`${API}/groups/${groupId}/invitations/accept`)
        .set(member.auth)
        .expect((r) => expect(r.status).toBeLessThan(300));
    }
    await grant(app, callers.owner, callers.reviewer, ['reviewer'], groupId);
    const inGroupFor = async () => {
      const item = await create(app, callers.author, resourceBody({ groupId }));
      await app.http.post(`${API}/resources/${item.id}/submit`).set(callers.author.auth).expect(200);
      await app.http
        .post(`${API}/resources/${item.id}/reviewers`)
        .set(callers.owner.auth)
        .send({ userIds: [callers.reviewer.id] })
        .expect(200);
      return item;
    };
    inGroup = await inGroupFor();
    publishedInGroup = await inGroupFor();
    await app.http
      .post(`${API}/resources/${publishedInGroup.id}/reviews`)
      .set(callers.reviewer.auth)
      .send({ scores: SCORES, commentToAuthor: 'Fine' })
      .expect(201);
    await app.http
      .post(`${API}/resources/${publishedInGroup.id}/decision`)
      .set(callers.owner.auth)
      .send({ decision: 'publish', reason: 'Good for the group' })
      .expect(200);
  }, 120_000);
  afterAll(() => app.close());

  it('lets each role do exactly what its column says', async () => {
    const p = () => `${API}/resources/${inReview.id}`;
    const g = () => `${API}/resources/${inGroup.id}`;
    const gp = () => `${API}/resources/${publishedInGroup.id}`;
    //                                                guest member author reviewer editor owner moderator admin
    const rows: Row[] = [
      ['read a resource in review', (as) => as(app.http.get(p())), row([404, 404, 200, 200, 200, 404, 200, 200])],
      ['read its versions', (as) => as(app.http.get(`${p()}/versions`)), row([404, 404, 200, 200, 200, 404, 200, 200])],
      [
        'catalogue lists it',
        (as) => as(app.http.get(`${API}/resources`)),
        row(Array(8).fill('absent') as Outcome[]),
        'p',
      ],
      [
        'submissions list it',
        (as) => as(app.http.get(`${API}/resources/submissions`)),
        row([401, 'absent', 'listed', 'listed', 'listed', 'absent', 'listed', 'listed']),
        'p',
      ],
      [
        'edit it in review',
        (as) => as(app.http.patch(p()).send({ title: 'Changed' })),
        row([401, 404, 409, 403, 403, 404, 403, 409]),
      ],
      ['submit it again', (as) => as(app.http.post(`${p()}/submit`)), row([401, 404, 409, 403, 403, 404, 403, 409])],
      [
        'assign reviewers',
        (as) => as(app.http.post(`${p()}/reviewers`).send({ userIds: [callers.reviewer.id] })),
        row([401, 404, 403, 403, 200, 404, 403, 200]),
      ],
      ['read the reviews', (as) => as(app.http.get(`${p()}/reviews`)), row([401, 404, 200, 200, 200, 404, 403, 200])],
      [
        'decide (before the quorum: 409 past the access check)',
        (as) => as(app.http.post(`${p()}/decision`).send({ decision: 'publish', reason: 'Go' })),
        row([401, 404, 403, 403, 409, 404, 403, 409]),
      ],
      [
        'unpublish (it is not published: 409 past the access check)',
        (as) => as(app.http.post(`${p()}/unpublish`).send({ reason: 'No' })),
        row([401, 404, 403, 403, 409, 404, 403, 409]),
      ],
      [
        'claim it (no objectives in the profile)',
        (as) => as(app.http.post(`${p()}/claim`)),
        row([401, 404, 403, 409, 403, 404, 403, 403]),
      ],
      [
        'review it',
        (as) => as(app.http.post(`${p()}/reviews`).send({ scores: SCORES, commentToAuthor: 'Fine' })),
        row([401, 404, 403, 201, 403, 404, 403, 403]),
      ],
      [
        'read a private group’s resource in review',
        (as) => as(app.http.get(g())),
        row([404, 404, 200, 200, 404, 200, 200, 200]),
      ],
      [
        'assign its reviewers',
        (as) => as(app.http.post(`${g()}/reviewers`).send({ userIds: [callers.reviewer.id] })),
        row([401, 404, 403, 403, 404, 200, 403, 200]),
      ],
      ['read its reviews', (as) => as(app.http.get(`${g()}/reviews`)), row([401, 404, 200, 200, 404, 200, 403, 200])],
      [
        'decide on it (before the quorum)',
        (as) => as(app.http.post(`${g()}/decision`).send({ decision: 'reject', reason: 'No' })),
        row([401, 404, 403, 403, 404, 409, 403, 409]),
      ],
      [
        'read a private group’s published resource',
        (as) => as(app.http.get(gp())),
        row([404, 404, 200, 200, 404, 200, 200, 200]),
      ],
      [
        'catalogue lists it',
        (as) => as(app.http.get(`${API}/resources`)),
        row(['absent', 'absent', 'listed', 'listed', 'absent', 'listed', 'listed', 'listed']),
        'gp',
      ],
      [
        'grant platform capabilities',
        (as) => as(app.http.put(`${API}/users/${target.id}/capabilities`).send({ capabilities: ['reviewer'] })),
        row([401, 403, 403, 403, 403, 403, 403, 200]),
      ],
      [
        'grant capabilities in the private group',
        (as) =>
          as(app.http.put(`${API}/users/${target.id}/capabilities`).send({ capabilities: ['reviewer'], groupId })),
        row([401, 404, 403, 403, 404, 200, 403, 200]),
      ],
      [
        'read a member’s capabilities',
        (as) => as(app.http.get(`${API}/users/${target.id}/capabilities`)),
        row([401, 403, 403, 403, 403, 403, 200, 200]),
      ],
      [
        'change the rubric',
        (as) =>
          as(
            app.http
              .put(`${API}/settings/review-rubric`)
              .send({ criteria: [{ key: 'relevance', label: 'Relevance' }], quorum: 1 }),
          ),
        row([401, 403, 403, 403, 403, 403, 403, 200]),
      ],
      [
        'read the rubric',
        (as) => as(app.http.get(`${API}/settings/review-rubric`)),
        row(Array(8).fill(200) as Outcome[]),
      ],
      [
        'read one’s review queue',
        (as) => as(app.http.get(`${API}/reviews/mine`)),
        row([401, 200, 200, 200, 200, 200, 200, 200]),
      ],
      [
        'create a resource in the private group',
        (as) => as(app.http.post(`${API}/resources`).send(resourceBody({ groupId }))),
        row([401, 404, 201, 201, 404, 201, 403, 201]),
      ],
      [
        'withdraw a draft (once withdrawn, editors and moderators see it)',
        (as) => as(app.http.post(`${API}/resources/${withdrawable.id}/withdraw`)),
        row([401, 404, 200, 404, 403, 404, 403, 409]),
      ],
    ];
    const ids: Record<string, () => string> = { p: () => inReview.id, gp: () => publishedInGroup.id };
    const mismatches: string[] = [];
    for (const [action, send, expected, listed] of rows) {
      for (const role of ROLES) {
        const as = (request: Test) => (role === 'guest' ? request : request.set(callers[role].auth));
        const response = await send(as);
        const actual = outcomeOf(response, listed ? ids[listed]() : undefined);
        if (actual !== expected[role]) {
          mismatches.push(
            `${action} as ${role}: expected ${expected[role]}, got ${actual} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
