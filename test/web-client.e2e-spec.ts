import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

const ROOT = join(import.meta.dirname, '..');

describe('the web client, served by the API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('web_client');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the client at / and answers every page address with it, never an API path', async () => {
    const home = await app.http.get('/').set('Accept', 'text/html');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['cache-control']).toBe('no-cache');
    expect(home.text).toContain('<div id="root"></div>');

    for (const page of ['/j/ABC234', '/forum/t/64b7f0c2a1e4d5f6a7b8c9d0', '/live/64b7f0c2a1e4d5f6a7b8c9d0/present']) {
      const answer = await app.http.get(page).set('Accept', 'text/html');
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(home.text);
    }

    const unknownApi = await app.http.get('/api/v1/no-such-route').set('Accept', 'text/html');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect((await app.http.get('/api/v1/health')).status).toBe(200);
  });

  it('serves hashed assets for a year, with their type', async () => {
    const html = (await app.http.get('/').set('Accept', 'text/html')).text;
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const asset = await app.http.get(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.http.get('/assets/no-such-file.js').set('Accept', '*/*')).status).toBe(404);
  });

  it('keeps the attendee join-and-ask route within 150 kB of gzipped JavaScript, other pages split off', () => {
    const report = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'tools/web-budget.mjs'), '--json']).toString(),
    ) as {
      routeBytes: number;
      budgetBytes: number;
      route: string[];
      chunks: { file: string; source: string; gzip: number }[];
    };
    expect(report.budgetBytes).toBe(150_000);
    expect(report.routeBytes).toBeGreaterThan(50_000); // React alone weighs more: the measure measured something
    expect(report.routeBytes).toBeLessThanOrEqual(report.budgetBytes);
    const routeSources = report.chunks
      .filter((chunk) => report.route.includes(chunk.file))
      .map((chunk) => chunk.source);
    expect(routeSources.join(' ')).toMatch(/AttendeePage/);
    for (const page of ['ThreadPage', 'ModeratorPage', 'DirectoryPage', 'PresenterPage']) {
      expect(routeSources.join(' ')).not.toMatch(new RegExp(page));
    }
  });
});
