/* The controller side of the robot link: connection, watchdog, e-stop, faults and states (PROTOCOL.md) over a plant. */
#ifndef SIM_CONTROLLER_H
#define SIM_CONTROLLER_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "options.h"
#include "plant.h"
#include "robotlink.h"
#include "transport.h"

typedef struct {
    const sim_options *options;
    transport *transport;
    plant plant;
    rl_link link;
    bool connected;
    struct sockaddr_in peer;
    char client[RL_CLIENT_SIZE + 1];
    uint64_t stepped_ns;    /* the plant has been integrated up to here */
    uint64_t last_feed_ns;  /* the watchdog's last feed */
    uint64_t next_state_ns; /* the next periodic JOINT_STATE */
    bool braked, estop_asserted, estop_latched, active;
    uint32_t ack_seq;
    uint64_t received, ignored;
    uint64_t limit_fault_ns; bool limit_fault_sent;
    uint64_t window_ns; uint32_t window_rejected; bool window_reported;
    uint64_t reject_event_ns[RL_REJECT_COUNT]; bool reject_event_sent[RL_REJECT_COUNT];
} controller;

void controller_init(controller *c, const sim_options *options, transport *transport, uint64_t now_ns);
/* Integrates the plant up to now. */
void controller_advance(controller *c, uint64_t now_ns);
/* Handles one received datagram of `size` bytes (size may exceed RL_MAX_DATAGRAM: it is rejected unread). */
void controller_receive(controller *c, const uint8_t *datagram, size_t size, const struct sockaddr_in *from,
                        uint64_t now_ns);
/* Watchdog, plant faults and the periodic state. */
void controller_tick(controller *c, uint64_t now_ns);
/* Prints the exit event with the counters. */
void controller_report_exit(const controller *c);

#endif
