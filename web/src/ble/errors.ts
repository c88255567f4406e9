// Typed errors of the Bluetooth link, so the UI can say what happened.
export type BleError =
  | { kind: 'unsupported'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'disconnected'; message: string }
  | { kind: 'att'; code: number; message: string }
  | { kind: 'protocol'; message: string }
  | { kind: 'pairing'; reason: 'locked' | 'wait'; waitMs?: number; message: string };

export class BleFailure extends Error {
  constructor(readonly error: BleError) {
    super(error.message);
    this.name = 'BleFailure';
  }
}

const ATT_CODE = /(?:error|code)[^0-9]*0x([0-9a-f]{1,2})/i;

export function toBleError(e: unknown): BleError {
  if (e instanceof BleFailure) return e.error;
  const err = e as { name?: string; message?: string };
  const message = err?.message ?? String(e);
  if (err?.name === 'NetworkError' || /disconnect/i.test(message)) return { kind: 'disconnected', message };
  const att = ATT_CODE.exec(message);
  if (att) return { kind: 'att', code: parseInt(att[1], 16), message };
  if (err?.name === 'NotSupportedError' || err?.name === 'InvalidModificationError')
    return { kind: 'att', code: 0, message };
  return { kind: 'protocol', message };
}
