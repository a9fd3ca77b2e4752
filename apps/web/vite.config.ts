import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = process.env.PLENARY_API_URL ?? 'http://localhost:3000';

/**
 * The browser client. `npm run build` writes it to dist/web, which the API serves at `/`; `npm run start:dev`
 * runs this dev server (hot reload) in front of the API, forwarding /api and /socket.io to it.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    // Emptied before each build: an empty WEB_CLIENT_DIR means unset (it once meant apps/web itself), and a relative one
    // is relative to where the build runs, as the API and the tests read it.
    outDir: process.env.WEB_CLIENT_DIR
      ? resolve(process.env.WEB_CLIENT_DIR)
      : fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': API,
      '/socket.io': { target: API, ws: true },
    },
  },
});
