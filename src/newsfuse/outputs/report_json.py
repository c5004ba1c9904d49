"""report.json and the JSON Schema that defines it (shipped in the package)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from newsfuse.errors import NewsfuseError


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("newsfuse").joinpath("schema/report.schema.json").read_text("utf-8")
    return json.loads(text)


def validate_report(data: dict[str, Any]) -> None:
    """Raise :class:`NewsfuseError` naming the first field that breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise NewsfuseError(
            f"report.json does not match its schema at {where}: {error.message}", stage="outputs"
        )
