// Prints the gzip size of the built bundle (target: under 40 KB).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const files = [];
const walk = (dir) => readdirSync(dir).forEach((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : files.push(join(dir, f))));
walk('dist');
let total = 0;
for (const f of files.filter((f) => /\.(js|css|html)$/.test(f))) {
  const gz = gzipSync(readFileSync(f)).length;
  total += gz;
  console.log(`${f}: ${(gz / 1024).toFixed(1)} KB gzip`);
}
console.log(`total: ${(total / 1024).toFixed(1)} KB gzip (budget 40 KB)`);
process.exitCode = total < 40 * 1024 ? 0 : 1;
