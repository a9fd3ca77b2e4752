import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TaxonomyService } from '@plenary/community';
import type { mongo } from 'mongoose';
import { startTestApp, type TestApp } from './support/test-app.js';
import { uniqueDatabaseUri } from './support/test-database.js';

const TAXONOMY = '/api/v1/taxonomy';

interface ObjectiveBody {
  number: number;
  label: string;
  title: string;
  titleLanguage: string;
}

interface ListBody<T> {
  language: string;
  items: T[];
}

describe('GCM taxonomy', () => {
  let app: TestApp;

  beforeAll(async () => {
    // The driver reports every command it sends, so that a test can count the reads of the taxonomy.
    app = await startTestApp('taxonomy', { MONGODB_URI: `${uniqueDatabaseUri('taxonomy')}?monitorCommands=true` });
  });

  /** The commands sent on the taxonomy collection while `work` runs. */
  async function taxonomyCommands(work: () => Promise<unknown>): Promise<string[]> {
    const commands: string[] = [];
    const record = (event: mongo.CommandStartedEvent) => {
      if (event.command[event.commandName] === 'taxonomy_terms') commands.push(event.commandName);
    };
    const client = app.connection.getClient();
    client.on('commandStarted', record);
    try {
      await work();
    } finally {
      client.off('commandStarted', record);
    }
    return commands;
  }

  afterAll(() => app.close());

  it('seeds the 23 objectives, 10 guiding principles and 5 regions at boot', async () => {
    const terms = app.connection.collection('taxonomy_terms');
    expect(await terms.countDocuments({ kind: 'objective' })).toBe(23);
    expect(await terms.countDocuments({ kind: 'principle' })).toBe(10);
    expect(await terms.countDocuments({ kind: 'region' })).toBe(5);
  });

  it('answers in English by default, with the Compact’s titles', async () => {
    const response = await app.http.get(`${TAXONOMY}/objectives`).expect(200);
    const body = response.body as ListBody<ObjectiveBody>;
    expect(response.headers['content-language']).toBe('en');
    expect(body.language).toBe('en');
    expect(body.items.map((objective) => objective.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(body.items[0]).toEqual({
      number: 1,
      label: 'Data',
      title: 'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
      titleLanguage: 'en',
    });
  });

  it('answers in the language of ?lang=, and says when a long title is only held in English', async () => {
    const french = (await app.http.get(`${TAXONOMY}/objectives?lang=fr`).expect(200)).body as ListBody<ObjectiveBody>;
    expect(french.language).toBe('fr');
    expect(french.items[0]).toMatchObject({ number: 1, label: 'Données', titleLanguage: 'en' });
    const spanish = (await app.http.get(`${TAXONOMY}/objectives?lang=ES`).expect(200)).body as ListBody<ObjectiveBody>;
    expect(spanish.items[1]).toMatchObject({ number: 2, label: 'Minimizar factores adversos' });
  });

  it('follows Accept-Language by its q-values when no ?lang= is given, and ?lang= wins over it', async () => {
    const cases: [string, string][] = [
      ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
      ['de-DE,de;q=0.9,es;q=0.5,en;q=0.4', 'es'],
      ['en;q=0.2,fr;q=0.7', 'fr'],
      ['de, it', 'en'],
      ['fr;q=0, es', 'es'],
    ];
    for (const [header, expected] of cases) {
      const response = await app.http.get(`${TAXONOMY}/regions`).set('Accept-Language', header).expect(200);
      expect([header, response.body.language, response.headers['content-language']]).toEqual([
        header,
        expected,
        expected,
      ]);
    }
    const forced = await app.http.get(`${TAXONOMY}/regions?lang=en`).set('Accept-Language', 'fr').expect(200);
    expect(forced.body.language).toBe('en');
  });

  it('lists principles, regions, organisation types and countries in the language asked', async () => {
    const principles = (await app.http.get(`${TAXONOMY}/principles?lang=fr`).expect(200)).body;
    expect(principles.items).toHaveLength(10);
    expect(principles.items[0]).toEqual({ key: 'people-centred', label: 'Priorité à la dimension humaine' });

    const regions = (await app.http.get(`${TAXONOMY}/regions?lang=es`).expect(200)).body;
    expect(regions.items.map((region: { key: string }) => region.key)).toEqual([
      'africa',
      'americas',
      'asia',
      'europe',
      'oceania',
    ]);
    expect(regions.items[0].label).toBe('África');

    const types = (await app.http.get(`${TAXONOMY}/organisation-types`).expect(200)).body;
    expect(types.items.map((type: { key: string }) => type.key)).toEqual([
      'member_state',
      'un_entity',
      'civil_society',
      'academia',
      'private_sector',
      'local_authority',
      'other',
    ]);

    const countries = (await app.http.get(`${TAXONOMY}/countries?lang=fr`).expect(200)).body;
    expect(countries.items).toHaveLength(249);
    expect(countries.items).toContainEqual({ code: 'SN', name: 'Sénégal' });
  });

  it('refuses a language it does not speak and unknown parameters with a 400 naming the field', async () => {
    const german = await app.http.get(`${TAXONOMY}/objectives?lang=de`).expect(400);
    expect(german.body.details).toEqual([{ field: 'lang', problem: 'must be one of en, fr, es' }]);
    const extra = await app.http.get(`${TAXONOMY}/regions?sort=name`).expect(400);
    expect(extra.body.details).toEqual([{ field: 'sort', problem: 'is not an allowed field' }]);
  });

  it('sends a strong ETag per list and language with Cache-Control, and a 304 when If-None-Match holds it', async () => {
    const english = await app.http.get(`${TAXONOMY}/objectives`).expect(200);
    const etag = english.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(english.headers['cache-control']).toBe('public, max-age=300');
    expect(english.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(english.headers.vary).toMatch(/\bAccept-Language\b/);
    expect(english.headers.vary).toMatch(/\bOrigin\b/);

    const again = await app.http.get(`${TAXONOMY}/objectives`).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['content-language']).toBe('en');
    await app.http.get(`${TAXONOMY}/objectives`).set('If-None-Match', `"other", ${etag}`).expect(304);

    const french = await app.http.get(`${TAXONOMY}/objectives?lang=fr`).set('If-None-Match', etag).expect(200);
    expect(french.headers.etag).not.toBe(etag);
    expect(french.body.language).toBe('fr');
    await app.http
      .get(`${TAXONOMY}/objectives`)
      .set('Accept-Language', 'fr')
      .set('If-None-Match', french.headers.etag)
      .expect(304);

    const lists = ['objectives', 'principles', 'regions', 'organisation-types', 'countries'];
    const etags = new Set<string>();
    for (const list of lists) {
      const response = await app.http.get(`${TAXONOMY}/${list}?lang=es`).expect(200);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      etags.add(response.headers.etag);
      await app.http.get(`${TAXONOMY}/${list}?lang=es`).set('If-None-Match', response.headers.etag).expect(304);
    }
    expect(etags.size).toBe(lists.length);
  });

  it('serves every list from memory: no database read per request once booted', async () => {
    const lists = ['objectives', 'principles', 'regions', 'organisation-types', 'countries'];
    const commands = await taxonomyCommands(async () => {
      for (let round = 0; round < 4; round++) {
        for (const list of lists) {
          for (const lang of ['en', 'fr', 'es']) await app.http.get(`${TAXONOMY}/${list}?lang=${lang}`).expect(200);
        }
      }
    });
    expect(commands).toEqual([]);
    // The monitor does see the collection's reads: a refresh is one find.
    expect(await taxonomyCommands(() => app.app.get(TaxonomyService).refresh())).toEqual(['find']);
  });

  it('shows a change made elsewhere once refreshed, under a new ETag', async () => {
    const before = await app.http.get(`${TAXONOMY}/principles`).expect(200);
    const terms = app.connection.collection('taxonomy_terms');
    await terms.updateOne({ kind: 'principle', key: 'people-centred' }, { $set: { 'label.en': 'People first' } });
    await app.http.get(`${TAXONOMY}/principles`).set('If-None-Match', before.headers.etag).expect(304);

    await app.app.get(TaxonomyService).refresh();
    const after = await app.http.get(`${TAXONOMY}/principles`).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.body.items[0]).toEqual({ key: 'people-centred', label: 'People first' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    await terms.updateOne(
      { kind: 'principle', key: 'people-centred' },
      { $set: { 'label.en': before.body.items[0].label } },
    );
    await app.app.get(TaxonomyService).refresh();
  });

  it('seeds only what is absent: a restart keeps an edited label and adds nothing twice', async () => {
    const terms = app.connection.collection('taxonomy_terms');
    await terms.updateOne({ kind: 'region', key: 'europe' }, { $set: { 'label.en': 'Europe (edited)' } });
    const before = await terms.countDocuments();
    const objectivesEtag = (await app.http.get(`${TAXONOMY}/objectives`).expect(200)).headers.etag;
    await app.close({ keepDatabase: true });
    app = await startTestApp('taxonomy', { MONGODB_URI: app.config.mongodbUri });
    expect(await app.connection.collection('taxonomy_terms').countDocuments()).toBe(before);
    const regions = (await app.http.get(`${TAXONOMY}/regions`).expect(200)).body;
    expect(regions.items).toContainEqual({ key: 'europe', label: 'Europe (edited)' });
    // Another instance with the same data sends the same ETag.
    await app.http.get(`${TAXONOMY}/objectives`).set('If-None-Match', objectivesEtag).expect(304);
  });
});
