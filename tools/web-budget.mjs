// Prints the browser client's JavaScript, gzipped, from the production build (dist/web), and checks the budget of
// the attendee's route: what a phone downloads to join a live session by code and ask (the entry, the join and
// attendee pages with everything they import, and their English catalogues) must stay within 150 kB gzipped.
// Run by `npm run build`; exits 1 over budget.
//
//   node tools/web-budget.mjs [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = process.env.WEB_CLIENT_DIR || fileURLToPath(new URL('../dist/web/', import.meta.url));
export const BUDGET_BYTES = 150_000;
/** The sources of the join-and-ask route, as the manifest names them. */
export const ATTENDEE_ROUTE = [
  'src/pages/live/JoinPage.tsx',
  'src/pages/live/AttendeePage.tsx',
  'src/locales/en/common.json',
  'src/locales/en/live.json',
];

const manifest = JSON.parse(readFileSync(join(ROOT, '.vite/manifest.json'), 'utf8'));
const gzipped = new Map();
const sizeOf = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(join(ROOT, file)), { level: 9 }).length);
  return gzipped.get(file);
};

/** The JavaScript files a chunk loads before it runs: itself and its static imports, transitively. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build's manifest: is the route still there?`);
  if (chunk.file.endsWith('.js')) files.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const route = new Set(closure(entry));
for (const key of ATTENDEE_ROUTE) closure(key, route);
const routeBytes = [...route].reduce((sum, file) => sum + sizeOf(file), 0);

const chunks = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({ file: chunk.file, source: chunk.src ?? chunk.name ?? '', gzip: sizeOf(chunk.file) }))
  .sort((a, b) => b.gzip - a.gzip);
const total = chunks.reduce((sum, chunk) => sum + chunk.gzip, 0);
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ routeBytes, budgetBytes: BUDGET_BYTES, route: [...route], chunks, total }));
} else {
  console.log('\nweb client, JavaScript gzipped:');
  for (const chunk of chunks.slice(0, 12)) {
    console.log(`  ${kB(chunk.gzip).padStart(9)}  ${chunk.file}${route.has(chunk.file) ? '  (attendee route)' : ''}`);
  }
  if (chunks.length > 12) console.log(`  … ${chunks.length - 12} smaller chunks`);
  console.log(`  ${kB(total).padStart(9)}  all ${chunks.length} chunks`);
  console.log(
    `attendee join-and-ask route: ${kB(routeBytes)} of JavaScript gzipped (${route.size} files), budget ${kB(BUDGET_BYTES)}: ` +
      (routeBytes <= BUDGET_BYTES ? 'within' : 'OVER'),
  );
}
if (routeBytes > BUDGET_BYTES) process.exit(1);
