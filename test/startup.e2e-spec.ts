import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFreePort, waitForPort } from '@plenary/database';
import { startTestApp } from './support/test-app.js';
import { uniqueDatabaseUri } from './support/test-database.js';

const run = promisify(execFile);
const MAIN = 'dist/apps/api/src/main.js';
const CLI = 'dist/apps/api/src/cli.js';

/** The environment of a fresh machine: none of the variables the test run itself sets. */
function freshEnvironment(variables: Record<string, string>): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  for (const name of ['MONGODB_URI', 'REDIS_URL', 'PORT', 'DATA_DIR', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'NODE_ENV']) {
    delete environment[name];
  }
  return { ...environment, LOG_LEVEL: 'info', ...variables };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function untilHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const healthy = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server never became healthy:\n${output()}`);
}

describe('the built server and CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenary-start-'));

  beforeAll(async () => {
    await run(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build', 'api'], { timeout: 120_000 });
  }, 130_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the embedded FerretDB when MONGODB_URI is unset, serves health and docs, and stops it on exit', async () => {
    const port = await findFreePort();
    const server = spawn(process.execPath, [MAIN], {
      env: freshEnvironment({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    try {
      await untilHealthy(`${base}/api/v1/health`, server, () => output);
      expect(output).toContain('embedded FerretDB (tools/ferretdb)');
      expect(output).toContain('JWT secrets are not set');

      const ready = await fetch(`${base}/api/v1/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'up', redis: 'not configured' } });

      const docs = await fetch(`${base}/api/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const openapi = (await (await fetch(`${base}/api/docs/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me', '/api/v1/users/{id}']),
      );
    } finally {
      server.kill('SIGTERM');
      // Nest closes the app (and with it the embedded server), then re-raises the signal.
      expect(await exitOf(server)).toEqual({ code: null, signal: 'SIGTERM' });
    }
    const ferretPort = Number(/mongodb:\/\/127\.0\.0\.1:(\d+)\//.exec(output)?.[1]);
    expect(ferretPort).toBeGreaterThan(0);
    await expect(waitForPort('127.0.0.1', ferretPort, 500)).rejects.toThrow('nothing listens');
  }, 90_000);

  it('refuses to start on a bad variable and names it', async () => {
    const server = spawn(process.execPath, [MAIN], {
      env: freshEnvironment({ PORT: 'eighty', JWT_ACCESS_TTL: 'soon' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    server.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    expect(await exitOf(server)).toEqual({ code: 78, signal: null });
    expect(errors).toContain('Invalid configuration');
    expect(errors).toContain('PORT: must be an integer number');
    expect(errors).toContain('JWT_ACCESS_TTL: must be a duration');
  });

  it('create-admin makes an admin who can sign in, and promotes an existing account', async () => {
    const databaseUri = uniqueDatabaseUri('cli');
    const environment = freshEnvironment({ MONGODB_URI: databaseUri, LOG_LEVEL: 'silent' });
    const created = await run(
      process.execPath,
      [CLI, 'create-admin', '--email', 'Chief@Plenary.test', '--password', 'Chief-password-1', '--name', 'Chief'],
      { env: environment },
    );
    expect(created.stdout).toContain('Created admin: Chief@Plenary.test');

    const app = await startTestApp('cli', { MONGODB_URI: databaseUri, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    try {
      const login = await app.http
        .post('/api/v1/auth/login')
        .send({ email: 'chief@plenary.test', password: 'Chief-password-1' })
        .expect(200);
      expect(login.body.user).toMatchObject({ role: 'admin', displayName: 'Chief' });

      await app.http
        .post('/api/v1/auth/register')
        .send({ email: 'deputy@plenary.test', password: 'Deputy-password-1', displayName: 'Deputy' })
        .expect(201);
      const promoted = await run(
        process.execPath,
        [CLI, 'create-admin', '--email', 'deputy@plenary.test', '--password', 'Ignored-password-1'],
        { env: environment },
      );
      expect(promoted.stdout).toContain('Promoted to admin: deputy@plenary.test');
      const deputy = await app.http
        .post('/api/v1/auth/login')
        .send({ email: 'deputy@plenary.test', password: 'Deputy-password-1' })
        .expect(200);
      expect(deputy.body.user.role).toBe('admin');
    } finally {
      await app.close();
    }

    const refused = await run(process.execPath, [CLI, 'create-admin', '--email', 'not-an-email', '--password', 'x'], {
      env: environment,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 64 });
    expect((refused as { stderr: string }).stderr).toContain('--email: must be a valid email address');
  }, 60_000);
});
