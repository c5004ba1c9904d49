"""The claims stage on small stories written for these tests: figures aligned across articles,
agreement across units, contradictions, disputes between parties, progress over time, and the
independent-source count."""

from __future__ import annotations

from newsfuse.fuse import find_claims
from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    Place,
    PlaceMention,
    PublishedDate,
    Quote,
    SourceGroup,
    Story,
    TimeSpan,
)
from newsfuse.nlp.times import tag_times


def article(aid: str, text: str, day: str = "2023-03-14", title: str | None = None) -> Article:
    return Article(
        id=aid, key=f"{aid}.txt", source_path=f"in/{aid}.txt", format="text",
        outlet=f"Outlet {aid}", url=None, title=title, language="en", text=text,
        published=PublishedDate(day, DatePrecision.DAY, DateOrigin.HTML_METADATA),
    )  # fmt: skip


def run(
    articles: list[Article],
    groups: list[list[str]] | None = None,
    places: list[Place] = (),
    quotes: list[Quote] = (),
):
    tag_times(articles)
    story = Story("story-1", "A story", [a.id for a in articles], 0, TimeSpan(None, None))
    groups = groups or [[a.id] for a in articles]
    source_groups = [SourceGroup(f"group-{i}", ids, ids[0], "test") for i, ids in enumerate(groups)]
    claims = find_claims(articles, [story], source_groups, list(places), list(quotes))
    return story, claims


def holding(claims, article_id: str):
    return [c for c in claims if any(x["article_id"] == article_id for x in c.citations)]


def linked(a, b) -> bool:
    return any(x["claim_id"] == b.id for x in a.contradicts + a.disputes)


def test_the_same_figure_in_other_units_is_one_claim_with_two_independent_sources():
    story, claims = run(
        [
            article("a", "Lava from the eruption covered about 30 square miles of farmland."),
            article("b", "Lava from the eruption covered some 78 square kilometres of farmland."),
        ]
    )
    [claim] = claims
    assert claim.verdict == "agreed"
    assert claim.independent_sources == 2
    assert {c["article_id"] for c in claim.citations} == {"a", "b"}
    assert claim.normalized["unit"] == "km²" and 69 < claim.normalized["low"] < 71  # 27 sq mi
    assert story.claim_ids == [claim.id]


def test_copies_of_one_source_count_once():
    _, claims = run(
        [
            article("a", "Lava from the eruption covered about 30 square miles of farmland."),
            article("b", "Lava from the eruption covered about 30 square miles of farmland."),
        ],
        groups=[["a", "b"]],
    )
    [claim] = claims
    assert claim.independent_sources == 1 and claim.verdict == "single"


def test_figures_that_cannot_meet_contradict_each_other_and_say_why():
    _, claims = run(
        [
            article("a", "The convoy of trucks was stopped about 30 miles north of the border."),
            article(
                "b", "The convoy of trucks was stopped about 30 kilometres north of the border."
            ),
        ]
    )
    [first] = holding(claims, "a")
    [second] = holding(claims, "b")
    assert first.verdict == second.verdict == "contradicted"
    assert linked(first, second) and linked(second, first)
    assert "30 miles" in first.contradicts[0]["why"]


def test_more_than_twenty_is_not_more_than_thirty():
    _, claims = run(
        [
            article(
                "a",
                "Rescue teams said they had reached more than 30 villages cut off by the flood.",
            ),
            article(
                "b",
                "Rescue teams said they had reached more than 20 villages cut off by the flood.",
            ),
        ]
    )
    assert any(c.verdict == "contradicted" for c in claims)


def test_a_running_total_that_grows_is_progress_not_a_contradiction():
    _, claims = run(
        [
            article("a", "Since Jan. 1, more than 400 homes have been rebuilt, the mayor said on Monday.", "2023-03-13"),
            article("b", "Since Jan. 1, more than 900 homes have been rebuilt, the mayor said on Friday.", "2023-03-17"),
        ]
    )  # fmt: skip
    assert all(c.verdict != "contradicted" for c in claims)


def test_a_running_total_that_shrinks_still_contradicts():
    _, claims = run(
        [
            article("a", "Since Jan. 1, more than 900 homes have been rebuilt, the mayor said on Monday.", "2023-03-13"),
            article("b", "Since Jan. 1, more than 400 homes have been rebuilt, the mayor said on Friday.", "2023-03-17"),
        ]
    )  # fmt: skip
    assert any(c.verdict == "contradicted" for c in claims)


def test_figures_about_different_places_are_not_compared():
    text_a = "Dravik, a port of about 12,000 people, lost power overnight."
    text_b = "Velmor, a port of about 31,000 people, lost power overnight."
    places = [
        Place("p-dravik", "Dravik", None, None, None, None, None, None, None, None,
              [PlaceMention("a", 0, 6, "Dravik")]),
        Place("p-velmor", "Velmor", None, None, None, None, None, None, None, None,
              [PlaceMention("b", 0, 6, "Velmor")]),
    ]  # fmt: skip
    _, claims = run([article("a", text_a), article("b", text_b)], places=places)
    assert claims == []


def test_two_parties_with_different_figures_are_a_dispute_with_both_sides_attributed():
    text_a = "Police said about 5,000 protesters marched through the capital on Saturday."
    text_b = "Organisers said about 20,000 protesters marched through the capital on Saturday."
    quotes = [
        Quote("q1", "a", text_a, (0, len(text_a)), "indirect", "City Police", "Police", None, "say"),
        Quote("q2", "b", text_b, (0, len(text_b)), "indirect", "March Organisers", "Organisers",
              None, "say"),
    ]  # fmt: skip
    _, claims = run([article("a", text_a), article("b", text_b)], quotes=quotes)
    [police] = holding(claims, "a")
    [organisers] = holding(claims, "b")
    assert police.verdict == organisers.verdict == "disputed"
    assert police.asserted_by == ["City Police"] and organisers.asserted_by == ["March Organisers"]
    assert "City Police" in police.disputes[0]["why"]


def test_a_headline_on_one_side_of_a_contradiction_is_flagged():
    story, _ = run(
        [
            article("a", "The new bridge spans about 1.2 miles across the bay, engineers said.",
                    title="Bridge spanning 3 km across the bay opens"),
            article("b", "The new bridge spans about 1.9 kilometres across the bay, engineers said."),
        ]
    )  # fmt: skip
    assert story.headline_conflicts
    assert story.headline_conflicts[0]["article_id"] == "a"


def test_an_article_without_figures_gives_no_claims():
    _, claims = run(
        [article("a", "The talks ended without a statement."), article("b", "No one spoke.")]
    )
    assert claims == []


def test_a_headline_that_contradicts_its_own_article_is_flagged():
    story, _ = run(
        [
            article("a", "The new bridge spans about 1.2 miles across the bay, engineers said.",
                    title="Bridge spanning 3 km across the bay opens"),
            article("b", "Traffic was light on the first morning, officials said."),
        ]
    )  # fmt: skip
    [flag] = story.headline_conflicts
    assert flag["article_id"] == "a" and "3 km" in flag["why"]


def test_similar_figures_are_paired_the_same_in_blocks_as_at_once(monkeypatch):
    import numpy as np

    from newsfuse.fuse import claims as stage

    rng = np.random.default_rng(0)
    vectors = dict(enumerate(v / np.linalg.norm(v) for v in rng.normal(size=(50, 8))))
    buckets = {("length", "meter"): list(range(50))}
    whole = sorted((i, j) for i, j, _ in stage._candidate_pairs(buckets, vectors))
    monkeypatch.setattr(stage, "SIMILARITY_CELLS", 7 * 50)  # blocks of 7 rows
    blocked = sorted((i, j) for i, j, _ in stage._candidate_pairs(buckets, vectors))
    assert whole == blocked and whole and all(i < j for i, j in whole)


def test_the_time_index_answers_as_a_scan_of_every_expression_would():
    import random

    from newsfuse.fuse.claims import _TimeIndex
    from newsfuse.model import TimeExpression, TimexType

    rng = random.Random(7)
    for _ in range(50):
        spans = []
        for _ in range(rng.randint(0, 12)):  # nested, overlapping and touching spans
            start = rng.randint(0, 60)
            spans.append((start, start + rng.randint(1, 15)))
        rng.shuffle(spans)
        times = [TimeExpression(s, e, "x" * (e - s), TimexType.DATE, "2023") for s, e in spans]
        index = _TimeIndex(times)
        for _ in range(30):
            a = rng.randint(0, 80)
            b = a + rng.randint(0, 20)
            assert index.covers(a) == any(s <= a < e for s, e in spans)
            assert index.overlaps(a, b) == any(s < b and a < e for s, e in spans)
            assert [(t.start, t.end) for t in index.within(a, b)] == sorted(
                ((s, e) for s, e in spans if a <= s < b), key=lambda span: span[0]
            )
