"""The fast TF-IDF paths give scikit-learn's own numbers, to the last bit."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

from newsfuse.nlp import _tfidf
from newsfuse.nlp.events import EventClassifier

TRAIN = [
    "Protesters marched through the old town square on Saturday.",
    "Police fired tear gas at demonstrators near parliament.",
    "Shelling hit a residential block in the east of the city overnight.",
    "The central bank kept its main rate at 4.5 percent.",
    "Rebels seized two villages after heavy fighting, officials said.",
    "The minister opened a new bridge over the river.",
]
AWKWARD = [
    "",
    "   ",
    "A a  a\ta\n\na",
    "Café owners in Zürich – and São Paulo – met “today”.",
    "İstanbul ISTANBUL istanbul",
    "x",
    "Shelling   hit\u00a0a block; police fired tear-gas at 3:40 a.m.",
    "Protesters marched " * 40,
]


def test_char_wb_counts_match_scikit_learn_exactly():
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    vectorizer.fit(TRAIN + AWKWARD[3:])
    ours = _tfidf.transform(vectorizer, AWKWARD + TRAIN)
    theirs = vectorizer.transform(AWKWARD + TRAIN)
    assert ours.shape == theirs.shape
    assert (ours != theirs).nnz == 0


def test_a_vectorizer_fitted_again_does_not_reuse_the_old_vocabulary_ids():
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3))
    vectorizer.fit(TRAIN[:3])
    _tfidf.transform(vectorizer, TRAIN)  # fills the cache of analyzed words
    vectorizer.fit(TRAIN[3:])
    assert (_tfidf.transform(vectorizer, TRAIN) != vectorizer.transform(TRAIN)).nnz == 0


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (1, 3), (2, 3)])
def test_word_ngram_counts_match_scikit_learn_exactly(ngram_range):
    vectorizer = TfidfVectorizer(analyzer="word", ngram_range=ngram_range, sublinear_tf=True)
    vectorizer.fit(TRAIN + AWKWARD[3:])
    assert _tfidf._plain_words(vectorizer)
    ours = _tfidf.transform(vectorizer, AWKWARD + TRAIN)
    theirs = vectorizer.transform(AWKWARD + TRAIN)
    assert ours.shape == theirs.shape
    assert (ours != theirs).nnz == 0


def test_other_analyzers_go_through_scikit_learn():
    chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).fit(TRAIN)
    assert not _tfidf._word_by_word(chars) and not _tfidf._plain_words(chars)
    assert (_tfidf.transform(chars, TRAIN) != chars.transform(TRAIN)).nnz == 0
    filtered = TfidfVectorizer(analyzer="word", stop_words=["the", "a"]).fit(TRAIN)
    assert not _tfidf._plain_words(filtered)
    assert (_tfidf.transform(filtered, TRAIN) != filtered.transform(TRAIN)).nnz == 0
    unfitted = TfidfVectorizer(analyzer="char_wb")
    assert not _tfidf._word_by_word(unfitted)


def test_decision_function_matches_the_pipeline():
    labels = ["protest", "protest", "shelling", "other", "shelling", "other"]
    pipeline = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        ),
        LinearSVC(C=1.0),
    ).fit(TRAIN, labels)
    texts = AWKWARD + TRAIN
    assert np.array_equal(
        _tfidf.decision_function(pipeline, texts), pipeline.decision_function(texts)
    )


def test_a_union_that_drops_a_part_goes_through_scikit_learn():
    from sklearn.pipeline import FeatureUnion

    labels = ["protest", "protest", "shelling", "other", "shelling", "other"]
    pipeline = make_pipeline(
        FeatureUnion(
            [
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4))),
                ("words", "drop"),
            ]
        ),
        LinearSVC(C=1.0),
    ).fit(TRAIN, labels)
    assert _tfidf._parts(pipeline) == (None, None)
    assert np.array_equal(
        _tfidf.decision_function(pipeline, TRAIN), pipeline.decision_function(TRAIN)
    )


def test_the_shipped_event_classifier_scores_the_same_both_ways():
    classifier = EventClassifier.default()
    texts = AWKWARD + TRAIN
    assert np.array_equal(
        _tfidf.decision_function(classifier._tfidf, texts),
        classifier._tfidf.decision_function(texts),
    )
