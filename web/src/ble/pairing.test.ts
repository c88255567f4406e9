// The pairing flow against a stand-in logger: a SPAKE2+ Verifier written here from RFC 9383 with
// @noble/curves, checked first against the RFC's vector so it is an independent oracle.
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SPAKE_CONTEXT } from '../protocol';
import { BleFailure } from '../device/errors';
import { normalizePairingCode, Pairing, type CodePrompt, type PairingCodes, type PairTransport } from './pairing';
import { derivePasswordScalars } from './spake2plus';

const P = p256.Point;
const M = P.fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f');
const N = P.fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49');
const len8 = (b: Uint8Array) => { const l = new Uint8Array(8); new DataView(l.buffer).setBigUint64(0, BigInt(b.length), true); return concatBytes(l, b); };

/** RFC 9383 §3.3–3.4, the Verifier's side. */
function verify(ctx: string, idP: string, idV: string, w0: bigint, L: typeof M, shareP: Uint8Array, y: bigint) {
  const X = P.fromBytes(shareP);
  const Y = P.BASE.multiply(y).add(N.multiply(w0)).toBytes(false);
  const T = X.subtract(M.multiply(w0));
  const Z = T.multiply(y).toBytes(false), V = L.multiply(y).toBytes(false);
  const tt = concatBytes(...[utf8ToBytes(ctx), utf8ToBytes(idP), utf8ToBytes(idV), M.toBytes(false), N.toBytes(false),
    shareP, Y, Z, V, hexToBytes(w0.toString(16).padStart(64, '0'))].map(len8));
  const kMain = sha256(tt);
  const keys = hkdf(sha256, kMain, undefined, utf8ToBytes('ConfirmationKeys'), 64);
  return { Y, cv: hmac(sha256, keys.subarray(32), shareP), cp: hmac(sha256, keys.subarray(0, 32), Y) };
}

/** A logger with one code: PAIR reads and writes, its failure count and wait. */
class StandInLogger implements PairTransport {
  failures = 0;
  waitMs = 0;
  locked = false;
  writes: string[] = [];
  private pending?: { Y: Uint8Array; cv: Uint8Array; cp: Uint8Array };
  readonly salt = new Uint8Array(16).fill(9);
  constructor(private readonly code: string) {}
  async read() {
    const hello: Record<string, unknown> = { v: 1, salt: bytesToHex(this.salt), iter: 1000, failures: this.failures, wait_ms: this.waitMs, locked: this.locked };
    if (this.pending) Object.assign(hello, { y: bytesToHex(this.pending.Y), cv: bytesToHex(this.pending.cv) });
    return JSON.stringify(hello);
  }
  async write(text: string) {
    this.writes.push(text);
    const o = JSON.parse(text);
    const { w0, w1 } = await derivePasswordScalars(this.code, this.salt, 1000);
    if (o.x) {
      if (this.waitMs > 0) { this.waitMs = 0; throw new Error('GATT Error: 0x81'); } // the app must sit the wait out first
      this.failures++;
      this.pending = verify(SPAKE_CONTEXT, '', '', w0, P.BASE.multiply(w1), hexToBytes(o.x), 12345n);
    } else if (o.cp) {
      if (bytesToHex(this.pending!.cp) !== o.cp) throw new Error('GATT Error: 0x83');
      this.failures = 0;
      this.pending = undefined;
    }
  }
}

class MemoryCodes implements PairingCodes {
  map = new Map<string, string>();
  get(id: string) { return this.map.get(id) ?? null; }
  remember(id: string, code: string) { this.map.set(id, code); }
  forget(id: string) { this.map.delete(id); }
}

class ScriptedPrompt implements CodePrompt {
  asked: boolean[] = [];
  closed = 0;
  constructor(private readonly answers: (string | null)[]) {}
  async ask({ wrongCode }: { wrongCode: boolean }) { this.asked.push(wrongCode); return this.answers.shift() ?? null; }
  close() { this.closed++; }
}

const noSleep = async () => undefined;

describe('the stand-in Verifier', () => {
  it('reproduces RFC 9383 Appendix C', () => {
    const w0 = 0xbb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3n;
    const w1 = 0x7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dban;
    const shareP = hexToBytes('04ef3bd051bf78a2234ec0df197f7828060fe9856503579bb1733009042c15c0c1de127727f418b5966afadfdd95a6e4591d171056b333dab97a79c7193e341727');
    const r = verify('SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256 Test Vectors', 'client', 'server', w0, P.BASE.multiply(w1), shareP,
      0x717a72348a182085109c8d3917d6c43d59b224dc6a7fc4f0483232fa6516d8b3n);
    expect(bytesToHex(r.cv)).toBe('9747bcc4f8fe9f63defee53ac9b07876d907d55047e6ff2def2e7529089d3e68');
    expect(bytesToHex(r.cp)).toBe('926cc713504b9b4d76c9162ded04b5493e89109f6d89462cd33adc46fda27527');
  });
});

describe('Pairing', () => {
  it('asks once, then pairs from memory without asking', async () => {
    const logger = new StandInLogger('24681357');
    const codes = new MemoryCodes();
    const prompt = new ScriptedPrompt(['2468 1357']);
    await new Pairing(codes, prompt, noSleep).pair(logger);
    expect(prompt.asked).toEqual([false]);
    expect(codes.get(bytesToHex(logger.salt))).toBe('24681357');
    const again = new ScriptedPrompt([]);
    await new Pairing(codes, again, noSleep).pair(logger);
    expect(again.asked).toEqual([]);
    expect(logger.failures).toBe(0);
  });

  it('says a wrong code is wrong, sits out the logger’s wait, and pairs with the right one', async () => {
    const logger = new StandInLogger('24681357');
    const codes = new MemoryCodes();
    const prompt = new ScriptedPrompt(['11112222', '24681357']);
    const slept: number[] = [];
    logger.waitMs = 0;
    const pairing = new Pairing(codes, prompt, async (ms) => { slept.push(ms); logger.waitMs = 0; });
    const origWrite = logger.write.bind(logger);
    logger.write = async (text: string) => { await origWrite(text); if (JSON.parse(text).x && logger.failures === 1) logger.waitMs = 1000; };
    await pairing.pair(logger);
    expect(prompt.asked).toEqual([false, true]);
    expect(slept).toEqual([1000]);
    expect(logger.writes.filter((w) => w.includes('"cp"'))).toHaveLength(1); // no cp for the wrong code
    expect(codes.get(bytesToHex(logger.salt))).toBe('24681357');
    expect(prompt.closed).toBe(1);
  });

  it('forgets a remembered code that no longer works', async () => {
    const logger = new StandInLogger('24681357');
    const codes = new MemoryCodes();
    codes.remember(bytesToHex(logger.salt), '99999999');
    const prompt = new ScriptedPrompt(['24681357']);
    await new Pairing(codes, prompt, noSleep).pair(logger);
    expect(prompt.asked).toEqual([true]);
    expect(codes.get(bytesToHex(logger.salt))).toBe('24681357');
  });

  it('reports a locked logger and a long wait plainly, without the code', async () => {
    const logger = new StandInLogger('24681357');
    logger.locked = true;
    const err = await new Pairing(new MemoryCodes(), new ScriptedPrompt(['24681357']), noSleep).pair(logger).catch((e) => e);
    expect(err).toBeInstanceOf(BleFailure);
    expect(err.error).toMatchObject({ kind: 'pairing', reason: 'locked' });
    expect(err.message).toMatch(/Press the button on the logger/);
    logger.locked = false;
    logger.waitMs = 64000;
    const wait = await new Pairing(new MemoryCodes(), new ScriptedPrompt(['24681357']), noSleep).pair(logger).catch((e) => e);
    expect(wait.error).toMatchObject({ kind: 'pairing', reason: 'wait' });
    expect(wait.message).toContain('64 s');
    expect(`${err.message} ${wait.message}`).not.toContain('24681357');
  });

  it('stops when the racer cancels', async () => {
    const err = await new Pairing(new MemoryCodes(), new ScriptedPrompt([null]), noSleep).pair(new StandInLogger('1')).catch((e) => e);
    expect(err.error).toMatchObject({ kind: 'cancelled' });
  });

  it('reads codes as typed or scanned', () => {
    expect(normalizePairingCode('1234 5678')).toBe('12345678');
    expect(normalizePairingCode('1234-5678')).toBe('12345678');
    expect(normalizePairingCode('RSCORE1:12345678')).toBe('12345678');
    expect(normalizePairingCode('1234567')).toBeNull();
    expect(normalizePairingCode('12345678x')).toBeNull();
    expect(normalizePairingCode('https://evil/12345678')).toBeNull();
  });
});
