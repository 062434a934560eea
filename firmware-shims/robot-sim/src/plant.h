/* A simulated plant: the joints of an arm, a gripper or a conveyor, integrated by elapsed time. */
#ifndef SIM_PLANT_H
#define SIM_PLANT_H

#include <stdbool.h>
#include <stdint.h>

#include "robotlink.h"

#define PLANT_STEP_S 0.0005 /* integration substep: 2 kHz whatever the loop's wake-ups */
#define PLANT_MAX_ITEMS 32
#define CONVEYOR_ITEM_LENGTH 0.1
#define CONVEYOR_INFEED_EYE 0.2
#define CONVEYOR_OUTFEED_EYE 1.2
#define CONVEYOR_END 1.5

typedef struct {
    double tail; /* position of the item's trailing edge on the belt, metres from the infeed */
    bool counted;
} conveyor_item;

typedef struct {
    rl_kind kind;
    int joints;
    int input_count;
    int output_count;
    rl_joint_limits limit[RL_MAX_JOINTS];
    double tau_s;
    double pos[RL_MAX_JOINTS], vel[RL_MAX_JOINTS], acc[RL_MAX_JOINTS], effort[RL_MAX_JOINTS];
    int mode; /* rl_command_mode of the current targets */
    double target_pos[RL_MAX_JOINTS], target_vel[RL_MAX_JOINTS];
    bool held; /* braked or e-stopped: joints stay where they are */
    uint32_t inputs, outputs, counter;
    double power_w;
    /* gripper */
    double object_width;
    bool grasped, closed_empty;
    /* conveyor */
    double item_every_s, item_clock_s;
    conveyor_item items[PLANT_MAX_ITEMS];
    int item_count;
    /* a plant fault (code 5) for the controller to report; cleared by the controller */
    bool fault_pending;
    char fault_detail[RL_DETAIL_SIZE + 1];
} plant;

typedef struct {
    double tau_s;
    double object_width;
    double item_every_s;
} plant_options;

void plant_init(plant *p, rl_kind kind, const plant_options *options);
/* Clamps targets to the plant's limits in place; returns the first joint clamped, or -1. */
int plant_clamp(const plant *p, int mode, rl_joint_target *targets);
/* Follows new targets (already clamped) and releases a hold. */
void plant_command(plant *p, int mode, const rl_joint_target *targets);
/* Stops every joint at once and holds it where it is until the next plant_command. */
void plant_hold(plant *p);
/* Sets the digital outputs whose bit is in mask (bits beyond the plant's outputs are ignored). */
void plant_set_outputs(plant *p, uint32_t mask, uint32_t values);
/* Integrates dt seconds in substeps of at most PLANT_STEP_S. */
void plant_step(plant *p, double dt);
/* Fills a JOINT_STATE body's plant fields (joints, inputs, counter, power, per joint readings). */
void plant_read(const plant *p, rl_joint_state *state);

/* Per kind (arm.c, gripper.c, conveyor.c): limits and start positions, and what a substep adds to the motion. */
void arm_init(plant *p);
void arm_substep(plant *p, double dt);
void gripper_init(plant *p);
void gripper_substep(plant *p, double dt);
void conveyor_init(plant *p);
void conveyor_substep(plant *p, double dt, double moved);
/* The shared joint dynamics of one substep: first order toward the target, velocity and position limits. */
void plant_move_joint(plant *p, int j, double dt);

#endif
