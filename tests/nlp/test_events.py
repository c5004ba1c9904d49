"""Event detection, typing and slots, on sentences written for these tests."""

import json

import pytest

from newsfuse.model import (
    Article,
    DateOrigin,
    DatePrecision,
    Entity,
    Mention,
    Place,
    PlaceMention,
    PlaceRole,
    PublishedDate,
    SentenceTime,
)
from newsfuse.nlp import events
from newsfuse.nlp.event_taxonomy import EVENT_TYPES, LABELS, PLOVER_TYPES, event_type
from newsfuse.nlp.events import EventClassifier, actors_in, fatalities_in, find_events

ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_taxonomy_covers_the_30_codes():
    assert len(LABELS) == 30
    for label in LABELS:
        kind = event_type(label)
        assert kind.sub_event_type and kind.plover in PLOVER_TYPES
        assert (kind.event_type in ACLED_TYPES) == kind.acled
    assert sum(t.acled for t in EVENT_TYPES.values()) == 25
    assert event_type("ART_MISS_ATTACK").sub_event_type == "Shelling/artillery/missile attack"
    assert event_type("PEACE_PROTEST").plover == "PROTEST"
    with pytest.raises(KeyError, match="unknown event label"):
        event_type("BOMBING")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Ukrainian troops advanced", "Military Forces of Ukraine"),
        ("Kyiv's army advanced", "Military Forces of Ukraine"),
        ("the Armed Forces of Ukraine advanced", "Military Forces of Ukraine"),
        ("Russian forces pulled back", "Military Forces of Russia"),
        ("French riot police moved in", "Police Forces of France"),
        ("American soldiers patrolled", "Military Forces of the United States"),
        ("Kenyan demonstrators gathered", "Protesters (Kenya)"),
    ],
)
def test_actor_phrases_get_acled_names(phrase, expected):
    assert events.normalize_actor(phrase) == expected


def test_actor_country_comes_from_the_sentence_when_the_phrase_has_none():
    actor1, actor2 = actors_in("Police detained dozens of protesters outside parliament.", ["GE"])
    assert (actor1, actor2) == ("Police Forces of Georgia", "Protesters (Georgia)")


def test_passive_agent_is_actor1_and_unknown_actors_are_kept_as_written():
    sentence = "Civilians in the market were shot by Malian soldiers, the mayor said."
    assert actors_in(sentence)[0] == "Military Forces of Mali"
    assert actors_in("Militiamen of the Blue Hand burned a granary.", [], ["Blue Hand"]) == (
        "Blue Hand",
        None,
    )
    # "pro-Russian" fighters are not Russia's army.
    assert actors_in("pro-Russian fighters stormed a checkpoint.")[0] is None


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("A rocket struck the depot, killing 14 workers.", 14),
        ("At least seven people were killed when the bridge collapsed.", 7),
        ("The ambush left nine soldiers dead.", 9),
        ("Four dead after gunmen opened fire on a bus.", 4),
        ("The death toll from the floods has risen to 1,203.", 1203),
        ("The bomb killed one officer and wounded 30 others.", 1),
        ("Thirty-two villagers were killed overnight.", 32),
        ("Dozens of people were killed in the raid.", 12),  # ACLED's convention
        ("Six people were wounded in the blast.", None),
        ("The convoy travelled 40 kilometres.", None),
    ],
)
def test_fatalities(sentence, dead):
    assert fatalities_in(sentence) == dead


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.default()


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        (
            "Two battalions exchanged heavy machine-gun fire across the river for six hours.",
            "ARMED_CLASH",
        ),
        (
            "Artillery batteries pounded the outskirts of the town with dozens of rounds.",
            "ART_MISS_ATTACK",
        ),
        ("Fighter jets bombed a rebel depot on the edge of the city.", "AIR_STRIKE"),
        (
            "Thousands marched peacefully through the capital demanding higher wages.",
            "PEACE_PROTEST",
        ),
        ("Gunmen stormed a village wedding and shot dead eleven guests.", "ATTACK"),
        (
            "A magnitude 6.8 earthquake flattened houses across the mountain province.",
            "NATURAL_DISASTER",
        ),
        ("The two governments signed a ceasefire deal and agreed to swap prisoners.", "AGREEMENT"),
    ],
)
def test_clear_sentences_get_their_label(classifier, sentence, label):
    assert classifier.classify([sentence], detect=False)[0][0] == label


def test_a_sentence_without_an_event_is_none(classifier):
    [(label, _)] = classifier.classify(["The newspaper's website will publish a weekly column."])
    assert label == "NONE"


def test_classify_many_in_workers_matches_classify(classifier, monkeypatch):
    texts = [
        "Two battalions exchanged heavy machine-gun fire across the river for six hours.",
        "The newspaper's website will publish a weekly column.",
        "Fighter jets bombed a rebel depot on the edge of the city.",
        "Thousands marched peacefully through the capital demanding higher wages.",
        "The council meets again on Thursday to discuss the budget.",
        "Gunmen stormed a village wedding and shot dead eleven guests.",
    ] * 3
    monkeypatch.setattr(events, "CLASSIFY_BATCH", 4)  # five batches: fork_map uses workers
    done: list[int] = []
    many = classifier.classify_many(texts, advance=done.append)
    one = classifier.classify(texts)
    assert [label for label, _ in many] == [label for label, _ in one]
    assert [score for _, score in many] == pytest.approx([score for _, score in one], abs=1e-6)
    assert sum(done) == len(texts)


def test_training_sentences_are_read_from_every_tsv(tmp_path):
    (tmp_path / "x.tsv").write_text("label\ttext\nGRENADE\tA grenade hit.\n", encoding="utf-8")
    (tmp_path / "y.tsv").write_text("label\ttext\nNONE\tNothing.\n", encoding="utf-8")
    assert [s.label for s in events.read_training(tmp_path)] == ["GRENADE", "NONE"]
    (tmp_path / "z.tsv").write_text("label\ttext\nBOOM\tBad.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"z\.tsv:2: unknown label"):
        events.read_training(tmp_path)


def test_shipped_embeddings_match_the_training_sentences():
    meta = json.loads(events.EMBEDDINGS_META.read_text(encoding="utf-8"))
    assert meta["tsv_sha256"] == events.training_hash(), (
        f"rebuild them: python {events.BUILD_SCRIPT}"
    )
    assert meta["sentences"] == len(events.read_training())


def test_the_default_classifier_is_kept_in_the_cache_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFUSE_CACHE", str(tmp_path))
    build = EventClassifier.default.__func__.__wrapped__  # past the once-per-process cache
    first = build(EventClassifier)
    assert list(tmp_path.glob("event-classifier-*.pkl")) == [events.fitted_path()]

    def no_fit(*args, **kwargs):
        raise AssertionError("fit again although a fitted classifier was kept")

    with monkeypatch.context() as patched:
        patched.setattr(EventClassifier, "fit", no_fit)
        second = build(EventClassifier)
    sentences = [
        "Police fired tear gas at students blocking the main road.",
        "The council will meet on Tuesday to discuss the budget.",
    ]
    assert second is not first and second.classes == first.classes
    assert (second.probabilities(sentences) == first.probabilities(sentences)).all()

    events.fitted_path().write_bytes(b"not a pickle")  # a truncated or foreign file
    third = build(EventClassifier)
    assert third.classes == first.classes
    assert events._load_fitted(events.fitted_path()) is not None, "the bad file was rewritten"


def test_the_kept_classifier_is_named_by_its_training_sentences(tmp_path):
    for path in events.training_files():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert events.fitted_path(tmp_path, tmp_path) == events.fitted_path(events.DATA_DIR, tmp_path)
    first = events.training_files(tmp_path)[0]
    first.write_text(first.read_text(encoding="utf-8") + "NONE\tOne more line.\n", "utf-8")
    assert events.fitted_path(tmp_path, tmp_path) != events.fitted_path(events.DATA_DIR, tmp_path)


def test_classifiers_fit_on_different_vectors_are_kept_apart(tmp_path, monkeypatch):
    paths = set()
    for backend in ("onnx-int8", "onnx", "torch"):
        monkeypatch.setenv("NEWSFUSE_EMBEDDER", backend)
        paths.add(events.fitted_path(cache_dir=tmp_path))
    assert len(paths) == 3


def test_find_events_fills_the_slots(classifier):
    text = (
        "Russian forces shelled the town of Kupiansk on Tuesday, killing three civilians. "
        "The mayor thanked volunteers for their help with the newspaper's charity drive."
    )
    article = Article(
        id="a1",
        key="a1.txt",
        source_path="a1.txt",
        format="text",
        outlet=None,
        url=None,
        title=None,
        published=PublishedDate("2022-09-14", DatePrecision.DAY, DateOrigin.HEADER),
        language="en",
        text=text,
        sentence_times=[
            SentenceTime(0, 80, "2022-09-13", DatePrecision.DAY, "Tuesday", "2022-09-14")
        ],
    )
    start = text.index("Kupiansk")
    place = Place(
        id="place-1",
        name="Kupiansk",
        geonames_id=None,
        lat=None,
        lon=None,
        country_code="UA",
        admin1=None,
        feature="city",
        population=None,
        entity_id=None,
        mentions=[PlaceMention("a1", start, start + 8, "Kupiansk", PlaceRole.EVENT)],
    )
    norp = Entity("e1", "Russian", "NORP", [], [Mention("a1", 0, 7, "Russian")])
    found = find_events([article], [norp], [place], classifier)
    assert len(found) == 1
    event = found[0]
    assert event.label == "ART_MISS_ATTACK"
    assert event.event_type == "Explosions/Remote violence" and event.plover == "ASSAULT"
    assert event.actor1 == "Military Forces of Russia"
    assert (event.place_id, event.place_role) == ("place-1", PlaceRole.EVENT)
    assert (event.date, event.precision) == ("2022-09-13", DatePrecision.DAY)
    assert event.report_date == "2022-09-14" and event.fatalities == 3
    assert event.span == (0, text.index(" The mayor"))


def test_a_named_military_is_one_actor_and_channels_and_news_agencies_are_none(classifier):
    assert actors_in(
        "Ukrainian troops retook the village.", ["UA"], ["the Armed Forces of Ukraine"]
    ) == ("Military Forces of Ukraine", None)
    text = "Ukrainian troops retook the village of Hrakove, the ministry said on Telegram."
    article = Article(
        id="a2", key="a2.txt", source_path="a2.txt", format="text", outlet=None, url=None,
        title=None, published=None, language="en", text=text,
    )  # fmt: skip
    telegram = text.index("Telegram")
    platform = Entity(
        "e2", "Telegram", "ORG", [], [Mention("a2", telegram, telegram + 8, "Telegram")]
    )
    [event] = find_events([article], [platform], [], classifier)
    assert event.actor1 == "Military Forces of Ukraine" and event.actor2 is None


def test_a_ministry_acts_for_its_government():
    assert actors_in("Russia's defence ministry said its troops would regroup.", ["RU"]) == (
        "Government of Russia",
        "Military Forces of Russia",
    )
