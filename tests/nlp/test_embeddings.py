"""The two full MiniLM backends give the same vectors; the ONNX export is built once and
atomically; the 8-bit export (the default) stays close to it, and gives a text the same vector
whatever else is embedded."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from newsfuse.errors import ConfigError
from newsfuse.nlp import embeddings

SENTENCES = [
    "Ukrainian forces retook Balakliia on Thursday, the general staff said.",
    "The rocket's launch was called off after an engine failed to cool.",
    "",  # an empty text still gets a (unit-length) vector
    "   Leading and trailing spaces are stripped, as sentence-transformers does.   ",
    # Longer than the model's 256 word pieces: truncated the same way by both backends.
    " ".join(["the counter-offensive moved east across the Oskil river"] * 60),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    return embeddings.onnx_model_path(tmp_path_factory.mktemp("cache"))


def test_onnx_and_torch_backends_agree(exported) -> None:
    onnx = embeddings.OnnxEncoder(exported).encode(SENTENCES, batch_size=2)
    torch = embeddings.TorchEncoder().encode(SENTENCES, batch_size=2)
    assert onnx.shape == torch.shape == (len(SENTENCES), embeddings.DIMENSION)
    assert np.abs(onnx - torch).max() < 1e-5
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_batching_does_not_change_the_vectors(exported) -> None:
    encoder = embeddings.OnnxEncoder(exported)
    one_by_one = np.vstack([encoder.encode([s], batch_size=1) for s in SENTENCES])
    together = encoder.encode(SENTENCES, batch_size=64)
    assert np.abs(one_by_one - together).max() < 1e-5


class _RecordingSession:
    """An ONNX session that notes the shape of every batch it runs."""

    def __init__(self, session) -> None:  # type: ignore[no-untyped-def]
        self.session = session
        self.shapes: list[tuple[int, int]] = []

    def run(self, names, feeds):  # type: ignore[no-untyped-def]
        self.shapes.append(feeds["input_ids"].shape)
        return self.session.run(names, feeds)


def test_a_batch_holds_at_most_the_token_budget(exported) -> None:
    encoder = embeddings.OnnxEncoder(exported)
    recording = encoder.session = _RecordingSession(encoder.session)
    sentences = SENTENCES * 8 + ["A short one."] * 40
    vectors = encoder.encode(sentences, batch_size=32)
    shapes = recording.shapes
    assert sum(rows for rows, _ in shapes) == len(sentences)
    assert all(rows == 1 or rows * width <= embeddings._BATCH_TOKENS for rows, width in shapes)
    assert max(rows for rows, _ in shapes) == 32  # short texts still fill a whole batch
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_export_is_reused_and_leaves_no_temporary_file(exported) -> None:
    before = exported.stat().st_mtime_ns
    assert embeddings.onnx_model_path(exported.parent) == exported
    assert exported.stat().st_mtime_ns == before
    assert [p.name for p in exported.parent.iterdir()] == [exported.name]


def test_unknown_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFUSE_EMBEDDER", "tensorflow")
    with pytest.raises(ConfigError, match="NEWSFUSE_EMBEDDER='tensorflow'.*onnx"):
        embeddings.backend_name()


@pytest.fixture(scope="module")
def quantized(exported, tmp_path_factory: pytest.TempPathFactory):
    cache = tmp_path_factory.mktemp("int8-cache")
    shutil.copy(exported, cache / exported.name)  # the export is reused, not redone
    return embeddings.int8_model_path(cache)


def test_the_8_bit_model_is_built_once_beside_the_export(exported, quantized) -> None:
    assert quantized.parent != exported.parent
    assert {p.name for p in quantized.parent.iterdir()} == {exported.name, quantized.name}
    assert quantized.stat().st_size < exported.stat().st_size / 3
    before = quantized.stat().st_mtime_ns
    assert embeddings.int8_model_path(quantized.parent) == quantized
    assert quantized.stat().st_mtime_ns == before


def _eight_bit(quantized) -> embeddings.OnnxEncoder:  # type: ignore[no-untyped-def]
    return embeddings.OnnxEncoder(quantized, one_at_a_time=True)


def test_8_bit_vectors_are_close_to_the_full_ones_but_not_the_same(exported, quantized) -> None:
    full = embeddings.OnnxEncoder(exported).encode(SENTENCES, batch_size=2)
    small = _eight_bit(quantized).encode(SENTENCES, batch_size=2)
    assert np.allclose(np.linalg.norm(small, axis=1), 1.0, atol=1e-5)
    assert (full * small).sum(axis=1).min() > 0.97
    assert np.abs(full - small).max() > 1e-3  # the weights really are quantized


def test_8_bit_vectors_keep_which_sentence_is_nearest(exported, quantized) -> None:
    queries = [
        "Ukrainian troops recaptured the town of Izium on Saturday.",
        "The launch was scrubbed because an engine sensor gave a bad reading.",
        "The central bank raised interest rates by half a point.",
        "Floods forced thousands of families from their homes in the south.",
    ]
    candidates = [
        "Floodwaters drove several thousand households out of southern villages.",
        "Kyiv's forces took back Izium at the weekend.",
        "Rates went up by 0.5 percentage points, the central bank said.",
        "A faulty engine sensor led controllers to call off the launch.",
        "The football club signed a new goalkeeper.",
    ]
    for encoder in (embeddings.OnnxEncoder(exported), _eight_bit(quantized)):
        nearest = (encoder.encode(queries, 8) @ encoder.encode(candidates, 8).T).argmax(axis=1)
        assert nearest.tolist() == [1, 3, 2, 0]


@pytest.mark.parametrize("chosen", [None, "onnx-int8", "onnx"])
def test_the_backend_is_chosen_by_name_and_8_bit_by_default(
    chosen: str | None, exported, quantized, monkeypatch: pytest.MonkeyPatch
) -> None:
    if chosen is None:
        monkeypatch.delenv("NEWSFUSE_EMBEDDER", raising=False)
    else:
        monkeypatch.setenv("NEWSFUSE_EMBEDDER", chosen)
    monkeypatch.setenv("NEWSFUSE_CACHE", str(quantized.parent))
    embeddings.load_embedder.cache_clear()
    try:
        vectors = embeddings.embed(SENTENCES[:2])
    finally:
        embeddings.load_embedder.cache_clear()  # later tests load the default backend again
    encoder = embeddings.OnnxEncoder(exported) if chosen == "onnx" else _eight_bit(quantized)
    expected = encoder.encode(SENTENCES[:2], batch_size=32)
    assert np.abs(vectors - expected).max() < 1e-6


def test_each_backend_names_its_own_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    names = set()
    for backend in embeddings.BACKENDS:
        monkeypatch.setenv("NEWSFUSE_EMBEDDER", backend)
        names.add(embeddings.vectors_id())
    assert len(names) == len(embeddings.BACKENDS)
    monkeypatch.setenv("NEWSFUSE_EMBEDDER", "onnx-int8")
    assert f"int8v{embeddings._INT8_FORMAT}" in embeddings.vectors_id()


def test_an_8_bit_vector_does_not_depend_on_what_else_is_embedded(quantized) -> None:
    # Activations are quantized per tensor at run time: in a batch, the longer and odder texts
    # beside a sentence would move its vector. Each text runs alone instead.
    encoder = _eight_bit(quantized)
    alone = np.vstack([encoder.encode([s], batch_size=32) for s in SENTENCES])
    together = encoder.encode(SENTENCES * 3, batch_size=32)
    assert np.array_equal(together, np.vstack([alone] * 3))
    batched = embeddings.OnnxEncoder(quantized)  # the same model, batched: it does move
    moved = batched.encode(SENTENCES, batch_size=32)[:2] - batched.encode(SENTENCES[:2], 32)
    assert np.abs(moved).max() > 1e-4
