// Prints the gzip size of what the sync screen loads (budget 40 KB) and, apart, of the analysis
// chunks the session page loads on demand. Reads Vite's manifest to tell them apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 40;
const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'));
const gz = (file) => gzipSync(readFileSync(join('dist', file))).length;

// The entry and everything it imports statically, with their CSS: what the sync screen loads.
const syncPath = new Set(['index.html']);
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || syncPath.has(chunk.file)) return;
  syncPath.add(chunk.file);
  (chunk.css ?? []).forEach((c) => syncPath.add(c));
  (chunk.imports ?? []).forEach(visit);
};
visit('index.html');

const files = [];
const walk = (dir) => readdirSync(dir).forEach((f) => {
  const p = join(dir, f);
  if (statSync(p).isDirectory()) { if (f !== '.vite') walk(p); } else files.push(p.slice('dist/'.length));
});
walk('dist');
const assets = files.filter((f) => /\.(js|css|html)$/.test(f));
const sum = (list) => list.reduce((n, f) => n + gz(f), 0);
const show = (title, list) => {
  console.log(title);
  for (const f of list) console.log(`  ${f}: ${(gz(f) / 1024).toFixed(1)} KB gzip`);
  const total = sum(list);
  console.log(`  total: ${(total / 1024).toFixed(1)} KB gzip`);
  return total;
};
const sync = show(`sync path (loaded by the sync screen, budget ${BUDGET_KB} KB):`, assets.filter((f) => syncPath.has(f)));
show('analysis chunks (loaded when a session opens):', assets.filter((f) => !syncPath.has(f)));
process.exitCode = sync <= BUDGET_KB * 1024 ? 0 : 1;
