// Host fake of mbedTLS 3.6's SHA-256 API, computed with OpenSSL (same digest).
#pragma once
#include <cstddef>
typedef struct mbedtls_sha256_context { void* md; } mbedtls_sha256_context;
void mbedtls_sha256_init(mbedtls_sha256_context* ctx);
void mbedtls_sha256_free(mbedtls_sha256_context* ctx);
int mbedtls_sha256_starts(mbedtls_sha256_context* ctx, int is224);
int mbedtls_sha256_update(mbedtls_sha256_context* ctx, const unsigned char* input, size_t ilen);
int mbedtls_sha256_finish(mbedtls_sha256_context* ctx, unsigned char* output);
int mbedtls_sha256(const unsigned char* input, size_t ilen, unsigned char* output, int is224);
