/* Parsing of robot-sim's command line. */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: robot-sim --kind arm|gripper|conveyor --port PORT [--bind ADDR] [--watchdog-ms 50] [--state-ms 10]\n"
    "                 [--tau-ms 20] [--drop PCT] [--delay-ms N] [--duplicate PCT] [--stale PCT] [--corrupt PCT]\n"
    "                 [--seed N] [--object-width M] [--item-every-ms N] [--lifetime-s S]\n";

static int parse_double(const char *name, const char *text, double min, double max, double *out) {
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(v >= min && v <= max)) {
        fprintf(stderr, "robot-sim: %s: expected a number in [%g, %g], got '%s'\n", name, min, max, text);
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_uint(const char *name, const char *text, unsigned long long max, unsigned long long *out) {
    char *end = NULL;
    errno = 0;
    if (text[0] == '-') {
        fprintf(stderr, "robot-sim: %s: expected a whole number in [0, %llu], got '%s'\n", name, max, text);
        return 0;
    }
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v > max) {
        fprintf(stderr, "robot-sim: %s: expected a whole number in [0, %llu], got '%s'\n", name, max, text);
        return 0;
    }
    *out = v;
    return 1;
}

int sim_options_parse(int argc, char **argv, sim_options *o) {
    memset(o, 0, sizeof *o);
    o->bind = "127.0.0.1";
    o->watchdog_ms = 50;
    o->state_ms = 10;
    o->tau_ms = 20.0;
    o->seed = 1;
    o->object_width = 0.04;
    o->item_every_ms = 2000;
    int have_kind = 0, have_port = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "robot-sim: %s needs a value\n%s", a, usage);
            return 0;
        }
        const char *v = argv[++i];
        unsigned long long u = 0;
        int ok = 1;
        if (strcmp(a, "--kind") == 0) {
            have_kind = 1;
            if (strcmp(v, "arm") == 0) {
                o->kind = RL_KIND_ARM;
            } else if (strcmp(v, "gripper") == 0) {
                o->kind = RL_KIND_GRIPPER;
            } else if (strcmp(v, "conveyor") == 0) {
                o->kind = RL_KIND_CONVEYOR;
            } else {
                fprintf(stderr, "robot-sim: --kind: expected arm, gripper or conveyor, got '%s'\n", v);
                ok = 0;
            }
        } else if (strcmp(a, "--port") == 0) {
            have_port = 1;
            ok = parse_uint(a, v, 65535u, &u);
            o->port = (uint16_t)u;
        } else if (strcmp(a, "--bind") == 0) {
            o->bind = v;
        } else if (strcmp(a, "--watchdog-ms") == 0) {
            ok = parse_uint(a, v, 65535u, &u);
            o->watchdog_ms = (uint16_t)u;
        } else if (strcmp(a, "--state-ms") == 0) {
            ok = parse_uint(a, v, 60000u, &u);
            o->state_ms = (uint32_t)u;
        } else if (strcmp(a, "--tau-ms") == 0) {
            ok = parse_double(a, v, 0.1, 10000.0, &o->tau_ms);
        } else if (strcmp(a, "--drop") == 0) {
            ok = parse_double(a, v, 0.0, 100.0, &o->drop);
        } else if (strcmp(a, "--delay-ms") == 0) {
            ok = parse_uint(a, v, 10000u, &u);
            o->delay_ms = (uint32_t)u;
        } else if (strcmp(a, "--duplicate") == 0) {
            ok = parse_double(a, v, 0.0, 100.0, &o->duplicate);
        } else if (strcmp(a, "--stale") == 0) {
            ok = parse_double(a, v, 0.0, 100.0, &o->stale);
        } else if (strcmp(a, "--corrupt") == 0) {
            ok = parse_double(a, v, 0.0, 100.0, &o->corrupt);
        } else if (strcmp(a, "--seed") == 0) {
            ok = parse_uint(a, v, UINT64_MAX, &u);
            o->seed = (uint64_t)u;
        } else if (strcmp(a, "--object-width") == 0) {
            ok = parse_double(a, v, 0.0, 0.085, &o->object_width);
        } else if (strcmp(a, "--item-every-ms") == 0) {
            ok = parse_uint(a, v, 3600000u, &u);
            o->item_every_ms = (uint32_t)u;
            if (ok && u == 0) {
                fprintf(stderr, "robot-sim: --item-every-ms must be at least 1\n");
                ok = 0;
            }
        } else if (strcmp(a, "--lifetime-s") == 0) {
            ok = parse_double(a, v, 0.0, 1e9, &o->lifetime_s);
        } else {
            fprintf(stderr, "robot-sim: unknown option %s\n%s", a, usage);
            ok = 0;
        }
        if (!ok) {
            return 0;
        }
    }
    if (!have_kind || !have_port) {
        fprintf(stderr, "robot-sim: --kind and --port are required\n%s", usage);
        return 0;
    }
    return 1;
}
