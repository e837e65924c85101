"""A tiny real training run on the base model (slow): model, manifest, ONNX, serving path.

One run (three topics, a few steps) is shared by every test here: it loads
the base model, fine-tunes, exports to ONNX and measures, in well under a
minute on 2 cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from matcher.corpus import Corpus, EvalItem, dev_set_path, load_corpus, load_eval
from matcher.encoders.onnx import OnnxEncoder, export_complete, read_onnx_config
from matcher.models.registry import EXTRA_OOS, switch
from matcher.training.data import TrainConfig
from matcher.training.run import TrainResult, train_model

ROOT = Path(__file__).resolve().parents[2]
TOPICS = ("burn", "nosebleed", "choking")
OOS_VERDICT = "can you recommend a good pizza place near me"
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Helpful:
    text: str
    topic: str
    source: str = "helpful"


def _tiny(corpus: Corpus) -> tuple[Corpus, list[EvalItem]]:
    topics = [
        corpus.topic(t).model_copy(update={"examples": corpus.topic(t).examples[:6]})
        for t in TOPICS
    ]
    small = corpus.model_copy(update={"topics": topics})
    dev = load_eval(dev_set_path())
    items = [i for i in dev if i.topics and set(i.topics) <= set(TOPICS)][:12]
    items += [i for i in dev if i.oos][:6]
    return small, items


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TrainResult:
    small, items = _tiny(load_corpus())
    return train_model(
        corpus=small,
        models_dir=tmp_path_factory.mktemp("models"),
        config=TrainConfig(max_steps=3, batch_size=4, with_feedback=True),
        feedback=[Helpful("burnt my thumb on the toaster", "burn")],
        oos_texts=[OOS_VERDICT],
        progress=False,
        dev_items=items,
    )


def test_a_tiny_run_writes_a_loadable_model_and_a_complete_manifest(tiny: TrainResult) -> None:
    from sentence_transformers import SentenceTransformer

    m = tiny.manifest
    assert tiny.model_dir.name == tiny.version == m["version"]
    assert json.loads((tiny.model_dir / "manifest.json").read_text()) == m
    for key in ("created", "base_model", "recipe", "corpus_hash", "dev_hash", "thresholds"):
        assert m[key], key
    assert m["recipe"]["loss"] == "MultipleNegativesRankingLoss" and m["recipe"]["scale"] == 20.0
    assert {k: m["pairs"][k] for k in ("corpus", "helpful", "correction")} == {
        "corpus": 18,
        "helpful": 1,
        "correction": 0,
    }
    # A seeded sample of the out-of-scope bank (TrainConfig.oos_examples), as anchors.
    assert 250 <= m["pairs"]["out_of_scope"] <= TrainConfig().oos_examples
    assert m["extra_oos"] == 1
    for section in ("dev", "dev_int8"):
        assert {"top1", "top3", "mrr", "oos_recall", "false_rejection", "emergency_recall"} <= set(
            m[section]
        )
    assert m["onnx"]["fp32"]["max_abs_diff"] < 1e-4
    assert m["onnx"]["int8"]["min_cosine"] > 0.8
    assert m["durations_s"]["fit"] > 0 and m["durations_s"]["total"] >= m["durations_s"]["fit"]
    assert json.loads((tiny.model_dir / EXTRA_OOS).read_text()) == [OOS_VERDICT]
    model = SentenceTransformer(str(tiny.model_dir), device="cpu")
    assert model.max_seq_length == 256  # training truncates documents; serving does not
    assert model.encode(["my nose is bleeding"]).shape == (1, 384)


def test_onnx_matches_torch_on_ragged_batches_and_long_texts(tiny: TrainResult) -> None:
    from sentence_transformers import SentenceTransformer

    texts = [
        "help",
        "my nose is bleeding",
        "BURNED MY HAND ON THE STOVE WHAT DO I DO",
        "my son swallowed a coin and is coughing " * 40,  # far beyond 256 word pieces
    ]
    reference = SentenceTransformer(str(tiny.model_dir), device="cpu").encode(
        texts, normalize_embeddings=True
    )
    folder = tiny.model_dir / "onnx"
    assert export_complete(folder)
    # every attention block was fused (a silent miss would only be slower, so check it)
    assert read_onnx_config(folder)["fused_operators"]["Attention"] == 6
    # int8 keeps residual adds and layer norms apart (faster there), fp32 fuses them
    import onnx

    ops = {
        name: {n.op_type for n in onnx.load(str(folder / name)).graph.node}
        for name in ("model.onnx", "model_int8.onnx")
    }
    assert "SkipLayerNormalization" in ops["model.onnx"]
    assert "SkipLayerNormalization" not in ops["model_int8.onnx"]
    assert "LayerNormalization" in ops["model_int8.onnx"]
    fp32 = OnnxEncoder(folder)
    together = fp32.encode(texts)
    alone = np.vstack([fp32.encode([t]) for t in texts])
    assert np.abs(together - reference).max() < 1e-5
    assert np.abs(alone - reference).max() < 1e-5
    int8 = OnnxEncoder(folder, quantized=True)
    together = int8.encode(texts)
    assert float((together * reference).sum(axis=1).min()) > 0.9
    # a message's int8 vector does not depend on the messages encoded with it
    assert np.array_equal(together, np.vstack([int8.encode([t]) for t in texts]))


def test_serving_a_match_never_imports_torch(tiny: TrainResult, tmp_path: Path) -> None:
    models_dir = tiny.model_dir.parent
    switch(models_dir, tiny.version)
    # torch cannot even be found in the child: an attempt to import it would fail
    # the run, as on a serving-only install; the final check covers silent imports.
    code = (
        "import sys\n"
        "class Absent:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'torch', 'sentence_transformers', 'transformers'}:\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Absent())\n"
        "from bot.bootstrap import build_matcher\n"
        "from bot.settings import get_settings\n"
        "from matcher import answer\n"
        "m = build_matcher(get_settings())\n"
        "assert type(m.encoder).__name__ == 'OnnxEncoder', type(m.encoder)\n"
        f"assert {OOS_VERDICT!r} in m.corpus.oos_examples()\n"
        "reply = answer('my nose is bleeding', matcher=m, country='GB')\n"
        "assert reply.text_chunks\n"
        "bad = sorted(k for k in ('torch', 'sentence_transformers') if k in sys.modules)\n"
        "assert not bad, bad\n"
    )
    env = {
        **os.environ,
        "MODELS_DIR": str(models_dir),
        "DATA_DIR": str(tmp_path / "data"),
        "MODEL": "",
        "ENCODER": "onnx-int8",
    }
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=180)
