#!/usr/bin/python3
"""Writes the small ONNX models the Inference tests and benchmarks use into the folder given (default models/test).

Deterministic: fixed seeds, so every machine gets byte-identical files. Uses Debian's python3-onnx
(onnx 1.12, opset 17, IR 8), which ONNX Runtime 1.30 reads.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 17)]


def save(model, folder, name, metadata=None):
    model.ir_version = 8
    model.producer_name = "edgefactory-test-models"
    model.producer_version = "1"
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    path = os.path.join(folder, name)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(model.SerializeToString())
    os.replace(tmp, path)


def dtypes():
    """One input and output per element type the runner supports on the hot path."""
    inputs = [
        helper.make_tensor_value_info("a_f32", TensorProto.FLOAT, [2, 3]),
        helper.make_tensor_value_info("b_f16", TensorProto.FLOAT16, [2, 3]),
        helper.make_tensor_value_info("c_u8", TensorProto.UINT8, [2, 3]),
        helper.make_tensor_value_info("d_i64", TensorProto.INT64, [2, 3]),
        helper.make_tensor_value_info("e_bool", TensorProto.BOOL, [2, 3]),
    ]
    outputs = [
        helper.make_tensor_value_info("a_twice", TensorProto.FLOAT, [2, 3]),
        helper.make_tensor_value_info("b_doubled", TensorProto.FLOAT16, [2, 3]),
        helper.make_tensor_value_info("c_as_f32", TensorProto.FLOAT, [2, 3]),
        helper.make_tensor_value_info("d_plus_one", TensorProto.INT64, [2, 3]),
        helper.make_tensor_value_info("e_not", TensorProto.BOOL, [2, 3]),
    ]
    init = [
        numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two"),
        numpy_helper.from_array(np.array(1, dtype=np.int64), "one"),
    ]
    nodes = [
        helper.make_node("Mul", ["a_f32", "two"], ["a_twice"]),
        helper.make_node("Add", ["b_f16", "b_f16"], ["b_doubled"]),
        helper.make_node("Cast", ["c_u8"], ["c_as_f32"], to=TensorProto.FLOAT),
        helper.make_node("Add", ["d_i64", "one"], ["d_plus_one"]),
        helper.make_node("Not", ["e_bool"], ["e_not"]),
    ]
    graph = helper.make_graph(nodes, "dtypes", inputs, outputs, init)
    return helper.make_model(graph, opset_imports=OPSET, doc_string="Element type coverage")


def dynamic():
    """y = x @ W with an open batch dimension, so output shapes follow input shapes."""
    w = np.arange(12, dtype=np.float32).reshape(4, 3) / 10.0
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"])],
        "dynamic",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(w, "w")],
    )
    return helper.make_model(graph, opset_imports=OPSET)


def reshape():
    """Reshapes x[n] to [2, 3]: any n other than 6 makes ONNX Runtime itself fail the run."""
    shape = numpy_helper.from_array(np.array([2, 3], dtype=np.int64), "shape")
    graph = helper.make_graph(
        [helper.make_node("Reshape", ["x", "shape"], ["y"])],
        "reshape",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
        [shape],
    )
    return helper.make_model(graph, opset_imports=OPSET)


def policy_mlp(version, inputs=64, hidden=256, actions=12):
    """A policy-sized MLP whose every output is version * 1000 plus a small term, so a run shows which version made it."""
    rng = np.random.default_rng(1000 + version)
    w1 = (rng.standard_normal((inputs, hidden)) * 0.05).astype(np.float32)
    w2 = (rng.standard_normal((hidden, hidden)) * 0.05).astype(np.float32)
    w3 = (rng.standard_normal((hidden, actions)) * 0.05).astype(np.float32)
    b1 = np.zeros(hidden, dtype=np.float32)
    b2 = np.zeros(hidden, dtype=np.float32)
    b3 = np.full(actions, version * 1000.0, dtype=np.float32)
    nodes = [
        helper.make_node("Gemm", ["obs", "w1", "b1"], ["h1"]),
        helper.make_node("Relu", ["h1"], ["r1"]),
        helper.make_node("Gemm", ["r1", "w2", "b2"], ["h2"]),
        helper.make_node("Relu", ["h2"], ["r2"]),
        helper.make_node("Gemm", ["r2", "w3", "b3"], ["action"]),
    ]
    init = [numpy_helper.from_array(a, n) for a, n in [(w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"), (w3, "w3"), (b3, "b3")]]
    graph = helper.make_graph(
        nodes,
        "policy",
        [helper.make_tensor_value_info("obs", TensorProto.FLOAT, [1, inputs])],
        [helper.make_tensor_value_info("action", TensorProto.FLOAT, [1, actions])],
        init,
    )
    return helper.make_model(graph, opset_imports=OPSET, doc_string="Policy MLP %d-%d-%d-%d" % (inputs, hidden, hidden, actions))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "models/test"
    os.makedirs(folder, exist_ok=True)
    save(dtypes(), folder, "dtypes.onnx")
    save(dynamic(), folder, "dynamic.onnx")
    save(reshape(), folder, "reshape.onnx")
    save(policy_mlp(1), folder, "policy_mlp_v1.onnx", {"edgefactory.version": "1", "edgefactory.role": "policy"})
    save(policy_mlp(2), folder, "policy_mlp_v2.onnx", {"edgefactory.version": "2", "edgefactory.role": "policy"})
    save(policy_mlp(3, inputs=32), folder, "policy_mlp_mismatch.onnx", {"edgefactory.version": "3"})


if __name__ == "__main__":
    main()
