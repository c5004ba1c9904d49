"""One error hierarchy. Every error names the stage that failed and the input it failed on."""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class. ``str(error)`` is one line a user can act on."""

    def __init__(self, message: str, *, stage: str = "", source: str = "") -> None:
        self.message = message
        self.stage = stage
        self.source = source
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}"


class InputError(NewsfuseError):
    """An input file or record that cannot be read. The run goes on without it."""

    def __init__(self, source: str, message: str, *, stage: str = "ingest") -> None:
        super().__init__(message, stage=stage, source=source)


class ConfigError(NewsfuseError):
    """A setting that is out of range or inconsistent; the message says which and what to use."""

    def __init__(self, message: str) -> None:
        super().__init__(message, stage="config")


class ModelNotInstalled(NewsfuseError):
    """A model package is missing; the message names the pip package to install."""

    def __init__(self, message: str) -> None:
        super().__init__(message, stage="nlp")


class NoArticles(NewsfuseError):
    """Nothing readable was found in any input."""

    def __init__(self, message: str) -> None:
        super().__init__(message, stage="ingest")


class DatasetError(NewsfuseError):
    """An evaluation data folder is missing or not laid out as the task expects."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(message, stage="eval", source=source)
