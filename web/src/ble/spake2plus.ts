// SPAKE2+ (RFC 9383, P256-SHA256-HKDF-SHA256-HMAC-SHA256), the Prover's side (the phone), and the
// derivation of w0/w1 from the pairing code (docs/protocol.md §1.4). Curve arithmetic comes from
// @noble/curves, SHA-256/HMAC/HKDF from @noble/hashes, PBKDF2 from WebCrypto.
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const Point = p256.Point;
const N = Point.Fn.ORDER;
// RFC 9383's M and N for P-256.
const M = Point.fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f');
const N_POINT = Point.fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49');

export interface SpakeIdentity { context: string; idProver: string; idVerifier: string }

export class WrongCodeError extends Error {
  constructor() {
    super('The pairing code is wrong.');
    this.name = 'WrongCodeError';
  }
}

const toBigInt = (b: Uint8Array) => (b.length === 0 ? 0n : BigInt('0x' + bytesToHex(b)));
const scalarBytes = (s: bigint) => hexToBytes(s.toString(16).padStart(64, '0'));
const uncompressed = (p: typeof M) => p.toBytes(false);

function lengthPrefixed(part: Uint8Array): Uint8Array {
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(part.length), true); // little-endian
  return concatBytes(len, part);
}

/** w0s || w1s = PBKDF2-HMAC-SHA256(code, salt, iterations, 80 bytes); w0 = w0s mod n, w1 = w1s mod n. */
export async function derivePasswordScalars(code: string, salt: Uint8Array, iterations: number): Promise<{ w0: bigint; w1: bigint }> {
  const key = await crypto.subtle.importKey('raw', utf8ToBytes(code), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 80 * 8));
  return { w0: toBigInt(bits.subarray(0, 40)) % N, w1: toBigInt(bits.subarray(40)) % N };
}

function randomScalar(): bigint {
  for (;;) {
    const s = toBigInt(crypto.getRandomValues(new Uint8Array(48))) % N; // 384 bits: bias below 2^-128
    if (s !== 0n) return s;
  }
}

export class SpakeProver {
  private x = 0n;
  private shareP = new Uint8Array();
  sharedKey = new Uint8Array();

  constructor(private readonly id: SpakeIdentity, private readonly w0: bigint, private readonly w1: bigint) {}

  /** shareP = x·P + w0·M; x random unless given (test vectors). */
  share(x: bigint = randomScalar()): Uint8Array {
    this.x = x;
    this.shareP = uncompressed(Point.BASE.multiply(x).add(M.multiply(this.w0)));
    return this.shareP;
  }

  /** Checks the Verifier's confirmV (WrongCodeError when it does not match) and returns confirmP. */
  finish(shareV: Uint8Array, confirmV: Uint8Array): Uint8Array {
    const Y = Point.fromBytes(shareV); // throws on a point off the curve
    const T = Y.subtract(N_POINT.multiply(this.w0));
    const Z = uncompressed(T.multiply(this.x));
    const V = uncompressed(T.multiply(this.w1));
    const tt = concatBytes(
      ...[utf8ToBytes(this.id.context), utf8ToBytes(this.id.idProver), utf8ToBytes(this.id.idVerifier),
        uncompressed(M), uncompressed(N_POINT), this.shareP, shareV, Z, V, scalarBytes(this.w0)].map(lengthPrefixed));
    const kMain = sha256(tt);
    const confirmation = hkdf(sha256, kMain, undefined, utf8ToBytes('ConfirmationKeys'), 64);
    const expected = hmac(sha256, confirmation.subarray(32), this.shareP);
    if (!equalBytes(expected, confirmV)) throw new WrongCodeError();
    this.sharedKey = hkdf(sha256, kMain, undefined, utf8ToBytes('SharedKey'), 32);
    return hmac(sha256, confirmation.subarray(0, 32), shareV);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
