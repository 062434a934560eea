#!/usr/bin/python3
"""Writes the motion policies the policy loop, its tests, the demo and bench-control run, into the folder given
(default models/policy). See docs/policies.md for what each one does and why.

Every policy has the same signature, so that a rollout can swap one for another:
  input  obs      float32 [1, 3*J]: joint positions q (J), joint velocities dq (J), target positions (J)
  output actions  float32 [1, H, J]: position setpoints for the next H steps, one every step_ms
The numbers the control loop needs to execute a chunk travel as metadata: edgefactory.joints,
edgefactory.horizon, edgefactory.step_ms, edgefactory.lead_ms, edgefactory.policy.

The policies are closed-form graphs rather than trained networks: their behaviour is exact and can be stated in a
test. From where the joint is headed (base = q + dq * lead, the joint's lag behind its command), each joint moves
toward gain * (target - base) = d (a distance |d| in the direction of d) from its current speed toward the target (v0),
speeding up at `accel` to at most `speed`:
  t_k = (k + 1) * step
  reach_k = v0 * t_k + accel * t_k^2 / 2                 while t_k < (speed - v0) / accel (speeding up)
          = speed * t_k - (speed - v0)^2 / (2 * accel)    after (cruising)
A policy without a deceleration (`decel` None) stops where reach_k passes |d|, at full speed:
  setpoint_k = base + clamp(d, -reach_k, +reach_k),  k = 0 .. H-1
A policy with one plans the time-optimal trapezoid that arrives at |d| at rest, slowing down at b = max(decel,
v0^2 / (2|d|)) (harder only when it cannot stop in time at `decel`):
  peak  = min(speed, sqrt((2 * accel * b * |d| + b * v0^2) / (accel + b)))   the top speed of the move
  t1    = (peak - v0) / accel                                                   end of speeding up
  t12   = t1 + (|d| - (peak^2 - v0^2) / (2 * accel) - peak^2 / (2 * b)) / peak     end of cruising
  T     = t12 + peak / b                                                        arrival
  reach_k = v0 * t_k + accel * t_k^2 / 2                 while t_k < t1
          = peak * t_k - (peak - v0)^2 / (2 * accel)     while t_k < t12
          = |d| - b * max(T - t_k, 0)^2 / 2              after
  setpoint_k = base + sign(d) * min(|d|, max(reach_k, 0))
so that every chunk re-planned from the state it reaches lies on the same trapezoid, and the joint arrives at rest.
Deterministic: the same script writes byte-identical files on every machine (Debian's python3-onnx, opset 17, IR 8).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 17)]
HORIZON = 16
STEP_MS = 20
# How far a moving joint trails its command, which a policy plans with: the controllers' joint time constant (20 ms),
# or, for a policy that counts on the controllers' velocity feed-forward (they follow the commanded speed within a
# quarter of it), 5 ms.
LEAD_S = 0.02

# name, joints, speed (units/s), accel (units/s^2), decel (units/s^2, None: none), gain, lead (s), what it is for
POLICIES = [
    ("arm_reach_v1", 6, 1.0, 6.0, None, 1.0, LEAD_S, "reaches the target pose at up to 1.0 rad/s; well inside every limit"),
    ("arm_reach_v2", 6, 1.7, 16.0, 16.0, 1.0, 0.005,
     "reaches the target pose at up to 1.7 rad/s along a trapezoid that slows down into it and arrives at rest: shorter moves, more tasks per hour"),
    ("arm_reach_v3", 6, 3.5, 80.0, None, 2.1, LEAD_S, "overshoots by 110 % of the error at 3.5 rad/s: oscillates, is clamped, fails to settle"),
    ("gripper_v1", 1, 0.10, 0.6, None, 1.0, LEAD_S, "opens and closes the fingers at up to 0.10 m/s"),
]


def policy(name, joints, speed, accel, decel, gain, lead, doc):
    obs = helper.make_tensor_value_info("obs", TensorProto.FLOAT, [1, 3 * joints])
    actions = helper.make_tensor_value_info("actions", TensorProto.FLOAT, [1, HORIZON, joints])
    step_s = STEP_MS / 1000.0
    t = np.array([[(k + 1) * step_s] for k in range(HORIZON)], dtype=np.float32)  # [H, 1]
    init = [
        numpy_helper.from_array(np.array([0], dtype=np.int64), "q_start"),
        numpy_helper.from_array(np.array([joints], dtype=np.int64), "q_end"),
        numpy_helper.from_array(np.array([2 * joints], dtype=np.int64), "dq_end"),
        numpy_helper.from_array(np.array([3 * joints], dtype=np.int64), "target_end"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "feature_axis"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "batch_axis"),
        numpy_helper.from_array(np.array(lead, dtype=np.float32), "lead"),
        numpy_helper.from_array(np.array(gain, dtype=np.float32), "gain"),
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero"),
        numpy_helper.from_array(np.array(speed, dtype=np.float32), "speed"),
        numpy_helper.from_array(np.array(1.0 / (2.0 * accel), dtype=np.float32), "half_inv_accel"),
        numpy_helper.from_array(np.array(1.0 / accel, dtype=np.float32), "inv_accel"),
        numpy_helper.from_array(t, "t"),
        numpy_helper.from_array((0.5 * accel * t * t).astype(np.float32), "accel_term"),  # [H, 1]
    ]
    nodes = [
        helper.make_node("Slice", ["obs", "q_start", "q_end", "feature_axis"], ["q"]),
        helper.make_node("Slice", ["obs", "q_end", "dq_end", "feature_axis"], ["dq"]),
        helper.make_node("Slice", ["obs", "dq_end", "target_end", "feature_axis"], ["target"]),
        helper.make_node("Mul", ["dq", "lead"], ["lead_offset"]),
        helper.make_node("Add", ["q", "lead_offset"], ["base"]),
        helper.make_node("Sub", ["target", "base"], ["error"]),
        helper.make_node("Sign", ["error"], ["direction"]),
        helper.make_node("Mul", ["dq", "direction"], ["toward"]),
        helper.make_node("Clip", ["toward", "zero", "speed"], ["v0"]),  # [1, J]
        helper.make_node("Mul", ["v0", "t"], ["v0t"]),  # [H, J]
        helper.make_node("Add", ["v0t", "accel_term"], ["accelerating"]),
    ]
    if decel is None:
        init.append(numpy_helper.from_array((speed * t).astype(np.float32), "cruise"))  # [H, 1]
        nodes += stopping_at_speed()
    else:
        init += [
            numpy_helper.from_array(np.array(decel, dtype=np.float32), "decel"),
            numpy_helper.from_array(np.array(accel, dtype=np.float32), "accel"),
            numpy_helper.from_array(np.array(2.0 * accel, dtype=np.float32), "two_accel"),
            numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two"),
            numpy_helper.from_array(np.array(0.5, dtype=np.float32), "half"),
            numpy_helper.from_array(np.array(1e-6, dtype=np.float32), "tiny"),
        ]
        nodes += slowing_into_target()
    nodes.append(helper.make_node("Unsqueeze", ["setpoints", "batch_axis"], ["actions"]))
    graph = helper.make_graph(nodes, name, [obs], [actions], init)
    model = helper.make_model(graph, opset_imports=OPSET, doc_string=doc)
    model.ir_version = 8
    model.producer_name = "edgefactory-policies"
    model.producer_version = "1"
    for key, value in {
        "edgefactory.policy": name,
        "edgefactory.joints": str(joints),
        "edgefactory.horizon": str(HORIZON),
        "edgefactory.step_ms": str(STEP_MS),
        "edgefactory.lead_ms": str(round(lead * 1000)),
    }.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model


def stopping_at_speed():
    """The nodes after the speeding-up/cruising reach of a policy without a deceleration: it stops at the target at speed."""
    return [
        helper.make_node("Sub", ["speed", "v0"], ["missing"]),
        helper.make_node("Mul", ["missing", "missing"], ["missing_sq"]),
        helper.make_node("Mul", ["missing_sq", "half_inv_accel"], ["ramp_loss"]),  # [1, J]
        helper.make_node("Sub", ["cruise", "ramp_loss"], ["cruising"]),  # [H, J]
        helper.make_node("Mul", ["missing", "inv_accel"], ["cruise_from"]),  # [1, J]: when the joint reaches speed
        helper.make_node("Less", ["t", "cruise_from"], ["speeding_up"]),  # [H, J]
        helper.make_node("Where", ["speeding_up", "accelerating", "cruising"], ["reach"]),
        helper.make_node("Neg", ["reach"], ["neg_reach"]),
        helper.make_node("Mul", ["error", "gain"], ["wanted"]),
        helper.make_node("Min", ["wanted", "reach"], ["capped_up"]),
        helper.make_node("Max", ["capped_up", "neg_reach"], ["step"]),
        helper.make_node("Add", ["step", "base"], ["setpoints"]),
    ]


def slowing_into_target():
    """The nodes of a policy with a deceleration: the trapezoid (or triangle) that arrives at the target at rest."""
    return [
        helper.make_node("Mul", ["error", "gain"], ["wanted"]),
        helper.make_node("Abs", ["wanted"], ["dist"]),  # [1, J]
        helper.make_node("Sign", ["wanted"], ["heading"]),
        helper.make_node("Max", ["dist", "tiny"], ["dist_safe"]),
        helper.make_node("Mul", ["v0", "v0"], ["v0_sq"]),
        # Slow down at `decel`, or harder when the joint cannot stop in time at `decel`.
        helper.make_node("Mul", ["dist_safe", "two"], ["two_dist"]),
        helper.make_node("Div", ["v0_sq", "two_dist"], ["stopping_decel"]),
        helper.make_node("Max", ["stopping_decel", "decel"], ["b"]),
        # The top speed: where speeding up from v0 meets slowing down to the target, at most `speed`.
        helper.make_node("Mul", ["two_accel", "dist"], ["two_accel_dist"]),
        helper.make_node("Add", ["two_accel_dist", "v0_sq"], ["peak_sum"]),
        helper.make_node("Mul", ["peak_sum", "b"], ["peak_num"]),
        helper.make_node("Add", ["accel", "b"], ["peak_den"]),
        helper.make_node("Div", ["peak_num", "peak_den"], ["peak_sq"]),
        helper.make_node("Sqrt", ["peak_sq"], ["triangle_peak"]),
        helper.make_node("Min", ["triangle_peak", "speed"], ["capped_peak"]),
        helper.make_node("Max", ["capped_peak", "v0"], ["peak"]),
        helper.make_node("Max", ["peak", "tiny"], ["peak_safe"]),
        # Phases: speeding up until t1 (covering d1), cruising over d2, slowing down over d3; arrival at T.
        helper.make_node("Sub", ["peak", "v0"], ["gain_speed"]),
        helper.make_node("Mul", ["gain_speed", "inv_accel"], ["t1"]),
        helper.make_node("Mul", ["peak", "peak"], ["peak_sq_real"]),
        helper.make_node("Sub", ["peak_sq_real", "v0_sq"], ["d1_num"]),
        helper.make_node("Mul", ["d1_num", "half_inv_accel"], ["d1"]),
        helper.make_node("Mul", ["b", "two"], ["two_b"]),
        helper.make_node("Div", ["peak_sq_real", "two_b"], ["d3"]),
        helper.make_node("Sub", ["dist", "d1"], ["after_d1"]),
        helper.make_node("Sub", ["after_d1", "d3"], ["d2_raw"]),
        helper.make_node("Relu", ["d2_raw"], ["d2"]),
        helper.make_node("Div", ["d2", "peak_safe"], ["t2"]),
        helper.make_node("Div", ["peak", "b"], ["t3"]),
        helper.make_node("Add", ["t1", "t2"], ["t12"]),
        helper.make_node("Add", ["t12", "t3"], ["arrival"]),  # [1, J]
        # Speeding up, then cruising at the peak.
        helper.make_node("Mul", ["peak", "t"], ["peak_t"]),  # [H, J]
        helper.make_node("Mul", ["gain_speed", "gain_speed"], ["gain_speed_sq"]),
        helper.make_node("Mul", ["gain_speed_sq", "half_inv_accel"], ["peak_ramp_loss"]),
        helper.make_node("Sub", ["peak_t", "peak_ramp_loss"], ["at_peak"]),
        helper.make_node("Less", ["t", "t1"], ["below_peak"]),
        helper.make_node("Where", ["below_peak", "accelerating", "at_peak"], ["going"]),
        # Slowing down: the parabola that ends at the target at rest at the arrival time.
        helper.make_node("Sub", ["arrival", "t"], ["to_arrival_raw"]),
        helper.make_node("Relu", ["to_arrival_raw"], ["to_arrival"]),
        helper.make_node("Mul", ["to_arrival", "to_arrival"], ["to_arrival_sq"]),
        helper.make_node("Mul", ["to_arrival_sq", "b"], ["braking_num"]),
        helper.make_node("Mul", ["braking_num", "half"], ["braking_left"]),
        helper.make_node("Sub", ["dist", "braking_left"], ["stopping"]),
        helper.make_node("Less", ["t", "t12"], ["before_slowing"]),  # [H, J]: t12 is when the joint starts slowing down
        helper.make_node("Where", ["before_slowing", "going", "stopping"], ["profile"]),
        helper.make_node("Relu", ["profile"], ["forward"]),
        helper.make_node("Min", ["forward", "dist"], ["reach"]),
        helper.make_node("Mul", ["reach", "heading"], ["step"]),
        helper.make_node("Add", ["step", "base"], ["setpoints"]),
    ]


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "models/policy"
    os.makedirs(folder, exist_ok=True)
    for name, joints, speed, accel, decel, gain, lead, doc in POLICIES:
        path = os.path.join(folder, name + ".onnx")
        tmp = path + ".part"
        with open(tmp, "wb") as f:
            f.write(policy(name, joints, speed, accel, decel, gain, lead, doc).SerializeToString())
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
