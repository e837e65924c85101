"""Graph rewrites on small hand-built BERT pieces: same numbers, the intended nodes."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from matcher.onnx.fuse import fuse_attention, unfuse_skip_layer_norm

HEADS, HEAD_SIZE = 2, 4
DIM = HEADS * HEAD_SIZE


def attention_block(rng: np.random.Generator, *, scale_op: str = "Mul") -> onnx.ModelProto:
    """One self-attention block written node by node, as ``torch.onnx`` writes BERT's."""
    inits = [
        numpy_helper.from_array(np.array([0, 0, HEADS, HEAD_SIZE], dtype=np.int64), "heads"),
        numpy_helper.from_array(np.array([0, 0, DIM], dtype=np.int64), "merged"),
        numpy_helper.from_array(np.array(HEAD_SIZE**-0.5, dtype=np.float32), "scale"),
        numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one"),
        numpy_helper.from_array(np.array(-1e9, dtype=np.float32), "big"),
        numpy_helper.from_array(np.array([1, 2], dtype=np.int64), "mid_axes"),
    ]
    nodes = [
        # the additive padding mask, (batch, 1, 1, seq)
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Sub", ["one", "mask_f"], ["inv"]),
        helper.make_node("Mul", ["inv", "big"], ["add_mask_2d"]),
        helper.make_node("Unsqueeze", ["add_mask_2d", "mid_axes"], ["add_mask"]),
    ]
    for p, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3])):
        inits += [
            numpy_helper.from_array(rng.normal(size=(DIM, DIM)).astype(np.float32), f"w_{p}"),
            numpy_helper.from_array(rng.normal(size=DIM).astype(np.float32), f"b_{p}"),
        ]
        nodes += [
            helper.make_node("MatMul", ["x", f"w_{p}"], [f"{p}_mm"]),
            helper.make_node("Add", [f"{p}_mm", f"b_{p}"], [f"{p}_lin"]),
            helper.make_node("Reshape", [f"{p}_lin", "heads"], [f"{p}_view"]),
            helper.make_node("Transpose", [f"{p}_view"], [f"{p}_t"], perm=perm),
        ]
    nodes += [
        helper.make_node("MatMul", ["q_t", "k_t"], ["scores"]),
        helper.make_node(scale_op, ["scores", "scale"], ["scaled"]),
        helper.make_node("Add", ["scaled", "add_mask"], ["masked"]),
        helper.make_node("Softmax", ["masked"], ["probs"], axis=-1),
        helper.make_node("MatMul", ["probs", "v_t"], ["context"]),
        helper.make_node("Transpose", ["context"], ["context_t"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["context_t", "merged"], ["out"]),
    ]
    graph = helper.make_graph(
        nodes,
        "attention",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "seq", DIM]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
        ],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", "seq", DIM])],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])


def run(model: onnx.ModelProto, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    (out,) = session.run(None, {"x": x, "attention_mask": mask})
    return np.asarray(out)


def test_fused_block_gives_the_same_vectors_for_real_tokens_with_padding() -> None:
    rng = np.random.default_rng(0)
    model = attention_block(rng)
    x = rng.normal(size=(3, 5, DIM)).astype(np.float32)
    mask = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]], dtype=np.int64)
    before = run(model, x, mask)
    fused = onnx.ModelProto()
    fused.CopyFrom(model)
    assert fuse_attention(fused, num_heads=HEADS, mask_input="attention_mask") == 1
    ops = [n.op_type for n in fused.graph.node]
    assert ops == ["Cast", "Attention"]  # the old mask arithmetic and projections are gone
    assert {i.name for i in fused.graph.initializer} == {
        "fused_attention_0.qkv.weight",
        "fused_attention_0.qkv.bias",
    }
    after = run(fused, x, mask)
    real = mask.astype(bool)  # padded positions are never pooled
    assert np.abs(after[real] - before[real]).max() < 1e-4
    # padding really is masked: changing a padded token changes nothing real
    x2 = x.copy()
    x2[1, 4] += 10.0
    assert np.abs(run(fused, x2, mask)[1, :3] - after[1, :3]).max() < 1e-5


def test_a_block_that_does_not_match_is_left_as_it_was() -> None:
    model = attention_block(np.random.default_rng(1), scale_op="Div")  # the pattern wants Mul
    before = model.SerializeToString()
    assert fuse_attention(model, num_heads=HEADS, mask_input="attention_mask") == 0
    assert model.SerializeToString() == before


def skip_layer_norm(rng: np.random.Generator) -> onnx.ModelProto:
    """One residual add and layer norm as ONNX Runtime's optimiser fuses them (with bias)."""
    inits = [
        numpy_helper.from_array(rng.normal(size=DIM).astype(np.float32), name)
        for name in ("gamma", "beta", "bias")
    ]
    node = helper.make_node(
        "SkipLayerNormalization",
        ["x", "skip", "gamma", "beta", "bias"],
        ["out"],
        domain="com.microsoft",
        epsilon=1e-12,
    )
    shape = ["batch", "seq", DIM]
    graph = helper.make_graph(
        [node],
        "skip_layer_norm",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, shape),
            helper.make_tensor_value_info("skip", TensorProto.FLOAT, shape),
        ],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)],
        inits,
    )
    opsets = [helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets)


def test_skip_layer_norm_unfused_gives_the_same_numbers() -> None:
    rng = np.random.default_rng(2)
    model = skip_layer_norm(rng)
    feeds = {name: rng.normal(size=(2, 5, DIM)).astype(np.float32) for name in ("x", "skip")}
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    (before,) = session.run(None, feeds)
    assert unfuse_skip_layer_norm(model) == 1
    assert [n.op_type for n in model.graph.node] == ["Add", "Add", "LayerNormalization"]
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    (after,) = session.run(None, feeds)
    assert np.abs(np.asarray(after) - np.asarray(before)).max() < 1e-5
