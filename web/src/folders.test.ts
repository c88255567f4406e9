// Folders import one way only: device/ is the shared vocabulary of ble/ (the radio) and sync/ (the
// flow), which never import each other; nothing below ui/ imports ui/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = import.meta.dirname;
const FORBIDDEN: Record<string, string[]> = {
  device: ['ble', 'sync', 'api', 'ui'],
  ble: ['sync', 'api', 'ui'],
  sync: ['ble', 'ui'],
  api: ['ble', 'sync', 'ui', 'device'],
};

function imports(dir: string): { file: string; target: string }[] {
  return readdirSync(join(src, dir)).filter((f) => f.endsWith('.ts')).flatMap((f) => {
    const text = readFileSync(join(src, dir, f), 'utf8');
    return [...text.matchAll(/from '(\.\.?\/[^']+)'/g)].map((m) => ({
      file: `${dir}/${f}`,
      target: relative(src, join(src, dir, m[1])).split('/')[0],
    }));
  });
}

describe('folder imports', () => {
  for (const [dir, banned] of Object.entries(FORBIDDEN)) {
    it(`${dir}/ imports none of ${banned.join(', ')}`, () => {
      expect(imports(dir).filter((i) => banned.includes(i.target))).toEqual([]);
    });
  }
});
