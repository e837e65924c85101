"""Rewrite an exported BERT graph into ONNX Runtime's fused CPU operators.

Training-side only (needs ``onnx``). ONNX Runtime's own optimiser
(``onnxruntime.transformers.optimizer``) fuses the layer norms and GELUs but
does not recognise the self-attention that ``torch.onnx`` writes for
transformers 5, so each block stays ~17 small nodes: three projections with
their bias adds, reshapes and transposes, the scaled ``Q·Kᵀ``, the mask add,
the softmax and the product with ``V``. For a 16-token message every node is
a separate kernel launch and, with two threads, a separate hand-off between
them; that overhead, not arithmetic, is most of the time.
:func:`fuse_attention` replaces each block by one ``com.microsoft.Attention``
node (one ``Q|K|V`` projection, one kernel; ``QAttention`` after
quantisation), with the same embeddings to rounding (``docs/benchmarks.md``).

ONNX Runtime's optimiser also fuses each residual add and layer norm into one
``SkipLayerNormalization``. In the int8 model that kernel is the slow part:
:func:`unfuse_skip_layer_norm` writes them back as ``Add``, ``Add`` and
``LayerNormalization`` before quantising (``matcher.onnx.export``), and a
session does not fuse them again. fp32 stays fused: there the fused kernel is
the faster one.

The pattern is matched strictly; a block that does not match is left as it
was (still correct, only slower) and the count of fused blocks is reported,
so a future exporter that writes attention differently degrades to "not
fused", never to a wrong graph. The export's check against torch runs on the
rewritten graph either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MASK_INT32 = "attention_mask_int32"
MS_DOMAIN = "com.microsoft"


class _NoMatch(Exception):
    """This softmax is not the centre of the self-attention pattern."""


class _Graph:
    """Producer/consumer lookups over a graph's nodes and initializers."""

    def __init__(self, graph: onnx.GraphProto) -> None:
        self.graph = graph
        self.init = {i.name: i for i in graph.initializer}
        self.producer = {out: n for n in graph.node for out in n.output}
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for n in graph.node:
            for name in n.input:
                self.consumers.setdefault(name, []).append(n)

    def made_by(self, name: str, op: str) -> onnx.NodeProto:
        node: onnx.NodeProto | None = self.producer.get(name)
        if node is None or node.op_type != op:
            raise _NoMatch(f"{name} is not made by {op}")
        return node

    def only_user(self, name: str, op: str) -> onnx.NodeProto:
        users = self.consumers.get(name, [])
        if len(users) != 1 or users[0].op_type != op:
            raise _NoMatch(f"{name} is not used by one {op} only")
        user: onnx.NodeProto = users[0]
        return user

    def constant(self, name: str) -> np.ndarray[Any, Any]:
        if name not in self.init:
            raise _NoMatch(f"{name} is not a constant")
        return numpy_helper.to_array(self.init[name])


def _perm(node: onnx.NodeProto) -> list[int]:
    for attr in node.attribute:
        if attr.name == "perm":
            return list(attr.ints)
    raise _NoMatch("transpose without perm")


def _projection(g: _Graph, reshaped: str) -> tuple[str, Any, Any, list[onnx.NodeProto]]:
    """``Reshape(Add(MatMul(x, W), b))``: returns ``x``, ``W``, ``b`` and the three nodes."""
    reshape = g.made_by(reshaped, "Reshape")
    add = g.made_by(reshape.input[0], "Add")
    matmul = g.made_by(add.input[0], "MatMul")
    return (
        matmul.input[0],
        g.constant(matmul.input[1]),
        g.constant(add.input[1]),
        [
            reshape,
            add,
            matmul,
        ],
    )


def _match_block(g: _Graph, softmax: onnx.NodeProto) -> dict[str, Any]:
    """The nodes and weights of one self-attention block around ``softmax``."""
    masked = g.made_by(softmax.input[0], "Add")  # scaled scores + additive padding mask
    scaled = g.made_by(masked.input[0], "Mul")
    scale = g.constant(scaled.input[1])
    if scale.size != 1:
        raise _NoMatch("scale is not a scalar")
    scores = g.made_by(scaled.input[0], "MatMul")
    t_q = g.made_by(scores.input[0], "Transpose")
    t_k = g.made_by(scores.input[1], "Transpose")
    context = g.only_user(softmax.output[0], "MatMul")
    t_v = g.made_by(context.input[1], "Transpose")
    t_out = g.only_user(context.output[0], "Transpose")
    merged = g.only_user(t_out.output[0], "Reshape")
    heads_first, keys_last = [0, 2, 1, 3], [0, 2, 3, 1]
    if [_perm(t_q), _perm(t_k), _perm(t_v), _perm(t_out)] != [
        heads_first,
        keys_last,
        heads_first,
        heads_first,
    ]:
        raise _NoMatch("unexpected head layout")
    x_q, w_q, b_q, n_q = _projection(g, t_q.input[0])
    x_k, w_k, b_k, n_k = _projection(g, t_k.input[0])
    x_v, w_v, b_v, n_v = _projection(g, t_v.input[0])
    if not x_q == x_k == x_v:
        raise _NoMatch("not self-attention")
    return {
        "input": x_q,
        "output": merged.output[0],
        "weight": np.concatenate([w_q, w_k, w_v], axis=1).astype(np.float32),
        "bias": np.concatenate([b_q, b_k, b_v]).astype(np.float32),
        "scale": float(scale.reshape(())),
        "nodes": [masked, scaled, scores, t_q, t_k, context, t_v, t_out, merged, *n_q, *n_k, *n_v],
    }


def fuse_attention(model: onnx.ModelProto, *, num_heads: int, mask_input: str) -> int:
    """Replace every matching self-attention block in place; returns how many were fused.

    ``mask_input`` is the graph input holding the 0/1 padding mask (batch, seq):
    the fused node reads it directly, so the graph's own additive mask becomes dead.
    """
    g = _Graph(model.graph)
    replaced: dict[int, onnx.NodeProto] = {}  # id(softmax) -> its Attention node
    removed: set[int] = set()
    for softmax in [n for n in model.graph.node if n.op_type == "Softmax"]:
        try:
            block = _match_block(g, softmax)
        except _NoMatch:
            continue
        k = len(replaced)
        weight, bias = f"fused_attention_{k}.qkv.weight", f"fused_attention_{k}.qkv.bias"
        model.graph.initializer.extend(
            [
                numpy_helper.from_array(block["weight"], weight),
                numpy_helper.from_array(block["bias"], bias),
            ]
        )
        replaced[id(softmax)] = helper.make_node(
            "Attention",
            [block["input"], weight, bias, MASK_INT32],
            [block["output"]],
            name=f"FusedAttention_{k}",
            domain=MS_DOMAIN,
            num_heads=num_heads,
            scale=block["scale"],
        )
        removed.update(id(n) for n in block["nodes"])
    if not replaced:
        return 0
    # Each Attention node takes its softmax's place: the block's input is made
    # before it and its output's users come after it, so the order stays valid.
    cast = helper.make_node(
        "Cast", [mask_input], [MASK_INT32], name="AttentionMaskToInt32", to=TensorProto.INT32
    )
    nodes = [cast]
    for n in model.graph.node:
        if id(n) in replaced:
            nodes.append(replaced[id(n)])
        elif id(n) not in removed:
            nodes.append(n)
    del model.graph.node[:]
    model.graph.node.extend(_live(model.graph, nodes))
    _drop_unused_initializers(model.graph)
    if not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return len(replaced)


def _live(graph: onnx.GraphProto, nodes: list[onnx.NodeProto]) -> list[onnx.NodeProto]:
    """``nodes`` without those whose outputs nothing reads (the old mask arithmetic)."""
    needed = {o.name for o in graph.output}
    keep = []
    for node in reversed(nodes):
        if any(out in needed for out in node.output):
            keep.append(node)
            needed.update(i for i in node.input if i)
    return keep[::-1]


def _drop_unused_initializers(graph: onnx.GraphProto) -> None:
    used = {i for n in graph.node for i in n.input}
    keep = [i for i in graph.initializer if i.name in used]
    del graph.initializer[:]
    graph.initializer.extend(keep)


def unfuse_skip_layer_norm(model: onnx.ModelProto) -> int:
    """Rewrite each biased ``SkipLayerNormalization`` as ``Add``, ``Add``, ``LayerNormalization``.

    The same arithmetic: ``LayerNorm(input + skip + bias)``. Returns how many were rewritten.
    """
    nodes: list[onnx.NodeProto] = []
    count = 0
    for node in model.graph.node:
        plain = len(node.input) == 5 and len(node.output) == 1  # with bias, no extra outputs
        if node.op_type != "SkipLayerNormalization" or not plain:
            nodes.append(node)
            continue
        x, skip, gamma, beta, bias = node.input
        (out,) = node.output
        residual, biased = f"{out}_residual", f"{out}_biased"
        epsilon = next(
            (float(helper.get_attribute_value(a)) for a in node.attribute if a.name == "epsilon"),
            1e-12,
        )
        nodes += [
            helper.make_node("Add", [x, skip], [residual], name=f"{node.name}_residual"),
            helper.make_node("Add", [residual, bias], [biased], name=f"{node.name}_bias"),
            helper.make_node(
                "LayerNormalization",
                [biased, gamma, beta],
                [out],
                name=f"{node.name}_norm",
                axis=-1,
                epsilon=epsilon,
            ),
        ]
        count += 1
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return count


def optimize_bert(
    src: Path, dst: Path, *, num_heads: int, hidden_size: int, mask_input: str
) -> dict[str, int]:
    """ONNX Runtime's offline BERT fusions, then :func:`fuse_attention`; writes ``dst``.

    Returns the fused operator counts (zero counts left out).
    """
    from onnxruntime.transformers import optimizer

    # opt_level=0: only the pattern fusions, nothing tied to this machine's CPU.
    optimized = optimizer.optimize_model(
        str(src), model_type="bert", num_heads=num_heads, hidden_size=hidden_size, opt_level=0
    )
    stats = {k: int(v) for k, v in optimized.get_fused_operator_statistics().items() if v}
    model: onnx.ModelProto = optimized.model
    fused = fuse_attention(model, num_heads=num_heads, mask_input=mask_input)
    if fused:
        stats["Attention"] = fused
    onnx.save(model, str(dst))
    return stats
