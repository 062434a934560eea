/* The controller's protocol behaviour. */
#include "controller.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "events.h"

#define NS_PER_MS 1000000u
#define NS_PER_S 1000000000u
#define REJECTED_PER_SECOND_LIMIT 10u

/* The CAPABILITIES name, at most 16 characters. */
static const char *sim_name(rl_kind kind) {
    switch (kind) {
    case RL_KIND_ARM: return "robot-sim arm";
    case RL_KIND_GRIPPER: return "robot-sim grip";
    case RL_KIND_CONVEYOR: return "robot-sim belt";
    }
    return "robot-sim";
}

void controller_init(controller *c, const sim_options *o, transport *t, uint64_t now_ns) {
    memset(c, 0, sizeof *c);
    c->options = o;
    c->transport = t;
    plant_options po = {.tau_s = o->tau_ms / 1000.0, .object_width = o->object_width,
                        .item_every_s = o->item_every_ms / 1000.0};
    plant_init(&c->plant, o->kind, &po);
    rl_link_init(&c->link, RL_ROLE_CONTROLLER);
    c->link.joints = (uint8_t)c->plant.joints;
    c->stepped_ns = now_ns;
}

static uint8_t state_mode(const controller *c) {
    if (c->estop_asserted || c->estop_latched) return RL_STATE_ESTOP;
    if (c->braked) return RL_STATE_BRAKED;
    return c->active ? RL_STATE_ACTIVE : RL_STATE_IDLE;
}

static void send_message(controller *c, rl_message *m, uint64_t now_ns) {
    if (!c->connected) {
        return;
    }
    uint8_t bytes[RL_MAX_DATAGRAM];
    m->header.seq = rl_link_next_seq(&c->link);
    m->header.flags = state_mode(c) == RL_STATE_ESTOP ? RL_FLAG_ESTOP : 0;
    size_t size = rl_encode(m, bytes, sizeof bytes);
    if (size > 0) {
        transport_send(c->transport, &c->peer, bytes, size, m->header.type == RL_JOINT_STATE, now_ns);
    }
}

static void send_state(controller *c, uint64_t now_ns) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_JOINT_STATE;
    m.body.state.ack_seq = c->ack_seq;
    m.body.state.mode = state_mode(c);
    m.body.state.time_ms = (uint32_t)(now_ns / NS_PER_MS);
    plant_read(&c->plant, &m.body.state);
    send_message(c, &m, now_ns);
}

static void send_capabilities(controller *c, uint64_t now_ns) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_CAPABILITIES;
    rl_capabilities *caps = &m.body.capabilities;
    caps->kind = (uint8_t)c->plant.kind;
    caps->joints = (uint8_t)c->plant.joints;
    caps->inputs = (uint8_t)c->plant.input_count;
    caps->outputs = (uint8_t)c->plant.output_count;
    caps->watchdog_ms = c->options->watchdog_ms;
    snprintf(caps->name, sizeof caps->name, "%s", sim_name(c->plant.kind));
    memcpy(caps->limit, c->plant.limit, sizeof caps->limit);
    send_message(c, &m, now_ns);
}

/* Sends a FAULT to the connected edge (if any) and prints the fault event. */
static void raise_fault(controller *c, rl_fault_code code, const char *detail, uint64_t now_ns) {
    rl_message m;
    memset(&m, 0, sizeof m);
    m.header.type = RL_FAULT;
    m.body.fault.code = (uint16_t)code;
    m.body.fault.severity = (code == RL_FAULT_WATCHDOG || code == RL_FAULT_ESTOP) ? RL_SEVERITY_STOPPED
                                                                                  : RL_SEVERITY_WARNING;
    snprintf(m.body.fault.detail, sizeof m.body.fault.detail, "%s", detail);
    send_message(c, &m, now_ns);
    char text[4 * RL_DETAIL_SIZE];
    events_json_text(m.body.fault.detail, text, sizeof text);
    events_line("{\"event\":\"fault\",\"code\":%u,\"severity\":%u,\"detail\":\"%s\"}", (unsigned)code,
                (unsigned)m.body.fault.severity, text);
}

static void note_rejection(controller *c, rl_reject reason, uint64_t now_ns) {
    if (!c->reject_event_sent[reason] || now_ns - c->reject_event_ns[reason] >= NS_PER_S) {
        c->reject_event_sent[reason] = true;
        c->reject_event_ns[reason] = now_ns;
        events_line("{\"event\":\"rejected\",\"reason\":\"%s\",\"count\":%llu}", rl_reject_name(reason),
                    (unsigned long long)c->link.counters.rejected[reason]);
    }
    if (c->window_rejected == 0 || now_ns - c->window_ns >= NS_PER_S) {
        c->window_ns = now_ns;
        c->window_rejected = 0;
        c->window_reported = false;
    }
    c->window_rejected++;
    if (c->window_rejected > REJECTED_PER_SECOND_LIMIT && !c->window_reported) {
        c->window_reported = true;
        char detail[RL_DETAIL_SIZE + 1];
        snprintf(detail, sizeof detail, "more than %u datagrams rejected in 1 s", REJECTED_PER_SECOND_LIMIT);
        raise_fault(c, RL_FAULT_REJECTED, detail, now_ns);
    }
}

static void assert_estop(controller *c, uint64_t now_ns) {
    if (c->estop_asserted) {
        return;
    }
    c->estop_asserted = true;
    c->estop_latched = true;
    plant_hold(&c->plant);
    events_line("{\"event\":\"estop\",\"asserted\":true}");
    raise_fault(c, RL_FAULT_ESTOP, "e-stop asserted", now_ns);
}

static void release_estop(controller *c) {
    if (!c->estop_asserted) {
        return;
    }
    c->estop_asserted = false; /* still latched: commands wait for FAULT_RESET */
    events_line("{\"event\":\"estop\",\"asserted\":false}");
}

static void fault_reset(controller *c) {
    if (c->braked || c->estop_latched) {
        c->braked = false;
        if (!c->estop_asserted) {
            c->estop_latched = false;
        }
        if (!c->estop_latched) {
            /* Released: the joints stay where they are, without the brake, until the next command. */
            c->active = false;
            plant_hold(&c->plant);
            c->plant.held = false;
        }
    }
    c->limit_fault_sent = false;
    events_line("{\"event\":\"reset\",\"mode\":%u}", (unsigned)state_mode(c));
}

static void apply_command(controller *c, const rl_message *m, uint64_t now_ns) {
    if (c->braked || c->estop_asserted || c->estop_latched) {
        c->ignored++;
        send_state(c, now_ns); /* the answer shows the mode and the old ack_seq: not applied */
        return;
    }
    rl_joint_target targets[RL_MAX_JOINTS];
    memcpy(targets, m->body.command.target, sizeof targets);
    int clamped = plant_clamp(&c->plant, m->body.command.mode, targets);
    if (clamped >= 0 && (!c->limit_fault_sent || now_ns - c->limit_fault_ns >= NS_PER_S)) {
        c->limit_fault_sent = true;
        c->limit_fault_ns = now_ns;
        char detail[RL_DETAIL_SIZE + 1];
        snprintf(detail, sizeof detail, "joint %d %s target clamped", clamped,
                 m->body.command.mode == RL_COMMAND_POSITION ? "position" : "velocity");
        raise_fault(c, RL_FAULT_LIMIT, detail, now_ns);
    }
    plant_command(&c->plant, m->body.command.mode, targets);
    c->active = true;
    c->ack_seq = m->header.seq;
    send_state(c, now_ns);
}

static void connect_edge(controller *c, const rl_message *m, const struct sockaddr_in *from, uint64_t now_ns) {
    c->connected = true;
    c->peer = *from;
    memcpy(c->client, m->body.hello.client, sizeof c->client);
    char address[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &from->sin_addr, address, sizeof address);
    char client[4 * RL_CLIENT_SIZE + 8];
    events_json_text(c->client, client, sizeof client);
    events_line("{\"event\":\"connected\",\"peer\":\"%s:%u\",\"client\":\"%s\",\"period_us\":%lu}", address,
                (unsigned)ntohs(from->sin_port), client, (unsigned long)m->body.hello.period_us);
    send_capabilities(c, now_ns);
    c->next_state_ns = now_ns;
}

static bool same_address(const struct sockaddr_in *a, const struct sockaddr_in *b) {
    return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

void controller_receive(controller *c, const uint8_t *datagram, size_t size, const struct sockaddr_in *from,
                        uint64_t now_ns) {
    c->received++;
    rl_message m;
    bool from_peer = c->connected && same_address(from, &c->peer);
    rl_reject outcome = rl_link_receive(&c->link, datagram, size, from_peer, &m);
    if (outcome != RL_ACCEPTED) {
        note_rejection(c, outcome, now_ns);
        return;
    }
    c->last_feed_ns = now_ns; /* every accepted datagram from the connected edge feeds the watchdog */
    if (m.header.type == RL_HELLO) {
        connect_edge(c, &m, from, now_ns);
    }
    if (m.header.flags & RL_FLAG_ESTOP) {
        assert_estop(c, now_ns);
    }
    switch (m.header.type) {
    case RL_JOINT_COMMAND:
        apply_command(c, &m, now_ns);
        break;
    case RL_IO_SET:
        plant_set_outputs(&c->plant, m.body.io_set.mask, m.body.io_set.values);
        break;
    case RL_ESTOP:
        if (m.body.estop.asserted != 0) {
            assert_estop(c, now_ns);
        } else if (!(m.header.flags & RL_FLAG_ESTOP)) {
            release_estop(c);
        }
        break;
    case RL_FAULT_RESET:
        fault_reset(c);
        break;
    default: /* HELLO (handled above), HEARTBEAT: feeding the watchdog is all they do */
        break;
    }
}

void controller_advance(controller *c, uint64_t now_ns) {
    if (now_ns > c->stepped_ns) {
        plant_step(&c->plant, (double)(now_ns - c->stepped_ns) / NS_PER_S);
        c->stepped_ns = now_ns;
    }
}

void controller_tick(controller *c, uint64_t now_ns) {
    if (c->connected && c->options->watchdog_ms > 0 && !c->braked &&
        now_ns - c->last_feed_ns >= (uint64_t)c->options->watchdog_ms * NS_PER_MS) {
        c->braked = true;
        plant_hold(&c->plant);
        double silent_ms = (double)(now_ns - c->last_feed_ns) / NS_PER_MS;
        events_line("{\"event\":\"watchdog_brake\",\"silent_ms\":%.1f}", silent_ms);
        char detail[RL_DETAIL_SIZE + 1];
        snprintf(detail, sizeof detail, "watchdog: no command for %.1f ms", silent_ms);
        raise_fault(c, RL_FAULT_WATCHDOG, detail, now_ns);
    }
    if (c->plant.fault_pending) {
        c->plant.fault_pending = false;
        raise_fault(c, RL_FAULT_PLANT, c->plant.fault_detail, now_ns);
    }
    if (c->connected && c->options->state_ms > 0 && now_ns >= c->next_state_ns) {
        send_state(c, now_ns);
        c->next_state_ns += (uint64_t)c->options->state_ms * NS_PER_MS;
        if (c->next_state_ns <= now_ns) {
            c->next_state_ns = now_ns + (uint64_t)c->options->state_ms * NS_PER_MS;
        }
    }
}

void controller_report_exit(const controller *c) {
    const rl_counters *k = &c->link.counters;
    const transport_counters *t = &c->transport->counters;
    char rejected[512];
    size_t n = 0;
    for (int r = RL_REJECT_SHORT; r < RL_REJECT_COUNT; r++) {
        n += (size_t)snprintf(rejected + n, sizeof rejected - n, "%s\"%s\":%llu", r == RL_REJECT_SHORT ? "" : ",",
                              rl_reject_name((rl_reject)r), (unsigned long long)k->rejected[r]);
    }
    events_line("{\"event\":\"exit\",\"received\":%llu,\"accepted\":%llu,\"applied\":%llu,\"ignored\":%llu,"
                "\"rejected\":{%s},\"lost\":%llu,\"sent\":%llu,\"injected\":{\"dropped_in\":%llu,\"dropped_out\":%llu,"
                "\"duplicated\":%llu,\"stale\":%llu,\"corrupted\":%llu,\"delay_overflow\":%llu}}",
                (unsigned long long)c->received, (unsigned long long)k->accepted,
                (unsigned long long)(k->accepted - c->ignored), (unsigned long long)c->ignored, rejected,
                (unsigned long long)k->lost, (unsigned long long)t->sent, (unsigned long long)t->dropped_in,
                (unsigned long long)t->dropped_out, (unsigned long long)t->duplicated, (unsigned long long)t->staled,
                (unsigned long long)t->corrupted, (unsigned long long)t->overflowed);
}
