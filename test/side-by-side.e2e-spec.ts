import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { login, register } from './support/users.js';

/**
 * Two servers in one process, each with its own keys and database, as the multi-instance specs run
 * them: sign-in and access tokens are each server's own (passport strategies are per app, not
 * registered on passport's process-wide instance, where the last server started would take them).
 */
describe('two servers in one process', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp('side-by-side-1');
    second = await startTestApp('side-by-side-2');
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('each signs in its own members and accepts only its own access tokens', async () => {
    const ana = await register(first);
    const ben = await register(second);
    expect((await first.http.get('/api/v1/me').set(ana.auth).expect(200)).body.id).toBe(ana.id);
    expect((await second.http.get('/api/v1/me').set(ben.auth).expect(200)).body.id).toBe(ben.id);
    await first.http.get('/api/v1/me').set(ben.auth).expect(401);
    await second.http.get('/api/v1/me').set(ana.auth).expect(401);

    const again = await login(first, ana);
    expect((await first.http.get('/api/v1/me').set(again.auth).expect(200)).body.email).toBe(ana.email);
    await first.http.post('/api/v1/auth/login').send({ email: ben.email, password: ben.password }).expect(401);
  });
});
