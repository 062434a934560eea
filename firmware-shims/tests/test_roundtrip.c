/* Every message type encodes and decodes back to the same message, for the role that receives it. */
#include <string.h>

#include "check.h"
#include "robotlink.h"

static void roundtrip(const rl_message *m, rl_role role) {
    uint8_t bytes[RL_MAX_DATAGRAM];
    size_t size = rl_encode(m, bytes, sizeof bytes);
    CHECK(size >= RL_MIN_DATAGRAM);
    CHECK_EQ_U(size, RL_MIN_DATAGRAM + rl_payload_size(m));
    rl_message d;
    memset(&d, 0xA5, sizeof d);
    CHECK_EQ_U(rl_decode(bytes, size, role, &d), RL_ACCEPTED);
    CHECK_EQ_U(d.header.type, m->header.type);
    CHECK_EQ_U(d.header.flags, m->header.flags);
    CHECK_EQ_U(d.header.seq, m->header.seq);
    CHECK_EQ_U(d.header.length, size - RL_MIN_DATAGRAM);
    switch (m->header.type) {
    case RL_HELLO:
        CHECK(strcmp(d.body.hello.client, m->body.hello.client) == 0);
        CHECK_EQ_U(d.body.hello.period_us, m->body.hello.period_us);
        break;
    case RL_CAPABILITIES: {
        const rl_capabilities *a = &m->body.capabilities, *b = &d.body.capabilities;
        CHECK(a->kind == b->kind && a->joints == b->joints && a->inputs == b->inputs && a->outputs == b->outputs);
        CHECK_EQ_U(b->watchdog_ms, a->watchdog_ms);
        CHECK(strcmp(a->name, b->name) == 0);
        CHECK(memcmp(a->limit, b->limit, sizeof a->limit[0] * a->joints) == 0);
        break;
    }
    case RL_JOINT_COMMAND:
        CHECK(d.body.command.joints == m->body.command.joints && d.body.command.mode == m->body.command.mode);
        CHECK(memcmp(d.body.command.target, m->body.command.target,
                     sizeof m->body.command.target[0] * m->body.command.joints) == 0);
        break;
    case RL_JOINT_STATE: {
        const rl_joint_state *a = &m->body.state, *b = &d.body.state;
        CHECK(a->ack_seq == b->ack_seq && a->mode == b->mode && a->joints == b->joints);
        CHECK(a->inputs == b->inputs && a->counter == b->counter && a->power_w == b->power_w);
        CHECK(a->time_ms == b->time_ms);
        CHECK(memcmp(a->joint, b->joint, sizeof a->joint[0] * a->joints) == 0);
        break;
    }
    case RL_IO_SET:
        CHECK(d.body.io_set.mask == m->body.io_set.mask && d.body.io_set.values == m->body.io_set.values);
        break;
    case RL_FAULT:
        CHECK(d.body.fault.code == m->body.fault.code && d.body.fault.severity == m->body.fault.severity);
        CHECK(strcmp(d.body.fault.detail, m->body.fault.detail) == 0);
        break;
    case RL_ESTOP:
        CHECK_EQ_U(d.body.estop.asserted, m->body.estop.asserted);
        break;
    default:
        break;
    }
}

static rl_message message(uint8_t type, uint32_t seq, uint8_t flags) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = type;
    m.header.seq = seq;
    m.header.flags = flags;
    return m;
}

int main(void) {
    rl_message m = message(RL_HELLO, 1, 0);
    strcpy(m.body.hello.client, "edge-cell-7");
    m.body.hello.period_us = 2000;
    roundtrip(&m, RL_ROLE_CONTROLLER);
    strcpy(m.body.hello.client, "exactly16chars!!"); /* a full field has no terminating zero on the wire */
    roundtrip(&m, RL_ROLE_CONTROLLER);

    for (uint8_t joints = 1; joints <= RL_MAX_JOINTS; joints++) {
        m = message(RL_CAPABILITIES, 0xFFFFFFFFu, 0);
        rl_capabilities *c = &m.body.capabilities;
        c->kind = RL_KIND_ARM;
        c->joints = joints;
        c->inputs = 32;
        c->outputs = 8;
        c->watchdog_ms = 50;
        strcpy(c->name, "robot-sim arm");
        for (int j = 0; j < joints; j++) {
            c->limit[j] = (rl_joint_limits){-3.1f - (float)j, 3.1f + (float)j, 2.0f + 0.5f * (float)j};
        }
        roundtrip(&m, RL_ROLE_EDGE);

        m = message(RL_JOINT_COMMAND, 42, RL_FLAG_ESTOP);
        m.body.command.joints = joints;
        m.body.command.mode = joints % 2;
        for (int j = 0; j < joints; j++) {
            m.body.command.target[j] = (rl_joint_target){0.25f * (float)j - 1.0f, -0.125f * (float)j};
        }
        roundtrip(&m, RL_ROLE_CONTROLLER);

        m = message(RL_JOINT_STATE, 7, 0);
        rl_joint_state *s = &m.body.state;
        s->ack_seq = 41;
        s->mode = RL_STATE_ACTIVE;
        s->joints = joints;
        s->inputs = 0x80000001u;
        s->counter = 12;
        s->power_w = 123.5f;
        s->time_ms = 0xFFFFFFF0u;
        for (int j = 0; j < joints; j++) {
            s->joint[j] = (rl_joint_reading){(float)j, -(float)j * 0.5f, 10.0f * (float)j};
        }
        roundtrip(&m, RL_ROLE_EDGE);
    }

    m = message(RL_IO_SET, 3, 0);
    m.body.io_set.mask = 0x0000000Fu;
    m.body.io_set.values = 0x00000005u;
    roundtrip(&m, RL_ROLE_CONTROLLER);

    m = message(RL_FAULT, 9, RL_FLAG_ESTOP);
    m.body.fault.code = RL_FAULT_ESTOP;
    m.body.fault.severity = RL_SEVERITY_STOPPED;
    strcpy(m.body.fault.detail, "e-stop asserted");
    roundtrip(&m, RL_ROLE_EDGE);
    memset(m.body.fault.detail, 'x', RL_DETAIL_SIZE); /* 48 characters: the whole field */
    m.body.fault.detail[RL_DETAIL_SIZE] = '\0';
    roundtrip(&m, RL_ROLE_EDGE);

    m = message(RL_FAULT_RESET, 10, 0);
    roundtrip(&m, RL_ROLE_CONTROLLER);
    m = message(RL_HEARTBEAT, 11, 0);
    roundtrip(&m, RL_ROLE_CONTROLLER);
    roundtrip(&m, RL_ROLE_EDGE);
    m = message(RL_ESTOP, 12, RL_FLAG_ESTOP);
    m.body.estop.asserted = 1;
    roundtrip(&m, RL_ROLE_CONTROLLER);
    m.body.estop.asserted = 0;
    m.header.flags = 0;
    roundtrip(&m, RL_ROLE_CONTROLLER);

    /* Limits are enforced on encoding too. */
    uint8_t bytes[RL_MAX_DATAGRAM];
    m = message(RL_JOINT_COMMAND, 1, 0);
    m.body.command.joints = 17;
    CHECK_EQ_U(rl_encode(&m, bytes, sizeof bytes), 0);
    m.body.command.joints = 0;
    CHECK_EQ_U(rl_encode(&m, bytes, sizeof bytes), 0);
    m = message(RL_HEARTBEAT, 1, 0);
    CHECK_EQ_U(rl_encode(&m, bytes, 19), 0);
    m = message(0x77, 1, 0);
    CHECK_EQ_U(rl_encode(&m, bytes, sizeof bytes), 0);
    puts("roundtrip: ok");
    return 0;
}
