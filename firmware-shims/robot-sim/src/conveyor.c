/* A belt conveyor: one joint, the belt (position m, velocity m/s); items ride on it past two photo-eyes. */
#include <math.h>
#include <string.h>

#include "plant.h"

#define CONVEYOR_SPEED 0.5 /* m/s */
#define CONVEYOR_RUNNING 0.005 /* m/s: slower than this, the belt counts as stopped (no items arrive) */
#define CONVEYOR_IDLE_W 15.0
#define CONVEYOR_FRICTION_N 30.0
#define CONVEYOR_ITEM_N 2.0
#define CONVEYOR_BELT_KG 20.0
#define CONVEYOR_EFFICIENCY 0.8
#define CONVEYOR_GAP 0.05 /* m: an item arrives only when the infeed has this much room behind the last one */
#define CONVEYOR_GATE 1.25 /* m: the stop gate (output 0) just past the outfeed eye; a closed gate holds items on the eye */

void conveyor_init(plant *p) {
    p->joints = 1;
    p->input_count = 2; /* bit 0: infeed eye (0.2 m) blocked, bit 1: outfeed eye (1.2 m) blocked */
    p->output_count = 1; /* bit 0: stop gate closed */
    p->limit[0].position_min = -1.0e6f;
    p->limit[0].position_max = 1.0e6f;
    p->limit[0].velocity_max = (float)CONVEYOR_SPEED;
    p->power_w = CONVEYOR_IDLE_W;
}

static bool covers(const conveyor_item *item, double eye) {
    return item->tail <= eye && eye <= item->tail + CONVEYOR_ITEM_LENGTH;
}

void conveyor_substep(plant *p, double dt, double moved) {
    /* Items arrive at the infeed every item_every_s of running time, when there is room. */
    if (p->vel[0] > CONVEYOR_RUNNING) {
        p->item_clock_s += dt;
    }
    if (p->item_clock_s >= p->item_every_s) {
        bool room = p->item_count < PLANT_MAX_ITEMS;
        for (int i = 0; i < p->item_count && room; i++) {
            room = p->items[i].tail >= CONVEYOR_ITEM_LENGTH + CONVEYOR_GAP;
        }
        if (room) {
            p->items[p->item_count].tail = 0.0;
            p->items[p->item_count].counted = false;
            p->item_count++;
            p->item_clock_s -= p->item_every_s;
        }
    }
    uint32_t inputs = 0;
    for (int i = 0; i < p->item_count;) {
        conveyor_item *item = &p->items[i];
        double head_before = item->tail + CONVEYOR_ITEM_LENGTH;
        item->tail += moved;
        if ((p->outputs & 1u) && head_before <= CONVEYOR_GATE && item->tail + CONVEYOR_ITEM_LENGTH > CONVEYOR_GATE) {
            item->tail = CONVEYOR_GATE - CONVEYOR_ITEM_LENGTH; /* the belt slides under an item held by the gate */
        }
        if (!item->counted && item->tail > CONVEYOR_OUTFEED_EYE) {
            item->counted = true;
            p->counter++;
        }
        if (item->tail >= CONVEYOR_END || item->tail + CONVEYOR_ITEM_LENGTH < 0.0) {
            memmove(item, item + 1, sizeof *item * (size_t)(p->item_count - i - 1));
            p->item_count--;
            continue;
        }
        if (covers(item, CONVEYOR_INFEED_EYE)) inputs |= 1u;
        if (covers(item, CONVEYOR_OUTFEED_EYE)) inputs |= 2u;
        i++;
    }
    p->inputs = inputs;
    if (p->held) {
        p->effort[0] = 0.0;
        p->power_w = CONVEYOR_IDLE_W;
        return;
    }
    double sign = p->vel[0] > 1e-6 ? 1.0 : (p->vel[0] < -1e-6 ? -1.0 : 0.0);
    double force = CONVEYOR_BELT_KG * p->acc[0] + sign * (CONVEYOR_FRICTION_N + CONVEYOR_ITEM_N * p->item_count);
    p->effort[0] = force;
    p->power_w = CONVEYOR_IDLE_W + fabs(force * p->vel[0]) / CONVEYOR_EFFICIENCY;
}
