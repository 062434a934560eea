/* The shared part of every plant: joint dynamics toward the targets, clamping, holds and outputs. */
#include "plant.h"

#include <math.h>
#include <string.h>

void plant_init(plant *p, rl_kind kind, const plant_options *o) {
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->tau_s = o->tau_s;
    p->object_width = o->object_width;
    p->item_every_s = o->item_every_s;
    p->mode = RL_COMMAND_POSITION;
    switch (kind) {
    case RL_KIND_ARM: arm_init(p); break;
    case RL_KIND_GRIPPER: gripper_init(p); break;
    case RL_KIND_CONVEYOR: conveyor_init(p); break;
    }
    for (int j = 0; j < p->joints; j++) {
        p->target_pos[j] = p->pos[j];
    }
}

static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
}

int plant_clamp(const plant *p, int mode, rl_joint_target *t) {
    int first = -1;
    for (int j = 0; j < p->joints; j++) {
        const rl_joint_limits *l = &p->limit[j];
        float pos = (float)clamp(t[j].position, l->position_min, l->position_max);
        float vel = (float)clamp(t[j].velocity, -l->velocity_max, l->velocity_max);
        /* A position target is checked in position mode, a velocity target in velocity mode; the other field is a
         * hint and is clamped without a warning. */
        bool clamped = mode == RL_COMMAND_POSITION ? pos != t[j].position : vel != t[j].velocity;
        if (clamped && first < 0) {
            first = j;
        }
        t[j].position = pos;
        t[j].velocity = vel;
    }
    return first;
}

void plant_command(plant *p, int mode, const rl_joint_target *t) {
    p->held = false;
    p->mode = mode;
    for (int j = 0; j < p->joints; j++) {
        p->target_pos[j] = t[j].position;
        p->target_vel[j] = t[j].velocity;
    }
}

void plant_hold(plant *p) {
    p->held = true;
    p->mode = RL_COMMAND_POSITION;
    for (int j = 0; j < p->joints; j++) {
        p->vel[j] = 0.0;
        p->acc[j] = 0.0;
        p->target_pos[j] = p->pos[j];
        p->target_vel[j] = 0.0;
    }
}

void plant_set_outputs(plant *p, uint32_t mask, uint32_t values) {
    uint32_t present = p->output_count >= 32 ? 0xFFFFFFFFu : ((1u << p->output_count) - 1u);
    mask &= present;
    p->outputs = (p->outputs & ~mask) | (values & mask);
}

void plant_move_joint(plant *p, int j, double dt) {
    const rl_joint_limits *l = &p->limit[j];
    double v0 = p->vel[j];
    if (p->held) {
        p->vel[j] = 0.0;
        p->acc[j] = 0.0;
        return;
    }
    /* Position mode: a first-order approach to the target (time constant tau) plus the feed-forward hint; the velocity
     * itself follows with tau / 4, which keeps the response critically damped and the acceleration finite. */
    double want = p->mode == RL_COMMAND_POSITION ? p->target_vel[j] + (p->target_pos[j] - p->pos[j]) / p->tau_s
                                                 : p->target_vel[j];
    want = clamp(want, -l->velocity_max, l->velocity_max);
    double v = v0 + (want - v0) * (1.0 - exp(-dt * 4.0 / p->tau_s));
    double x = p->pos[j] + v * dt;
    if (x >= l->position_max) {
        x = l->position_max;
        if (v > 0.0) v = 0.0;
    } else if (x <= l->position_min) {
        x = l->position_min;
        if (v < 0.0) v = 0.0;
    }
    p->pos[j] = x;
    p->vel[j] = v;
    p->acc[j] = (v - v0) / dt;
}

void plant_step(plant *p, double dt) {
    while (dt > 1e-9) {
        double h = dt < PLANT_STEP_S ? dt : PLANT_STEP_S;
        switch (p->kind) {
        case RL_KIND_ARM:
            arm_substep(p, h);
            break;
        case RL_KIND_GRIPPER:
            gripper_substep(p, h);
            break;
        case RL_KIND_CONVEYOR: {
            double before = p->pos[0];
            plant_move_joint(p, 0, h);
            conveyor_substep(p, h, p->pos[0] - before);
            break;
        }
        }
        dt -= h;
    }
}

void plant_read(const plant *p, rl_joint_state *s) {
    s->joints = (uint8_t)p->joints;
    s->inputs = p->inputs;
    s->counter = p->counter;
    s->power_w = (float)p->power_w;
    for (int j = 0; j < p->joints; j++) {
        s->joint[j].position = (float)p->pos[j];
        s->joint[j].velocity = (float)p->vel[j];
        s->joint[j].effort = (float)p->effort[j];
    }
}
