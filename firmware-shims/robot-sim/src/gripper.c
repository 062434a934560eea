/* A parallel gripper: one joint, the finger width in metres. A part of --object-width sits between the fingers. */
#include <math.h>
#include <stdio.h>

#include "plant.h"

#define GRIPPER_OPEN 0.085
#define GRIPPER_SPEED 0.15         /* m/s */
#define GRIPPER_IDLE_W 5.0
#define GRIPPER_STIFFNESS 2500.0   /* N per metre that the target lies inside the part */
#define GRIPPER_FORCE_MIN 20.0     /* N */
#define GRIPPER_FORCE_MAX 140.0    /* N */
#define GRIPPER_FINGER_KG 0.1
#define GRIPPER_DAMPING 20.0       /* N s / m */
#define GRIPPER_CLOSED 0.0005      /* a width at or below this is fully closed */

void gripper_init(plant *p) {
    p->joints = 1;
    p->input_count = 1; /* bit 0: part grasped */
    p->output_count = 0;
    p->limit[0].position_min = 0.0f;
    p->limit[0].position_max = (float)GRIPPER_OPEN;
    p->limit[0].velocity_max = (float)GRIPPER_SPEED;
    p->pos[0] = GRIPPER_OPEN;
    p->power_w = GRIPPER_IDLE_W;
}

static bool closing(const plant *p) {
    return p->mode == RL_COMMAND_POSITION ? p->target_pos[0] < p->pos[0] - 1e-6 : p->target_vel[0] < 0.0;
}

void gripper_substep(plant *p, double dt) {
    bool has_part = p->object_width > 0.0;
    if (p->grasped && !p->held && !closing(p) &&
        (p->mode == RL_COMMAND_VELOCITY ? p->target_vel[0] > 0.0 : p->target_pos[0] > p->object_width)) {
        p->grasped = false; /* opening: the part is released (and the next close finds the next part) */
    }
    if (!p->grasped) {
        plant_move_joint(p, 0, dt);
        if (has_part && p->pos[0] <= p->object_width && closing(p)) {
            p->grasped = true;
            p->counter++;
        }
    }
    double force;
    if (p->grasped) {
        p->pos[0] = p->object_width;
        p->vel[0] = 0.0;
        p->acc[0] = 0.0;
        double squeeze = p->mode == RL_COMMAND_POSITION ? p->object_width - p->target_pos[0] : 0.01;
        force = GRIPPER_STIFFNESS * squeeze;
        force = force < GRIPPER_FORCE_MIN ? GRIPPER_FORCE_MIN : (force > GRIPPER_FORCE_MAX ? GRIPPER_FORCE_MAX : force);
    } else {
        force = p->held ? 0.0 : GRIPPER_FINGER_KG * p->acc[0] + GRIPPER_DAMPING * p->vel[0];
    }
    if (!has_part && !p->closed_empty && p->pos[0] <= GRIPPER_CLOSED && !p->held) {
        p->closed_empty = true;
        p->fault_pending = true;
        snprintf(p->fault_detail, sizeof p->fault_detail, "gripper closed on nothing");
    } else if (p->pos[0] > 10.0 * GRIPPER_CLOSED) {
        p->closed_empty = false;
    }
    p->effort[0] = force;
    p->inputs = p->grasped ? 1u : 0u;
    /* The drive holds a grip with current (about 0.05 W per newton) and moves the fingers. */
    p->power_w = GRIPPER_IDLE_W + 0.05 * fabs(force) + fabs(force * p->vel[0]) / 0.6;
}
