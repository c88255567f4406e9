// The session's sealed values (docs/protocol.md §1.4): AES-128-GCM (WebCrypto) with a 4-byte
// big-endian counter in front and the characteristic's short id as associated data.
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { SEAL_COUNTER_LEN, SEAL_OVERHEAD, SESSION_KEYS_INFO } from '../protocol';

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

function nonce(counter: number): Uint8Array {
  const n = new Uint8Array(12);
  new DataView(n.buffer).setUint32(8, counter);
  return n;
}

const aad = (charId: number) => new Uint8Array([charId >> 8, charId & 0xff]);

/** The short id of a characteristic UUID ("…5003" → 0x5003), the seal's associated data. */
export const shortId = (uuid: string) => parseInt(uuid.slice(-4), 16);

export class SealedChannel {
  private sent = 0;
  private received = 0;

  private constructor(private readonly sendKey: CryptoKey, private readonly receiveKey: CryptoKey) {}

  /** The phone's side of a session keyed by SPAKE2+'s K_shared. */
  static forPhone(kShared: Uint8Array): Promise<SealedChannel> { return SealedChannel.derive(kShared, 'phone'); }
  /** The logger's side (tests stand in for the logger with it). */
  static forLogger(kShared: Uint8Array): Promise<SealedChannel> { return SealedChannel.derive(kShared, 'logger'); }

  private static async derive(kShared: Uint8Array, side: 'phone' | 'logger'): Promise<SealedChannel> {
    const keys = hkdf(sha256, kShared, undefined, utf8ToBytes(SESSION_KEYS_INFO), 32);
    const importKey = (raw: Uint8Array) => crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const phoneToLogger = await importKey(keys.slice(0, 16));
    const loggerToPhone = await importKey(keys.slice(16));
    return side === 'phone' ? new SealedChannel(phoneToLogger, loggerToPhone) : new SealedChannel(loggerToPhone, phoneToLogger);
  }

  async seal(charId: number, plaintext: Uint8Array): Promise<Uint8Array> {
    const counter = this.sent + 1;
    const body = new Uint8Array(await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce(counter), additionalData: aad(charId) }, this.sendKey, plaintext));
    this.sent = counter;
    const out = new Uint8Array(SEAL_COUNTER_LEN + body.length);
    new DataView(out.buffer).setUint32(0, counter);
    out.set(body, SEAL_COUNTER_LEN);
    return out;
  }

  async open(charId: number, sealed: Uint8Array): Promise<Uint8Array> {
    if (sealed.length < SEAL_OVERHEAD) throw new SealError('The logger sent a value too short to be sealed.');
    const counter = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength).getUint32(0);
    if (counter <= this.received) throw new SealError('The logger sent an old value again.');
    let plain: ArrayBuffer;
    try {
      plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: nonce(counter), additionalData: aad(charId) }, this.receiveKey, sealed.subarray(SEAL_COUNTER_LEN));
    } catch {
      throw new SealError('A value from the logger did not open with this session’s key.');
    }
    this.received = counter;
    return new Uint8Array(plain);
  }
}
