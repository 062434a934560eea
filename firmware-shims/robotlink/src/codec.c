/* Encoding and decoding of robot link datagrams (PROTOCOL.md, "Datagram" and "Messages"). */
#include <math.h>
#include <string.h>

#include "robotlink.h"
#include "wire.h"

static const uint8_t magic[4] = {0x45, 0x46, 0x52, 0x4C}; /* "EFRL" */

enum {
    HELLO_SIZE = RL_CLIENT_SIZE + 4,
    CAPABILITIES_FIXED = 8 + RL_NAME_SIZE,
    CAPABILITIES_PER_JOINT = 12,
    COMMAND_FIXED = 4,
    COMMAND_PER_JOINT = 8,
    STATE_FIXED = 24,
    STATE_PER_JOINT = 12,
    IO_SET_SIZE = 8,
    FAULT_SIZE = 4 + RL_DETAIL_SIZE,
    ESTOP_SIZE = 4
};

size_t rl_payload_size(const rl_message *message) {
    switch (message->header.type) {
    case RL_HELLO:
        return HELLO_SIZE;
    case RL_CAPABILITIES:
        return CAPABILITIES_FIXED + CAPABILITIES_PER_JOINT * (size_t)message->body.capabilities.joints;
    case RL_JOINT_COMMAND:
        return COMMAND_FIXED + COMMAND_PER_JOINT * (size_t)message->body.command.joints;
    case RL_JOINT_STATE:
        return STATE_FIXED + STATE_PER_JOINT * (size_t)message->body.state.joints;
    case RL_IO_SET:
        return IO_SET_SIZE;
    case RL_FAULT:
        return FAULT_SIZE;
    case RL_ESTOP:
        return ESTOP_SIZE;
    default:
        return 0;
    }
}

static bool encodable(const rl_message *m) {
    switch (m->header.type) {
    case RL_CAPABILITIES:
        return m->body.capabilities.joints >= 1 && m->body.capabilities.joints <= RL_MAX_JOINTS &&
               m->body.capabilities.inputs <= RL_MAX_IO && m->body.capabilities.outputs <= RL_MAX_IO;
    case RL_JOINT_COMMAND:
        return m->body.command.joints >= 1 && m->body.command.joints <= RL_MAX_JOINTS && m->body.command.mode <= 1;
    case RL_JOINT_STATE:
        return m->body.state.joints <= RL_MAX_JOINTS && m->body.state.mode <= RL_STATE_FAULT;
    case RL_HELLO:
    case RL_IO_SET:
    case RL_FAULT:
    case RL_FAULT_RESET:
    case RL_HEARTBEAT:
    case RL_ESTOP:
        return true;
    default:
        return false;
    }
}

static void encode_payload(const rl_message *m, uint8_t *p) {
    switch (m->header.type) {
    case RL_HELLO:
        rl_put_text(p, RL_CLIENT_SIZE, m->body.hello.client);
        rl_put_u32(p + RL_CLIENT_SIZE, m->body.hello.period_us);
        break;
    case RL_CAPABILITIES: {
        const rl_capabilities *c = &m->body.capabilities;
        p[0] = c->kind;
        p[1] = c->joints;
        p[2] = c->inputs;
        p[3] = c->outputs;
        rl_put_u16(p + 4, c->watchdog_ms);
        rl_put_text(p + 8, RL_NAME_SIZE, c->name);
        for (size_t j = 0; j < c->joints; j++) {
            uint8_t *q = p + CAPABILITIES_FIXED + CAPABILITIES_PER_JOINT * j;
            rl_put_f32(q, c->limit[j].position_min);
            rl_put_f32(q + 4, c->limit[j].position_max);
            rl_put_f32(q + 8, c->limit[j].velocity_max);
        }
        break;
    }
    case RL_JOINT_COMMAND: {
        const rl_joint_command *c = &m->body.command;
        p[0] = c->joints;
        p[1] = c->mode;
        for (size_t j = 0; j < c->joints; j++) {
            uint8_t *q = p + COMMAND_FIXED + COMMAND_PER_JOINT * j;
            rl_put_f32(q, c->target[j].position);
            rl_put_f32(q + 4, c->target[j].velocity);
        }
        break;
    }
    case RL_JOINT_STATE: {
        const rl_joint_state *s = &m->body.state;
        rl_put_u32(p, s->ack_seq);
        p[4] = s->mode;
        p[5] = s->joints;
        rl_put_u32(p + 8, s->inputs);
        rl_put_u32(p + 12, s->counter);
        rl_put_f32(p + 16, s->power_w);
        rl_put_u32(p + 20, s->time_ms);
        for (size_t j = 0; j < s->joints; j++) {
            uint8_t *q = p + STATE_FIXED + STATE_PER_JOINT * j;
            rl_put_f32(q, s->joint[j].position);
            rl_put_f32(q + 4, s->joint[j].velocity);
            rl_put_f32(q + 8, s->joint[j].effort);
        }
        break;
    }
    case RL_IO_SET:
        rl_put_u32(p, m->body.io_set.mask);
        rl_put_u32(p + 4, m->body.io_set.values);
        break;
    case RL_FAULT:
        rl_put_u16(p, m->body.fault.code);
        p[2] = m->body.fault.severity;
        rl_put_text(p + 4, RL_DETAIL_SIZE, m->body.fault.detail);
        break;
    case RL_ESTOP:
        p[0] = m->body.estop.asserted;
        break;
    default:
        break;
    }
}

size_t rl_encode(const rl_message *message, uint8_t *out, size_t cap) {
    if (!encodable(message)) {
        return 0;
    }
    size_t length = rl_payload_size(message);
    size_t size = RL_MIN_DATAGRAM + length;
    if (size > RL_MAX_DATAGRAM || size > cap) {
        return 0;
    }
    memset(out, 0, size);
    memcpy(out, magic, sizeof magic);
    out[4] = (uint8_t)RL_VERSION;
    out[5] = message->header.type;
    out[6] = message->header.flags;
    rl_put_u32(out + 8, message->header.seq);
    rl_put_u16(out + 12, (uint16_t)length);
    encode_payload(message, out + RL_HEADER_SIZE);
    rl_put_u32(out + RL_HEADER_SIZE + length, rl_crc32(out, RL_HEADER_SIZE + length));
    return size;
}

static bool finite_all(const uint8_t *p, size_t count) {
    for (size_t i = 0; i < count; i++) {
        if (!isfinite(rl_get_f32(p + 4 * i))) {
            return false;
        }
    }
    return true;
}

/* Decodes the payload p of `length` bytes into m; false when it is shorter than the type needs, a count breaks a
 * limit, an enumerated field is out of range, or a float is not finite (all `payload`). */
static bool decode_payload(const uint8_t *p, size_t length, rl_message *m) {
    switch (m->header.type) {
    case RL_HELLO:
        if (length < HELLO_SIZE) {
            return false;
        }
        rl_get_text(p, RL_CLIENT_SIZE, m->body.hello.client);
        m->body.hello.period_us = rl_get_u32(p + RL_CLIENT_SIZE);
        return true;
    case RL_CAPABILITIES: {
        rl_capabilities *c = &m->body.capabilities;
        if (length < CAPABILITIES_FIXED) {
            return false;
        }
        c->kind = p[0];
        c->joints = p[1];
        c->inputs = p[2];
        c->outputs = p[3];
        c->watchdog_ms = rl_get_u16(p + 4);
        rl_get_text(p + 8, RL_NAME_SIZE, c->name);
        if (c->joints < 1 || c->joints > RL_MAX_JOINTS || c->inputs > RL_MAX_IO || c->outputs > RL_MAX_IO ||
            length < CAPABILITIES_FIXED + CAPABILITIES_PER_JOINT * (size_t)c->joints ||
            !finite_all(p + CAPABILITIES_FIXED, 3u * c->joints)) {
            return false;
        }
        for (size_t j = 0; j < c->joints; j++) {
            const uint8_t *q = p + CAPABILITIES_FIXED + CAPABILITIES_PER_JOINT * j;
            c->limit[j].position_min = rl_get_f32(q);
            c->limit[j].position_max = rl_get_f32(q + 4);
            c->limit[j].velocity_max = rl_get_f32(q + 8);
        }
        return true;
    }
    case RL_JOINT_COMMAND: {
        rl_joint_command *c = &m->body.command;
        if (length < COMMAND_FIXED) {
            return false;
        }
        c->joints = p[0];
        c->mode = p[1];
        if (c->joints < 1 || c->joints > RL_MAX_JOINTS || c->mode > RL_COMMAND_VELOCITY ||
            length < COMMAND_FIXED + COMMAND_PER_JOINT * (size_t)c->joints ||
            !finite_all(p + COMMAND_FIXED, 2u * c->joints)) {
            return false;
        }
        for (size_t j = 0; j < c->joints; j++) {
            const uint8_t *q = p + COMMAND_FIXED + COMMAND_PER_JOINT * j;
            c->target[j].position = rl_get_f32(q);
            c->target[j].velocity = rl_get_f32(q + 4);
        }
        return true;
    }
    case RL_JOINT_STATE: {
        rl_joint_state *s = &m->body.state;
        if (length < STATE_FIXED) {
            return false;
        }
        s->ack_seq = rl_get_u32(p);
        s->mode = p[4];
        s->joints = p[5];
        s->inputs = rl_get_u32(p + 8);
        s->counter = rl_get_u32(p + 12);
        s->power_w = rl_get_f32(p + 16);
        s->time_ms = rl_get_u32(p + 20);
        if (s->joints > RL_MAX_JOINTS || s->mode > RL_STATE_FAULT ||
            length < STATE_FIXED + STATE_PER_JOINT * (size_t)s->joints || !finite_all(p + 16, 1) ||
            !finite_all(p + STATE_FIXED, 3u * s->joints)) {
            return false;
        }
        for (size_t j = 0; j < s->joints; j++) {
            const uint8_t *q = p + STATE_FIXED + STATE_PER_JOINT * j;
            s->joint[j].position = rl_get_f32(q);
            s->joint[j].velocity = rl_get_f32(q + 4);
            s->joint[j].effort = rl_get_f32(q + 8);
        }
        return true;
    }
    case RL_IO_SET:
        if (length < IO_SET_SIZE) {
            return false;
        }
        m->body.io_set.mask = rl_get_u32(p);
        m->body.io_set.values = rl_get_u32(p + 4);
        return true;
    case RL_FAULT:
        if (length < FAULT_SIZE) {
            return false;
        }
        m->body.fault.code = rl_get_u16(p);
        m->body.fault.severity = p[2];
        rl_get_text(p + 4, RL_DETAIL_SIZE, m->body.fault.detail);
        return true;
    case RL_ESTOP:
        if (length < ESTOP_SIZE) {
            return false;
        }
        m->body.estop.asserted = p[0];
        return true;
    case RL_FAULT_RESET:
    case RL_HEARTBEAT:
        return true;
    default:
        return false;
    }
}

rl_reject rl_decode(const uint8_t *datagram, size_t size, rl_role role, rl_message *out) {
    if (size < RL_MIN_DATAGRAM || size > RL_MAX_DATAGRAM) {
        return RL_REJECT_SHORT;
    }
    size_t length = rl_get_u16(datagram + 12);
    if (RL_MIN_DATAGRAM + length != size) {
        return RL_REJECT_SHORT;
    }
    if (memcmp(datagram, magic, sizeof magic) != 0) {
        return RL_REJECT_MAGIC;
    }
    if (datagram[4] != RL_VERSION) {
        return RL_REJECT_VERSION;
    }
    if (rl_get_u32(datagram + RL_HEADER_SIZE + length) != rl_crc32(datagram, RL_HEADER_SIZE + length)) {
        return RL_REJECT_CRC;
    }
    out->header.type = datagram[5];
    out->header.flags = datagram[6];
    out->header.seq = rl_get_u32(datagram + 8);
    out->header.length = (uint16_t)length;
    if (!rl_type_received_by(out->header.type, role)) {
        return RL_REJECT_TYPE;
    }
    if (!decode_payload(datagram + RL_HEADER_SIZE, length, out)) {
        return RL_REJECT_PAYLOAD;
    }
    return RL_ACCEPTED;
}
