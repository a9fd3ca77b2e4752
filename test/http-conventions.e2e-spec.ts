import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('HTTP conventions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('conventions', { CORS_ORIGINS: 'https://plenary.example, https://admin.plenary.example' });
  });
  afterAll(() => app.close());

  it('tags every response with a request id, keeping a well-formed one the client sent', async () => {
    const generated = await app.http.get('/api/v1/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.http.get('/api/v1/health').set('x-request-id', 'client-trace.42').expect(200);
    expect(kept.headers['x-request-id']).toBe('client-trace.42');
    const replaced = await app.http.get('/api/v1/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await app.http.get('/api/v1/me').set('x-request-id', 'trace-401').expect(401);
    expect(failed.headers['x-request-id']).toBe('trace-401');
  });

  it('allows only the configured browser origins', async () => {
    const allowed = await app.http
      .options('/api/v1/auth/login')
      .set('Origin', 'https://admin.plenary.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,authorization');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.plenary.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');

    const refused = await app.http
      .options('/api/v1/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers helmet sets', async () => {
    const response = await app.http.get('/api/v1/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('describes the API in OpenAPI, with request schemas and bearer authentication', async () => {
    const { body: document } = await app.http.get('/api/docs/openapi.json').expect(200);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const register = document.components.schemas.RegisterDto;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'displayName']));
    expect(register.properties.password).toMatchObject({ minLength: 10, maxLength: 200 });
    expect(document.components.schemas.UpdateUserDto.properties.role.enum).toEqual(['admin', 'moderator', 'member']);
    const listParameters = document.paths['/api/v1/users'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(listParameters.sort()).toEqual(['cursor', 'limit', 'q', 'role', 'status']);
    expect(document.paths['/api/v1/auth/login'].post.responses).toHaveProperty('429');
  });
});
