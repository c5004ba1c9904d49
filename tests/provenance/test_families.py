from newsfuse.config import ProvenanceConfig
from newsfuse.model import (
    Article,
    ArticleRelation,
    Attribution,
    DateOrigin,
    DatePrecision,
    PublishedDate,
    SentenceLink,
    stable_id,
)
from newsfuse.provenance.families import build_families, relation_from_overlap, relayed_agencies


def art(id_, published=None, outlet=None):
    date = PublishedDate(published, DatePrecision.MINUTE, DateOrigin.RECORD) if published else None
    return Article(id_, id_, "", "text", outlet, None, None, date, "en", "text")


def rel(source, target, relation, score=0.9, links=0):
    return ArticleRelation(
        source, target, relation, score, [SentenceLink((0, 1), (0, 1), "verbatim", 1.0)] * links
    )


def test_duplicates_and_rewrites_join_by_union_find_origin_is_earliest():
    articles = [art("c", "2024-05-02T10:00"), art("a", "2024-05-02T08:00"), art("b"), art("d")]
    groups = build_families(
        articles, [rel("a", "b", "duplicate", 1.0, 3), rel("b", "c", "rewrite", 0.7, 2)]
    )
    assert [g.article_ids for g in groups] == [["a", "c", "b"], ["d"]]  # undated b sorts last
    family = groups[0]
    assert family.origin == "a"
    assert family.id == stable_id("src", "a", "b", "c")
    assert family.method == "copy-family" and groups[1].method == "singleton"
    assert {e["article_id"]: e["of"] for e in family.evidence} == {"c": "b", "b": "a"}
    assert family.evidence[1]["shared_sentences"] == 3


def test_partial_joins_only_above_share_and_independent_never():
    articles = [art("a"), art("b"), art("c")]
    relations = [rel("a", "b", "partial", 0.3), rel("a", "c", "independent", 0.9)]
    assert len(build_families(articles, relations)) == 3
    config = ProvenanceConfig(partial_join_share=0.25)
    assert len(build_families(articles, relations, config=config)) == 2


def test_agency_dispatch_is_origin_and_citing_outlet_stays_alone():
    articles = [
        art("x", "2024-05-01T07:00", "Daily Post"),
        art("w", "2024-05-01T09:00", "Reuters"),
        art("z", "2024-05-01T06:00", "Evening Star"),
    ]
    attributions = [
        Attribution("x", "Reuters", (0, 7), "reported"),
        Attribution("z", "Reuters", (10, 17), "according to"),
    ]
    groups = build_families(articles, [rel("x", "w", "rewrite", 0.8)], attributions)
    family = next(g for g in groups if len(g.article_ids) == 2)
    assert family.origin == "w"  # the agency's own dispatch, though published later
    assert {"article_id": "x", "relays": "Reuters", "cue": "reported"} in family.evidence
    assert relayed_agencies(groups) == {"x": ["Reuters"], "z": ["Reuters"]}
    alone = next(g for g in groups if g.article_ids == ["z"])
    assert alone.origin == "z"


def test_total_and_deterministic():
    articles = [art(i, f"2024-01-0{n + 1}") for n, i in enumerate("pqrs")]
    relations = [
        rel("s", "r", "rewrite"),
        rel("q", "p", "duplicate"),
        rel("q", "zz", "rewrite"),
        rel("p", "p", "duplicate"),
    ]
    first = build_families(articles, relations)
    second = build_families(list(reversed(articles)), list(reversed(relations)))
    assert first == second
    assert build_families([], []) == []


def test_relation_from_overlap():
    assert relation_from_overlap(0.95, 0.97, 0.97) == "duplicate"
    assert relation_from_overlap(0.4, 1.0, 0.4) == "rewrite"
    assert relation_from_overlap(0.1, 0.1, 0.3) == "partial"
    assert relation_from_overlap(0.01, 0.02, 0.05) == "independent"
    assert relation_from_overlap(0.4, 1.0, 0.4, shared=5) == "independent"
