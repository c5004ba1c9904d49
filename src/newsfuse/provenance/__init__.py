"""Which articles are one independent source: exact copies, near-duplicates (MinHash LSH),
rewrites, paraphrased and machine-translated copies (sentence alignment), and credit lines, made
into copy families. The stage's entry point is :func:`find_sources`."""

from newsfuse.provenance.exact import group_exact_copies
from newsfuse.provenance.stage import Provenance, find_sources

__all__ = ["Provenance", "find_sources", "group_exact_copies"]
