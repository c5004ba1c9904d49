"""The one place where a failure to read an input becomes a :class:`Rejected`.

Readers raise :class:`InputError` for problems they recognise (with a message a user can act on);
the few library and OS exceptions that mean "this input is unreadable" are translated here. Anything
else is a bug and propagates.
"""

from __future__ import annotations

import csv
import errno
import gzip
import zlib

from warcio.exceptions import ArchiveLoadFailed

from newsfuse.errors import InputError
from newsfuse.model import Rejected

STAGE = "ingest"

# Exceptions that say something about the input, not about our code.
READ_ERRORS: tuple[type[BaseException], ...] = (
    InputError,
    OSError,  # includes PermissionError, FileNotFoundError and gzip.BadGzipFile
    EOFError,  # gzip stream cut short
    zlib.error,
    csv.Error,
    ArchiveLoadFailed,
)


def rejected(path: str, reason: str) -> Rejected:
    """A rejection with its reason folded onto one line (library messages can span several)."""
    return Rejected(path=path, stage=STAGE, reason=" ".join(reason.split()))


def rejection_for(path: str, error: BaseException) -> Rejected:
    """Turn one of :data:`READ_ERRORS` into a rejection that says what went wrong and what to do."""
    if isinstance(error, InputError):
        return rejected(error.source or path, error.message)
    return rejected(path, _reason(error))


def _reason(error: BaseException) -> str:
    if isinstance(error, PermissionError):
        return (
            "permission denied; make it readable (e.g. chmod a+r) or run newsfuse as a user "
            "who can read it"
        )
    if isinstance(error, FileNotFoundError):
        return "no such file or directory (it may have been moved while reading); check the path"
    if isinstance(error, EOFError):
        return (
            f"gzip data is truncated ({error}); the file was cut short — download or compress "
            "it again"
        )
    if isinstance(error, (zlib.error, gzip.BadGzipFile)):
        return f"gzip data is corrupt ({error}); download or compress the file again"
    if isinstance(error, csv.Error):
        return f"malformed CSV ({error}); check the quoting and the delimiter"
    if isinstance(error, ArchiveLoadFailed):
        return f"not a readable WARC/ARC archive ({error}); check that the file is complete"
    if isinstance(error, OSError) and error.errno == errno.EISDIR:
        return "is a directory where a file was expected"
    if isinstance(error, OSError):
        return f"could not be read ({error.strerror or error}); check the file and the disk"
    return str(error)
