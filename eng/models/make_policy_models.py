#!/usr/bin/python3
"""Writes the motion policies the policy loop, its tests, the demo and bench-control run, into the folder given
(default models/policy). See docs/policies.md for what each one does and why.

Every policy has the same signature, so that a rollout can swap one for another:
  input  obs      float32 [1, 3*J]: joint positions q (J), joint velocities dq (J), target positions (J)
  output actions  float32 [1, H, J]: position setpoints for the next H steps, one every step_ms
The numbers the control loop needs to execute a chunk travel as metadata: edgefactory.joints,
edgefactory.horizon, edgefactory.step_ms, edgefactory.policy.

The policies are closed-form graphs rather than trained networks: their behaviour is exact and can be stated in a
test. Each step moves every joint toward gain*(target - q) at no more than `speed` per second:
  setpoint_k = q + clamp(gain * (target - q), -(k+1)*speed*step, +(k+1)*speed*step),  k = 0 .. H-1
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

# name, joints, speed (units/s), gain, what it is for
POLICIES = [
    ("arm_reach_v1", 6, 1.0, 1.0, "reaches the target pose at 1.0 rad/s; well inside every limit"),
    ("arm_reach_v2", 6, 1.8, 1.0, "reaches the target pose at 1.8 rad/s: shorter moves, more tasks per hour"),
    ("arm_reach_v3", 6, 3.5, 2.1, "overshoots by 110 % of the error at 3.5 rad/s: oscillates, is clamped, fails to settle"),
    ("gripper_v1", 1, 0.10, 1.0, "opens and closes the fingers at 0.10 m/s"),
]


def policy(name, joints, speed, gain, doc):
    obs = helper.make_tensor_value_info("obs", TensorProto.FLOAT, [1, 3 * joints])
    actions = helper.make_tensor_value_info("actions", TensorProto.FLOAT, [1, HORIZON, joints])
    step_s = STEP_MS / 1000.0
    ramp = np.array([[(k + 1) * speed * step_s] for k in range(HORIZON)], dtype=np.float32)  # [H, 1]
    init = [
        numpy_helper.from_array(np.array([0], dtype=np.int64), "q_start"),
        numpy_helper.from_array(np.array([joints], dtype=np.int64), "q_end"),
        numpy_helper.from_array(np.array([2 * joints], dtype=np.int64), "target_start"),
        numpy_helper.from_array(np.array([3 * joints], dtype=np.int64), "target_end"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "feature_axis"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "batch_axis"),
        numpy_helper.from_array(np.array(gain, dtype=np.float32), "gain"),
        numpy_helper.from_array(ramp, "ramp"),
        numpy_helper.from_array(-ramp, "neg_ramp"),
    ]
    nodes = [
        helper.make_node("Slice", ["obs", "q_start", "q_end", "feature_axis"], ["q"]),
        helper.make_node("Slice", ["obs", "target_start", "target_end", "feature_axis"], ["target"]),
        helper.make_node("Sub", ["target", "q"], ["error"]),
        helper.make_node("Mul", ["error", "gain"], ["wanted"]),
        helper.make_node("Min", ["wanted", "ramp"], ["capped_up"]),  # [1,J] with [H,1] -> [H,J]
        helper.make_node("Max", ["capped_up", "neg_ramp"], ["step"]),
        helper.make_node("Add", ["step", "q"], ["setpoints"]),
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
    }.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    return model


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "models/policy"
    os.makedirs(folder, exist_ok=True)
    for name, joints, speed, gain, doc in POLICIES:
        path = os.path.join(folder, name + ".onnx")
        tmp = path + ".part"
        with open(tmp, "wb") as f:
            f.write(policy(name, joints, speed, gain, doc).SerializeToString())
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
