// The Paddock Sync contract constants (docs/protocol.md). The TypeScript twin is web/src/protocol.ts;
// web/src/protocol.agree.test.ts checks that both agree with each other and with the document.
#pragma once

#include <cstddef>

namespace rs::protocol {

// BLE GATT service
inline constexpr const char* kServiceUuid = "12345678-1234-5678-1234-567812345678";
inline constexpr const char* kStatusUuid = "12345678-1234-5678-1234-567812345002";
inline constexpr const char* kConfigureUuid = "12345678-1234-5678-1234-567812345003";
inline constexpr const char* kFileListUuid = "12345678-1234-5678-1234-567812345005";
inline constexpr const char* kPairUuid = "12345678-1234-5678-1234-567812345006";
inline constexpr const char* kDeviceName = "RS-Core";

inline constexpr std::size_t kMaxValueLen = 512;
inline constexpr std::size_t kMinMtu = 23;
inline constexpr std::size_t kNotifyOverhead = 3;

// ATT error codes returned by the service
inline constexpr int kAttInvalidLength = 0x0D;
inline constexpr int kAttValueNotAllowed = 0x13;
inline constexpr int kAttBusy = 0x80;
inline constexpr int kAttInsufficientAuthentication = 0x05;
inline constexpr int kAttPairingWait = 0x81;
inline constexpr int kAttPairingLocked = 0x82;
inline constexpr int kAttWrongPairingCode = 0x83;

// Pairing (SPAKE2+, RFC 9383) and the session's sealed values (docs/protocol.md §1.4)
inline constexpr std::size_t kPairingCodeDigits = 8;
inline constexpr const char* kPairingQrPrefix = "RSCORE1:";
inline constexpr std::size_t kPairingSaltLen = 16;
inline constexpr int kPairingPbkdf2Iterations = 1000;
inline constexpr const char* kSpakeContext = "RS-Core Paddock Sync SPAKE2+ v1";
inline constexpr const char* kSessionKeysInfo = "RS-Core session keys v1";
inline constexpr int kPairingMaxFailures = 20;
inline constexpr int kPairingFirstDelayMs = 1000;
inline constexpr std::size_t kSealCounterLen = 4;
inline constexpr std::size_t kSealTagLen = 16;
inline constexpr std::size_t kSealOverhead = 20;
inline constexpr std::size_t kSealMaxPlaintextLen = 492;

// FILE_LIST pages (§1.3): sealed, a page fits one ATT read at MTU 512 (511 bytes); entry flags
inline constexpr std::size_t kFileListPageLen = 491;
inline constexpr int kFileFlagBusy = 1;
inline constexpr int kFileFlagTruncated = 2;

// CONFIGURE limits
inline constexpr std::size_t kSsidMaxLen = 32;
inline constexpr std::size_t kPassMinLen = 8;
inline constexpr std::size_t kPassMaxLen = 63;
inline constexpr std::size_t kUrlMaxLen = 256;
inline constexpr std::size_t kTokenMaxLen = 128;

// STATUS ERROR codes (§1.1): the `code` of a STATUS in state ERROR
inline constexpr const char* kErrorBadConfig = "BAD_CONFIG";
inline constexpr const char* kErrorBusy = "BUSY";
inline constexpr const char* kErrorWifiAuthFailed = "WIFI_AUTH_FAILED";
inline constexpr const char* kErrorWifiNotFound = "WIFI_NOT_FOUND";
inline constexpr const char* kErrorWifiFailed = "WIFI_FAILED";
inline constexpr const char* kErrorServerUnreachable = "SERVER_UNREACHABLE";
inline constexpr const char* kErrorTlsFailed = "TLS_FAILED";
inline constexpr const char* kErrorHttp = "HTTP_ERROR";
inline constexpr const char* kErrorHashMismatch = "HASH_MISMATCH";
inline constexpr const char* kErrorStorage = "STORAGE_ERROR";
inline constexpr const char* kErrorCancelled = "CANCELLED";

// Upload API
inline constexpr const char* kUploadPath = "/api/upload";
inline constexpr const char* kFilenameHeader = "X-Filename";
inline constexpr const char* kSha256Header = "X-Content-SHA256";
inline constexpr std::size_t kDefaultMaxUploadMb = 100;

// Resumable uploads (§2.2, draft-ietf-httpbis-resumable-upload-05): the upload resource is
// kUploadsPath + "/" + the file's SHA-256
inline constexpr const char* kUploadsPath = "/api/uploads";
inline constexpr const char* kUploadCompleteHeader = "Upload-Complete";
inline constexpr const char* kUploadOffsetHeader = "Upload-Offset";
inline constexpr const char* kUploadLengthHeader = "Upload-Length";
inline constexpr const char* kPartialUploadType = "application/partial-upload";
inline constexpr int kPartialUploadExpiryHours = 24;

}  // namespace rs::protocol
