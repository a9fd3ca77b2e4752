import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { AUTHENTICATED, IS_PUBLIC } from '@plenary/identity';
import { io } from 'socket.io-client';
import { startTestApp, type TestApp } from './support/test-app.js';
import { register } from './support/users.js';

/** Every HTTP route and socket event handler of the running app, as `Class.method`, with its declared access. */
function handlersOf(app: TestApp): { name: string; declared: boolean }[] {
  const handlers: { name: string; declared: boolean }[] = [];
  for (const module of app.app.get(ModulesContainer).values()) {
    const classes = [...module.controllers.values(), ...module.providers.values()]
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is new (...args: never[]) => object => typeof type === 'function');
    for (const type of classes) {
      const isController = Reflect.hasMetadata(PATH_METADATA, type) && module.controllers.has(type);
      const isGateway = Reflect.getMetadata(GATEWAY_METADATA, type) === true;
      if (!isController && !isGateway) continue;
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const routed = isController
          ? Reflect.hasMetadata(PATH_METADATA, handler)
          : Reflect.hasMetadata(MESSAGE_METADATA, handler);
        if (!routed) continue;
        const declared = [IS_PUBLIC, AUTHENTICATED].some(
          (key) => Reflect.hasMetadata(key, handler) || Reflect.hasMetadata(key, type),
        );
        handlers.push({ name: `${type.name}.${method}`, declared });
      }
    }
  }
  return handlers;
}

describe('HTTP conventions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('conventions', { CORS_ORIGINS: 'https://plenary.example, https://admin.plenary.example' });
  });
  afterAll(() => app.close());

  it('has every route and socket event say who may call it: @Public() or @Authenticated()', () => {
    const handlers = handlersOf(app);
    expect(handlers.length).toBeGreaterThan(30);
    expect(handlers.filter((handler) => !handler.declared).map((handler) => handler.name)).toEqual([]);
  });

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

  it('lets a WebSocket connect only from the configured origins, the server itself, or no browser at all', async () => {
    const member = await register(app);
    const connects = (origin?: string) =>
      new Promise<boolean>((resolve) => {
        const socket = io(app.url, {
          auth: { token: member.accessToken },
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: origin ? { Origin: origin } : {},
        });
        socket.once('connection.ready', () => {
          socket.disconnect();
          resolve(true);
        });
        socket.once('connect_error', () => {
          socket.disconnect();
          resolve(false);
        });
      });
    expect(await connects('https://admin.plenary.example')).toBe(true);
    expect(await connects(new URL(app.url).origin)).toBe(true);
    expect(await connects()).toBe(true);
    expect(await connects('https://evil.example')).toBe(false);
    expect(await connects('null')).toBe(false);
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
