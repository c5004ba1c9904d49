"""Exact copies: articles whose normalized text is identical form one source group.

Near-duplicates, rewrites and attribution to agencies refine these groups in a later stage; this
stage already guarantees that two byte-different files carrying one text are never counted as two
independent sources.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from newsfuse.model import Article, SourceGroup, stable_id

_NON_WORD = re.compile(r"\W+")


def text_fingerprint(text: str) -> str:
    """Hash of the text with case, punctuation and spacing ignored."""
    normalized = _NON_WORD.sub(" ", text.casefold()).strip()
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=16).hexdigest()


def _published_sort_key(article: Article) -> tuple[int, str, str]:
    # Undated articles sort last: a dated copy is the better guess for the origin.
    value = article.published.value if article.published else ""
    return (0 if value else 1, value, article.id)


def group_exact_copies(articles: Sequence[Article]) -> list[SourceGroup]:
    """One group per distinct text; the earliest-published member is the origin."""
    families: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        families[text_fingerprint(article.text)].append(article)
    groups = []
    for fingerprint, members in families.items():
        members.sort(key=_published_sort_key)
        origin = members[0]
        groups.append(
            SourceGroup(
                id=stable_id("src", fingerprint),
                article_ids=[a.id for a in members],
                origin=origin.id,
                method="exact-text" if len(members) > 1 else "singleton",
                evidence=[
                    {"article_id": a.id, "relation": "exact-copy", "of": origin.id}
                    for a in members[1:]
                ],
            )
        )
    groups.sort(key=lambda g: g.article_ids[0])
    return groups
