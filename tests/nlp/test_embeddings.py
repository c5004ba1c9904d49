"""The two MiniLM backends give the same vectors; the ONNX export is built once and atomically."""

from __future__ import annotations

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
