"""Entity mentions from spaCy: batching, chunking and offsets."""

from newsfuse.config import NlpConfig
from newsfuse.model import Article
from newsfuse.nlp.entities import batch_jobs, chunk_text, find_mentions


def article(i: int, text: str) -> Article:
    return Article(
        id=f"a{i}", key=f"k{i}", source_path="x", format="text", outlet=None, url=None,
        title=None, published=None, language="en", text=text,
    )  # fmt: skip


def test_long_text_is_cut_at_paragraph_breaks_and_pieces_cover_it_exactly():
    text = "\n".join(f"Paragraph {i} says something about the harbour." for i in range(500))
    pieces = chunk_text(text, 2000)
    assert all(len(chunk) <= 2000 for _, chunk in pieces)
    assert "".join(chunk for _, chunk in pieces) == text
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in pieces)
    assert all(chunk.endswith("\n") for _, chunk in pieces[:-1])


def test_batches_respect_both_the_count_and_the_character_budget():
    jobs = [(f"a{i}", 0, "x" * size) for i, size in enumerate([10, 10, 10, 50, 10, 100, 5])]
    batches = batch_jobs(jobs, max_texts=3, max_chars=60)
    assert [[j[0] for j in b] for b in batches] == [
        ["a0", "a1", "a2"], ["a3", "a4"], ["a5"], ["a6"]
    ]  # fmt: skip


def test_mentions_are_found_with_offsets_in_one_process_and_in_workers():
    texts = [
        f"Officials in Lisbon said on Monday that Maria Santos would lead the inquiry. ({i})"
        for i in range(6)
    ]
    articles = [article(i, t) for i, t in enumerate(texts)]
    ran: list[int] = []
    one = find_mentions(
        articles, NlpConfig(n_process=1, batch_size=2), alongside=lambda: ran.append(1)
    )
    two = find_mentions(
        articles, NlpConfig(n_process=2, batch_size=2), alongside=lambda: ran.append(2)
    )
    assert one == two
    assert ran == [1, 2]  # the side work runs once, with or without workers
    assert {m.text for m in one} >= {"Lisbon", "Maria Santos"}
    for m in one:
        assert texts[int(m.article_id[1:])][m.start : m.end] == m.text
    assert next(m for m in one if m.text == "Lisbon").preceding == "in"


def test_entity_pipeline_runs_ner_alone_and_matches_the_pipeline_with_tok2vec():
    """en_core_web_sm's ner has its own token embedding, so the shared tok2vec is left out; a
    pipeline whose components listen to it (the parser here) keeps it."""
    from newsfuse.nlp.spacy_model import _listens, load_spacy

    model = NlpConfig().model
    ner_only = load_spacy(model, ("entities",))
    with_parser = load_spacy(model, ("claims",))
    assert ner_only.pipe_names == ["ner"] and not _listens(ner_only)
    assert "tok2vec" in with_parser.pipe_names and _listens(with_parser)
    text = (
        "Volodymyr Zelensky visited Izium on Wednesday, days after Ukrainian forces retook "
        "the city from Russia, the Associated Press reported from Kharkiv."
    )
    assert [(e.text, e.label_) for e in ner_only(text).ents] == [
        (e.text, e.label_) for e in with_parser(text).ents
    ]


def test_words_are_kept_until_the_vocabulary_bound_then_batches_run_in_memory_zones(monkeypatch):
    """Lexemes persist while the vocabulary is small (re-creating them per batch doubled the
    tokenizer's time); past ``KEPT_LEXEMES`` each batch's new words are dropped after it, so a
    long run's memory stays bounded. The mentions are the same either way."""
    from newsfuse.nlp import entities
    from newsfuse.nlp.spacy_model import load_spacy

    model = NlpConfig().model
    strings = load_spacy(model, ("entities",)).vocab.strings

    def tag(word: str) -> list[tuple[str, str]]:
        text = f"Maria Santos met {word} officials in Lisbon on Monday."
        found = entities._batch_mentions(model, [("a1", 0, text)])
        return [(m.text, m.label) for m in found]

    kept, dropped = "Qorvathian", "Zelvorian"
    monkeypatch.setattr(entities, "KEPT_LEXEMES", 10**9)
    before = tag(kept)
    assert kept in strings
    monkeypatch.setattr(entities, "KEPT_LEXEMES", 0)
    assert tag(dropped) == [(m.replace(kept, dropped), label) for m, label in before]
    assert dropped not in strings
