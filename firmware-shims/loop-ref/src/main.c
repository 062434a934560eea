/* loop-ref: a reference periodic loop. It sleeps to absolute deadlines on CLOCK_MONOTONIC (clock_nanosleep with
 * TIMER_ABSTIME), measures every period between two wake-ups, and reports the jitter |period - nominal| and the
 * overruns. The edge's control loop is benchmarked against it on the same machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "usage: loop-ref --hz 500 --seconds 60 [--work-us N] [--json]\n";

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_until(uint64_t deadline_ns) {
    struct timespec ts = {.tv_sec = (time_t)(deadline_ns / 1000000000u), .tv_nsec = (long)(deadline_ns % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

static void busy_work(uint64_t work_ns) {
    uint64_t until = now_ns() + work_ns;
    while (now_ns() < until) {
    }
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double percentile(const double *sorted, size_t n, double p) {
    if (n == 0) return 0.0;
    size_t rank = (size_t)ceil(p / 100.0 * (double)n);
    return sorted[rank == 0 ? 0 : rank - 1];
}

static int parse(const char *text, double min, double max, double *out) {
    char *end = NULL;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= min && v <= max)) return 0;
    *out = v;
    return 1;
}

int main(int argc, char **argv) {
    double hz = 500.0, seconds = 60.0, work_us = 0.0;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        int ok = 1;
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (i + 1 < argc && strcmp(argv[i], "--hz") == 0) {
            ok = parse(argv[++i], 1.0, 100000.0, &hz);
        } else if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0) {
            ok = parse(argv[++i], 0.001, 86400.0, &seconds);
        } else if (i + 1 < argc && strcmp(argv[i], "--work-us") == 0) {
            ok = parse(argv[++i], 0.0, 1e6, &work_us);
        } else {
            ok = 0;
        }
        if (!ok) {
            fprintf(stderr, "loop-ref: bad argument '%s'\n%s", argv[i], usage);
            return 2;
        }
    }
    uint64_t period = (uint64_t)llround(1e9 / hz);
    size_t planned = (size_t)ceil(seconds * hz);
    if (planned < 1) planned = 1;
    double *jitter = malloc(planned * sizeof *jitter);
    double *late = malloc(planned * sizeof *late);
    if (jitter == NULL || late == NULL) {
        fprintf(stderr, "loop-ref: out of memory\n");
        return 1;
    }
    /* Deadlines lie on a fixed grid start + k * period. After an overrun the loop does not run the missed cycles
     * back to back: it moves to the first deadline still ahead, and counts the deadlines it skipped. */
    uint64_t start = now_ns();
    uint64_t deadline = start + period;
    uint64_t previous = start;
    uint64_t end = start + (uint64_t)llround(seconds * 1e9);
    uint64_t skipped = 0, overruns = 0;
    size_t cycles = 0;
    while (cycles < planned && deadline <= end) {
        sleep_until(deadline);
        uint64_t woke = now_ns();
        uint64_t actual = woke - previous;
        previous = woke;
        jitter[cycles] = fabs((double)actual - (double)period) / 1000.0;
        late[cycles] = (double)(woke - deadline) / 1000.0;
        if (actual > 2 * period) overruns++;
        cycles++;
        if (work_us > 0.0) busy_work((uint64_t)(work_us * 1000.0));
        deadline += period;
        uint64_t after = now_ns();
        if (deadline <= after) {
            uint64_t missed = (after - deadline) / period + 1;
            skipped += missed;
            deadline += missed * period;
        }
    }
    if (cycles == 0) {
        fprintf(stderr, "loop-ref: no whole period fits in %g s at %g Hz\n", seconds, hz);
        return 1;
    }
    double elapsed_s = (double)(previous - start) / 1e9;
    qsort(jitter, cycles, sizeof *jitter, compare);
    qsort(late, cycles, sizeof *late, compare);
    double j50 = percentile(jitter, cycles, 50), j99 = percentile(jitter, cycles, 99), jmax = jitter[cycles - 1];
    double l50 = percentile(late, cycles, 50), l99 = percentile(late, cycles, 99), lmax = late[cycles - 1];
    if (json) {
        printf("{\"hz\":%g,\"seconds\":%.3f,\"cycles\":%zu,\"work_us\":%g,\"jitter_p50_us\":%.1f,\"jitter_p99_us\":%.1f,"
               "\"jitter_max_us\":%.1f,\"late_p50_us\":%.1f,\"late_p99_us\":%.1f,\"late_max_us\":%.1f,"
               "\"overruns\":%llu,\"skipped\":%llu}\n",
               hz, elapsed_s, cycles, work_us, j50, j99, jmax, l50, l99, lmax, (unsigned long long)overruns,
               (unsigned long long)skipped);
    } else {
        printf("loop-ref: %g Hz for %.3f s (%zu cycles, %g us work per cycle), CLOCK_MONOTONIC, TIMER_ABSTIME\n", hz,
               elapsed_s, cycles, work_us);
        printf("  jitter |period - nominal|  p50 %.1f us  p99 %.1f us  max %.1f us\n", j50, j99, jmax);
        printf("  wake-up after deadline     p50 %.1f us  p99 %.1f us  max %.1f us\n", l50, l99, lmax);
        printf("  overruns (period > 2x nominal) %llu, deadlines skipped %llu\n", (unsigned long long)overruns,
               (unsigned long long)skipped);
    }
    free(jitter);
    free(late);
    return 0;
}
