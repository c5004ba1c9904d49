"""The brief stage: each story's cited brief and its timeline of what happened when.

    story articles ─> dated sentences ─┬─> statements ─> ranked, de-duplicated ─> brief[]
    (times stage)                      └─> dates named ─> ranked, summarized   ─> timeline[]

Both cite every article behind each sentence, grouped by source group, and count independent
sources, never articles. A contradicted or disputed claim is never stated as fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsfuse.brief._sentences import DatedSentence, dated_sentences
from newsfuse.brief.summary import BriefDraft, carried_claims, contested, draft_brief, finish_brief
from newsfuse.brief.timeline import benchmark_timeline, story_timeline
from newsfuse.config import BriefConfig
from newsfuse.model import Article, Claim, Place, SourceGroup, Story, TimelineEntry
from newsfuse.nlp.embeddings import embed
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent

__all__ = ["DatedSentence", "benchmark_timeline", "dated_sentences", "write_briefs"]


def write_briefs(
    articles: Sequence[Article],
    stories: Sequence[Story],
    groups: Sequence[SourceGroup],
    claims: Sequence[Claim],
    config: BriefConfig = BriefConfig(),
    progress: Progress = Silent(),
    places: Sequence[Place] = (),
) -> None:
    """Fill ``brief`` and ``timeline`` of every story, in place."""
    source_of = {article_id: group.id for group in groups for article_id in group.article_ids}
    by_id = {article.id: article for article in articles}
    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        claims_of[claim.story_id].append(claim)
    origins = {group.origin for group in groups}
    place_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for place in places:
        for mention in place.mentions:
            place_spans[mention.article_id].append((mention.start, mention.end))

    def draft(story: Story) -> tuple[BriefDraft | None, list[TimelineEntry]]:
        # Origins first: where copies state a thing in the same words, the origin's are shown.
        members = sorted(
            (by_id[a] for a in story.article_ids if a in by_id),
            key=lambda a: (a.id not in origins, a.published.value if a.published else "~", a.key),
        )
        sentences = dated_sentences(members)
        carried = carried_claims(sentences, claims_of[story.id])
        brief = draft_brief(
            sentences, source_of, claims_of[story.id], by_id, config.sentences, place_spans, carried
        )
        timeline = story_timeline(
            sentences,
            source_of,
            entries=config.timeline_entries,
            background_days=config.background_days,
            contested=contested(carried),
        )
        return brief, timeline

    # Stories are drafted on every core, dealt by their articles (a story's work grows with
    # them); the paraphrase test's vectors are then computed here, for every story's candidates
    # in one call (a text's vector does not depend on the others).
    drafts = fork_map(
        draft,
        stories,
        min_per_worker=2,
        size=lambda story: len(story.article_ids),
        advance=progress.step(
            "Writing briefs and timelines", sum(len(story.article_ids) for story in stories)
        ),
    )
    embedded = [d for d, _ in drafts if d is not None and d.embedded]
    vectors = embed([text for d in embedded for text in d.texts]) if embedded else None
    start = 0
    for story, (brief, timeline) in zip(stories, drafts, strict=True):
        story.timeline = timeline
        if brief is None:
            story.brief = []
            continue
        own = None
        if brief.embedded and vectors is not None:
            own = vectors[start : start + len(brief.texts)]
            start += len(brief.texts)
        story.brief = finish_brief(brief, own)
