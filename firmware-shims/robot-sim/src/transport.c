/* UDP with fault injection. */
#define _GNU_SOURCE
#include "transport.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int transport_open(transport *t, const char *bind_address, uint16_t port, const transport_faults *faults,
                   uint64_t seed) {
    memset(t, 0, sizeof *t);
    t->faults = *faults;
    t->rng.state = seed;
    t->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (t->fd < 0) {
        fprintf(stderr, "robot-sim: socket: %s\n", strerror(errno));
        return -1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, bind_address, &addr.sin_addr) != 1) {
        fprintf(stderr, "robot-sim: --bind: '%s' is not an IPv4 address\n", bind_address);
        close(t->fd);
        return -1;
    }
    if (bind(t->fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        fprintf(stderr, "robot-sim: bind %s:%u: %s\n", bind_address, (unsigned)port, strerror(errno));
        close(t->fd);
        return -1;
    }
    socklen_t len = sizeof addr;
    getsockname(t->fd, (struct sockaddr *)&addr, &len);
    t->port = ntohs(addr.sin_port);
    return 0;
}

void transport_close(transport *t) {
    if (t->fd >= 0) {
        close(t->fd);
        t->fd = -1;
    }
}

static void send_now(transport *t, const struct sockaddr_in *to, const uint8_t *bytes, size_t size) {
    /* A full socket buffer or an unreachable edge loses the datagram, which the protocol allows. */
    if (sendto(t->fd, bytes, size, 0, (const struct sockaddr *)to, sizeof *to) == (ssize_t)size) {
        t->counters.sent++;
    }
}

static void emit(transport *t, const struct sockaddr_in *to, const uint8_t *bytes, size_t size, uint64_t now_ns) {
    if (t->faults.delay_ns == 0) {
        send_now(t, to, bytes, size);
        return;
    }
    if (t->queue_count == TRANSPORT_QUEUE) {
        t->counters.overflowed++;
        return;
    }
    transport_pending *p = &t->queue[(t->queue_head + t->queue_count) % TRANSPORT_QUEUE];
    p->due_ns = now_ns + t->faults.delay_ns;
    p->to = *to;
    p->size = (uint16_t)size;
    memcpy(p->bytes, bytes, size);
    t->queue_count++;
}

void transport_send(transport *t, const struct sockaddr_in *to, const uint8_t *bytes, size_t size, bool is_state,
                    uint64_t now_ns) {
    uint8_t out[RL_MAX_DATAGRAM];
    if (size > sizeof out) {
        return;
    }
    memcpy(out, bytes, size);
    if (is_state) {
        memcpy(t->history[t->history_next], bytes, size);
        t->history_size[t->history_next] = (uint16_t)size;
        t->history_next = (t->history_next + 1) % TRANSPORT_HISTORY;
        if (t->history_count < TRANSPORT_HISTORY) t->history_count++;
    }
    if (sim_rng_chance(&t->rng, t->faults.drop)) {
        t->counters.dropped_out++;
        return;
    }
    if (is_state && t->history_count >= 2 && sim_rng_chance(&t->rng, t->faults.stale)) {
        /* An older state instead of this one: 1 to history_count - 1 states back. */
        int back = 1 + (int)(sim_rng_next(&t->rng) % (uint64_t)(t->history_count - 1));
        int index = (t->history_next - 1 - back + 2 * TRANSPORT_HISTORY) % TRANSPORT_HISTORY;
        size = t->history_size[index];
        memcpy(out, t->history[index], size);
        t->counters.staled++;
    }
    if (sim_rng_chance(&t->rng, t->faults.corrupt)) {
        size_t at = (size_t)(sim_rng_next(&t->rng) % size);
        out[at] ^= (uint8_t)(1u + sim_rng_next(&t->rng) % 255u); /* never 0: the byte always changes */
        t->counters.corrupted++;
    }
    emit(t, to, out, size, now_ns);
    if (sim_rng_chance(&t->rng, t->faults.duplicate)) {
        emit(t, to, out, size, now_ns);
        t->counters.duplicated++;
    }
}

void transport_flush(transport *t, uint64_t now_ns) {
    while (t->queue_count > 0 && t->queue[t->queue_head].due_ns <= now_ns) {
        transport_pending *p = &t->queue[t->queue_head];
        send_now(t, &p->to, p->bytes, p->size);
        t->queue_head = (t->queue_head + 1) % TRANSPORT_QUEUE;
        t->queue_count--;
    }
}

uint64_t transport_next_due(const transport *t) {
    return t->queue_count > 0 ? t->queue[t->queue_head].due_ns : UINT64_MAX;
}

bool transport_receive(transport *t, uint8_t *buffer, size_t cap, struct sockaddr_in *from, size_t *size) {
    for (;;) {
        socklen_t len = sizeof *from;
        /* MSG_TRUNC: the return value is the datagram's real size even when it did not fit. */
        ssize_t n = recvfrom(t->fd, buffer, cap, MSG_TRUNC, (struct sockaddr *)from, &len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false; /* EAGAIN: nothing to read now */
        }
        if (sim_rng_chance(&t->rng, t->faults.drop)) {
            t->counters.dropped_in++;
            continue;
        }
        *size = (size_t)n;
        return true;
    }
}
