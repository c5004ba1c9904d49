"""One input file as found on disk, and bounded ways to read it."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsfuse.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 8192  # enough to sniff a format and spot binary data
_CHUNK_BYTES = 1 << 20
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's way of saying "expect a gzip header"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A regular file to read.

    ``display`` is the path as the user gave it (joined with the path inside a given folder); it
    names the file in keys and rejections. ``gzipped`` is decided from the content, not the name.
    """

    path: Path
    display: str
    size: int
    gzipped: bool = False

    def open(self) -> BinaryIO:
        """The file's bytes, decompressed when it is gzip data."""
        if self.gzipped:
            return gzip.open(self.path, "rb")
        return self.path.open("rb")

    def open_raw(self) -> BinaryIO:
        """The bytes as stored (for readers such as warcio that decompress by themselves)."""
        return self.path.open("rb")

    def head(self, size: int = HEAD_BYTES) -> bytes:
        """The first ``size`` (decompressed) bytes, for sniffing. A gzip stream cut short still
        shows its beginning here; reading the whole file reports the damage."""
        with self.path.open("rb") as stream:
            if not self.gzipped:
                return stream.read(size)
            # Only the first gzip member: enough to sniff, and multi-member files (WARC) are fine.
            decompressor = zlib.decompressobj(wbits=_GZIP_WBITS)
            head = b""
            while (
                len(head) < size
                and not decompressor.eof
                and (chunk := stream.read(_CHUNK_BYTES // 16))
            ):
                head += decompressor.decompress(chunk, size - len(head))
            return head

    def read_all(self, limit: int) -> bytes:
        """The whole (decompressed) content; raises InputError beyond ``limit`` bytes."""
        # In chunks: read(limit + 1) would allocate the whole limit up front for every file.
        chunks: list[bytes] = []
        total = 0
        with self.open() as stream:
            while total <= limit and (chunk := stream.read(min(_CHUNK_BYTES, limit + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
        if total > limit:
            raise InputError(
                self.display,
                f"decompresses to more than {megabytes(limit)}, the ingest_max_file_bytes limit; "
                "raise that setting to read it",
            )
        return b"".join(chunks)


def starts_gzipped(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
