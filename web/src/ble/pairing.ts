// Pairing with a logger over its PAIR characteristic (docs/protocol.md §1.4): the code comes from
// the phone's memory or from the racer, SPAKE2+ proves it, and the session's sealed channel is the
// result. Codes are remembered per logger (its public salt) and never logged or shown in errors.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { PAIRING_CODE_DIGITS, PAIRING_QR_PREFIX, SPAKE_CONTEXT } from '../protocol';
import { BleFailure } from '../device/errors';
import { SealedChannel } from './sealed-channel';
import { derivePasswordScalars, SpakeProver, WrongCodeError } from './spake2plus';

/** The PAIR characteristic, each call one queued GATT operation. */
export interface PairTransport {
  read(): Promise<string>;
  write(text: string): Promise<void>;
}

/** Asks the racer for the code on the label; null when they cancel. */
export interface CodePrompt {
  ask(options: { wrongCode: boolean }): Promise<string | null>;
  close(): void;
}

export interface PairingCodes {
  get(loggerId: string): string | null;
  remember(loggerId: string, code: string): void;
  forget(loggerId: string): void;
}

const STORAGE_KEY = 'pairing_codes';
/** The longest rate-limit wait the app sits out by itself (the first few wrong codes: 1, 2, 4, 8 s). */
export const MAX_AUTO_WAIT_MS = 16000;

export class StoredPairingCodes implements PairingCodes {
  constructor(private readonly storage: Storage) {}
  get(id: string) { return this.all()[id] ?? null; }
  remember(id: string, code: string) { this.storage.setItem(STORAGE_KEY, JSON.stringify({ ...this.all(), [id]: code })); }
  forget(id: string) {
    const all = this.all();
    delete all[id];
    this.storage.setItem(STORAGE_KEY, JSON.stringify(all));
  }
  private all(): Record<string, string> {
    try {
      const v = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '{}');
      return v && typeof v === 'object' ? v : {};
    } catch {
      return {};
    }
  }
}

/** The digits of a typed code or a scanned label ("1234 5678", "RSCORE1:12345678"), or null. */
export function normalizePairingCode(text: string): string | null {
  const body = text.trim().startsWith(PAIRING_QR_PREFIX) ? text.trim().slice(PAIRING_QR_PREFIX.length) : text;
  if (!/^[0-9 -]*$/.test(body)) return null;
  const digits = body.replace(/[ -]/g, '');
  return digits.length === PAIRING_CODE_DIGITS ? digits : null;
}

interface Hello { salt: string; iter: number; waitMs: number; locked: boolean; y?: string; cv?: string }

function parseHello(text: string): Hello {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text);
  } catch {
    o = {};
  }
  if (typeof o.salt !== 'string' || typeof o.iter !== 'number')
    throw new BleFailure({ kind: 'protocol', message: 'The logger does not offer pairing (update its firmware).' });
  return {
    salt: o.salt, iter: o.iter, waitMs: typeof o.wait_ms === 'number' ? o.wait_ms : 0, locked: o.locked === true,
    y: typeof o.y === 'string' ? o.y : undefined, cv: typeof o.cv === 'string' ? o.cv : undefined,
  };
}

const lockedFailure = () => new BleFailure({
  kind: 'pairing', reason: 'locked',
  message: 'Pairing is locked after 20 wrong codes. Press the button on the logger (or switch it off and on), then try again.',
});

export class Pairing {
  constructor(
    private readonly codes: PairingCodes,
    private readonly prompt: CodePrompt,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Pairs on the current connection; asks for the code only when none is remembered or it was wrong. */
  async pair(t: PairTransport): Promise<SealedChannel> {
    let wrongCode = false;
    try {
      for (;;) {
        const hello = parseHello(await t.read());
        if (hello.locked) throw lockedFailure();
        const code = this.codes.get(hello.salt) ?? (await this.askFor(wrongCode));
        const channel = await this.attempt(t, hello, code);
        if (channel) {
          this.codes.remember(hello.salt, code);
          return channel;
        }
        this.codes.forget(hello.salt);
        wrongCode = true;
      }
    } finally {
      this.prompt.close();
    }
  }

  private async askFor(wrongCode: boolean): Promise<string> {
    const typed = await this.prompt.ask({ wrongCode });
    if (typed === null) throw new BleFailure({ kind: 'cancelled', pairing: true, message: 'Pairing was cancelled.' });
    const code = normalizePairingCode(typed);
    return code ?? this.askFor(true);
  }

  /** One SPAKE2+ exchange; null when the code is wrong. */
  private async attempt(t: PairTransport, hello: Hello, code: string): Promise<SealedChannel | null> {
    const { w0, w1 } = await derivePasswordScalars(code, hexToBytes(hello.salt), hello.iter);
    const prover = new SpakeProver({ context: SPAKE_CONTEXT, idProver: '', idVerifier: '' }, w0, w1);
    const shareP = bytesToHex(prover.share());
    // Browsers do not all pass the logger's ATT code on, so a refused share is explained by
    // reading PAIR again: locked, or a wait to sit out.
    for (let tries = 0; ; tries++) {
      const hello = parseHello(await t.read());
      if (hello.locked) throw lockedFailure();
      if (hello.waitMs > MAX_AUTO_WAIT_MS) {
        throw new BleFailure({ kind: 'pairing', reason: 'wait', waitMs: hello.waitMs,
          message: `Too many wrong pairing codes: the logger accepts the next try in ${Math.ceil(hello.waitMs / 1000)} s.` });
      }
      if (hello.waitMs > 0) await this.sleep(hello.waitMs);
      try {
        await t.write(JSON.stringify({ x: shareP }));
        break;
      } catch (e) {
        if (tries >= 2) throw e;
      }
    }
    const answer = parseHello(await t.read());
    if (!answer.y || !answer.cv) throw new BleFailure({ kind: 'protocol', message: 'The logger sent an unreadable pairing answer.' });
    let confirmP: Uint8Array;
    try {
      confirmP = prover.finish(hexToBytes(answer.y), hexToBytes(answer.cv));
    } catch (e) {
      if (e instanceof WrongCodeError) return null;
      throw new BleFailure({ kind: 'protocol', message: 'The logger sent an invalid pairing answer.' });
    }
    await t.write(JSON.stringify({ cp: bytesToHex(confirmP) })); // cannot fail once confirmV matched, but for a fault
    return SealedChannel.forPhone(prover.sharedKey);
  }
}
