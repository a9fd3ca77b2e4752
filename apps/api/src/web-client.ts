import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `npm run build` puts the browser client: dist/web, seen from this file in the sources or in dist. */
const CANDIDATES = [
  fileURLToPath(new URL('../../../web', import.meta.url)),
  fileURLToPath(new URL('../../../dist/web', import.meta.url)),
];

/**
 * The built client's folder (WEB_CLIENT_DIR when set, where `npm run build` then writes it too), or undefined when
 * it was not built: the API runs without it.
 */
export function findWebClient(configured: string | undefined): string | undefined {
  const folders = configured ? [configured] : CANDIDATES;
  return folders.find((folder) => existsSync(join(folder, 'index.html')));
}

/**
 * Serves the browser client at `/` from the same server as the API: hashed assets cached for a year, and every
 * other page address (`/forum/t/…`, `/j/CODE`) answered with index.html for the client's router. Paths under
 * /api and /socket.io are never touched, so an unknown API route still gets the API's JSON 404.
 */
export function serveWebClient(app: NestExpressApplication, folder: string): void {
  app.useStaticAssets(folder, {
    index: false,
    setHeaders: (response, path) => {
      response.setHeader(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
    },
  });
  const index = join(folder, 'index.html');
  app.use((request: Request, response: Response, next: NextFunction) => {
    const path = request.path;
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      path.startsWith('/api/') ||
      path === '/api' ||
      path.startsWith('/socket.io') ||
      /\.[a-z0-9]+$/i.test(path) || // a file that is not there: a 404, not the page
      !request.accepts('html')
    ) {
      next();
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
