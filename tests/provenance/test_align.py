"""Sentence alignment on hand-written sentences: what counts as reuse, and what does not."""

import pytest

from newsfuse.provenance.align import SentenceSet, align, link_kind, relation_of
from newsfuse.provenance.sentences import sentence_spans

WIRE = (
    "Flood waters rose above the old stone bridge in Marlow on Tuesday night, officials said.\n"
    "The rapid rise of the river forced 300 families to leave their homes before dawn.\n"
    "The mayor said emergency shelters had opened in two schools and the sports hall.\n"
    "Forecasters expect more rain on Thursday, with the river peaking at 4.2 metres."
)
REWRITE = (
    "Flood waters rose above the old stone bridge in Marlow on Tuesday night, officials said.\n"
    "The quick rise of the river forced 300 families to leave their homes before dawn.\n"
    "Forecasters expect more rain on Thursday, with the river peaking at 4.2 metres.\n"
    "Local shops on the high street stayed closed."
)
INDEPENDENT = (
    "Residents of Marlow spent a cold night in school gyms after the river burst its banks.\n"
    "A volunteer handing out blankets said nobody had expected the water to come so fast.\n"
    "Insurers have not yet estimated the cost of the damage to the town centre."
)


def sentences(text: str) -> SentenceSet:
    return SentenceSet.of(text, sentence_spans([text])[0])


def test_sentence_spans_skip_short_lines_and_point_into_the_text():
    text = "MARLOW, May 2\nThe river rose by two metres overnight. It then fell again slowly."
    spans = sentence_spans([text])[0]
    assert [text[s:e] for s, e in spans] == [
        "The river rose by two metres overnight.",
        "It then fell again slowly.",
    ]


@pytest.mark.parametrize(
    ("a", "b", "jaccard", "cosine", "kind"),
    [
        ("The mayor opened two shelters.", "The mayor opened two shelters.", 1.0, None, "verbatim"),
        (
            "The rapid rise of the river forced 300 families to leave their homes.",
            "The quick rise of the river forced 300 families to leave their homes.",
            0.8, None, "edited",
        ),
        (
            "Forecasters expect more rain on Thursday, with the river peaking at 4.2 metres.",
            "On Thursday more rain is expected and the river should peak at 4.2 metres.",
            0.4, 0.86, "paraphrase",
        ),
        (
            "The river forced 300 families to leave their homes before dawn.",
            "River has forced 300 of families to abandon the houses until the dawn.",
            0.2, 0.83, "garbled",
        ),
        (
            "The river forced 300 families to leave their homes before dawn.",
            "River has forced 120 of families to abandon the houses until the dawn.",
            0.2, 0.83, None,  # different numbers: meaning alone does not make it a copy
        ),
        (
            "The river forced 300 families to leave their homes before dawn.",
            "The river forced 120 families to leave their homes before dawn.",
            0.8, None, "edited",  # copied text with a changed number is still reuse
        ),
        ("The mayor opened two shelters.", "Insurers estimate the damage.", 0.0, 0.2, None),
    ],
)  # fmt: skip
def test_link_kinds(a, b, jaccard, cosine, kind):
    numbers = sorted(w for w in a.split() if w.isdigit()) == sorted(
        w for w in b.split() if w.isdigit()
    )
    found = link_kind(a, b, jaccard, cosine, numbers_agree=numbers)
    assert (found[0] if found else None) == kind


def test_a_rewrite_is_aligned_one_to_one_and_classed_a_rewrite():
    wire, rewrite = sentences(WIRE), sentences(REWRITE)
    links = align(wire, rewrite)
    kinds = {REWRITE[s:e][:20]: link.kind for link in links for s, e in [link.target_span]}
    assert kinds == {
        "Flood waters rose ab": "verbatim",
        "The quick rise of th": "edited",
        "Forecasters expect m": "verbatim",
    }
    assert all(WIRE[s:e] for s, e in (link.source_span for link in links))
    relation, share = relation_of(links, rewrite)
    assert relation == "rewrite" and share == pytest.approx(3 / 4)


def test_independent_coverage_of_one_event_is_independent():
    links = align(sentences(WIRE), sentences(INDEPENDENT))
    assert relation_of(links, sentences(INDEPENDENT))[0] == "independent"


def test_an_exact_copy_is_a_duplicate():
    links = align(sentences(WIRE), sentences(WIRE))
    assert relation_of(links, sentences(WIRE)) == ("duplicate", 1.0)
