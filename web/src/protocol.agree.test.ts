// The constants exist once per language; this checks both agree with each other and the document.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as ts from './protocol';

const root = fileURLToPath(new URL('../../', import.meta.url));
const header = readFileSync(`${root}protocol/include/racesense/protocol.hpp`, 'utf8');
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
    expect(row('PAIR')).toBe(ts.PAIR_UUID);
  });

  it('has exactly the ERROR codes of the table in docs/protocol.md §1.1', () => {
    const table = doc.slice(doc.indexOf('ERROR codes:'), doc.indexOf('**Notification size rule.**'));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]).sort();
    const constants = Object.entries(ts).filter(([name]) => name.startsWith('ERROR_')).map(([, v]) => v).sort();
    expect(documented.length).toBeGreaterThan(5);
    expect(constants).toEqual(documented);
  });

  it('matches the resumable uploads section of docs/protocol.md', () => {
    const resume = doc.slice(doc.indexOf('### 2.2 Resumable uploads'), doc.indexOf('## 3. CSV formats'));
    expect(resume).toContain(`\`${ts.UPLOADS_PATH}/<sha256>\``);
    for (const h of [ts.UPLOAD_COMPLETE_HEADER, ts.UPLOAD_OFFSET_HEADER, ts.UPLOAD_LENGTH_HEADER])
      expect(resume).toContain(`\`${h}\``);
    expect(resume).toContain(`\`Content-Type: ${ts.PARTIAL_UPLOAD_TYPE}\``);
    expect(resume).toContain(`**${ts.PARTIAL_UPLOAD_EXPIRY_HOURS} hours**`);
  });

  it('matches the pairing section of docs/protocol.md', () => {
    const pair = doc.slice(doc.indexOf('### 1.4 PAIR'), doc.indexOf('## 2. Upload API'));
    const att = (name: string) => Number(new RegExp(`\\| (0x[0-9A-F]{2}) ${name}`).exec(pair)?.[1]);
    expect(att('pairing wait')).toBe(ts.ATT_PAIRING_WAIT);
    expect(att('pairing locked')).toBe(ts.ATT_PAIRING_LOCKED);
    expect(att('wrong pairing code')).toBe(ts.ATT_WRONG_PAIRING_CODE);
    expect(doc).toContain(`| 0x0${ts.ATT_INSUFFICIENT_AUTHENTICATION} insufficient authentication |`);
    expect(pair).toContain(`\`Context\` = \`${ts.SPAKE_CONTEXT}\``);
    expect(pair).toContain(`info = "${ts.SESSION_KEYS_INFO}"`);
    expect(pair).toContain(`salt, ${ts.PAIRING_PBKDF2_ITERATIONS} iterations`);
    expect(pair).toContain(`"iter":${ts.PAIRING_PBKDF2_ITERATIONS}`);
    expect(pair).toContain(`${ts.PAIRING_SALT_LEN} random bytes`);
    expect(pair).toContain(`"salt":"<${2 * ts.PAIRING_SALT_LEN} hex>"`);
    expect(pair).toContain(`${ts.PAIRING_CODE_DIGITS} random decimal digits`);
    expect(pair).toContain(`\`${ts.PAIRING_QR_PREFIX}12345678\``);
    expect(pair).toContain(`at ${ts.PAIRING_MAX_FAILURES} failures pairing is locked`);
    expect(pair).toContain(`\`${ts.PAIRING_FIRST_DELAY_MS / 1000} s · 2^(f-1)\``);
    expect(pair).toContain(`counter (${ts.SEAL_COUNTER_LEN} bytes, big-endian) || ciphertext || tag (${ts.SEAL_TAG_LEN} bytes)`);
    expect(ts.SEAL_OVERHEAD).toBe(ts.SEAL_COUNTER_LEN + ts.SEAL_TAG_LEN);
    expect(pair).toContain(`${ts.SEAL_OVERHEAD} bytes more than the plaintext`);
    expect(ts.SEAL_MAX_PLAINTEXT_LEN).toBe(ts.MAX_VALUE_LEN - ts.SEAL_OVERHEAD);
    expect(doc).toContain(`the plaintext is at\nmost ${ts.SEAL_MAX_PLAINTEXT_LEN} bytes`);
  });
});
