"""Dated sentences and timelines on small stories written for these tests: which mentions date
an event, how dates rank by independent sources, background entries, citations, and the
benchmark setting's length."""

from __future__ import annotations

from datetime import date

from newsfuse.brief import dated_sentences
from newsfuse.brief._sentences import date_key, key_last_day
from newsfuse.brief.timeline import (
    TimelineMethod,
    benchmark_timeline,
    rank_dates,
    spread,
    subject_weights,
)
from newsfuse.brief.timeline import story_timeline as build
from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    PublishedDate,
)
from newsfuse.nlp.times import tag_times


def article(aid: str, text: str, day: str = "2023-03-16") -> Article:
    return Article(
        id=aid, key=f"{aid}.txt", source_path=f"in/{aid}.txt", format="text",
        outlet=f"Outlet {aid}", url=None, title=None, language="en", text=text,
        published=PublishedDate(day, DatePrecision.DAY, DateOrigin.HEADER),
    )  # fmt: skip


def sentences_of(*articles: Article):
    tag_times(list(articles))
    return dated_sentences(articles)


def keys(sentence) -> list[str]:
    return [m.key for m in sentence.mentions]


# 2023-03-16 is a Thursday.


def test_date_keys_keep_days_and_months_only() -> None:
    assert date_key("2023-03-14") == ("2023-03-14", DatePrecision.DAY)
    assert date_key("2023-03-14TNI") == ("2023-03-14", DatePrecision.DAY)
    assert date_key("2023-03-14T10:30") == ("2023-03-14", DatePrecision.DAY)
    assert date_key("2023-03") == ("2023-03", DatePrecision.MONTH)
    assert date_key("2023") is None and date_key("2023-W11") is None and date_key(None) is None
    assert key_last_day("2024-02") == date(2024, 2, 29)


def test_weekdays_resolve_against_publication_and_plans_are_left_out() -> None:
    [past, plan, since, forecast] = sentences_of(
        article(
            "a",
            "The ferry ran aground off the northern cape on Tuesday evening.\n"
            "Salvage crews will try to refloat the ferry on Saturday morning.\n"
            "The harbour has been closed to traffic since March 2 this year.\n"
            "Inspectors expect to publish a report in late March or in April.",
        )
    )
    assert keys(past) == ["2023-03-14"]
    assert keys(plan) == []  # Saturday is after publication: a plan, not an event
    assert keys(since) == []  # the bound of a period, not when something happened
    assert keys(forecast) == []  # "late March" starts on the 21st, after publication


def test_a_bare_clock_time_takes_the_day_the_passage_named() -> None:
    [first, clock] = sentences_of(
        article(
            "a",
            "The ferry left the port of Tarn on Tuesday with 214 passengers aboard.\n"
            "It struck a sandbank at 11:40 p.m. local time, the coastguard said.",
        )
    )
    assert keys(first) == ["2023-03-14"]
    assert keys(clock) == ["2023-03-14"]  # not the publication day, 2023-03-16


def test_short_lines_are_not_sentences() -> None:
    found = sentences_of(article("a", "By Staff Writer\nThe ferry ran aground off the cape."))
    assert [s.text for s in found] == ["The ferry ran aground off the cape."]


def test_dates_rank_by_independent_sources_not_articles() -> None:
    found = sentences_of(
        article("a", "The ferry ran aground off the northern cape on Tuesday evening."),
        article("b", "The ferry ran aground off the northern cape on Tuesday evening."),
        article("c", "Passengers were taken ashore by lifeboat on Wednesday morning."),
        article("d", "Lifeboats brought the last passengers ashore on Wednesday."),
    )
    # a and b are one source (a copy); c and d are two.
    ranked = rank_dates(found, {"a": "g1", "b": "g1", "c": "g2", "d": "g3"})
    assert [(k, n) for k, _, n in ranked] == [("2023-03-15", 2.0), ("2023-03-14", 1.0)]


def test_a_neighbouring_date_counts_for_less_once_its_neighbour_is_taken() -> None:
    ranked = [
        ("2023-03-14", DatePrecision.DAY, 10.0),
        ("2023-03-15", DatePrecision.DAY, 8.0),
        ("2023-03-01", DatePrecision.DAY, 6.0),
    ]
    method = TimelineMethod(neighbour_days=1, neighbour_discount=0.5)
    # After the 14th, the 15th counts 4 and the 1st (6) goes before it.
    assert [k for k, _, _ in spread(ranked, 2, method)] == ["2023-03-14", "2023-03-01"]
    no_discount = TimelineMethod(neighbour_discount=1.0)
    assert [k for k, _, _ in spread(ranked, 2, no_discount)] == ["2023-03-14", "2023-03-15"]


STORY = [
    article(
        "a",
        "A passenger ferry ran aground off the northern cape on Tuesday evening.\n"
        "The same ferry was grounded at the cape in June 2021 after a steering failure.\n"
        "Lifeboats took all 214 passengers ashore on Wednesday morning, the coastguard said.",
    ),
    article(
        "b",
        "The coastguard said lifeboats took the 214 passengers ashore on Wednesday.\n"
        "The ferry ran aground off the northern cape late on Tuesday, officials said.",
        day="2023-03-16",
    ),
    article(
        "c",
        "Lifeboats took all 214 passengers ashore on Wednesday morning, the coastguard said.",
    ),
]


def test_story_timeline_dates_each_entry_by_its_own_words_and_cites_every_source() -> None:
    tag_times(STORY)
    groups = {"a": "g1", "b": "g2", "c": "g1"}  # c copies a
    sentences = dated_sentences(STORY)
    entries = build(sentences, groups, entries=10, background_days=3)
    by_date = {e.date: e for e in entries}
    assert list(by_date) == ["2021-06", "2023-03-14", "2023-03-15"]  # in date order
    wednesday = by_date["2023-03-15"]
    assert set(wednesday.citations) == {"a", "b", "c"}
    assert wednesday.independent_sources == 2  # a and c are one source
    assert [c.source_group for c in wednesday.sources] == ["g1", "g1", "g2"]  # grouped
    assert "Wednesday" in wednesday.expression and "Wednesday" in wednesday.text
    naming = {(s.article_id, s.span): s.keys for s in sentences}
    for entry in entries:  # every citation is a sentence that names the entry's date
        assert entry.sources
        for c in entry.sources:
            assert entry.date in naming[(c.article_id, c.span)]


def test_what_ended_before_the_first_report_is_background() -> None:
    tag_times(STORY)
    entries = build(dated_sentences(STORY), {}, entries=10, background_days=3)
    background = {e.date: e.background for e in entries}
    assert background == {"2021-06": True, "2023-03-14": False, "2023-03-15": False}
    assert next(e for e in entries if e.date == "2021-06").precision is DatePrecision.MONTH


def test_a_timeline_is_cut_to_its_most_named_dates() -> None:
    tag_times(STORY)
    entries = build(dated_sentences(STORY), {}, entries=1, background_days=3)
    assert [e.date for e in entries] == ["2023-03-15"]


def test_benchmark_timeline_has_the_asked_days_and_sentences_within_its_span() -> None:
    articles = [
        article("a", "The ferry ran aground off the northern cape on Tuesday evening.", "2023-03-15"),
        article("b", "Divers inspected the damaged hull of the ferry on Wednesday.", "2023-03-16"),
        article("c", "The ferry ran aground off the cape on Tuesday, crews said.", "2023-03-16"),
        article("d", "Tugs towed the ferry back to the port of Tarn this morning.", "2023-03-17"),
        article("e", "The inquiry into the grounding opened in the capital today.", "2023-04-20"),
    ]  # fmt: skip
    found = sentences_of(*articles)
    timeline = benchmark_timeline(found, 3, 1, date(2023, 3, 14), date(2023, 3, 17))
    assert sorted(timeline) == [date(2023, 3, 14), date(2023, 3, 15), date(2023, 3, 17)]
    assert all(len(v) == 1 for v in timeline.values())
    assert "Tarn" in timeline[date(2023, 3, 17)][0]  # an undated lead of that day's article
    assert not any("inquiry" in s for v in timeline.values() for s in v)  # outside the span


def test_a_source_counts_by_how_central_its_naming_sentence_is() -> None:
    found = sentences_of(
        article("a", "The ferry ran aground off the northern cape on Tuesday evening."),
        article("b", "Salvage crews reached the ferry aground off the northern cape on Tuesday."),
        article("c", "The ferry aground off the cape was inspected by divers on Wednesday."),
        article("d", "Separately, the city council approved its annual budget on Wednesday."),
    )
    counted = rank_dates(found)
    assert [(k, n) for k, _, n in counted] == [("2023-03-14", 2.0), ("2023-03-15", 2.0)]
    weights = subject_weights(found, 1.0)
    assert weights is not None and weights[3] < min(weights[:3])  # the budget is an aside
    weighted = rank_dates(found, weights=weights)
    assert weighted[0][0] == "2023-03-14" and weighted[0][2] > weighted[1][2]
    assert subject_weights(found, 0.0) is None


def test_a_contested_sentence_dates_an_entry_only_when_nothing_else_names_the_day() -> None:
    from newsfuse.model import Claim

    tag_times(STORY)
    sentences = dated_sentences(STORY)
    claim = Claim(
        id="claim-1", story_id="s", text="", subject="passengers", predicate="take",
        value="214", unit="", normalized=None, time=None, place_ids=[], polarity=True,
        asserted_by=[], citations=[], independent_sources=1, verdict="contradicted",
    )  # fmt: skip
    wednesday = [s for s in sentences if "2023-03-15" in s.keys]
    june = [s for s in sentences if "2021-06" in s.keys]
    contested = {(s.article_id, s.span): [claim] for s in wednesday[:1] + june}
    entries = build(sentences, {}, entries=10, background_days=3, contested=contested)
    by_date = {e.date: e for e in entries}
    # Wednesday has other sentences naming it: one of them is the text, stated.
    assert (by_date["2023-03-15"].sources[0].article_id, by_date["2023-03-15"].sources[0].span) != (
        wednesday[0].article_id,
        wednesday[0].span,
    )
    assert by_date["2023-03-15"].status == "stated" and not by_date["2023-03-15"].claim_ids
    # June 2021 is named only by the contested sentence: it stays, flagged.
    assert by_date["2021-06"].status == "contradicted"
    assert by_date["2021-06"].claim_ids == ["claim-1"]
