/* Random and mutated datagrams into the decoder and the receive path of both roles: nothing may crash, read out of
 * bounds (the tests run under AddressSanitizer where available) or be accepted with a wrong CRC. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "robotlink.h"

static uint64_t state = 0x5EED5EEDu;

static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 11);
}

static size_t seed_datagram(uint8_t *out) {
    rl_message m;
    memset(&m, 0, sizeof m);
    static const uint8_t types[] = {RL_HELLO, RL_CAPABILITIES, RL_JOINT_COMMAND, RL_JOINT_STATE, RL_IO_SET,
                                    RL_FAULT, RL_FAULT_RESET, RL_HEARTBEAT, RL_ESTOP};
    m.header.type = types[next() % sizeof types];
    m.header.seq = next();
    m.header.flags = (uint8_t)(next() & 1u);
    uint8_t joints = (uint8_t)(1 + next() % RL_MAX_JOINTS);
    switch (m.header.type) { /* the body is a union: fill only the member of this type */
    case RL_HELLO:
        strcpy(m.body.hello.client, "fuzz");
        break;
    case RL_CAPABILITIES:
        m.body.capabilities.joints = joints;
        break;
    case RL_JOINT_COMMAND:
        m.body.command.joints = joints;
        for (int j = 0; j < joints; j++) m.body.command.target[j].position = (float)(next() % 1000) / 100.0f;
        break;
    case RL_JOINT_STATE:
        m.body.state.joints = joints;
        break;
    default:
        break;
    }
    return rl_encode(&m, out, RL_MAX_DATAGRAM);
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 200000;
    /* Sized to the datagram exactly, so that AddressSanitizer sees any read past its end. */
    uint8_t seed[RL_MAX_DATAGRAM + 64];
    rl_link controller, edge;
    rl_link_init(&controller, RL_ROLE_CONTROLLER);
    rl_link_init(&edge, RL_ROLE_EDGE);
    controller.joints = 6;
    long accepted = 0;
    for (long round = 0; round < rounds; round++) {
        size_t size;
        uint32_t how = next() % 4;
        if (how == 0) { /* random bytes, any size up to 600 */
            size = next() % 600;
            for (size_t i = 0; i < size; i++) seed[i % sizeof seed] = (uint8_t)next();
            if (size > sizeof seed) size = sizeof seed;
        } else {
            size = seed_datagram(seed);
            CHECK(size > 0);
            int flips = 1 + (int)(next() % 4);
            for (int f = 0; f < flips && size > 0; f++) {
                switch (next() % 4) {
                case 0: seed[next() % size] ^= (uint8_t)(1u << (next() % 8)); break; /* bit flip */
                case 1: seed[next() % size] = (uint8_t)next(); break;                /* byte */
                case 2: size = next() % (size + 1); break;                           /* truncation */
                default:                                                             /* a header field */
                    if (size >= 16) seed[12 + next() % 4] = (uint8_t)next();
                    break;
                }
            }
            if (how == 3 && size >= RL_MIN_DATAGRAM) {
                /* resealed, so that the checks after the CRC see mutated content too */
                uint32_t crc = rl_crc32(seed, size - 4);
                for (int i = 0; i < 4; i++) seed[size - 4 + (size_t)i] = (uint8_t)(crc >> (8 * i));
            }
        }
        uint8_t *exact = malloc(size == 0 ? 1 : size);
        CHECK(exact != NULL);
        memcpy(exact, seed, size);
        rl_message m;
        rl_reject a = rl_link_receive(&controller, exact, size, (next() & 1u) != 0, &m);
        rl_reject b = rl_link_receive(&edge, exact, size, false, &m);
        CHECK(a < RL_REJECT_COUNT && b < RL_REJECT_COUNT);
        if (a == RL_ACCEPTED || b == RL_ACCEPTED) {
            accepted++;
            CHECK(size >= RL_MIN_DATAGRAM);
            uint32_t crc = (uint32_t)exact[size - 4] | ((uint32_t)exact[size - 3] << 8) |
                           ((uint32_t)exact[size - 2] << 16) | ((uint32_t)exact[size - 1] << 24);
            CHECK_EQ_U(crc, rl_crc32(exact, size - 4));
        }
        free(exact);
    }
    uint64_t total = controller.counters.accepted;
    for (int r = 1; r < RL_REJECT_COUNT; r++) total += controller.counters.rejected[r];
    CHECK_EQ_U(total, (uint64_t)rounds);
    printf("fuzz: %ld datagrams, %ld accepted by a role, controller rejections:", rounds, accepted);
    for (int r = 1; r < RL_REJECT_COUNT; r++) {
        printf(" %s=%llu", rl_reject_name((rl_reject)r), (unsigned long long)controller.counters.rejected[r]);
    }
    printf("\n");
    return 0;
}
