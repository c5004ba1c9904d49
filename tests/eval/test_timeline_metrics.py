"""Timeline-summarization metrics (align+ m:1 ROUGE, concat ROUGE, Date-F1) on small hand-made
timelines whose scores are worked out by hand in the comments.

Stems quoted below are ROUGE-1.5.5.pl's: stop words dropped, Porter applied to words longer than
three characters ("Engineers" -> "engin", "repaired" -> "repair", "bridges" -> "bridg").
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import pytest

from newsfuse.eval.timeline_metrics import (
    PRF,
    alignment_rouge,
    concat_rouge,
    date_f1,
    rouge_tokens,
)


def day(k: int) -> date:
    return date(2022, 3, 1) + timedelta(days=k)


def assert_prf(got: PRF, precision: float, recall: float, f1: float) -> None:
    assert got.precision == pytest.approx(precision)
    assert got.recall == pytest.approx(recall)
    assert got.f1 == pytest.approx(f1)


# --- ROUGE-1.5.5 preprocessing ----------------------------------------------------------------


def test_tokens_lowercase_split_on_non_alphanumerics_and_drop_stopwords():
    # "The", "s" (from "Mayor's"), "in" and "re" (from "re-opened") are on the SMART stop list.
    assert rouge_tokens("The Mayor's office, in Kyiv, re-opened schools.") == [
        "mayor",
        "offic",
        "kyiv",
        "open",
        "school",
    ]
    assert rouge_tokens("It is what it was.") == []
    assert rouge_tokens("") == []


def test_tokens_stem_only_words_longer_than_three_characters():
    # "ties" -> "ti" but "tie" is left alone; likewise "gases" -> "gase" and "gas".
    assert rouge_tokens("tie ties gas gases") == ["tie", "ti", "gas", "gase"]


def test_tokens_keep_ascii_letters_and_digits_only():
    # Hyphens, "$", "." and "%" separate words; each non-ASCII letter does too, as each of its
    # UTF-8 bytes does in the Perl script ("café" -> "caf").
    assert rouge_tokens("cease-fire 1990s $5 3.5% café") == [
        "ceas",
        "fire",
        "1990",
        "5",
        "3",
        "5",
        "caf",
    ]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        # Where ROUGE's Perl Porter differs from Snowball's "porter" (agreement, analogi, accident):
        # CYL's 2004 change lets "-ent" follow a failed "-ement", and step 2 maps "logi" -> "log".
        ("agreement", "agreem"),
        ("analogy", "analog"),
        ("accidental", "accid"),
        # The usual Porter steps.
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("agreed", "agre"),
        ("plastered", "plaster"),
        ("motoring", "motor"),
        ("hoping", "hope"),
        ("falling", "fall"),
        ("filing", "file"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("hopefulness", "hope"),
        ("electricity", "electr"),
        ("adjustable", "adjust"),
        ("replacement", "replac"),
        ("adoption", "adopt"),
        ("controlling", "control"),
        ("yelling", "yell"),  # an initial y is a consonant
    ],
)
def test_tokens_use_rouges_porter_stemmer(word: str, stem: str):
    # Expected stems are what ROUGE-1.5.5.pl's `stem` prints for these words.
    assert rouge_tokens(word) == [stem]


# --- align+ m:1 ---------------------------------------------------------------------------------

CEASEFIRE = "Ceasefire announced"  # ceasefir, announc


def test_identical_timelines_score_one():
    timeline = {
        day(0): ["Rebels shelled the northern bridge.", "Engineers repaired it overnight."],
        day(4): [CEASEFIRE],
        day(30): ["Elections postponed until spring."],
    }
    for n in (1, 2):
        assert_prf(alignment_rouge(timeline, [timeline], n), 1, 1, 1)


def test_one_day_shift_halves_the_numerator():
    # rebel shell northern bridg: 4 unigrams and 3 bigrams, all matched, weighted 1/(1+1).
    predicted = {day(1): ["Rebels shelled the northern bridge"]}
    reference = {day(0): ["Rebels shelled the northern bridge"]}
    assert_prf(alignment_rouge(predicted, [reference], 1), 2 / 4, 2 / 4, 0.5)
    assert_prf(alignment_rouge(predicted, [reference], 2), 1.5 / 3, 1.5 / 3, 0.5)


def test_content_overlap_beats_date_distance():
    # Predicted day 10 against reference day 9 (1 day, no shared words): cost (1 - 1/2) * 1 = 0.5;
    # against day 12 (2 days, the same sentence): cost (1 - 1/3) * 0 = 0. So day 10 goes to day 12.
    predicted = {day(10): ["Rebels shelled the northern bridge"]}  # 4 unigrams
    reference = {
        day(9): ["Quiet streets"],  # quiet street: 2 unigrams
        day(12): ["Rebels shelled the northern bridge"],
    }
    # P = (1/3 * 4) / 4 = 1/3. Recall: day 9 -> day 10 with no hit, day 12 -> day 10 with 4 hits
    # weighted 1/3: R = (4/3) / (2 + 4) = 2/9. F = 2 * 1/3 * 2/9 / (1/3 + 2/9) = 4/15.
    assert_prf(alignment_rouge(predicted, [reference], 1), 1 / 3, 2 / 9, 4 / 15)


def test_without_raw_word_overlap_alignment_goes_by_date_alone():
    # The alignment cost uses tilse's approximate ROUGE-1 on raw whitespace tokens (case kept, no
    # stemming): "engineer repairs bridge" shares no raw token with "Engineers repaired bridges",
    # although all three ROUGE stems (engin repair bridg) match.
    reference = {day(0): ["Engineers repaired bridges"]}
    predicted = {
        day(-2): ["engineer repairs bridge"],
        day(1): ["Flooding closed schools"],  # flood close school: no match
    }
    # Precision: both predicted days have only day 0 to go to: (1/3 * 3 + 1/2 * 0) / (3 + 3) = 1/6.
    # Recall: day 0 costs (1 - 1/3) * 1 to day -2 and (1 - 1/2) * 1 to day 1, so it is aligned to
    # the nearer day 1, whose summary matches nothing: R = 0, F = 0.
    assert_prf(alignment_rouge(predicted, [reference], 1), 1 / 6, 0, 0)
    # With the reference's own words on day -2 the content cost is 0 and recall finds it there:
    # R = (1/3 * 3) / 3 = 1/3; F = 2 * 1/6 * 1/3 / (1/6 + 1/3) = 2/9.
    predicted[day(-2)] = ["Engineers repaired bridges"]
    assert_prf(alignment_rouge(predicted, [reference], 1), 1 / 6, 1 / 3, 2 / 9)


def test_equal_costs_go_to_the_earliest_day():
    # No raw token of "harbor closed" is in either reference day ("Harbors closing" differs in
    # inflection), so day 1 costs 1/2 against both day 0 and day 2: the tie goes to day 0, where
    # both stems match (harbor close).
    predicted = {day(1): ["harbor closed"]}
    reference = {day(0): ["Harbors closing"], day(2): ["Quiet streets"]}
    # P = (1/2 * 2) / 2 = 1/2; R = (1/2 * 2 + 1/2 * 0) / (2 + 2) = 1/4; F = 1/3.
    assert_prf(alignment_rouge(predicted, [reference], 1), 1 / 2, 1 / 4, 1 / 3)


def test_several_predicted_days_may_share_one_reference_day():
    # Both predicted days align to day 0: P = (1 * 2 + 1/2 * 2) / (2 + 2) = 3/4. Recall: day 0 costs
    # 0 against both predicted days (same words), the tie goes to day 0: R = 2/2 = 1. F = 6/7.
    predicted = {day(0): [CEASEFIRE], day(1): [CEASEFIRE]}
    reference = {day(0): [CEASEFIRE]}
    assert_prf(alignment_rouge(predicted, [reference], 1), 3 / 4, 1, 6 / 7)


def test_two_references():
    # Reference B has no day 0: it counts as an empty summary there, still one of the two
    # references. P = 2 hits / (2 references * 2 unigrams) = 1/2. Recall: day 0 -> 2 hits out of
    # 2 + 0; day 5 (B's "Elections postponed": elect postpon) -> day 0 with none: R = 2 / 4.
    predicted = {day(0): [CEASEFIRE]}
    a = {day(0): [CEASEFIRE]}
    b = {day(5): ["Elections postponed"]}
    assert_prf(alignment_rouge(predicted, [a, b], 1), 1 / 2, 1 / 2, 1 / 2)
    # Matching both references: 2 + 2 hits over 2 * 2 predicted and 2 + 2 reference unigrams.
    assert_prf(alignment_rouge(predicted, [a, dict(a)], 1), 1, 1, 1)


def test_bigrams_run_across_the_sentences_of_a_day():
    # troop withdrew | bridg reopen -> troop withdrew bridg reopen: 3 bigrams on both sides.
    predicted = {day(0): ["Troops withdrew.", "Bridges reopened."]}
    reference = {day(0): ["Troops withdrew as bridges reopened."]}  # "as" is a stop word
    assert_prf(alignment_rouge(predicted, [reference], 2), 1, 1, 1)


def test_stemming_and_stop_words_make_inflections_match():
    # minist meet on both sides; "The", "were" and "A" are stop words.
    predicted = {day(0): ["The ministers were meeting"]}
    reference = {day(0): ["A minister meets"]}
    assert_prf(alignment_rouge(predicted, [reference], 1), 1, 1, 1)
    # A whitespace tokenizer sees no common word at all.
    assert_prf(alignment_rouge(predicted, [reference], 1, tokenizer=str.split), 0, 0, 0)


def test_empty_sides_score_zero():
    reference = {day(0): [CEASEFIRE]}
    assert_prf(alignment_rouge({}, [reference], 1), 0, 0, 0)
    # Nothing to align to: the predicted n-grams count in the precision denominator only.
    assert_prf(alignment_rouge(reference, [{}], 1), 0, 0, 0)


def test_references_must_be_a_non_empty_sequence():
    timeline = {day(0): [CEASEFIRE]}
    with pytest.raises(ValueError):
        alignment_rouge(timeline, [], 1)
    with pytest.raises(TypeError):
        alignment_rouge(timeline, timeline, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        alignment_rouge(timeline, [timeline], 0)


def test_each_sentence_is_tokenized_once():
    calls: list[str] = []

    def counting(sentence: str) -> list[str]:
        calls.append(sentence)
        return rouge_tokens(sentence)

    predicted = {day(0): [CEASEFIRE, "Quiet streets"], day(3): [CEASEFIRE]}
    references = [{day(0): [CEASEFIRE]}, {day(1): ["Quiet streets"], day(3): [CEASEFIRE]}]
    alignment_rouge(predicted, references, 2, tokenizer=counting)
    assert sorted(calls) == sorted({CEASEFIRE, "Quiet streets"})


def test_a_hundred_days_against_a_hundred_days_is_fast():
    rng = random.Random(7)
    words = [f"{a}{b}" for a in ("port", "bridge", "troop", "shell", "vote") for b in range(40)]

    def timeline() -> dict[date, list[str]]:
        return {
            day(rng.randrange(700)): [
                " ".join(rng.choice(words) for _ in range(25)) + " ." for _ in range(2)
            ]
            for _ in range(100)
        }

    predicted, reference = timeline(), timeline()
    start = time.perf_counter()
    for n in (1, 2):
        alignment_rouge(predicted, [reference], n)
    assert time.perf_counter() - start < 1.0


# --- concat ------------------------------------------------------------------------------------


def test_concat_ignores_dates():
    # The same words nine days apart: concat sees a perfect match, the alignment weights it 1/10.
    predicted = {day(9): ["Engineers repaired bridges"]}
    reference = {day(0): ["Engineers repaired bridges"]}
    assert_prf(concat_rouge(predicted, [reference], 1), 1, 1, 1)
    assert_prf(alignment_rouge(predicted, [reference], 1), 0.1, 0.1, 0.1)


def test_concat_with_two_references():
    # engin repair bridg against A (all 3 match) and B (quiet street, none): P = 3 / (2 * 3),
    # R = 3 / (3 + 2); F = 2 * 1/2 * 3/5 / (1/2 + 3/5) = 6/11.
    predicted = {day(0): ["Engineers repaired bridges"]}
    a = {day(2): ["Bridges repaired by engineers"]}  # "by" is a stop word
    b = {day(2): ["Quiet streets"]}
    assert_prf(concat_rouge(predicted, [a, b], 1), 1 / 2, 3 / 5, 6 / 11)


# --- Date-F1 -----------------------------------------------------------------------------------


def test_date_f1_against_the_union_of_reference_days():
    # Predicted {1, 2, 3, 4}; references {2, 3, 9} and {3, 10}, union {2, 3, 9, 10}; both {2, 3}.
    predicted = {day(k): [CEASEFIRE] for k in (1, 2, 3, 4)}
    references = [{day(k): [CEASEFIRE] for k in (2, 3, 9)}, {day(k): [CEASEFIRE] for k in (3, 10)}]
    assert_prf(date_f1(predicted, references), 2 / 4, 2 / 4, 1 / 2)
    # Predicted {1, 2}: P = 1/2, R = 1/4, F = 2 * 1/2 * 1/4 / (3/4) = 1/3.
    assert_prf(date_f1({day(1): [], day(2): []}, references), 1 / 2, 1 / 4, 1 / 3)
    assert_prf(date_f1({day(5): [CEASEFIRE]}, references), 0, 0, 0)
    assert_prf(date_f1({}, references), 0, 0, 0)
