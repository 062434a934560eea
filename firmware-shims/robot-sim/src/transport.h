/* The simulator's UDP socket with fault injection on what it sends (drop, delay, duplicate, stale, corrupt) and drops
 * on what it receives. */
#ifndef SIM_TRANSPORT_H
#define SIM_TRANSPORT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "rng.h"
#include "robotlink.h"

#define TRANSPORT_QUEUE 1024
#define TRANSPORT_HISTORY 8

typedef struct {
    uint64_t due_ns;
    struct sockaddr_in to;
    uint16_t size;
    uint8_t bytes[RL_MAX_DATAGRAM];
} transport_pending;

typedef struct {
    double drop, duplicate, stale, corrupt; /* percent */
    uint64_t delay_ns;
} transport_faults;

typedef struct {
    uint64_t sent, dropped_out, dropped_in, duplicated, staled, corrupted, overflowed;
} transport_counters;

typedef struct {
    int fd;
    uint16_t port;
    transport_faults faults;
    sim_rng rng;
    transport_pending queue[TRANSPORT_QUEUE]; /* delayed datagrams, in due order (the delay is fixed) */
    int queue_head, queue_count;
    uint8_t history[TRANSPORT_HISTORY][RL_MAX_DATAGRAM]; /* the last states sent, for stale re-sends */
    uint16_t history_size[TRANSPORT_HISTORY];
    int history_next, history_count;
    transport_counters counters;
} transport;

/* Binds a non-blocking UDP socket; returns 0, or -1 with a message on stderr. */
int transport_open(transport *t, const char *bind_address, uint16_t port, const transport_faults *faults,
                   uint64_t seed);
void transport_close(transport *t);
/* Sends one datagram through the fault injection; is_state marks a JOINT_STATE (stale re-sends pick from those). */
void transport_send(transport *t, const struct sockaddr_in *to, const uint8_t *bytes, size_t size, bool is_state,
                    uint64_t now_ns);
/* Sends the delayed datagrams that are due. */
void transport_flush(transport *t, uint64_t now_ns);
/* When the next delayed datagram is due, or UINT64_MAX. */
uint64_t transport_next_due(const transport *t);
/* Reads one datagram without blocking; false when none is waiting. *size is its real size, which may exceed cap (then
 * only cap bytes are in buffer). Datagrams dropped by --drop are read and discarded here. */
bool transport_receive(transport *t, uint8_t *buffer, size_t cap, struct sockaddr_in *from, size_t *size);

#endif
