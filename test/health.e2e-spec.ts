import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { startFerretDb } from './support/test-database.js';
import { login, register } from './support/users.js';
import { eventually } from './support/eventually.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const HEALTH = '/api/v1/health';
const READY = '/api/v1/health/ready';

describe('without Redis', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('health');
  }, 60_000);
  afterAll(() => app.close());

  it('answers liveness without a token', async () => {
    const response = await app.http.get(HEALTH).expect(200);
    expect(response.body).toEqual({ status: 'ok' });
    // a bad token does not matter on a public route
    await app.http.get(HEALTH).set('Authorization', 'Bearer not-a-token').expect(200);
  });

  it('is ready with the database up and Redis not configured', async () => {
    const response = await app.http.get(READY).expect(200);
    expect(response.body).toEqual({ status: 'ready', checks: { database: 'up', redis: 'not configured' } });
  });
});

describe('with Redis', () => {
  it('is ready with the database and Redis up', async () => {
    const app = await startTestApp('health_redis', { REDIS_URL });
    try {
      const response = await app.http.get(READY).expect(200);
      expect(response.body).toEqual({ status: 'ready', checks: { database: 'up', redis: 'up' } });
      await app.http.get(HEALTH).expect(200, { status: 'ok' });
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('when the database goes down and comes back', () => {
  it('turns not ready (503) and ready again without restarting the app', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plenary-health-'));
    // With an explicit dataDir, stop() keeps the data, and restart() reuses port and data.
    const server = await startFerretDb(undefined, dataDir);
    let app: TestApp | undefined;
    try {
      app = await startTestApp('health_down', { MONGODB_URI: `${server.uri}health_test` });
      const running = app;
      expect((await running.http.get(READY).expect(200)).body).toEqual({
        status: 'ready',
        checks: { database: 'up', redis: 'not configured' },
      });
      const member = await register(running);
      await running.http.get('/api/v1/me').set(member.auth).expect(200);

      await server.stop();
      await eventually(async () => {
        const response = await running.http.get(READY).timeout(10_000);
        expect(response.status).toBe(503);
        expect(response.body).toEqual({ status: 'not ready', checks: { database: 'down', redis: 'not configured' } });
      }, 10_000);
      // liveness does not depend on the database
      await running.http.get(HEALTH).expect(200, { status: 'ok' });

      // a request that needs the database fails in the error shape instead of hanging
      const started = Date.now();
      const me = await running.http.get('/api/v1/me').set(member.auth).timeout(20_000);
      const took = Date.now() - started;
      expect(me.status).toBe(503);
      expect(me.headers['retry-after']).toBe('5');
      expect(me.body).toEqual({
        statusCode: 503,
        code: 'unavailable',
        error: 'Service Unavailable',
        message: 'The database is unreachable; try again shortly',
        details: [],
      });
      expect(took).toBeLessThan(11_000);

      await server.restart();
      await eventually(async () => {
        const response = await running.http.get(READY).timeout(10_000);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ status: 'ready', checks: { database: 'up', redis: 'not configured' } });
      }, 30_000);
      // same data: the member registered before the outage signs in again
      const again = await login(running, member);
      expect((await running.http.get('/api/v1/me').set(again.auth).expect(200)).body.id).toBe(member.id);
    } finally {
      await app?.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
