import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { API_PREFIX, createApp, DOCS_PATH } from './app.setup.js';
import { loadConfigOrExit } from './load-config.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  const logger = new Logger('Plenary');
  if (config.jwt.ephemeralSecrets) {
    logger.warn('JWT secrets are not set: using random ones for this process; tokens die with it');
  }
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  logger.log(`Plenary listening on ${url}/${API_PREFIX} (API docs: ${url}/${DOCS_PATH})`);
}

main().catch((error: unknown) => {
  console.error('Plenary failed to start:', error);
  process.exit(1);
});
