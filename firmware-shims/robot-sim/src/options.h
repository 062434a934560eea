/* Command-line options of robot-sim. */
#ifndef SIM_OPTIONS_H
#define SIM_OPTIONS_H

#include <stdint.h>

#include "robotlink.h"

typedef struct {
    rl_kind kind;
    const char *bind;      /* --bind, default 127.0.0.1 */
    uint16_t port;         /* --port, 0 picks a free one */
    uint16_t watchdog_ms;  /* --watchdog-ms, default 50; 0 disables the watchdog */
    uint32_t state_ms;     /* --state-ms, default 10; 0 sends states only as answers */
    double tau_ms;         /* --tau-ms, joint time constant, default 20 */
    double drop;           /* --drop PCT */
    uint32_t delay_ms;     /* --delay-ms N */
    double duplicate;      /* --duplicate PCT */
    double stale;          /* --stale PCT */
    double corrupt;        /* --corrupt PCT */
    uint64_t seed;         /* --seed N, default 1 */
    double object_width;   /* --object-width M (gripper), default 0.04; 0: nothing in the fingers */
    uint32_t item_every_ms; /* --item-every-ms N (conveyor), default 2000 */
    double lifetime_s;     /* --lifetime-s S: exit as on SIGTERM after S seconds; 0 (default) runs until a signal */
} sim_options;

/* Parses argv into options; on an error prints a message to stderr and returns 0 (2 for --help). */
int sim_options_parse(int argc, char **argv, sim_options *options);

#endif
