/* A small deterministic pseudo-random generator (SplitMix64) for fault injection. */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t state;
} sim_rng;

static inline uint64_t sim_rng_next(sim_rng *rng) {
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A uniform double in [0, 100). */
static inline double sim_rng_percent(sim_rng *rng) {
    return (double)(sim_rng_next(rng) >> 11) * (100.0 / 9007199254740992.0);
}

/* True with the given probability in percent (no draw when it is 0, so unused injections do not shift the others). */
static inline int sim_rng_chance(sim_rng *rng, double percent) {
    return percent > 0.0 && sim_rng_percent(rng) < percent;
}

#endif
