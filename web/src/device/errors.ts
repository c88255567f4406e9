// Typed errors of the link to the logger, shared by the Bluetooth client (ble/) and the sync flow
// (sync/), so the UI can say what happened and what to do.
import { ATT_BUSY } from '../protocol';

export type BleError =
  | { kind: 'unsupported'; message: string } // this browser has no Web Bluetooth
  | { kind: 'insecure'; message: string } // the page is not a secure context (plain http, not localhost)
  | { kind: 'no-adapter'; message: string } // no Bluetooth adapter the browser can use
  | { kind: 'bluetooth-off'; message: string } // an adapter exists but is switched off
  | { kind: 'permission-denied'; message: string } // the browser, the OS or a policy refused Bluetooth
  | { kind: 'cancelled'; message: string; pairing?: true } // the chooser (or the pairing-code dialog) was closed
  | { kind: 'out-of-range'; message: string } // the chosen logger did not answer the connection
  | { kind: 'disconnected'; message: string } // an established link dropped
  | { kind: 'busy'; message: string } // ATT 0x80: a sync is already running on this logger
  | { kind: 'att'; code: number; message: string }
  | { kind: 'protocol'; message: string }
  | { kind: 'pairing'; reason: 'locked' | 'wait'; waitMs?: number; message: string }; // the logger refused the pairing code

export type BleErrorKind = BleError['kind'];

export class BleFailure extends Error {
  constructor(readonly error: BleError) {
    super(error.message);
    this.name = 'BleFailure';
  }
}

const ATT_CODE = /(?:error|code)[^0-9]*0x([0-9a-f]{1,2})/i;

/** Chromium's requestDevice() rejections (NotFoundError / SecurityError), by their fixed messages. */
function chooserError(name: string, message: string): BleError | null {
  if (/adapter not available|low energy not available/i.test(message)) return { kind: 'no-adapter', message };
  if (/adapter.*(off|powered)|bluetooth is (turned )?off/i.test(message)) return { kind: 'bluetooth-off', message };
  if (/denied|disabled|permissions policy|not allowed|blocked/i.test(message) || name === 'NotAllowedError')
    return { kind: 'permission-denied', message };
  if (/cancel/i.test(message)) return { kind: 'cancelled', message };
  if (name === 'SecurityError') return { kind: 'permission-denied', message };
  return null;
}

export function toBleError(e: unknown): BleError {
  if (e instanceof BleFailure) return e.error;
  const err = e as { name?: string; message?: string };
  const name = err?.name ?? '';
  const message = err?.message ?? String(e);
  const chooser = chooserError(name, message);
  if (chooser) return chooser;
  if (name === 'NetworkError' || /disconnect/i.test(message)) return { kind: 'disconnected', message };
  const att = ATT_CODE.exec(message);
  if (att) {
    const code = parseInt(att[1], 16);
    return code === ATT_BUSY ? { kind: 'busy', message } : { kind: 'att', code, message };
  }
  if (name === 'NotSupportedError' || name === 'InvalidModificationError') return { kind: 'att', code: 0, message };
  return { kind: 'protocol', message };
}

/** A failure while connecting to the chosen logger means it did not answer: too far, or off. */
export function toConnectError(e: unknown): BleError {
  const err = toBleError(e);
  return err.kind === 'disconnected' || err.kind === 'protocol' ? { kind: 'out-of-range', message: err.message } : err;
}
