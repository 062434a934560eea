/* Every rejection reason of PROTOCOL.md, the order of the checks, and the counters. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "robotlink.h"

static size_t encode(uint8_t type, uint32_t seq, uint8_t *out) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = type;
    m.header.seq = seq;
    if (type == RL_JOINT_COMMAND) {
        m.body.command.joints = 2;
    } else if (type == RL_JOINT_STATE) {
        m.body.state.joints = 2;
    } else if (type == RL_CAPABILITIES) {
        m.body.capabilities.joints = 1;
    } else if (type == RL_HELLO) {
        strcpy(m.body.hello.client, "test");
    }
    size_t size = rl_encode(&m, out, RL_MAX_DATAGRAM);
    CHECK(size > 0);
    return size;
}

/* Rewrites the CRC after a change to the header or the payload. */
static void reseal(uint8_t *d, size_t size) {
    uint32_t crc = rl_crc32(d, size - 4);
    for (int i = 0; i < 4; i++) d[size - 4 + (size_t)i] = (uint8_t)(crc >> (8 * i));
}

static rl_reject decode(const uint8_t *d, size_t size, rl_role role) {
    rl_message m;
    return rl_decode(d, size, role, &m);
}

static void put_f32(uint8_t *p, float v) {
    uint32_t bits;
    memcpy(&bits, &v, 4);
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(bits >> (8 * i));
}

int main(void) {
    uint8_t d[1024];
    size_t size;

    /* short: fewer than 20 bytes, a length that disagrees with the size, more than 512 bytes */
    size = encode(RL_HEARTBEAT, 1, d);
    for (size_t n = 0; n < RL_MIN_DATAGRAM; n++) CHECK_EQ_U(decode(d, n, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);
    d[12] = 1; /* length 1, size 20 */
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);
    size = encode(RL_JOINT_COMMAND, 1, d);
    CHECK_EQ_U(decode(d, size - 1, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);
    CHECK_EQ_U(decode(d, size + 1, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);
    memset(d, 0, sizeof d);
    size = 600;
    d[12] = (uint8_t)((size - 20) & 0xFF);
    d[13] = (uint8_t)((size - 20) >> 8);
    memcpy(d, "EFRL", 4);
    d[4] = 1;
    d[5] = RL_HEARTBEAT;
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);

    /* magic, version, crc (short wins over magic: sizes are checked first) */
    size = encode(RL_HEARTBEAT, 1, d);
    d[0] = 'X';
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_MAGIC);
    CHECK_EQ_U(decode(d, size - 1, RL_ROLE_CONTROLLER), RL_REJECT_SHORT);
    size = encode(RL_HEARTBEAT, 1, d);
    d[4] = 2;
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_VERSION);
    size = encode(RL_JOINT_COMMAND, 1, d);
    d[20] ^= 0x01;
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_CRC);
    size = encode(RL_JOINT_COMMAND, 1, d);
    d[size - 1] ^= 0x80;
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_CRC);

    /* type: unknown, or one this side never receives */
    size = encode(RL_HEARTBEAT, 1, d);
    d[5] = 0x77;
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_TYPE);
    CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_REJECT_TYPE);
    const uint8_t to_controller[] = {RL_HELLO, RL_JOINT_COMMAND, RL_IO_SET, RL_FAULT_RESET, RL_ESTOP};
    const uint8_t to_edge[] = {RL_CAPABILITIES, RL_JOINT_STATE, RL_FAULT};
    for (size_t i = 0; i < sizeof to_controller; i++) {
        size = encode(to_controller[i], 1, d);
        CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_ACCEPTED);
        CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_REJECT_TYPE);
    }
    for (size_t i = 0; i < sizeof to_edge; i++) {
        size = encode(to_edge[i], 1, d);
        CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_ACCEPTED);
        CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_TYPE);
    }

    /* payload: shorter than the type needs */
    const uint8_t with_payload[] = {RL_HELLO, RL_JOINT_COMMAND, RL_IO_SET, RL_ESTOP};
    for (size_t i = 0; i < sizeof with_payload; i++) {
        size = encode(with_payload[i], 1, d);
        size_t cut = size - 1; /* one payload byte less, length and CRC rewritten */
        d[12] = (uint8_t)(cut - 20);
        reseal(d, cut);
        CHECK_EQ_U(decode(d, cut, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    }
    /* a longer payload is accepted; the extra bytes are ignored */
    size = encode(RL_ESTOP, 1, d);
    d[12] = 8;
    memset(d + 16, 0, 8);
    d[16] = 1;
    reseal(d, 28);
    CHECK_EQ_U(decode(d, 28, RL_ROLE_CONTROLLER), RL_ACCEPTED);
    /* counts above their limits, enumerations out of range, floats that are not finite */
    size = encode(RL_JOINT_COMMAND, 1, d);
    d[16] = 17;
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    d[16] = 0;
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    d[16] = 3; /* three joints in a payload that holds two */
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    d[16] = 2;
    d[17] = 2; /* mode 2 */
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    d[17] = 0;
    put_f32(d + 20, NAN);
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    put_f32(d + 20, INFINITY);
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_REJECT_PAYLOAD);
    put_f32(d + 20, 1.0f);
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_CONTROLLER), RL_ACCEPTED);
    size = encode(RL_CAPABILITIES, 1, d);
    d[18] = 33; /* inputs */
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_REJECT_PAYLOAD);
    d[18] = 32;
    d[19] = 33; /* outputs */
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_REJECT_PAYLOAD);
    size = encode(RL_JOINT_STATE, 1, d);
    d[21] = 17; /* joints */
    reseal(d, size);
    CHECK_EQ_U(decode(d, size, RL_ROLE_EDGE), RL_REJECT_PAYLOAD);

    /* payload: a joint count other than the controller's; peer; duplicate; stale; and the counters */
    rl_link link;
    rl_link_init(&link, RL_ROLE_CONTROLLER);
    link.joints = 6;
    rl_message m;
    size = encode(RL_HEARTBEAT, 5, d);
    CHECK_EQ_U(rl_link_receive(&link, d, size, false, &m), RL_REJECT_PEER); /* nobody connected yet */
    size = encode(RL_HELLO, 5, d);
    CHECK_EQ_U(rl_link_receive(&link, d, size, false, &m), RL_ACCEPTED); /* HELLO from anywhere */
    size = encode(RL_JOINT_COMMAND, 6, d); /* two joints, the controller has six */
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_REJECT_PAYLOAD);
    size = encode(RL_HEARTBEAT, 6, d);
    CHECK_EQ_U(rl_link_receive(&link, d, size, false, &m), RL_REJECT_PEER); /* another address */
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_ACCEPTED);
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_REJECT_DUPLICATE);
    size = encode(RL_HEARTBEAT, 4, d);
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_REJECT_STALE);
    size = encode(RL_HEARTBEAT, 9, d); /* 7 and 8 lost */
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_ACCEPTED);
    size = encode(RL_HEARTBEAT, 10, d);
    d[0] = 0;
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_REJECT_MAGIC);
    CHECK_EQ_U(link.counters.accepted, 3);
    CHECK_EQ_U(link.counters.rejected[RL_REJECT_PEER], 2);
    CHECK_EQ_U(link.counters.rejected[RL_REJECT_PAYLOAD], 1);
    CHECK_EQ_U(link.counters.rejected[RL_REJECT_DUPLICATE], 1);
    CHECK_EQ_U(link.counters.rejected[RL_REJECT_STALE], 1);
    CHECK_EQ_U(link.counters.rejected[RL_REJECT_MAGIC], 1);
    CHECK_EQ_U(link.counters.lost, 2);
    /* a rejected datagram does not move the last seq: 10 is still new */
    size = encode(RL_HEARTBEAT, 10, d);
    CHECK_EQ_U(rl_link_receive(&link, d, size, true, &m), RL_ACCEPTED);

    /* the names on the wire and in events */
    const char *names[] = {"accepted", "short", "magic", "version", "crc", "type",
                           "payload", "duplicate", "stale", "peer"};
    for (int r = 0; r < RL_REJECT_COUNT; r++) CHECK(strcmp(rl_reject_name((rl_reject)r), names[r]) == 0);
    puts("reject: ok");
    return 0;
}
