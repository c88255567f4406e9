#pragma once
#include <cstdint>
#include "mbedtls/md.h"
int mbedtls_pkcs5_pbkdf2_hmac_ext(mbedtls_md_type_t md_type, const unsigned char* password, size_t plen,
                                  const unsigned char* salt, size_t slen, unsigned int iteration_count, uint32_t key_length,
                                  unsigned char* output);
