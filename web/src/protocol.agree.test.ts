// The constants exist once per language; this checks both agree with each other and the document.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as ts from './protocol';

const root = fileURLToPath(new URL('../../', import.meta.url));
const header = readFileSync(`${root}firmware/core/include/rscore/protocol.hpp`, 'utf8');
const doc = readFileSync(`${root}docs/protocol.md`, 'utf8');

/** kServiceUuid → SERVICE_UUID */
const tsName = (cpp: string) => cpp.slice(1).replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function cppConstants(): Map<string, string | number> {
  const out = new Map<string, string | number>();
  const re = /inline constexpr [^=]*\b(k\w+)\s*=\s*([^;]+);/g;
  for (const m of header.matchAll(re)) {
    const raw = m[2].trim();
    out.set(tsName(m[1]), raw.startsWith('"') ? JSON.parse(raw) : Number(raw));
  }
  return out;
}

describe('protocol constants', () => {
  const cpp = cppConstants();

  it('has every C++ constant in TypeScript with the same value, and no extra', () => {
    expect(cpp.size).toBeGreaterThan(15);
    for (const [name, value] of cpp) expect([name, (ts as Record<string, unknown>)[name]]).toEqual([name, value]);
    expect(Object.keys(ts).sort()).toEqual([...cpp.keys()].sort());
  });

  it('matches the UUID table of docs/protocol.md', () => {
    const row = (name: string) => new RegExp(`\\| ${name} \\| \`([0-9a-f-]{36})\``).exec(doc)?.[1];
    expect(row('service')).toBe(ts.SERVICE_UUID);
    expect(row('STATUS')).toBe(ts.STATUS_UUID);
    expect(row('CONFIGURE')).toBe(ts.CONFIGURE_UUID);
    expect(row('FILE_LIST')).toBe(ts.FILE_LIST_UUID);
  });
});
