/* robot-sim: a simulated robot controller that speaks the robot link (PROTOCOL.md) on UDP. Single-threaded: one loop
 * with ppoll, integrating the plant by the monotonic clock's elapsed time. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "controller.h"
#include "events.h"
#include "options.h"
#include "transport.h"

#define TICK_NS 500000u      /* the loop wakes at least every 0.5 ms */
#define RECEIVE_BURST 256    /* datagrams handled per wake-up before the plant and the watchdog run again */

static volatile sig_atomic_t stop_requested;

static void on_signal(int signal_number) {
    (void)signal_number;
    stop_requested = 1;
}

static void install_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN); /* a closed stdout must not end the controller */
}

static const char *kind_name(rl_kind kind) {
    return kind == RL_KIND_ARM ? "arm" : kind == RL_KIND_GRIPPER ? "gripper" : "conveyor";
}

int main(int argc, char **argv) {
    sim_options options;
    int parsed = sim_options_parse(argc, argv, &options);
    if (parsed != 1) {
        return parsed == 2 ? 0 : 2;
    }
    install_signals();
    static transport link_transport; /* large (the delay queue): static rather than on the stack */
    static controller control;
    transport_faults faults = {.drop = options.drop, .duplicate = options.duplicate, .stale = options.stale,
                               .corrupt = options.corrupt, .delay_ns = (uint64_t)options.delay_ms * 1000000u};
    if (transport_open(&link_transport, options.bind, options.port, &faults, options.seed) != 0) {
        return 1;
    }
    uint64_t start = sim_now_ns();
    controller_init(&control, &options, &link_transport, start);
    events_line("{\"event\":\"listening\",\"kind\":\"%s\",\"port\":%u,\"watchdog_ms\":%u,\"state_ms\":%lu,\"pid\":%ld}",
                kind_name(options.kind), (unsigned)link_transport.port, (unsigned)options.watchdog_ms,
                (unsigned long)options.state_ms, (long)getpid());
    uint64_t end = options.lifetime_s > 0.0 ? start + (uint64_t)(options.lifetime_s * 1e9) : UINT64_MAX;
    static uint8_t buffer[2048];
    while (!stop_requested) {
        uint64_t now = sim_now_ns();
        if (now >= end) {
            break;
        }
        controller_advance(&control, now);
        struct sockaddr_in from;
        size_t size = 0;
        for (int i = 0; i < RECEIVE_BURST && transport_receive(&link_transport, buffer, sizeof buffer, &from, &size);
             i++) {
            controller_receive(&control, buffer, size, &from, now);
        }
        controller_tick(&control, now);
        transport_flush(&link_transport, now);
        uint64_t wait = TICK_NS;
        uint64_t due = transport_next_due(&link_transport);
        if (due != UINT64_MAX) {
            wait = due > now && due - now < wait ? due - now : (due <= now ? 0 : wait);
        }
        struct pollfd pfd = {.fd = link_transport.fd, .events = POLLIN};
        struct timespec timeout = {.tv_sec = 0, .tv_nsec = (long)wait};
        if (ppoll(&pfd, 1, &timeout, NULL) < 0 && errno != EINTR) {
            fprintf(stderr, "robot-sim: ppoll: %s\n", strerror(errno));
            break;
        }
    }
    controller_report_exit(&control);
    transport_close(&link_transport);
    return 0;
}
