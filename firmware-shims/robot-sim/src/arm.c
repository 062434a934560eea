/* A six-joint arm: base, shoulder, elbow and three wrist joints, with a simple motor model for effort and power. */
#include <math.h>

#include "plant.h"

#define ARM_IDLE_W 30.0       /* controller electronics and brakes released */
#define ARM_EFFICIENCY 0.85   /* mechanical power / electrical power of a drive */
#define ARM_COPPER_W_PER_NM2 0.01

static const double inertia[6] = {3.0, 4.0, 2.0, 0.4, 0.4, 0.2};  /* kg m^2, reflected at the joint */
static const double friction[6] = {8.0, 8.0, 6.0, 2.0, 2.0, 1.0}; /* N m s / rad, viscous */
static const double gravity[6] = {0.0, 60.0, 25.0, 4.0, 0.0, 0.0}; /* N m at full lever (0 rad = upright) */

void arm_init(plant *p) {
    p->joints = 6;
    p->input_count = 8;  /* the inputs read the outputs back (a wired loop-back), so IO_SET is observable */
    p->output_count = 8;
    for (int j = 0; j < 6; j++) {
        bool wrist = j >= 3;
        p->limit[j].position_min = wrist ? -6.2f : -3.1f;
        p->limit[j].position_max = wrist ? 6.2f : 3.1f;
        p->limit[j].velocity_max = wrist ? 3.0f : 2.0f;
    }
    p->power_w = ARM_IDLE_W;
}

void arm_substep(plant *p, double dt) {
    double power = ARM_IDLE_W;
    for (int j = 0; j < 6; j++) {
        plant_move_joint(p, j, dt);
    }
    /* Gravity acts on the shoulder through the whole arm, on the elbow and the first wrist through what follows. */
    double lever[6] = {0.0, sin(p->pos[1]), sin(p->pos[1] + p->pos[2]), sin(p->pos[1] + p->pos[2] + p->pos[3]), 0.0, 0.0};
    for (int j = 0; j < 6; j++) {
        if (p->held) {
            p->effort[j] = 0.0; /* the brakes carry the load; the drives are off */
            continue;
        }
        double e = inertia[j] * p->acc[j] + friction[j] * p->vel[j] + gravity[j] * lever[j];
        p->effort[j] = e;
        power += fabs(e * p->vel[j]) / ARM_EFFICIENCY + ARM_COPPER_W_PER_NM2 * e * e;
    }
    p->power_w = power;
    p->inputs = p->outputs;
}
