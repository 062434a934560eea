/* CRC-32: the check value of "123456789", and the table-driven CRC against a bit-by-bit one on random data. */
#include <string.h>

#include "check.h"
#include "robotlink.h"

static uint32_t crc_bitwise(const uint8_t *data, size_t size) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; i++) {
        c ^= data[i];
        for (int b = 0; b < 8; b++) {
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
    }
    return c ^ 0xFFFFFFFFu;
}

int main(void) {
    const char *vector = "123456789";
    CHECK_EQ_U(rl_crc32((const uint8_t *)vector, strlen(vector)), 0xCBF43926u);
    CHECK_EQ_U(rl_crc32(NULL, 0), 0u);
    /* Continuing a CRC over two parts gives the CRC of the whole. */
    uint32_t part = rl_crc32((const uint8_t *)vector, 4);
    CHECK_EQ_U(rl_crc32_update(part, (const uint8_t *)vector + 4, 5), 0xCBF43926u);
    uint8_t data[1024];
    uint32_t x = 12345u;
    for (int round = 0; round < 200; round++) {
        size_t size = (size_t)(x % sizeof data);
        for (size_t i = 0; i < size; i++) {
            x = x * 1103515245u + 12345u;
            data[i] = (uint8_t)(x >> 16);
        }
        CHECK_EQ_U(rl_crc32(data, size), crc_bitwise(data, size));
    }
    puts("crc: ok");
    return 0;
}
