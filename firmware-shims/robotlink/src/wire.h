/* Little-endian reads and writes of wire fields, byte by byte (no casts of wire bytes to structs). */
#ifndef ROBOTLINK_WIRE_H
#define ROBOTLINK_WIRE_H

#include <stdint.h>
#include <string.h>

static inline void rl_put_u16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)(v & 0xFFu);
    p[1] = (uint8_t)(v >> 8);
}

static inline void rl_put_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v & 0xFFu);
    p[1] = (uint8_t)((v >> 8) & 0xFFu);
    p[2] = (uint8_t)((v >> 16) & 0xFFu);
    p[3] = (uint8_t)(v >> 24);
}

static inline void rl_put_f32(uint8_t *p, float v) {
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits); /* the float's bit pattern; byte order is set by rl_put_u32 */
    rl_put_u32(p, bits);
}

static inline uint16_t rl_get_u16(const uint8_t *p) {
    return (uint16_t)(p[0] | (uint16_t)(p[1] << 8));
}

static inline uint32_t rl_get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline float rl_get_f32(const uint8_t *p) {
    uint32_t bits = rl_get_u32(p);
    float v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* Copies a zero-padded ASCII field of `size` bytes into a zero-terminated string of size + 1. */
static inline void rl_get_text(const uint8_t *p, size_t size, char *out) {
    size_t n = 0;
    while (n < size && p[n] != 0) {
        out[n] = (char)p[n];
        n++;
    }
    memset(out + n, 0, size + 1 - n);
}

/* Writes a string into a zero-padded field of `size` bytes (truncated when longer). */
static inline void rl_put_text(uint8_t *p, size_t size, const char *text) {
    size_t n = 0;
    memset(p, 0, size);
    while (n < size && text[n] != 0) {
        p[n] = (uint8_t)text[n];
        n++;
    }
}

#endif
