import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import { watchWrites } from './support/forum.js';
import { type ErrorBody, fieldsOf } from './support/http.js';
import { API, create, grant, initiativeBody, type ItemBody, resourceBody, SCORES } from './support/library.js';
import { documentCounts, startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

/** What a refused request must answer: 400 naming the fields (sorted), or a status and code. */
type Expected = { status: 400; fields: string[] } | { status: number; code: string };
const invalid = (...fields: string[]): Expected => ({ status: 400, fields: [...fields].sort() });
const NOT_AN_ID = 'not-an-id';

describe('bad input on the library routes', () => {
  let app: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  let reviewer: SignedIn;
  let draft: ItemBody;
  let inReview: ItemBody;
  let initiative: ItemBody;

  beforeAll(async () => {
    app = await startTestApp('library_input');
    admin = await loginAdmin(app);
    author = await register(app);
    reviewer = await register(app);
    await grant(app, admin, reviewer, ['reviewer']);
    draft = await create(app, author);
    inReview = await create(app, author);
    await app.http.post(`${API}/resources/${inReview.id}/submit`).set(author.auth).expect(200);
    await app.http
      .post(`${API}/resources/${inReview.id}/reviewers`)
      .set(admin.auth)
      .send({ userIds: [reviewer.id] })
      .expect(200);
    initiative = await create(app, author, initiativeBody(), 'initiatives');
  }, 60_000);
  afterAll(() => app.close());

  it('answers every bad request with a 4xx naming each bad field, and writes nothing', async () => {
    const as = (caller: SignedIn, request: Test) => request.set(caller.auth);
    const http = () => app.http;
    const r = () => `${API}/resources/${draft.id}`;
    const ir = () => `${API}/resources/${inReview.id}`;
    const resource = (fields: Record<string, unknown>) => ({ ...resourceBody(), ...fields });
    const tenMegabytes = JSON.stringify(resource({ abstract: 'x'.repeat(10 * 1024 * 1024) }));
    const cases: [string, () => Test, Expected][] = [
      // creating a resource
      [
        'unknown objective',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ objectives: [24] })),
          ),
        invalid('objectives'),
      ],
      [
        'no objective',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ objectives: [] })),
          ),
        invalid('objectives'),
      ],
      [
        'abstract over 10,000 characters',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ abstract: 'x'.repeat(10_001) })),
          ),
        invalid('abstract'),
      ],
      [
        '10 MB abstract (refused before parsing)',
        () => as(author, http().post(`${API}/resources`).set('Content-Type', 'application/json').send(tenMegabytes)),
        { status: 413, code: 'payload_too_large' },
      ],
      [
        'extra field',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ colour: 'red' })),
          ),
        invalid('colour'),
      ],
      [
        'unknown type',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ type: 'book' })),
          ),
        invalid('type'),
      ],
      [
        'missing title and abstract, bad languages',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send({ type: 'report', objectives: [1], languages: ['english'] }),
          ),
        invalid('title', 'abstract', 'languages'),
      ],
      [
        'bad taxonomy values',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ countries: ['XX'], regions: ['mars'], principles: ['kindness'], languages: [] })),
          ),
        invalid('countries', 'regions', 'principles', 'languages'),
      ],
      [
        'bad year, link, licence, tags, files and group',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(
                resource({
                  year: 1800,
                  link: 'ftp://example.org',
                  licence: '',
                  tags: ['#$%'],
                  fileIds: ['nope'],
                  groupId: 'nope',
                  authors: [''],
                }),
              ),
          ),
        invalid('year', 'link', 'licence', 'tags', 'fileIds', 'groupId', 'authors'),
      ],
      [
        'a file that is not an upload',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ fileIds: ['0123456789abcdef01234567'] })),
          ),
        invalid('fileIds'),
      ],
      [
        'a group that does not exist',
        () =>
          as(
            author,
            http()
              .post(`${API}/resources`)
              .send(resource({ groupId: '0123456789abcdef01234567' })),
          ),
        { status: 404, code: 'not_found' },
      ],
      // editing and moving it
      ['edit, extra field', () => as(author, http().patch(r()).send({ status: 'published' })), invalid('status')],
      [
        'edit, objective 0 and null title',
        () =>
          as(
            author,
            http()
              .patch(r())
              .send({ objectives: [0], title: null }),
          ),
        invalid('objectives', 'title'),
      ],
      ['edit, nothing', () => as(author, http().patch(r()).send({})), { status: 400, code: 'bad_request' }],
      [
        'edit, bad id',
        () => as(author, http().patch(`${API}/resources/${NOT_AN_ID}`).send({ title: 'Fine' })),
        invalid('id'),
      ],
      ['submit, bad id', () => as(author, http().post(`${API}/resources/${NOT_AN_ID}/submit`)), invalid('id')],
      ['withdraw, bad id', () => as(author, http().post(`${API}/resources/${NOT_AN_ID}/withdraw`)), invalid('id')],
      ['unpublish, no reason', () => as(admin, http().post(`${ir()}/unpublish`).send({})), invalid('reason')],
      ['versions, bad id', () => http().get(`${API}/resources/${NOT_AN_ID}/versions`), invalid('id')],
      // reviewers and reviews
      ['assign nobody', () => as(admin, http().post(`${ir()}/reviewers`).send({ userIds: [] })), invalid('userIds')],
      [
        'assign bad ids, bad date',
        () =>
          as(
            admin,
            http()
              .post(`${ir()}/reviewers`)
              .send({ userIds: ['x'], dueAt: 'tomorrow' }),
          ),
        invalid('userIds', 'dueAt'),
      ],
      [
        'assign with a past due date',
        () =>
          as(
            admin,
            http()
              .post(`${ir()}/reviewers`)
              .send({ userIds: [author.id], dueAt: '2020-01-01T00:00:00Z' }),
          ),
        invalid('dueAt'),
      ],
      [
        'assign, extra field',
        () =>
          as(
            admin,
            http()
              .post(`${ir()}/reviewers`)
              .send({ userIds: [reviewer.id], role: 'lead' }),
          ),
        invalid('role'),
      ],
      [
        'review, a criterion missing, one unknown, one out of range',
        () =>
          as(
            reviewer,
            http()
              .post(`${ir()}/reviews`)
              .send({
                scores: { relevance: 6, accuracy: 4, currency: 4, principles: 2.5, beauty: 5 },
                commentToAuthor: 'Fine',
              }),
          ),
        invalid('scores.relevance', 'scores.principles', 'scores.clarity', 'scores.beauty'),
      ],
      [
        'review, scores not an object, no comment',
        () =>
          as(
            reviewer,
            http()
              .post(`${ir()}/reviews`)
              .send({ scores: [5] }),
          ),
        invalid('scores', 'commentToAuthor'),
      ],
      [
        'review, extra field',
        () =>
          as(reviewer, http().post(`${ir()}/reviews`).send({ scores: SCORES, commentToAuthor: 'Ok', verdict: 'yes' })),
        invalid('verdict'),
      ],
      [
        'decide, unknown decision, empty reason',
        () => as(admin, http().post(`${ir()}/decision`).send({ decision: 'approve', reason: '' })),
        invalid('decision', 'reason'),
      ],
      [
        'decide, reason too long',
        () =>
          as(
            admin,
            http()
              .post(`${ir()}/decision`)
              .send({ decision: 'reject', reason: 'x'.repeat(2001) }),
          ),
        invalid('reason'),
      ],
      // lists
      [
        'catalogue, bad filters',
        () =>
          http()
            .get(`${API}/resources`)
            .query({ objective: 24, type: 'book', yearFrom: 'soon', region: 'mars', language: 'english' }),
        invalid('objective', 'type', 'yearFrom', 'region', 'language'),
      ],
      [
        'catalogue, years the wrong way round',
        () => http().get(`${API}/resources`).query({ yearFrom: 2024, yearTo: 2020 }),
        invalid('yearTo'),
      ],
      ['catalogue, no word to search', () => http().get(`${API}/resources`).query({ q: '!' }), invalid('q')],
      [
        'catalogue, unknown parameter, bad cursor and limit',
        () => http().get(`${API}/resources`).query({ sort: 'title', cursor: '***', limit: 0 }),
        invalid('sort', 'cursor', 'limit'),
      ],
      [
        'catalogue, a cursor of another list',
        () =>
          http()
            .get(`${API}/resources`)
            .query({ cursor: Buffer.from(JSON.stringify([null, '0123456789abcdef01234567'])).toString('base64url') }),
        invalid('cursor'),
      ],
      [
        'submissions, bad status and mine',
        () => as(author, http().get(`${API}/resources/submissions`).query({ status: 'lost', mine: 'maybe' })),
        invalid('status', 'mine'),
      ],
      [
        'my reviews, bad kind and active',
        () => as(reviewer, http().get(`${API}/reviews/mine`).query({ kind: 'book', active: 'maybe' })),
        invalid('kind', 'active'),
      ],
      // initiatives
      [
        'initiative, end before start, unknown stage',
        () =>
          as(
            author,
            http()
              .post(`${API}/initiatives`)
              .send(initiativeBody({ period: { start: '2024-05-01', end: '2023-01-01' } })),
          ),
        invalid('period.end'),
      ],
      [
        'initiative, bad stage, period and links',
        () =>
          as(
            author,
            http()
              .post(`${API}/initiatives`)
              .send(initiativeBody({ stage: 'done', period: { start: 'May' }, links: ['nope'] })),
          ),
        invalid('stage', 'period.start', 'links'),
      ],
      [
        'initiative, no lead organisation, extra field',
        () =>
          as(
            author,
            http()
              .post(`${API}/initiatives`)
              .send({ ...initiativeBody({ leadOrganisation: undefined }), budget: 5 }),
          ),
        invalid('leadOrganisation', 'budget'),
      ],
      [
        'initiative edit, unknown objective',
        () =>
          as(
            author,
            http()
              .patch(`${API}/initiatives/${initiative.id}`)
              .send({ objectives: [99] }),
          ),
        invalid('objectives'),
      ],
      // capabilities and the rubric
      [
        'capabilities, unknown one',
        () =>
          as(
            admin,
            http()
              .put(`${API}/users/${author.id}/capabilities`)
              .send({ capabilities: ['owner'] }),
          ),
        invalid('capabilities'),
      ],
      [
        'capabilities, bad group and extra field',
        () =>
          as(
            admin,
            http().put(`${API}/users/${author.id}/capabilities`).send({ capabilities: [], groupId: 'x', scope: 'all' }),
          ),
        invalid('groupId', 'scope'),
      ],
      [
        'capabilities, bad id',
        () => as(admin, http().put(`${API}/users/${NOT_AN_ID}/capabilities`).send({ capabilities: [] })),
        invalid('id'),
      ],
      [
        'capabilities, nobody',
        () =>
          as(
            admin,
            http()
              .put(`${API}/users/0123456789abcdef01234567/capabilities`)
              .send({ capabilities: ['reviewer'] }),
          ),
        { status: 404, code: 'not_found' },
      ],
      [
        'rubric, no criteria',
        () => as(admin, http().put(`${API}/settings/review-rubric`).send({ criteria: [] })),
        invalid('criteria'),
      ],
      [
        'rubric, bad key and label, quorum 0',
        () =>
          as(
            admin,
            http()
              .put(`${API}/settings/review-rubric`)
              .send({ criteria: [{ key: 'Bad Key', label: '' }], quorum: 0 }),
          ),
        invalid('criteria.0.key', 'criteria.0.label', 'quorum'),
      ],
      [
        'rubric, a key twice',
        () =>
          as(
            admin,
            http()
              .put(`${API}/settings/review-rubric`)
              .send({
                criteria: [
                  { key: 'a', label: 'A' },
                  { key: 'a', label: 'B' },
                ],
              }),
          ),
        invalid('criteria'),
      ],
    ];
    const counts = await documentCounts(app.connection);
    const mismatches: string[] = [];
    for (const [label, send, expected] of cases) {
      const { result: response, writes } = await watchWrites(app, send);
      const body = response.body as ErrorBody;
      const actual: Expected =
        'fields' in expected && response.status === 400 && body?.code === 'validation_failed'
          ? { status: 400, fields: fieldsOf(body) }
          : { status: response.status, code: body?.code };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `${label}: expected ${JSON.stringify(expected)}, got ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
        );
      }
      if (writes.length > 0) mismatches.push(`${label}: wrote ${writes.join(', ')}`);
    }
    expect(mismatches).toEqual([]);
    expect(await documentCounts(app.connection)).toEqual(counts);
    // the fixtures are as they were
    expect((await app.http.get(r()).set(author.auth).expect(200)).body).toMatchObject({ status: 'draft', version: 1 });
    expect((await app.http.get(ir()).set(admin.auth).expect(200)).body.reviewers).toEqual([
      expect.objectContaining({ id: reviewer.id, reviewed: false }),
    ]);
  }, 120_000);
});
