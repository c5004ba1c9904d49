"""Cited briefs on small stories written for these tests: citations grouped by source group,
independent-source counts, no repeated statement, contradicted claims attributed and never
stated as fact, and the stage filling every story."""

from __future__ import annotations

from newsfuse.brief import dated_sentences, write_briefs
from newsfuse.brief.summary import story_brief
from newsfuse.config import BriefConfig
from newsfuse.fuse import find_claims
from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    PublishedDate,
    SourceGroup,
    Story,
    TimeSpan,
)
from newsfuse.nlp.times import tag_times


def article(aid: str, text: str, outlet: str | None = None) -> Article:
    return Article(
        id=aid, key=f"{aid}.txt", source_path=f"in/{aid}.txt", format="text",
        outlet=outlet or f"Outlet {aid}", url=None, title=None, language="en", text=text,
        published=PublishedDate("2023-05-09", DatePrecision.DAY, DateOrigin.HEADER),
    )  # fmt: skip


FLOOD = [
    article(
        "a",
        "Floodwater breached the river embankment at Marlow Bridge early on Monday.\n"
        "Emergency crews evacuated about 400 homes in the low-lying east of the town.\n"
        "The town council opened two rest centres in school halls for those evacuated.",
    ),
    article(
        "b",
        "Floodwater breached the river embankment at Marlow Bridge early on Monday.\n"
        "Emergency crews evacuated about 400 homes in the low-lying east of the town.\n"
        "Rail services between the town and the coast were suspended until further notice.",
    ),
    article(
        "c",
        "The river burst through its embankment at Marlow Bridge in the early hours of Monday, "
        "flooding streets in the east of the town.\n"
        "Rescuers moved residents of some 400 homes to safety, the fire service said.",
    ),
]


def brief(articles, groups, claims=(), length=5):
    tag_times(articles)
    return story_brief(
        dated_sentences(articles), groups, list(claims), {a.id: a for a in articles}, length
    )


def test_every_sentence_cites_every_article_stating_it_grouped_by_source() -> None:
    sentences = brief(FLOOD, {"a": "g1", "b": "g1", "c": "g2"})  # b copies a
    assert sentences
    breach = next(s for s in sentences if "embankment" in s.sentence)
    assert {"a", "b"} <= set(breach.citations)
    for s in sentences:
        assert s.citations and s.sources
        assert s.independent_sources == len({c.source_group for c in s.sources})
        groups = [c.source_group for c in s.sources]
        assert groups == sorted(groups, key=groups.index)  # one group's citations together
        for c in s.sources:  # each citation points at the sentence in its article
            text = next(a.text for a in FLOOD if a.id == c.article_id)
            assert text[c.span[0] : c.span[1]].strip()
    copied = next(s for s in sentences if "400 homes" in s.sentence and "Emergency" in s.sentence)
    assert copied.independent_sources == 1 and copied.status == "single"  # a copy is no source


def test_independent_reports_of_one_statement_count_as_sources() -> None:
    sentences = brief(FLOOD, {"a": "g1", "b": "g2", "c": "g3"})
    breach = next(s for s in sentences if "embankment" in s.sentence)
    assert breach.independent_sources >= 2 and breach.status == "agreed"


def test_no_statement_appears_twice_and_the_length_is_kept() -> None:
    sentences = brief(FLOOD, {}, length=2)
    assert len(sentences) == 2
    assert len({s.sentence for s in sentences}) == 2
    assert sum("embankment" in s.sentence for s in sentences) <= 1


def test_a_contradicted_figure_is_attributed_to_each_side_never_stated_as_fact() -> None:
    articles = [
        article(
            "a",
            "The storm destroyed 120 homes along the coast road, the county said.",
            "Coast Gazette",
        ),
        article(
            "b",
            "The storm destroyed 45 homes along the coast road, according to the mayor.",
            "Valley Post",
        ),
    ]
    tag_times(articles)
    groups = [SourceGroup("g1", ["a"], "a", "test"), SourceGroup("g2", ["b"], "b", "test")]
    story = Story("s", "Storm", ["a", "b"], 2, TimeSpan(None, None))
    claims = find_claims(articles, [story], groups, [], [])
    assert any(c.verdict in ("contradicted", "disputed") for c in claims)
    sentences = brief(articles, {"a": "g1", "b": "g2"}, claims)
    homes = [s for s in sentences if "homes" in s.sentence]
    assert len(homes) == 1
    [attributed] = homes
    assert attributed.status in ("contradicted", "disputed")
    assert len(attributed.sides) == 2
    assert all(side.asserted_by and side.citations for side in attributed.sides)
    assert "according to" in attributed.sentence
    assert set(attributed.citations) == {"a", "b"}
    assert attributed.independent_sources == 2


def test_the_stage_fills_brief_and_timeline_of_every_story() -> None:
    tag_times(FLOOD)
    stories = [
        Story("s1", "Flood", ["a", "b"], 1, TimeSpan(None, None)),
        Story("s2", "Flood again", ["c"], 1, TimeSpan(None, None)),
    ]
    groups = [SourceGroup("g1", ["a", "b"], "a", "test"), SourceGroup("g2", ["c"], "c", "test")]
    write_briefs(FLOOD, stories, groups, [], BriefConfig(sentences=2, timeline_entries=3))
    for story in stories:
        assert 1 <= len(story.brief) <= 2
        assert set(story.brief[0].citations) <= set(story.article_ids)
        assert story.timeline and story.timeline[0].date == "2023-05-08"  # Monday
    write_briefs(FLOOD, stories, groups, [], BriefConfig(sentences=0, timeline_entries=0))
    assert all(not s.brief and not s.timeline for s in stories)


def test_one_event_of_one_day_told_twice_in_other_words_gets_one_sentence() -> None:
    articles = [
        article(
            "a",
            "Crews shut the coastal highway near Pell Point on Monday after a landslide.\n"
            "The ferry company added two extra sailings to carry stranded drivers.",
        ),
        article(
            "b",
            # TF-IDF cosine 0.34 with a's first sentence: below REDUNDANT, above
            # SAME_DAY_REDUNDANT, and both name Monday.
            "Police said a landslide had buried the coast road at Pell Point on Monday.\n"
            "Geologists will survey the cliff above the road next month.",
        ),
    ]
    sentences = brief(articles, {"a": "g1", "b": "g2"}, length=3)
    monday = [s for s in sentences if "Pell Point" in s.sentence]
    assert len(monday) == 1, [s.sentence for s in sentences]
    assert len(sentences) == 3  # the room goes to other statements


def test_briefs_drafted_in_worker_processes_equal_those_made_in_this_one() -> None:
    from newsfuse.parallel import worker_limit

    tag_times(FLOOD)
    groups = [SourceGroup("g1", ["a", "b"], "a", "test"), SourceGroup("g2", ["c"], "c", "test")]
    members = [["a", "b", "c"], ["a", "c"], ["b"], ["c"], ["a", "b"], ["b", "c"]]

    def written(workers: int) -> list[tuple[list, list]]:
        stories = [
            Story(f"s{n}", "Flood", ids, 1, TimeSpan(None, None)) for n, ids in enumerate(members)
        ]
        with worker_limit(workers):
            write_briefs(FLOOD, stories, groups, [], BriefConfig(sentences=3, timeline_entries=3))
        return [(s.brief, s.timeline) for s in stories]

    here = written(1)
    assert all(brief and timeline for brief, timeline in here)
    assert written(2) == here
