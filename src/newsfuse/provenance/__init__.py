"""Which articles are one independent source: copies of one text count once."""

from newsfuse.provenance.exact import group_exact_copies

__all__ = ["group_exact_copies"]
