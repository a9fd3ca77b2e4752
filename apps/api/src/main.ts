import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from '@plenary/core';
import { API_PREFIX, createApp, DOCS_PATH } from './app.setup.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = AppConfig.fromEnvironment(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(78);
  }
  const app = await createApp(config);
  const logger = new Logger('Plenary');
  if (config.jwt.ephemeralSecrets) {
    logger.warn('JWT secrets are not set: using random ones for this process; tokens die with it');
  }
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(`Plenary listening on ${url}/${API_PREFIX} (API docs: ${url}/${DOCS_PATH})`);
}

void main();
