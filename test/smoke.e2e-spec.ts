import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { register } from './support/users.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('smoke');
});
afterAll(() => app.close());

it('registers and reads me', async () => {
  const member = await register(app);
  const me = await app.http.get('/api/v1/me').set(member.auth).expect(200);
  expect(me.body.email).toBe(member.email);
});
