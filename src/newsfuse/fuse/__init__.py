"""Claims across sources: alignment, agreement, contradiction and independent-source counts."""

from newsfuse.fuse.claims import find_claims
from newsfuse.fuse.compare import Comparison, compare, compare_texts, read_statements

__all__ = ["Comparison", "compare", "compare_texts", "find_claims", "read_statements"]
