// The analysis folder sits on top: it may use api/ and ui/, nothing else imports it except main.ts
// (the route watcher only), and the route watcher loads the page with dynamic imports, so none of
// the session page's code (or uPlot) lands on the sync path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..');
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : [];
});
const staticImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);

describe('analysis imports one way', () => {
  it('nothing but main.ts imports the analysis folder, and only its route watcher', () => {
    for (const f of files(src).filter((f) => !f.includes('/analysis/'))) {
      const into = staticImports(f).filter((i) => i.includes('analysis/'));
      if (relative(src, f) === 'main.ts') expect(into).toEqual(['./analysis/open']);
      else expect(into, f).toEqual([]);
    }
  });

  it('the route watcher imports nothing statically', () => {
    expect(staticImports(join(src, 'analysis/open.ts'))).toEqual([]);
  });

  it('analysis code uses only api/, ui/ and itself', () => {
    for (const f of files(join(src, 'analysis'))) {
      for (const i of staticImports(f).filter((i) => i.startsWith('..'))) expect(i, f).toMatch(/^\.\.\/(api|ui)\//);
    }
  });
});
