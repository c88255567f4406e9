import { describe, expect, it } from 'vitest';
import { toBleError, toConnectError } from './errors';

const dom = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('toBleError', () => {
  it('names each requestDevice() refusal Chromium gives', () => {
    expect(toBleError(dom('NotFoundError', 'User cancelled the requestDevice() chooser.')).kind).toBe('cancelled');
    expect(toBleError(dom('NotFoundError', 'Bluetooth adapter not available.')).kind).toBe('no-adapter');
    expect(toBleError(dom('NotFoundError', 'Bluetooth Low Energy not available.')).kind).toBe('no-adapter');
    expect(toBleError(dom('NotFoundError', 'User denied the browser permission to scan for Bluetooth devices.')).kind).toBe('permission-denied');
    expect(toBleError(dom('NotFoundError', 'User or their enterprise policy has disabled Web Bluetooth.')).kind).toBe('permission-denied');
    expect(toBleError(dom('NotFoundError', 'Web Bluetooth API globally disabled.')).kind).toBe('permission-denied');
    expect(toBleError(dom('SecurityError', 'Access to the feature "bluetooth" is disallowed by permissions policy.')).kind).toBe('permission-denied');
  });

  it('gives ATT busy (0x80) its own kind when the platform reports the code', () => {
    expect(toBleError(dom('NotSupportedError', 'GATT Error: 0x80')).kind).toBe('busy');
    expect(toBleError(dom('NotSupportedError', 'GATT Error: 0x13'))).toMatchObject({ kind: 'att', code: 0x13 });
    expect(toBleError(dom('NotSupportedError', 'GATT operation failed for unknown reason.'))).toMatchObject({ kind: 'att', code: 0 });
  });

  it('tells a dropped link from a logger that never answered', () => {
    expect(toBleError(dom('NetworkError', 'GATT Server is disconnected. Cannot perform GATT operations.')).kind).toBe('disconnected');
    expect(toConnectError(dom('NetworkError', 'Connection Error: Connection attempt failed.')).kind).toBe('out-of-range');
    expect(toConnectError(dom('NotFoundError', 'Bluetooth adapter not available.')).kind).toBe('no-adapter');
  });
});
