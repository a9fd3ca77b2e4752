import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pdfWithText, upload } from './support/files.js';
import { walkPages } from './support/http.js';
import { API, create, grant, type ItemBody, publish, resourceBody } from './support/library.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { loginAdmin, register, type SignedIn } from './support/users.js';

interface FacetCount {
  value: string | number;
  count: number;
}
interface CatalogueBody {
  items: ItemBody[];
  nextCursor: string | null;
  total: number;
  facets: Record<'type' | 'objective' | 'region' | 'language' | 'year', FacetCount[]>;
}

const TYPES = ['report', 'toolkit', 'dataset', 'policy'];
const REGIONS = [['africa'], ['europe'], ['africa', 'europe'], ['asia']];
const LANGUAGES = [['en'], ['fr'], ['en', 'es'], ['es', 'fr']];

/** The facet name → the resource field it counts, and whether the field is a list. */
const FIELD_OF = {
  type: ['type', false],
  objective: ['objectives', true],
  region: ['regions', true],
  language: ['languages', true],
  year: ['year', false],
} as const;
const FILTER_OF = { type: 'type', objective: 'objective', region: 'region', language: 'language' } as const;

function holds(item: ItemBody, facet: keyof typeof FIELD_OF, value: string | number): boolean {
  const [field, isList] = FIELD_OF[facet];
  return isList ? (item[field] as unknown[]).includes(value) : item[field] === value;
}

describe('the resource catalogue', () => {
  let app: TestApp;
  let admin: SignedIn;
  let author: SignedIn;
  let reviewers: [SignedIn, SignedIn];
  const published: ItemBody[] = [];

  const publishOne = (index: number, overrides: Record<string, unknown> = {}) =>
    publish(
      app,
      { author, editor: admin, reviewers },
      resourceBody({
        type: TYPES[index % 4],
        regions: REGIONS[index % 4],
        languages: LANGUAGES[(index + 1) % 4],
        objectives: [1 + (index % 3), 10 + (index % 2)],
        year: 2020 + (index % 5),
        organisations: [index % 2 === 0 ? 'Migration Research Institute' : 'Corridor Watch'],
        tags: [index % 3 === 0 ? 'Labour Migration' : 'remittances'],
        ...overrides,
      }),
    );

  beforeAll(async () => {
    app = await startTestApp('library_catalogue');
    admin = await loginAdmin(app);
    author = await register(app);
    reviewers = [await register(app), await register(app)];
    for (const reviewer of reviewers) await grant(app, admin, reviewer, ['reviewer']);
    for (let batch = 0; batch < 3; batch += 1) {
      published.push(...(await Promise.all([0, 1, 2, 3].map((i) => publishOne(batch * 4 + i)))));
    }
    // neither a draft nor a submission in review is in the catalogue
    await create(app, author, resourceBody({ type: 'report', regions: ['africa'] }));
    const inReview = await create(app, author, resourceBody({ type: 'report' }));
    await app.http.post(`${API}/resources/${inReview.id}/submit`).set(author.auth).expect(200);
  }, 180_000);
  afterAll(() => app.close());

  const all = async (query: Record<string, string | number> = {}, auth?: { Authorization: string }) =>
    (await walkPages<ItemBody>(app, `${API}/resources`, { limit: 5, query: { ...query, facets: 'false' }, auth }))
      .items;

  it('counts facets for the current filter that agree with the documents, one by one', async () => {
    for (const query of [{}, { region: 'africa' }, { language: 'fr', yearFrom: 2021 }, { type: 'report' }] as Record<
      string,
      string | number
    >[]) {
      const first = (
        await app.http
          .get(`${API}/resources`)
          .query({ ...query, limit: 5 })
          .expect(200)
      ).body as CatalogueBody;
      const items = await all(query);
      expect(first.total).toBe(items.length);
      expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
      for (const facet of Object.keys(FIELD_OF) as (keyof typeof FIELD_OF)[]) {
        const expected = new Map<string | number, number>();
        for (const item of items) {
          const [field, isList] = FIELD_OF[facet];
          const values = (isList ? item[field] : [item[field]]) as (string | number)[];
          for (const value of values) expected.set(value, (expected.get(value) ?? 0) + 1);
        }
        const counted = new Map(first.facets[facet].map(({ value, count }) => [value, count]));
        expect([facet, counted]).toEqual([facet, expected]);
        // a facet's count is what filtering by its value finds, and each document found holds the value
        // (a filter takes one value: a facet the query already filters by is not narrowed further)
        if (facet in FILTER_OF && !(FILTER_OF[facet as keyof typeof FILTER_OF] in query)) {
          for (const { value, count } of first.facets[facet].slice(0, 2)) {
            const narrowed = (
              await app.http
                .get(`${API}/resources`)
                .query({ ...query, [FILTER_OF[facet as keyof typeof FILTER_OF]]: value, limit: 100 })
                .expect(200)
            ).body as CatalogueBody;
            expect(narrowed.total).toBe(count);
            for (const item of narrowed.items) {
              const single = (await app.http.get(`${API}/resources/${item.id}`).expect(200)).body as ItemBody;
              expect(holds(single, facet, value)).toBe(true);
            }
          }
        }
      }
    }
  }, 120_000);

  it('filters by principle, country, organisation, tag, year range and words, and never lists a draft', async () => {
    const ids = (items: ItemBody[]) => items.map((item) => item.id).sort();
    const expectMatch = async (query: Record<string, string | number>, predicate: (item: ItemBody) => boolean) => {
      const found = await all(query);
      expect(ids(found)).toEqual(ids(published.filter(predicate)));
    };
    await expectMatch({ principle: 'people-centred' }, () => true);
    await expectMatch({ principle: 'human-rights' }, () => false);
    await expectMatch({ country: 'sn' }, () => true);
    await expectMatch(
      { organisation: 'corridor WATCH' },
      (item) => (item.organisations as string[])[0] === 'Corridor Watch',
    );
    await expectMatch({ tag: 'labour migration' }, (item) => (item.tags as string[])[0] === 'Labour Migration');
    await expectMatch(
      { yearFrom: 2021, yearTo: 2022 },
      (item) => (item.year as number) >= 2021 && (item.year as number) <= 2022,
    );
    await expectMatch({ q: 'REMITT corridors' }, () => true);
    await expectMatch({ q: 'corridors nowhere' }, () => false);
    expect((await all()).every((item) => item.status === 'published')).toBe(true);
    expect(await all()).toHaveLength(published.length);
  }, 60_000);

  it('finds a resource by a word of its PDF, whose file the public downloads only once it is published', async () => {
    const pdf = await upload(
      app,
      author.auth,
      pdfWithText('Xylophonic remittance corridors'),
      'corridors.pdf',
      'application/pdf',
    ).expect(201);
    const fileId = pdf.body.id as string;
    const draft = await create(app, author, resourceBody({ fileIds: [fileId], link: undefined, title: 'With a file' }));
    expect((draft.files as { id: string }[]).map((file) => file.id)).toEqual([fileId]);
    await app.http.get(`${API}/files/${fileId}`).expect(404);
    await app.http.get(`${API}/files/${fileId}`).set(author.auth).expect(200);
    expect((await app.http.get(`${API}/resources`).query({ q: 'xylophonic' }).expect(200)).body.items).toEqual([]);

    // a file belongs to one resource
    const again = await app.http
      .post(`${API}/resources`)
      .set(author.auth)
      .send(resourceBody({ fileIds: [fileId] }));
    expect(again.status).toBe(409);
    expect(again.body.details[0].field).toBe('fileIds');
    await app.http.post(`${API}/resources/${draft.id}/submit`).set(author.auth).expect(200);
    await app.http
      .post(`${API}/resources/${draft.id}/reviewers`)
      .set(admin.auth)
      .send({ userIds: reviewers.map((r) => r.id) })
      .expect(200);
    for (const reviewer of reviewers) {
      await app.http
        .post(`${API}/resources/${draft.id}/reviews`)
        .set(reviewer.auth)
        .send({
          scores: { relevance: 5, accuracy: 5, currency: 5, principles: 5, clarity: 5 },
          commentToAuthor: 'Good',
        })
        .expect(201);
    }
    await app.http
      .post(`${API}/resources/${draft.id}/decision`)
      .set(admin.auth)
      .send({ decision: 'publish', reason: 'ok' })
      .expect(200);
    const found = (await app.http.get(`${API}/resources`).query({ q: 'xylophon' }).expect(200)).body as CatalogueBody;
    expect(found.items.map((i) => i.id)).toEqual([draft.id]);
    await app.http.get(`${API}/files/${fileId}`).expect(200);
  }, 60_000);

  it('pages by cursor without repeating or skipping anything while resources are published meanwhile', async () => {
    const before = await all();
    let extra = 100;
    const walked = await walkPages<ItemBody>(app, `${API}/resources`, {
      limit: 4,
      query: { facets: 'false' },
      between: async () => {
        extra += 1;
        await Promise.all([publishOne(extra), publishOne(extra + 50)]);
      },
    });
    const ids = walked.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(before.map((item) => item.id));
    // the new ones come first on a fresh walk
    const after = await all();
    expect(after.length).toBe(before.length + 2 * (walked.pages - 1));
    expect(after.slice(after.length - before.length).map((item) => item.id)).toEqual(ids);
  }, 180_000);
});
