// C++ against TypeScript: the transcript the firmware's SPAKE2+ and sealed channel produced
// (firmware/test/data/pairing_transcript.json, checked there by transcript_test.cpp) is computed
// byte for byte by the web app's implementation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { SPAKE_CONTEXT } from '../protocol';
import { SealedChannel } from './sealed-channel';
import { derivePasswordScalars, SpakeProver } from './spake2plus';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const t = JSON.parse(readFileSync(`${root}firmware/test/data/pairing_transcript.json`, 'utf8'));
const enc = new TextEncoder();

describe('the C++ pairing transcript', () => {
  it('derives the same w0 and w1, shares and confirmations', async () => {
    const { w0, w1 } = await derivePasswordScalars(t.code, hexToBytes(t.salt), t.iter);
    expect(w0.toString(16).padStart(64, '0')).toBe(t.w0);
    expect(w1.toString(16).padStart(64, '0')).toBe(t.w1);
    const prover = new SpakeProver({ context: SPAKE_CONTEXT, idProver: '', idVerifier: '' }, w0, w1);
    expect(bytesToHex(prover.share(BigInt('0x' + t.x)))).toBe(t.share_p);
    expect(bytesToHex(prover.finish(hexToBytes(t.share_v), hexToBytes(t.confirm_v)))).toBe(t.confirm_p);
    expect(bytesToHex(prover.sharedKey)).toBe(t.k_shared);
  });

  it('seals and opens the same bytes', async () => {
    const phone = await SealedChannel.forPhone(hexToBytes(t.k_shared));
    expect(bytesToHex(await phone.seal(0x5003, enc.encode(t.configure_plain)))).toBe(t.configure_sealed);
    expect(new TextDecoder().decode(await phone.open(0x5005, hexToBytes(t.file_list_sealed)))).toBe(t.file_list_plain);
    await expect(phone.open(0x5005, hexToBytes(t.file_list_sealed))).rejects.toThrow(/old value/); // a replay
  });
});
