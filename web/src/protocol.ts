// The Paddock Sync contract constants (docs/protocol.md). The C++ twin is
// firmware/core/include/rscore/protocol.hpp; protocol.agree.test.ts checks they agree.

export const SERVICE_UUID = '12345678-1234-5678-1234-567812345678';
export const STATUS_UUID = '12345678-1234-5678-1234-567812345002';
export const CONFIGURE_UUID = '12345678-1234-5678-1234-567812345003';
export const FILE_LIST_UUID = '12345678-1234-5678-1234-567812345005';
export const DEVICE_NAME = 'RS-Core';

export const MAX_VALUE_LEN = 512;
export const MIN_MTU = 23;
export const NOTIFY_OVERHEAD = 3;

export const ATT_INVALID_LENGTH = 0x0d;
export const ATT_VALUE_NOT_ALLOWED = 0x13;
export const ATT_BUSY = 0x80;

export const SSID_MAX_LEN = 32;
export const PASS_MIN_LEN = 8;
export const PASS_MAX_LEN = 63;
export const URL_MAX_LEN = 256;
export const TOKEN_MAX_LEN = 128;

export const UPLOAD_PATH = '/api/upload';
export const FILENAME_HEADER = 'X-Filename';
export const SHA256_HEADER = 'X-Content-SHA256';
export const DEFAULT_MAX_UPLOAD_MB = 100;
