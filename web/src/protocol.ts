// The Paddock Sync contract constants (docs/protocol.md). The C++ twin is
// protocol/include/racesense/protocol.hpp; protocol.agree.test.ts checks they agree.

export const SERVICE_UUID = '12345678-1234-5678-1234-567812345678';
export const STATUS_UUID = '12345678-1234-5678-1234-567812345002';
export const CONFIGURE_UUID = '12345678-1234-5678-1234-567812345003';
export const FILE_LIST_UUID = '12345678-1234-5678-1234-567812345005';
export const PAIR_UUID = '12345678-1234-5678-1234-567812345006';
export const DEVICE_NAME = 'RS-Core';

export const MAX_VALUE_LEN = 512;
export const MIN_MTU = 23;
export const NOTIFY_OVERHEAD = 3;

export const ATT_INVALID_LENGTH = 0x0d;
export const ATT_VALUE_NOT_ALLOWED = 0x13;
export const ATT_BUSY = 0x80;
export const ATT_INSUFFICIENT_AUTHENTICATION = 0x05;
export const ATT_PAIRING_WAIT = 0x81;
export const ATT_PAIRING_LOCKED = 0x82;
export const ATT_WRONG_PAIRING_CODE = 0x83;

// Pairing (SPAKE2+, RFC 9383) and the session's sealed values (docs/protocol.md §1.4)
export const PAIRING_CODE_DIGITS = 8;
export const PAIRING_QR_PREFIX = 'RSCORE1:';
export const PAIRING_SALT_LEN = 16;
export const PAIRING_PBKDF2_ITERATIONS = 1000;
export const SPAKE_CONTEXT = 'RS-Core Paddock Sync SPAKE2+ v1';
export const SESSION_KEYS_INFO = 'RS-Core session keys v1';
export const PAIRING_MAX_FAILURES = 20;
export const PAIRING_FIRST_DELAY_MS = 1000;
export const SEAL_COUNTER_LEN = 4;
export const SEAL_TAG_LEN = 16;
export const SEAL_OVERHEAD = 20;
export const SEAL_MAX_PLAINTEXT_LEN = 492;

export const SSID_MAX_LEN = 32;
export const PASS_MIN_LEN = 8;
export const PASS_MAX_LEN = 63;
export const URL_MAX_LEN = 256;
export const TOKEN_MAX_LEN = 128;

// STATUS ERROR codes (docs/protocol.md §1.1): the `code` of a STATUS in state ERROR
export const ERROR_BAD_CONFIG = 'BAD_CONFIG';
export const ERROR_BUSY = 'BUSY';
export const ERROR_WIFI_AUTH_FAILED = 'WIFI_AUTH_FAILED';
export const ERROR_WIFI_NOT_FOUND = 'WIFI_NOT_FOUND';
export const ERROR_WIFI_FAILED = 'WIFI_FAILED';
export const ERROR_SERVER_UNREACHABLE = 'SERVER_UNREACHABLE';
export const ERROR_TLS_FAILED = 'TLS_FAILED';
export const ERROR_HTTP = 'HTTP_ERROR';
export const ERROR_HASH_MISMATCH = 'HASH_MISMATCH';
export const ERROR_STORAGE = 'STORAGE_ERROR';
export const ERROR_CANCELLED = 'CANCELLED';

export const UPLOAD_PATH = '/api/upload';
export const FILENAME_HEADER = 'X-Filename';
export const SHA256_HEADER = 'X-Content-SHA256';
export const DEFAULT_MAX_UPLOAD_MB = 100;

// Resumable uploads (docs/protocol.md §2.2): the upload resource is UPLOADS_PATH/<sha256>
export const UPLOADS_PATH = '/api/uploads';
export const UPLOAD_COMPLETE_HEADER = 'Upload-Complete';
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';
export const PARTIAL_UPLOAD_TYPE = 'application/partial-upload';
export const PARTIAL_UPLOAD_EXPIRY_HOURS = 24;

export const FILE_LIST_PAGE_LEN = 491;
export const FILE_FLAG_BUSY = 1;
export const FILE_FLAG_TRUNCATED = 2;
