// The phone's SPAKE2+ against RFC 9383's published test vector (Appendix C), and a wrong code.
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { derivePasswordScalars, SpakeProver, WrongCodeError } from './spake2plus';

// Transcribed from RFC 9383, Appendix C (P256-SHA256-HKDF-SHA256-HMAC-SHA256).
const rfc = {
  id: { context: 'SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256 Test Vectors', idProver: 'client', idVerifier: 'server' },
  w0: 0xbb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3n,
  w1: 0x7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dban,
  x: 0xd1232c8e8693d02368976c174e2088851b8365d0d79a9eee709c6a05a2fad539n,
  shareP: '04ef3bd051bf78a2234ec0df197f7828060fe9856503579bb1733009042c15c0c1de127727f418b5966afadfdd95a6e4591d171056b333dab97a79c7193e341727',
  shareV: '04c0f65da0d11927bdf5d560c69e1d7d939a05b0e88291887d679fcadea75810fb5cc1ca7494db39e82ff2f50665255d76173e09986ab46742c798a9a68437b048',
  confirmP: '926cc713504b9b4d76c9162ded04b5493e89109f6d89462cd33adc46fda27527',
  confirmV: '9747bcc4f8fe9f63defee53ac9b07876d907d55047e6ff2def2e7529089d3e68',
  kShared: '0c5f8ccd1413423a54f6c1fb26ff01534a87f893779c6e68666d772bfd91f3e7',
};

describe('SPAKE2+ prover', () => {
  it('matches the RFC 9383 test vector', () => {
    const prover = new SpakeProver(rfc.id, rfc.w0, rfc.w1);
    expect(bytesToHex(prover.share(rfc.x))).toBe(rfc.shareP);
    const confirmP = prover.finish(hexToBytes(rfc.shareV), hexToBytes(rfc.confirmV));
    expect(bytesToHex(confirmP)).toBe(rfc.confirmP);
    expect(bytesToHex(prover.sharedKey)).toBe(rfc.kShared);
  });

  it('refuses a confirmV made with another password', () => {
    const prover = new SpakeProver(rfc.id, rfc.w0 + 1n, rfc.w1);
    prover.share(rfc.x);
    expect(() => prover.finish(hexToBytes(rfc.shareV), hexToBytes(rfc.confirmV))).toThrow(WrongCodeError);
    expect(prover.sharedKey.length).toBe(0);
  });

  it('refuses a shareV off the curve', () => {
    const prover = new SpakeProver(rfc.id, rfc.w0, rfc.w1);
    prover.share(rfc.x);
    const off = hexToBytes(rfc.shareV);
    off[64] ^= 1;
    expect(() => prover.finish(off, hexToBytes(rfc.confirmV))).toThrow();
  });

  it('derives w0 and w1 below the group order from the code', async () => {
    const { w0, w1 } = await derivePasswordScalars('12345678', new Uint8Array(16), 1000);
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    expect(w0).toBeLessThan(n);
    expect(w1).toBeLessThan(n);
    expect(w0).not.toBe(w1);
  });
});
