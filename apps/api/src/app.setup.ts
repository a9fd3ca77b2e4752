import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, createValidationPipe, HttpExceptionFilter } from '@plenary/core';
import { RedisConnection } from '@plenary/database';
import { PlenaryIoAdapter, SocketAuthenticator } from '@plenary/realtime';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { findWebClient, serveWebClient } from './web-client.js';

export const API_PREFIX = 'api/v1';
export const DOCS_PATH = 'api/docs';

/** Builds the whole server as it runs in production; main.ts and the e2e tests both use it. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // Swagger UI at /api/docs runs an inline initialiser; everything else is JSON.
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.enableCors({ origin: config.corsOrigins === '*' ? true : config.corsOrigins, credentials: true });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  // Not SIGUSR2 (Nest's default list has it): profilers and debuggers send it.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);

  const redis = app.get(RedisConnection);
  await redis.connect();
  app.useWebSocketAdapter(
    new PlenaryIoAdapter(app, {
      authenticator: app.get(SocketAuthenticator),
      redis: redis.client,
      corsOrigins: config.corsOrigins,
    }),
  );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plenary API')
      .setDescription('Plenary, a platform for communities of practice: REST under /api/v1, Socket.IO on the same port')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}/openapi.json` });
  const webClient = findWebClient(config.webClientDir);
  if (webClient) serveWebClient(app, webClient);
  else app.get(Logger).warn('The web client is not built (npm run build): serving the API only');
  return app;
}
