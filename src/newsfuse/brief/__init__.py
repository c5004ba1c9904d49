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
from newsfuse.brief.summary import carried_claims, contested, story_brief
from newsfuse.brief.timeline import benchmark_timeline, story_timeline
from newsfuse.config import BriefConfig
from newsfuse.model import Article, Claim, Place, SourceGroup, Story
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
    advance = progress.step("Writing briefs and timelines", len(stories))
    for story in stories:
        # Origins first: where copies state a thing in the same words, the origin's are shown.
        members = sorted(
            (by_id[a] for a in story.article_ids if a in by_id),
            key=lambda a: (a.id not in origins, a.published.value if a.published else "~", a.key),
        )
        sentences = dated_sentences(members)
        carried = carried_claims(sentences, claims_of[story.id])
        story.brief = story_brief(
            sentences, source_of, claims_of[story.id], by_id, config.sentences, place_spans, carried
        )
        story.timeline = story_timeline(
            sentences,
            source_of,
            entries=config.timeline_entries,
            background_days=config.background_days,
            contested=contested(carried),
        )
        advance(1)
