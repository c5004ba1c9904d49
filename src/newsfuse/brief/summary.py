"""Cited briefs: a story's front page in a few sentences, each with every article that states
it and how many independent sources those articles are.

1. Statements: the story's sentences (the first ``LEAD_SENTENCES`` of each article, where news
   puts what matters) are grouped with the sentences of other articles that say the same thing:
   a TF-IDF cosine of ``SAME_STATEMENT`` or more (copies, rewrites, close wordings of
   independent reports), or one claim stated (the claims stage aligned their figures as one).
2. Ranking: a statement scores by its closeness to the story's centroid, times a bonus for each
   further independent source behind it and a small one for carrying a date, a figure or a name.
3. Selection: maximal marginal relevance — the best statement not close (``REDUNDANT``) to one
   already in the brief, not telling the same day's event in other words (the same day named,
   ``SAME_DAY_REDUNDANT`` of cosine), and not aligning with one as a copy or paraphrase by the
   provenance stage's test (with MiniLM cosine, computed for the few candidates only), so no two
   brief sentences say the same thing.
4. Claims: a statement that carries a contradicted or disputed claim is never given as fact; it
   becomes an attributed sentence naming each side and who says it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from newsfuse.brief._sentences import (
    DatedSentence,
    citations,
    pick_central,
    tfidf,
    unit_centroid,
)
from newsfuse.model import Article, BriefSentence, BriefSide, Citation, Claim
from newsfuse.nlp.embeddings import embed
from newsfuse.provenance.align import link_kind

LEAD_SENTENCES = 12
MAX_POOL = 4000  # sentences compared pairwise in one story
SAME_STATEMENT = 0.6
REDUNDANT = 0.4
SAME_DAY_REDUNDANT = 0.2
CANDIDATES = 3  # statements ranked per brief sentence asked for, before the paraphrase check
SOURCE_BONUS = 0.5  # relevance × (1 + SOURCE_BONUS × log2(independent sources))
DETAIL_BONUS = 0.05  # per kind of detail it carries: a date, a figure, a place
_FIGURE = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DISPUTED = ("contradicted", "disputed")


@dataclass(slots=True)
class BriefDraft:
    """A story's brief before the paraphrase test: its candidate statements, best first.

    Everything but that test needs only the story's own sentences, so drafts can be made in
    worker processes; the test reads MiniLM vectors, which are computed in the main process
    (ONNX Runtime's threads cannot be forked) for all stories' candidates at once."""

    length: int
    texts: list[str]  # each candidate's text, as the paraphrase test reads it
    keys: list[frozenset[str]]  # the dates each candidate names (the same-day test)
    sentences: list[BriefSentence]  # each candidate as the brief would state it
    closeness: np.ndarray  # TF-IDF cosine between candidates
    embedded: bool  # whether the paraphrase test reads embeddings (several articles)


def story_brief(
    sentences: Sequence[DatedSentence],
    source_of: Mapping[str, str],
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    length: int,
    place_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    carried: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]] | None = None,
) -> list[BriefSentence]:
    """The brief of one story from its articles' sentences, most important first.
    ``place_spans`` maps an article id to the spans of its place mentions; ``carried`` is
    :func:`carried_claims` of the sentences and claims (computed when not given)."""
    draft = draft_brief(sentences, source_of, claims, articles, length, place_spans, carried)
    if draft is None:
        return []
    return finish_brief(draft, embed(draft.texts) if draft.embedded else None)


def draft_brief(
    sentences: Sequence[DatedSentence],
    source_of: Mapping[str, str],
    claims: Sequence[Claim],
    articles: Mapping[str, Article],
    length: int,
    place_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    carried: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]] | None = None,
) -> BriefDraft | None:
    """Steps 1–2 and 4 of :func:`story_brief` (see the module); None when there is nothing to
    brief."""
    # Leads first, position by position, so a very large story's pool keeps every article's
    # opening sentences and the pairwise similarities stay bounded.
    leads = sorted((s for s in sentences if s.position < LEAD_SENTENCES), key=lambda s: s.position)
    leads = leads[:MAX_POOL]
    if not leads or length < 1:
        return None
    if carried is None:
        carried = carried_claims(sentences, claims)
    rows = tfidf([s.text for s in leads])
    groups = _statements(leads, rows, carried)
    centrality = np.asarray(rows @ unit_centroid(rows)).ravel()
    heads = [max(g, key=lambda i: (centrality[i], -i)) for g in groups]
    scores = np.array(
        [
            centrality[head]
            * (1 + SOURCE_BONUS * math.log2(_sources(group, leads, source_of)))
            * (1 + DETAIL_BONUS * _details(leads[head], place_spans or {}))
            for head, group in zip(heads, groups, strict=True)
        ]
    )
    ranked = pick_central(rows[heads], scores, CANDIDATES * length, REDUNDANT)
    chosen = [heads[p] for p in ranked]
    return BriefDraft(
        length=length,
        texts=[leads[i].text for i in chosen],
        keys=[leads[i].keys for i in chosen],
        sentences=[
            _brief_sentence(
                [leads[i] for i in sorted(groups[p], key=lambda i: i != heads[p])],
                source_of,
                claims,
                carried,
                articles,
            )
            for p in ranked
        ],
        closeness=(rows[chosen] @ rows[chosen].T).toarray(),
        embedded=len({s.article_id for s in leads}) > 1,
    )


def finish_brief(draft: BriefDraft, embeddings: np.ndarray | None) -> list[BriefSentence]:
    """Step 3 of :func:`story_brief`: the best candidates that say nothing another one kept
    says. ``embeddings`` are the MiniLM vectors of ``draft.texts`` (when ``draft.embedded``)."""
    out: list[BriefSentence] = []
    kept: list[int] = []
    shown_claims: set[str] = set()
    for rank, sentence in enumerate(draft.sentences):
        if any(
            _paraphrases(draft.texts, embeddings, rank, other)
            or _same_event(draft.keys[rank], draft.keys[other], draft.closeness[rank, other])
            for other in kept
        ):
            continue
        if sentence.sides:
            # Two statements of one contradiction would show the same sides twice.
            if shown_claims & {side.claim_id for side in sentence.sides}:
                continue
            shown_claims |= {side.claim_id for side in sentence.sides}
        out.append(sentence)
        kept.append(rank)
        if len(out) == draft.length:
            break
    return out


def _statements(
    leads: Sequence[DatedSentence],
    rows: csr_matrix,
    carried: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]],
) -> list[list[int]]:
    """Sentences (indices into ``leads``) grouped by what they state: linked when their TF-IDF
    cosine reaches SAME_STATEMENT, or when they state one claim (the claims stage aligned their
    figures as one), and grouped by connected components."""
    similarity = rows @ rows.T
    links = similarity.multiply(similarity >= SAME_STATEMENT).tocoo()
    pairs_a, pairs_b = list(links.row), list(links.col)
    stating: dict[str, list[int]] = {}
    for i, s in enumerate(leads):
        for claim in carried.get((s.article_id, s.span), ()):
            stating.setdefault(claim.id, []).append(i)
    for members in stating.values():
        pairs_a += members[:-1]
        pairs_b += members[1:]
    n = len(leads)
    graph = coo_matrix((np.ones(len(pairs_a)), (pairs_a, pairs_b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, group in enumerate(label):
        groups.setdefault(int(group), []).append(i)
    return list(groups.values())


def _same_event(a: frozenset[str], b: frozenset[str], closeness: float) -> bool:
    """Two statements naming the same day (``a`` and ``b`` are the dates each names) that share
    some of their words (TF-IDF cosine of SAME_DAY_REDUNDANT) tell one event of that day: a
    brief needs one of them."""
    return closeness >= SAME_DAY_REDUNDANT and bool(a & b)


def _paraphrases(texts: list[str], embeddings: np.ndarray | None, a: int, b: int) -> bool:
    """Whether two sentences align as copies or paraphrases, by the provenance stage's own
    test (word overlap, edit ratio and, for stories of several articles, MiniLM cosine)."""
    words_a, words_b = (frozenset(_WORD.findall(texts[i].casefold())) for i in (a, b))
    union = words_a | words_b
    jaccard = len(words_a & words_b) / len(union) if union else 0.0
    cosine = None if embeddings is None else float(embeddings[a] @ embeddings[b])
    numbers_agree = set(_NUMBER.findall(texts[a])) == set(_NUMBER.findall(texts[b]))
    return link_kind(texts[a], texts[b], jaccard, cosine, numbers_agree) is not None


def _sources(group: list[int], leads: Sequence[DatedSentence], source_of: Mapping[str, str]) -> int:
    return len({source_of.get(leads[i].article_id, leads[i].article_id) for i in group})


def _details(sentence: DatedSentence, place_spans: Mapping[str, Sequence[tuple[int, int]]]) -> int:
    """How many kinds of detail a sentence carries: a date, a figure, a place."""
    places = place_spans.get(sentence.article_id, ())
    return (
        bool(sentence.mentions)
        + bool(_FIGURE.search(sentence.text))
        + any(_overlaps(sentence.span, span) for span in places)
    )


def carried_claims(
    sentences: Sequence[DatedSentence], claims: Sequence[Claim]
) -> dict[tuple[str, tuple[int, int]], list[Claim]]:
    """(article id, span) of each sentence → the claims it states (its span overlaps one of the
    claim's citations in the text; headline citations are left out)."""
    by_article: dict[str, list[tuple[tuple[int, int], Claim]]] = {}
    for claim in claims:
        for citation in claim.citations:
            if not citation.get("headline"):
                span = (int(citation["span"][0]), int(citation["span"][1]))
                by_article.setdefault(citation["article_id"], []).append((span, claim))
    out: dict[tuple[str, tuple[int, int]], list[Claim]] = {}
    for s in sentences:
        carried = {
            claim.id: claim
            for span, claim in by_article.get(s.article_id, [])
            if _overlaps(s.span, span)
        }
        if carried:
            out[(s.article_id, s.span)] = list(carried.values())
    return out


def contested(
    carried: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]],
) -> dict[tuple[str, tuple[int, int]], list[Claim]]:
    """The sentences of ``carried`` that state a contradicted or disputed claim, with those."""
    out = {}
    for where, claims in carried.items():
        opposed = [c for c in claims if c.verdict in DISPUTED]
        if opposed:
            out[where] = opposed
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _brief_sentence(
    stating: Sequence[DatedSentence],
    source_of: Mapping[str, str],
    claims: Sequence[Claim],
    carried: Mapping[tuple[str, tuple[int, int]], Sequence[Claim]],
    articles: Mapping[str, Article],
) -> BriefSentence:
    cited = citations(stating, source_of)
    sources = len({c.source_group for c in cited})
    stated = [claim for s in stating for claim in carried.get((s.article_id, s.span), ())]
    touched = [claim for claim in stated if claim.verdict in DISPUTED]
    claim_ids = sorted({claim.id for claim in stated})
    if not touched:
        return BriefSentence(
            sentence=stating[0].text,
            citations=[c.article_id for c in cited],
            independent_sources=sources,
            status="agreed" if sources > 1 else "single",
            sources=cited,
            claim_ids=claim_ids,
        )
    claim = touched[0]
    by_id = {c.id: c for c in claims}
    others = [
        by_id[link["claim_id"]]
        for link in (*claim.contradicts, *claim.disputes)
        if link["claim_id"] in by_id
    ]
    sides = [_side(c, source_of, articles) for c in (claim, *others)]
    status = "disputed" if claim.verdict == "disputed" else "contradicted"
    cited_ids = list(
        dict.fromkeys(
            [c.article_id for c in cited] + [c.article_id for side in sides for c in side.citations]
        )
    )
    return BriefSentence(
        sentence=_attributed(sides, status),
        citations=cited_ids,
        independent_sources=len({source_of.get(a, a) for a in cited_ids}),
        status=status,
        sources=cited,
        claim_ids=sorted({*claim_ids, *(c.id for c in others)}),
        sides=sides,
    )


def _side(claim: Claim, source_of: Mapping[str, str], articles: Mapping[str, Article]) -> BriefSide:
    citations = []
    seen = set()
    # A headline states the figure too, but a side's citations point at sentences of the text.
    in_text = [c for c in claim.citations if not c.get("headline")] or claim.citations
    for c in in_text:
        if c["article_id"] not in seen:
            seen.add(c["article_id"])
            span = (int(c["span"][0]), int(c["span"][1]))
            group = source_of.get(c["article_id"], c["article_id"])
            citations.append(Citation(c["article_id"], span, group))
    asserted = list(claim.asserted_by) or list(
        dict.fromkeys(_outlet(articles.get(c.article_id)) for c in citations)
    )
    return BriefSide(text=claim.text, asserted_by=asserted, claim_id=claim.id, citations=citations)


def _outlet(article: Article | None) -> str:
    if article is None:
        return "an unnamed report"
    return article.outlet or article.title or article.id


def _attributed(sides: Sequence[BriefSide], status: str) -> str:
    """'Reports differ: according to A, "…"; according to B, "…".' — each side with its
    speakers, or the outlets that state it when no speaker is named."""
    verb = "Accounts are disputed" if status == "disputed" else "Reports differ"
    parts = [f"according to {_names(side.asserted_by)}, \u201c{side.text}\u201d" for side in sides]
    return f"{verb}: " + "; ".join(parts) + "."


def _names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"
