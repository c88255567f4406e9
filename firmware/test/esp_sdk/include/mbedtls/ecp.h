// Host fake of mbedTLS 3.6 ECP for secp256r1 (the calls the port makes), on OpenSSL's EC_POINT.
#pragma once
#include <cstddef>
#include "mbedtls/bignum.h"
#define MBEDTLS_ERR_ECP_BAD_INPUT_DATA -0x4F80
#define MBEDTLS_ERR_ECP_INVALID_KEY -0x4C80
#define MBEDTLS_ECP_PF_UNCOMPRESSED 0
typedef enum { MBEDTLS_ECP_DP_NONE = 0, MBEDTLS_ECP_DP_SECP256R1 = 3 } mbedtls_ecp_group_id;
typedef struct mbedtls_ecp_point { void* pt; } mbedtls_ecp_point;
typedef struct mbedtls_ecp_group {
  mbedtls_ecp_group_id id;
  mbedtls_mpi P;
  mbedtls_ecp_point G;
  mbedtls_mpi N;
} mbedtls_ecp_group;
void mbedtls_ecp_group_init(mbedtls_ecp_group* grp);
int mbedtls_ecp_group_load(mbedtls_ecp_group* grp, mbedtls_ecp_group_id id);
void mbedtls_ecp_group_free(mbedtls_ecp_group* grp);
void mbedtls_ecp_point_init(mbedtls_ecp_point* pt);
void mbedtls_ecp_point_free(mbedtls_ecp_point* pt);
int mbedtls_ecp_point_read_binary(const mbedtls_ecp_group* grp, mbedtls_ecp_point* P, const unsigned char* buf, size_t ilen);
int mbedtls_ecp_point_write_binary(const mbedtls_ecp_group* grp, const mbedtls_ecp_point* P, int format, size_t* olen,
                                   unsigned char* buf, size_t buflen);
int mbedtls_ecp_check_pubkey(const mbedtls_ecp_group* grp, const mbedtls_ecp_point* pt);
int mbedtls_ecp_is_zero(mbedtls_ecp_point* pt);
int mbedtls_ecp_gen_privkey(const mbedtls_ecp_group* grp, mbedtls_mpi* d, int (*f_rng)(void*, unsigned char*, size_t), void* p_rng);
int mbedtls_ecp_mul(mbedtls_ecp_group* grp, mbedtls_ecp_point* R, const mbedtls_mpi* m, const mbedtls_ecp_point* P,
                    int (*f_rng)(void*, unsigned char*, size_t), void* p_rng);
int mbedtls_ecp_muladd(mbedtls_ecp_group* grp, mbedtls_ecp_point* R, const mbedtls_mpi* m, const mbedtls_ecp_point* P,
                       const mbedtls_mpi* n, const mbedtls_ecp_point* Q);
