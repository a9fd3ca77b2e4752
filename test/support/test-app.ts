import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@plenary/core';
import { findFreePort } from '@plenary/database';
import { createApp } from '../../apps/api/src/app.setup.js';
import { uniqueDatabaseUri } from './test-database.js';

export const ADMIN = { email: 'admin@plenary.test', password: 'Admin-password-1', displayName: 'Test Admin' };

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  url: string;
  http: ReturnType<typeof request>;
  connection: Connection;
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * The real server, wired exactly as main.ts wires it, listening on a free loopback port, with a
 * database of its own and a seeded admin (ADMIN). `variables` override the environment.
 */
export async function startTestApp(
  label: string,
  variables: Record<string, string | undefined> = {},
): Promise<TestApp> {
  // The port is chosen first so that links in mails and single sign-on redirects (PUBLIC_URL) lead back here.
  const port = await findFreePort();
  const config = AppConfig.fromEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Mails go to this run's own folder unless a spec gives an SMTP server.
    MAIL_DIR: join(tmpdir(), `plenary-mail-${label}-${port}`),
    MONGODB_URI: uniqueDatabaseUri(label),
    JWT_ACCESS_SECRET: randomBytes(32).toString('hex'),
    JWT_REFRESH_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_DISPLAY_NAME: ADMIN.displayName,
    // Specs register and read far more from one address than a person would; the limits spec sets its own.
    LIMIT_REGISTER_PER_HOUR: '1000000',
    LIMIT_PUBLIC_READS_PER_MINUTE: '1000000',
    LIMIT_GUEST_JOINS_PER_MINUTE: '1000000',
    LIMIT_WRITES_PER_MINUTE: '1000000',
    NEW_ACCOUNT_THREADS_PER_HOUR: '1000000',
    NEW_ACCOUNT_POSTS_PER_HOUR: '1000000',
    // The client the e2e setup built (its own folder when a run sets one).
    WEB_CLIENT_DIR: process.env.WEB_CLIENT_DIR,
    ...variables,
  });
  const app = await createApp(config);
  await app.listen(config.port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const connection = app.get<Connection>(getConnectionToken());
  return {
    app,
    config,
    url,
    http: request(url),
    connection,
    close: async (options = {}) => {
      if (!options.keepDatabase) await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}

/**
 * Writes the server makes in the background, whatever request is being served: the mail queue
 * sending mail queued earlier, the sign-in throttle forgetting expired failures.
 */
export const BACKGROUND_WRITES = new Set([
  'insert mail_claims',
  'delete mail_claims',
  'update mail_jobs',
  'findAndModify mail_jobs',
  'delete mail_jobs',
  'delete login_throttles',
]);
const BACKGROUND_COLLECTIONS = new Set(['mail_claims', 'login_throttles']);

/** Number of documents in every collection, to prove a refused request wrote nothing. */
export async function documentCounts(connection: Connection): Promise<Record<string, number>> {
  const db = connection.db;
  if (!db) throw new Error('not connected');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map(({ name }) => name)
    .filter((name) => !BACKGROUND_COLLECTIONS.has(name));
  // All at once: there are some seventy collections. Specs checking many requests watch writes instead (watchWrites).
  const counts = await Promise.all(names.map((name) => db.collection(name).countDocuments()));
  return Object.fromEntries(names.map((name, index) => [name, counts[index]]));
}
