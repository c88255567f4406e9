// Host fake of mbedTLS 3.6 bignum (the calls the port makes), on OpenSSL's BIGNUM.
#pragma once
#include <cstddef>
#define MBEDTLS_ERR_MPI_BAD_INPUT_DATA -0x0004
#define MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL -0x0008
typedef struct mbedtls_mpi { void* bn; } mbedtls_mpi;
void mbedtls_mpi_init(mbedtls_mpi* X);
void mbedtls_mpi_free(mbedtls_mpi* X);
int mbedtls_mpi_read_binary(mbedtls_mpi* X, const unsigned char* buf, size_t buflen);
int mbedtls_mpi_write_binary(const mbedtls_mpi* X, unsigned char* buf, size_t buflen);
int mbedtls_mpi_mod_mpi(mbedtls_mpi* R, const mbedtls_mpi* A, const mbedtls_mpi* B);
int mbedtls_mpi_sub_mpi(mbedtls_mpi* X, const mbedtls_mpi* A, const mbedtls_mpi* B);
int mbedtls_mpi_cmp_int(const mbedtls_mpi* X, long z);
int mbedtls_mpi_lset(mbedtls_mpi* X, long z);
