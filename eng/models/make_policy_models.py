#!/usr/bin/python3
"""Writes the motion policies the policy loop, its tests, the demo and bench-control run, into the folder given
(default models/policy). See docs/policies.md for what each one does and why.

Every policy has the same signature, so that a rollout can swap one for another:
  input  obs      float32 [1, 3*J]: joint positions q (J), joint velocities dq (J), target positions (J)
  output actions  float32 [1, H, J]: position setpoints for the next H steps, one every step_ms
The numbers the control loop needs to execute a chunk travel as metadata: edgefactory.joints,
edgefactory.horizon, edgefactory.step_ms, edgefactory.policy.

The policies are closed-form graphs rather than trained networks: their behaviour is exact and can be stated in a
test. From where the joint is headed (base = q + dq * LEAD, the joint's lag behind its command), each joint moves
toward gain * (target - base) along a trapezoid: from its current speed toward the target (v0), speeding up at
`accel` to at most `speed`:
  t_k = (k + 1) * step
  reach_k = v0 * t_k + accel * t_k^2 / 2                 while t_k < (speed - v0) / accel (speeding up)
          = speed * t_k - (speed - v0)^2 / (2 * accel)    after (cruising)
  setpoint_k = base + clamp(gain * (target - base), -reach_k, +reach_k),  k = 0 .. H-1
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
LEAD_S = 0.02  # the controllers' joint time constant: how far a moving joint trails its command

# name, joints, speed (units/s), accel (units/s^2), gain, what it is for
POLICIES = [
    ("arm_reach_v1", 6, 1.0, 6.0, 1.0, "reaches the target pose at up to 1.0 rad/s; well inside every limit"),
    ("arm_reach_v2", 6, 1.5, 12.0, 1.0, "reaches the target pose at up to 1.5 rad/s, accelerating twice as hard: shorter moves, more tasks per hour"),
    ("arm_reach_v3", 6, 3.5, 80.0, 2.1, "overshoots by 110 % of the error at 3.5 rad/s: oscillates, is clamped, fails to settle"),
    ("gripper_v1", 1, 0.10, 0.6, 1.0, "opens and closes the fingers at up to 0.10 m/s"),
]


def policy(name, joints, speed, accel, gain, doc):
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
        numpy_helper.from_array(np.array(LEAD_S, dtype=np.float32), "lead"),
        numpy_helper.from_array(np.array(gain, dtype=np.float32), "gain"),
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero"),
        numpy_helper.from_array(np.array(speed, dtype=np.float32), "speed"),
        numpy_helper.from_array(np.array(1.0 / (2.0 * accel), dtype=np.float32), "half_inv_accel"),
        numpy_helper.from_array(np.array(1.0 / accel, dtype=np.float32), "inv_accel"),
        numpy_helper.from_array(t, "t"),
        numpy_helper.from_array((0.5 * accel * t * t).astype(np.float32), "accel_term"),  # [H, 1]
        numpy_helper.from_array((speed * t).astype(np.float32), "cruise"),  # [H, 1]
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
        helper.make_node("Unsqueeze", ["setpoints", "batch_axis"], ["actions"]),
    ]
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
        "edgefactory.lead_ms": str(round(LEAD_S * 1000)),
    }.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "models/policy"
    os.makedirs(folder, exist_ok=True)
    for name, joints, speed, accel, gain, doc in POLICIES:
        path = os.path.join(folder, name + ".onnx")
        tmp = path + ".part"
        with open(tmp, "wb") as f:
            f.write(policy(name, joints, speed, accel, gain, doc).SerializeToString())
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
