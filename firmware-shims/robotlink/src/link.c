/* Sequence numbers, the receive path of one end of a link, and its counters (PROTOCOL.md, "Datagram"). */
#include <string.h>

#include "robotlink.h"

int64_t rl_seq_diff(uint32_t a, uint32_t b) {
    uint32_t d = a - b; /* modulo 2^32 */
    return d < 0x80000000u ? (int64_t)d : (int64_t)d - INT64_C(0x100000000);
}

bool rl_seq_newer(uint32_t a, uint32_t b) {
    return rl_seq_diff(a, b) > 0;
}

void rl_link_init(rl_link *link, rl_role role) {
    memset(link, 0, sizeof *link);
    link->role = role;
    link->next_send_seq = 1;
}

uint32_t rl_link_next_seq(rl_link *link) {
    return link->next_send_seq++;
}

void rl_link_hello_sent(rl_link *link) {
    link->resync = true;
}

rl_reject rl_link_check_seq(rl_link *link, const rl_header *header) {
    bool resets = (link->role == RL_ROLE_CONTROLLER && header->type == RL_HELLO) ||
                  (link->role == RL_ROLE_EDGE && header->type == RL_CAPABILITIES && link->resync);
    if (resets || !link->has_last) {
        link->has_last = true;
        link->resync = false;
        link->last_seq = header->seq;
        return RL_ACCEPTED;
    }
    int64_t d = rl_seq_diff(header->seq, link->last_seq);
    if (d == 0) {
        return RL_REJECT_DUPLICATE;
    }
    if (d < 0) {
        return RL_REJECT_STALE;
    }
    link->counters.lost += (uint64_t)(d - 1);
    link->last_seq = header->seq;
    return RL_ACCEPTED;
}

rl_reject rl_link_receive(rl_link *link, const uint8_t *datagram, size_t size, bool from_connected_peer,
                          rl_message *out) {
    rl_reject outcome = rl_decode(datagram, size, link->role, out);
    if (outcome == RL_ACCEPTED && link->joints != 0 &&
        ((out->header.type == RL_JOINT_COMMAND && out->body.command.joints != link->joints) ||
         (out->header.type == RL_JOINT_STATE && out->body.state.joints != link->joints))) {
        outcome = RL_REJECT_PAYLOAD;
    }
    if (outcome == RL_ACCEPTED && link->role == RL_ROLE_CONTROLLER && !from_connected_peer &&
        out->header.type != RL_HELLO) {
        outcome = RL_REJECT_PEER;
    }
    if (outcome == RL_ACCEPTED) {
        outcome = rl_link_check_seq(link, &out->header);
    }
    rl_counters_add(&link->counters, outcome);
    return outcome;
}

void rl_counters_add(rl_counters *counters, rl_reject outcome) {
    if (outcome == RL_ACCEPTED) {
        counters->accepted++;
    } else if (outcome > RL_ACCEPTED && outcome < RL_REJECT_COUNT) {
        counters->rejected[outcome]++;
    }
}
