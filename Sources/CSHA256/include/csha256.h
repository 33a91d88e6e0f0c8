#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2), for the portable code too.
const uint32_t *csha256_round_constants(void);

/// Whether this processor has the SHA extensions (and the SSSE3 and SSE4.1 they are used with).
int csha256_available(void);

/// Runs `blocks` 64-byte blocks of `data` through the SHA-256 compression function, updating `state`
/// (the eight words H0..H7). Call only when `csha256_available()`.
void csha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
