"""Integration: the whole pipeline on the bundled demo corpus, checked against what was planted
(examples/kharkiv-2022.expected.json, written with the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.nlp.embeddings import backend_name
from newsfuse.outputs import validate_report, write_outputs

pytestmark = pytest.mark.demo


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    from newsfuse import analyze
    from tests.conftest import DEMO

    if not DEMO.exists():
        pytest.skip(f"demo corpus {DEMO} is missing")
    report = analyze([DEMO])
    out = tmp_path_factory.mktemp("demo-report")
    write_outputs(report, out)
    expected = json.loads((DEMO.parent / "kharkiv-2022.expected.json").read_text())
    return report, out, expected


def short_key(key: str) -> str:
    """'…/examples/kharkiv-2022/roundup.jsonl#1' → 'roundup.jsonl#1'."""
    path, _, index = key.partition("#")
    return Path(path).name + (f"#{index}" if index else "")


def story_keys(report) -> list[set[str]]:
    by_id = {a.id: short_key(a.key) for a in report.articles}
    return [{by_id[i] for i in story.article_ids} for story in report.stories]


def test_every_demo_report_is_read(demo_run):
    report, _, expected = demo_run
    keys = {short_key(a.key) for a in report.articles}
    planted = set(expected["stories"]["kharkiv"]) | set(expected["stories"]["artemis"])
    assert keys == planted
    assert report.rejected == []
    assert report.stats["embedder"] == backend_name()  # "onnx-int8" unless NEWSFUSE_EMBEDDER says


def test_kharkiv_reports_form_one_story_and_artemis_another(demo_run):
    report, _, expected = demo_run
    stories = story_keys(report)
    assert set(expected["stories"]["kharkiv"]) in stories
    assert set(expected["stories"]["artemis"]) in stories
    assert len(stories) == 2


def test_publication_dates_match_the_planted_ones(demo_run):
    report, _, expected = demo_run
    days = {short_key(a.key): a.published.day if a.published else None for a in report.articles}
    assert days == expected["publication_dates"]


def test_planted_boilerplate_is_removed_and_kept_in_removed(demo_run):
    report, _, expected = demo_run
    by_key = {short_key(a.key): a for a in report.articles}
    for key, lines in expected["boilerplate_lines"].items():
        article = by_key[key]
        removed = {r.text.strip() for r in article.removed}
        for line in lines:
            assert line not in article.text.split("\n"), (key, line)
            assert line.strip() in removed, (key, line)


REQUIRED_VARIANTS = [
    {"Zelensky", "Zelenskyy", "Zelenskiy"},
    {"Kupiansk", "Kupyansk"},
    {"Izium", "Izyum"},
    {"Kyiv", "Kiev"},
]


def test_required_transliteration_variants_become_one_entity(demo_run):
    report, _, _ = demo_run
    for variants in REQUIRED_VARIANTS:
        holders = [e for e in report.entities if any(v in a for a in e.aliases for v in variants)]
        assert len(holders) == 1, f"{variants} split over {[e.aliases for e in holders]}"
        spelled = " ".join(holders[0].aliases)
        assert all(v in spelled for v in variants), (variants, holders[0].aliases)


def test_every_planted_variant_the_model_found_is_merged(demo_run):
    report, _, expected = demo_run
    for group in expected["aliases"]:
        variants = group["variants"]
        holders = [e for e in report.entities if set(variants) & set(e.aliases)]
        found = set().union(*(e.aliases for e in holders)) & set(variants) if holders else set()
        if len(found) < 2:
            continue  # the model did not tag enough of the variants to merge
        assert len(holders) == 1, f"{variants} split over {[e.aliases for e in holders]}"


def test_places_resolve_to_ukraine(demo_run):
    report, _, _ = demo_run
    names = {p.name: p for p in report.places}
    for town in ("Izium", "Kupiansk", "Balakliia", "Kyiv"):
        hits = [p for p in report.places if any(town[:4] in m.text for m in p.mentions)]
        assert hits, f"{town} not found among {sorted(names)}"
        assert all(p.country_code == "UA" for p in hits), town


def test_written_report_is_schema_valid_and_lists_every_output(demo_run):
    _, out, _ = demo_run
    data = json.loads((out / "report.json").read_text())
    validate_report(data)
    assert (out / "index.html").stat().st_size > 10_000
    assert len((out / "articles.jsonl").read_text().splitlines()) == len(data["articles"])


def test_mention_offsets_point_at_the_mention_text(demo_run):
    report, _, _ = demo_run
    text_of = {a.id: a.text for a in report.articles}
    for entity in report.entities:
        for mention in entity.mentions:
            assert text_of[mention.article_id][mention.start : mention.end] == mention.text


def test_wire_rewrites_and_the_garbled_copy_form_one_source_with_the_right_origin(demo_run):
    report, _, expected = demo_run
    key_of = {a.id: short_key(a.key) for a in report.articles}
    family = expected["wire_family"]
    groups = [{key_of[i] for i in g.article_ids} for g in report.source_groups]
    assert set(family["members"]) in groups
    group = next(g for g in report.source_groups if key_of[g.origin] == family["origin"])
    assert {key_of[i] for i in group.article_ids} == set(family["members"])
    relations = {key_of[e["article_id"]]: e["relation"] for e in group.evidence if "relation" in e}
    assert set(relations) == set(family["members"]) - {family["origin"]}
    assert set(relations.values()) <= {"duplicate", "rewrite"}


def test_independently_written_reports_stay_separate_sources(demo_run):
    report, _, expected = demo_run
    key_of = {a.id: short_key(a.key) for a in report.articles}
    group_of = {key_of[i]: g.id for g in report.source_groups for i in g.article_ids}
    independent = expected["independent_reports"]
    origin_group = group_of[expected["wire_family"]["origin"]]
    assert len({group_of[k] for k in independent}) == len(independent)
    assert origin_group not in {group_of[k] for k in independent}


def test_story_counts_independent_sources_not_articles(demo_run):
    report, _, expected = demo_run
    key_of = {a.id: short_key(a.key) for a in report.articles}
    kharkiv = next(
        s
        for s in report.stories
        if {key_of[i] for i in s.article_ids} == set(expected["stories"]["kharkiv"])
    )
    copies = len(expected["wire_family"]["members"]) - 1
    assert kharkiv.independent_sources == len(expected["stories"]["kharkiv"]) - copies


# Event times checked by hand against each article's publication day (weekday in brackets).
HAND_CHECKED_EVENT_TIMES = [
    # (article, sentence opening, expression, event time)
    ("cobaltreview.atom#1", "Monday's attempt was called off", "Monday", "2022-08-29"),  # Tue
    ("cobaltreview.atom#1", "For Saturday, the launch team", "Saturday", "2022-09-03"),
    ("kestrelradio.rss#1", "Saturday's scrub followed", "Saturday", "2022-09-03"),  # Sat
    ("roundup.jsonl#1", "Last Monday, the first attempt", "Last Monday", "2022-08-29"),  # Sun
    ("orbitalcourier-artemis-2022-08-29.txt", "Managers said the next opportunity", "Friday",
     "2022-09-02"),  # Mon; "would come as early as Friday" looks forward
    ("northgatetimes-2022-09-11.html", "Russia's defence ministry said on Saturday", "Saturday",
     "2022-09-10"),  # Sun; "would be regrouped" later in the sentence does not move it
    ("northgatetimes-2022-09-11.html", "Izium, which Russian forces seized", "five months ago",
     "2022-04"),
    ("balticbulletin-2022-09-12.html", "But for the first time since February", "February",
     "2022-02"),  # Mon; "since" looks back although "will" follows
    ("harborledger-2022-09-10.txt", "Russia launched its full-scale invasion", "Feb. 24",
     "2022-02-24"),
    ("roundup.jsonl#2", "Kremlin spokesman Dmitry Peskov said on Monday", "Monday", "2022-09-12"),
]  # fmt: skip


def test_event_times_beside_report_times_are_right(demo_run):
    report, _, _ = demo_run
    articles = {short_key(a.key): a for a in report.articles}
    for key, opening, expression, event_time in HAND_CHECKED_EVENT_TIMES:
        article = articles[key]
        [found] = [
            s
            for s in article.sentence_times
            if article.text[s.start : s.end].lstrip('"“').startswith(opening)
        ]
        assert (found.expression, found.event_time) == (expression, event_time), key
        assert found.report_time == article.published.value


def test_places_where_events_happened_are_told_from_places_only_named(demo_run):
    report, _, _ = demo_run
    roles = {place.name: place for place in report.places}
    # Towns fought over are event locations; Moscow is mostly a government that speaks.
    for town in ("Balakliia", "Izium", "Kupiansk"):
        assert roles[town].role == "event", town
    moscow = roles["Moscow"]
    named_only = sum(m.role == "mentioned" for m in moscow.mentions)
    assert named_only > 0.8 * len(moscow.mentions)


# --- claims, quotes and events -------------------------------------------------------------


def stated(value: str):
    """The figure a manifest value states ("up to 50 kilometres"), as the claims stage reads it."""
    from newsfuse.fuse.compare import as_stated
    from newsfuse.nlp.quantities import find_quantities

    return as_stated(find_quantities(value)[0])


def claims_stating(report, key: str, value: str):
    """The claims citing the report ``key`` whose figure is the manifest's ``value``."""
    from newsfuse.fuse.compare import as_stated
    from newsfuse.nlp.quantities import find_quantities, overlap

    ids = {a.id for a in report.articles if short_key(a.key) == key}
    wanted = stated(value)
    found = []
    for claim in report.claims:
        if not ids & {c["article_id"] for c in claim.citations}:
            continue
        figures = find_quantities(claim.value or "")
        if figures and overlap(as_stated(figures[0]), wanted, tolerance=0.0):
            found.append(claim)
    return found


def opposed(a, b) -> bool:
    return any(x["claim_id"] == b.id for x in a.contradicts + a.disputes)


def test_every_planted_contradiction_is_flagged(demo_run):
    report, _, expected = demo_run
    for planted in (c for c in expected["contradictions"] if c["kind"] == "conflict"):
        first, second = planted["values"]
        sides = {first: [], second: []}
        for key, value in planted["by_key"].items():
            side = first if stated(value).low == stated(first).low else second
            sides[side].extend(claims_stating(report, key, value))
        assert sides[first] and sides[second], planted["what"]
        assert any(opposed(a, b) for a in sides[first] for b in sides[second]), planted["what"]
        for claim in sides[first] + sides[second]:
            assert claim.verdict in ("contradicted", "disputed"), planted["what"]


def test_no_planted_agreement_or_update_is_flagged_as_a_contradiction(demo_run):
    report, _, expected = demo_run
    groups = expected["agreements"] + [
        c for c in expected["contradictions"] if c["kind"] == "update_over_time"
    ]
    for planted in groups:
        if "by_key" in planted:
            pairs = [(key, value.split(" (")[0]) for key, value in planted["by_key"].items()]
        else:
            pairs = [(key, value) for key in planted["keys"] for value in planted["values"]]
        claims = {
            claim.id: claim for key, value in pairs for claim in claims_stating(report, key, value)
        }
        assert claims, planted["what"]
        for a in claims.values():
            for b in claims.values():
                assert not opposed(a, b), (planted["what"], a.value, b.value)


def test_claims_count_independent_sources_not_articles(demo_run):
    report, _, _ = demo_run
    for claim in report.claims:
        groups = {
            group.id
            for group in report.source_groups
            for c in claim.citations
            if c["article_id"] in group.article_ids
        }
        assert claim.independent_sources == len(groups)
    # the wire story and its three copies state 'up to 50 kilometres': one source among them
    [depth] = claims_stating(report, "cpa-wire-2022-09-10.txt", "up to 50 kilometres")
    assert len(depth.citations) > depth.independent_sources


def test_planted_quotes_have_their_speaker(demo_run):
    report, _, expected = demo_run
    from newsfuse.eval.quotes import same_speaker

    by_key: dict[str, list] = {}
    key_of = {a.id: short_key(a.key) for a in report.articles}
    for quote in report.quotes:
        by_key.setdefault(key_of[quote.article_id], []).append(quote)
    right = total = 0
    for planted in expected["quotes"]:
        start = planted["text_start"].lower()
        found = [q for q in by_key.get(planted["key"], []) if start in q.text.lower()[:120]]
        total += 1
        right += bool(found) and same_speaker(planted["speaker"], found[0])
    assert right / total >= 0.8, f"{right}/{total}"


def test_events_are_typed_with_slots_and_linked_to_their_story(demo_run):
    report, _, _ = demo_run
    assert report.events
    in_story = {eid for story in report.stories for eid in story.event_ids}
    assert in_story == {event.id for event in report.events}
    for event in report.events:
        assert event.event_type and event.sub_event_type and event.plover
        assert event.report_date is not None
    labels = {event.label for event in report.events}
    # the demo is about an offensive: territory retaken and shelling must be among its events
    assert labels & {"GOV_REGAINS_TERIT", "NON_VIOL_TERRIT_TRANSFER", "ARMED_CLASH"}


# Every timeline entry of the demo, checked by hand against its sentence, the article's
# publication day and the calendar of 2022 (9 September 2022 was a Friday): (article, the words
# that date the entry) → (the day or month they name, whether it is background — over before the
# story's first report). A new entry fails the test until someone checks it and adds it here.
HAND_CHECKED_TIMELINE = {
    # Kupiansk was occupied at the end of February 2022.
    ("crawl.warc.gz#0", "late February"): ("2022-02", True),
    # The wire story and its copies (cpa-wire, harborledger, meridiandaily), all published
    # Saturday 10 September, state these in the same words; any of them may be the one shown.
    **{
        (copy, words): when
        for copy in (
            "cpa-wire-2022-09-10.txt",
            "harborledger-2022-09-10.txt",
            "meridiandaily-2022-09-10.html",
        )
        for words, when in (
            ("Feb. 24", ("2022-02-24", True)),
            # Izium was captured at the start of April 2022.
            ("early April", ("2022-04", True)),
            # Balakliia "returned to Ukrainian control on Thursday": 8 September.
            ("Thursday", ("2022-09-08", False)),
            # "Russia said on Saturday it was pulling its forces back".
            ("Saturday", ("2022-09-10", False)),
            # "The Kremlin declined on Friday to comment": 9 September.
            ("Friday", ("2022-09-09", False)),
        )
    },
    # Balakliia, occupied in early March 2022.
    ("crawl.warc.gz#1", "early March"): ("2022-03", True),
    ("balticbulletin-2022-09-12.html", "May"): ("2022-05", True),
    # The Kherson counteroffensive was announced on 29 August 2022.
    ("roundup.jsonl#0", "late August"): ("2022-08", True),
    # Published 13 September: "the counteroffensive launched earlier this month".
    ("roundup.jsonl#2", "earlier this month"): ("2022-09", False),
    # Published Thursday 8 September: "began on Tuesday" is 6 September.
    ("roundup.jsonl#0", "Tuesday"): ("2022-09-06", False),
    ("northgatetimes-2022-09-11.html", "Sunday"): ("2022-09-11", False),
    # Published Tuesday 13 September: Zelenskyy "said on Monday".
    ("crawl.warc.gz#1", "Monday"): ("2022-09-12", False),
    ("roundup.jsonl#2", "Monday"): ("2022-09-12", False),
    # Published Saturday 10 September: the General Staff and Zelenskiy spoke "on Friday".
    ("eurasiainfo-mt-2022-09-10.txt", "Friday"): ("2022-09-09", False),
    # Published Wednesday 14 September: Zelenskyy visited Izium "on Wednesday".
    ("pacificsentinel-export.csv#1", "Wednesday"): ("2022-09-14", False),
    # The first Artemis I attempt was scrubbed on Monday 29 August 2022, the second on Saturday
    # 3 September; NASA announced the second attempt on Tuesday 30 August.
    ("orbitalcourier-artemis-2022-08-29.txt", "Monday morning"): ("2022-08-29", False),
    ("cobaltreview.atom#1", "Tuesday"): ("2022-08-30", False),
    ("kestrelradio.rss#1", "Saturday"): ("2022-09-03", False),
}


def test_every_timeline_date_is_the_one_checked_by_hand(demo_run):
    report, _, _ = demo_run
    keys = {a.id: short_key(a.key) for a in report.articles}
    seen = set()
    for story in report.stories:
        assert story.timeline, story.title
        assert [e.date for e in story.timeline] == sorted(e.date for e in story.timeline)
        for entry in story.timeline:
            where = (keys[entry.sources[0].article_id], entry.expression)
            assert where in HAND_CHECKED_TIMELINE, f"unchecked entry {where}: {entry.text}"
            assert (entry.date, entry.background) == HAND_CHECKED_TIMELINE[where], entry.text
            assert entry.citations and entry.independent_sources >= 1
            seen.add(where)
    assert len(seen) >= 12


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_every_brief_sentence_is_cited_and_no_contradiction_is_stated_as_fact(demo_run):
    """In the brief a contested statement is attributed; in the timeline it is the entry's text
    only when nothing else names the date, and the entry is then flagged."""
    report, _, _ = demo_run
    texts = {a.id: a.text for a in report.articles}
    opposed = [
        (c["article_id"], tuple(c["span"]))
        for claim in report.claims
        if claim.verdict in ("contradicted", "disputed")
        for c in claim.citations
        if not c["headline"]
    ]
    attributed = 0
    for story in report.stories:
        assert story.brief, story.title
        for sentence in story.brief:
            assert sentence.citations and set(sentence.citations) <= set(story.article_ids)
            assert sentence.independent_sources >= 1
            if sentence.status in ("contradicted", "disputed"):
                attributed += 1
                assert len(sentence.sides) >= 2
                for side in sentence.sides:
                    assert side.asserted_by and side.citations
                    assert f"according to {side.asserted_by[0]}" in sentence.sentence
                continue
            first = sentence.sources[0]
            assert texts[first.article_id][first.span[0] : first.span[1]] == sentence.sentence
            for c in sentence.sources:
                for article_id, span in opposed:
                    assert not (c.article_id == article_id and _overlaps(c.span, span)), (
                        f"stated as fact, but contradicted: {sentence.sentence}"
                    )
    assert attributed >= 1  # the planted contradictions reach the brief, attributed
    flagged = 0
    for story in report.stories:
        for entry in story.timeline:
            lead = entry.sources[0]
            carries = any(
                lead.article_id == article_id and _overlaps(lead.span, span)
                for article_id, span in opposed
            )
            assert carries == (entry.status in ("contradicted", "disputed")), entry.text
            assert bool(entry.claim_ids) == carries
            flagged += carries
    # Kupiansk's population (27,000 vs 40,000) is in the only sentence dating its occupation
    assert flagged >= 1


def test_no_two_brief_sentences_align_as_paraphrases(demo_run):
    from itertools import combinations

    from newsfuse.nlp.embeddings import embed
    from newsfuse.provenance.align import SentenceSet, align

    report, _, _ = demo_run
    for story in report.stories:
        statements = [side.text for s in story.brief for side in s.sides] + [
            s.sentence for s in story.brief if not s.sides
        ]
        sets = []
        for text in statements:
            one = SentenceSet.of(text, [(0, len(text))])
            one.embeddings = embed([text])
            sets.append(one)
        for a, b in combinations(range(len(sets)), 2):
            if statements[a] == statements[b]:
                continue  # one claim's side shown in two attributed sentences is checked above
            assert not align(sets[a], sets[b]), (statements[a], statements[b])
