"""The times stage: every article's time expressions, and each dated sentence's event time
beside its report time.

An article's expressions are anchored to its publication day; an article without one keeps its
absolute dates and gets its relative ones ("on Saturday") back unresolved, with that reason.
A sentence's event time is the first expression in it that names a calendar point (a DATE or
TIME with a value, or one that could not be anchored, with the reason); durations, recurrences
and vague references ("now", "recently") do not date an event. Until the events stage exists,
every sentence that names such a time is reported: it is the event time of what the sentence
tells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from newsfuse.model import Article, SentenceTime, TimeExpression, TimexType
from newsfuse.nlp.timex import find_time_expressions, sentence_bounds
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent

__all__ = ["tag_times"]


def tag_times(
    articles: Sequence[Article],
    progress: Progress = Silent(),
    alongside: Callable[[], object] | None = None,
) -> None:
    """Fill ``times`` and ``sentence_times`` of every article, in place. ``alongside`` runs in
    this process while the workers read the dates (:func:`~newsfuse.parallel.fork_map`)."""
    # Rules compiled here, once, before the workers fork (fork_map) and inherit them.
    find_time_expressions("on Saturday, five months ago", date(2022, 9, 10))
    tagged = fork_map(
        _article_times,
        articles,
        cost=lambda article: len(article.text),
        advance=progress.step("Resolving dates", len(articles)),
        alongside=alongside,
    )
    for article, (times, sentence_times) in zip(articles, tagged, strict=True):
        article.times = times
        article.sentence_times = sentence_times


def _article_times(article: Article) -> tuple[list[TimeExpression], list[SentenceTime]]:
    times = find_time_expressions(article.text, _anchor(article))
    report_time = article.published.value if article.published else None
    return times, _sentence_times(times, sentence_bounds(article.text), report_time)


def _anchor(article: Article) -> date | None:
    day = article.published.day if article.published else None
    return date.fromisoformat(day) if day else None


def _dates_an_event(expression: TimeExpression) -> bool:
    if expression.type not in (TimexType.DATE, TimexType.TIME):
        return False
    return expression.precision is not None or expression.unresolved is not None


def _sentence_times(
    expressions: list[TimeExpression], sentences: list[tuple[int, int]], report_time: str | None
) -> list[SentenceTime]:
    dated = [e for e in expressions if _dates_an_event(e)]
    out = []
    i = 0
    for start, end in sentences:
        while i < len(dated) and dated[i].start < start:
            i += 1
        if i < len(dated) and dated[i].end <= end:
            first = dated[i]
            out.append(
                SentenceTime(
                    start=start,
                    end=end,
                    event_time=first.value,
                    precision=first.precision,
                    expression=first.text,
                    report_time=report_time,
                    unresolved=first.unresolved,
                )
            )
    return out
