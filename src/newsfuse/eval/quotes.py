"""``newsfuse eval quotes``: who said it (speaker) and through whom (via), against a gold TSV.

Two layouts, told apart by their header:

* passages — ``id<TAB>passage<TAB>text_start<TAB>speaker<TAB>via<TAB>kind``: each passage is an
  article of its own;
* corpus — ``key<TAB>text_start<TAB>speaker<TAB>via<TAB>kind``: ``key`` names a report of a
  corpus folder (``--set corpus=PATH``, default ``examples/kharkiv-2022``) by file name, or
  ``file#N`` for the N-th record of a multi-record file.

``via`` items are separated by `` > `` (``-`` for none); ``UNKNOWN`` is a speaker the text
never identifies. The tests' fixtures (``tests/nlp/fixtures/quotes_*.tsv``) document the
conventions.

A gold quote is *found* when an extracted quote of the same article starts with its
``text_start`` (quote marks and spacing aside). Scores, over all gold quotes (a quote not found
counts as wrong) and over the found ones:

* speaker accuracy: the names match after normalization (case, "the", possessives, "Russia's"
  = "Russian", word order, British and American spelling: "Defense" = "Defence"); for people
  only, a longer name that contains the gold one ("Councillor Ruth Abiola") or the same
  surname spelled either way ("Zelensky" / "Zelenskyy") also matches, never for bodies
  ("Russian Ministry of Defence" is not "Velmari Ministry of Defence", nor "Russia"); an
  acronym matches the name it abbreviates ("CPA" = "Continental Press Agency"); ``UNKNOWN``
  matches an unresolved speaker (no entity);
* chain accuracy: the same number of via items, each matching in order (one item's words
  within the other's: "video address" matches "nightly video address"; an acronym matches the
  name it abbreviates).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsfuse.errors import DatasetError
from newsfuse.eval._registry import EvalResult
from newsfuse.eval._tsv import read_table
from newsfuse.model import Article, Quote
from newsfuse.progress import Progress, Silent

__all__ = ["read_gold", "run", "same_chain", "same_speaker"]

PASSAGE_HEADER = ["id", "passage", "text_start", "speaker", "via", "kind"]
CORPUS_HEADER = ["key", "text_start", "speaker", "via", "kind"]


def read_gold(path: Path) -> tuple[str, list[dict[str, str]]]:
    """("passages" or "corpus", rows). A malformed line stops with its number."""
    header, records = read_table(path, [PASSAGE_HEADER, CORPUS_HEADER])
    layout = "passages" if list(header) == PASSAGE_HEADER else "corpus"
    return layout, [row for _, row in records]


def run(
    data: Path, *, limit: int | None = None, progress: Progress | None = None, **options: Any
) -> EvalResult:
    progress = progress or Silent()
    corpus = Path(str(options.pop("corpus", "examples/kharkiv-2022")))
    if options:
        raise DatasetError(", ".join(options), "the quotes task takes only `corpus`")
    layout, gold = read_gold(data)
    if limit is not None:
        gold = gold[:limit]
    articles, article_of = (
        _passage_articles(gold) if layout == "passages" else _corpus_articles(corpus, gold)
    )
    advance = progress.step("quotes: extracting", 1)
    quotes_by_article = _extract(articles)
    advance(1)
    found = speaker_right = chain_right = 0
    predictions = []
    for row, article_id in zip(gold, article_of, strict=True):
        quote = _match(row["text_start"], quotes_by_article.get(article_id, []))
        speaker_ok = quote is not None and same_speaker(row["speaker"], quote)
        chain_ok = quote is not None and same_chain(_via(row["via"]), quote.via)
        found += quote is not None
        speaker_right += speaker_ok
        chain_right += chain_ok
        predictions.append(
            {
                "gold": row,
                "found": quote is not None,
                "speaker": quote.speaker if quote else None,
                "via": quote.via if quote else None,
                "speaker_right": speaker_ok,
                "chain_right": chain_ok,
            }
        )
    total = len(gold)
    metrics: dict[str, float | int | str] = {
        "gold_quotes": total,
        "found": found,
        "recall": found / total if total else 0.0,
        "speaker_accuracy": speaker_right / total if total else 0.0,
        "chain_accuracy": chain_right / total if total else 0.0,
        "speaker_accuracy_found": speaker_right / found if found else 0.0,
        "chain_accuracy_found": chain_right / found if found else 0.0,
    }
    notes = [
        (
            "accuracies count a gold quote the extractor did not find as wrong; the *_found "
            "figures are over the quotes it found"
        )
    ]
    return EvalResult("quotes", metrics, predictions, notes)


# ----------------------------------------------------------------------------- articles


def _passage_articles(gold: list[dict[str, str]]) -> tuple[list[Article], list[str]]:
    ids: dict[str, str] = {}
    articles = []
    for row in gold:
        passage = row["passage"]
        if passage not in ids:
            ids[passage] = f"passage-{len(ids) + 1}"
            articles.append(
                Article(
                    id=ids[passage],
                    key=ids[passage],
                    source_path="",
                    format="text",
                    outlet=None,
                    url=None,
                    title=None,
                    published=None,
                    language="en",
                    text=passage,
                )
            )
    return articles, [ids[row["passage"]] for row in gold]


def _corpus_articles(corpus: Path, gold: list[dict[str, str]]) -> tuple[list[Article], list[str]]:
    from newsfuse.clean import clean_documents
    from newsfuse.config import Config
    from newsfuse.ingest import read_inputs

    if not corpus.exists():
        raise DatasetError(str(corpus), "corpus folder not found; pass --set corpus=PATH")
    config = Config()
    documents = read_inputs([corpus], config.ingest, Silent()).documents
    articles = clean_documents(documents, config.clean, Silent())
    by_key = {Path(a.key).name: a for a in articles}
    missing = sorted({row["key"] for row in gold} - by_key.keys())
    if missing:
        raise DatasetError(str(corpus), f"no report for key(s) {', '.join(missing[:3])}")
    return articles, [by_key[row["key"]].id for row in gold]


def _extract(articles: list[Article]) -> dict[str, list[Quote]]:
    from newsfuse.nlp.aliases import merge_entities
    from newsfuse.nlp.entities import find_mentions
    from newsfuse.nlp.quotes import find_quotes

    mentions = find_mentions(articles)
    entities, _ = merge_entities(mentions, None, {a.id: a.text for a in articles})
    by_article: dict[str, list[Quote]] = defaultdict(list)
    for quote in find_quotes(articles, entities):
        by_article[quote.article_id].append(quote)
    return by_article


# ----------------------------------------------------------------------------- matching

_QUOTE_MARKS = re.compile(r"[\"'“”‘’«»]")


def _words(text: str) -> str:
    return " ".join(_QUOTE_MARKS.sub(" ", text).lower().split())


def _match(text_start: str, quotes: list[Quote]) -> Quote | None:
    start = _words(text_start)
    for quote in quotes:
        if _words(quote.text).startswith(start):
            return quote
    for quote in quotes:  # the reported clause may start a word or two earlier
        if start in _words(quote.text)[: len(start) + 40]:
            return quote
    return None


def _via(value: str) -> list[str]:
    return [] if value.strip() == "-" else [item.strip() for item in value.split(" > ")]


_ADJECTIVE_TO_COUNTRY = {"russian": "russia", "ukrainian": "ukraine", "american": "us"}
# American spellings → British, so that one body spelled either way is one name.
_SPELLING = {"defense": "defence", "center": "centre", "organization": "organisation",
             "program": "programme", "labor": "labour"}  # fmt: skip
_FILLER = {"the", "of", "a", "an", "s"}


def _name_words(name: str) -> frozenset[str]:
    words = re.sub(r"['’]s\b", "", name.lower())
    tokens = re.findall(r"[a-z0-9]+", words)
    return frozenset(
        _ADJECTIVE_TO_COUNTRY.get(t, _SPELLING.get(t, t)) for t in tokens if t not in _FILLER
    )


def _abbreviates(short: str, name: str) -> bool:
    """'CPA' for 'Continental Press Agency': an all-capital word that is the initials of the
    other name's capitalized words."""
    short = short.strip()
    if not re.fullmatch(r"[A-Z]{2,6}", short):
        return False
    initials = "".join(w[0] for w in re.sub(r"^[Tt]he\s+", "", name).split() if w[:1].isupper())
    return len(initials) >= 2 and short == initials


def same_speaker(gold: str, quote: Quote) -> bool:
    if gold == "UNKNOWN":
        return (
            quote.speaker is None or quote.speaker_entity_id is None and not _is_name(quote.speaker)
        )
    if not quote.speaker:
        return False
    gold_words, found_words = _name_words(gold), _name_words(quote.speaker)
    if gold_words == found_words:
        return True
    if _abbreviates(gold, quote.speaker) or _abbreviates(quote.speaker, gold):
        return True
    if not (_personal(gold) and _personal(quote.speaker)):
        return False  # a body's name must match as a whole
    if gold_words and gold_words <= found_words:
        return True  # a title or a middle name more
    # People: the surname decides, spelled either way (Zelensky / Zelenskyy).
    gold_last, found_last = gold.split()[-1].lower(), quote.speaker.split()[-1].lower()
    return _skeleton(gold_last) == _skeleton(found_last) and len(gold_last) > 3


_BODY_WORDS = frozenset(
    {"ministry", "staff", "service", "council", "police", "agency", "office", "department",
     "board", "bank", "union", "committee", "commission", "government", "army", "forces",
     "news", "press", "institute", "centre", "center", "university", "company", "network",
     "foods", "line", "united", "group", "kremlin", "nasa", "court", "parliament", "guard"}
)  # fmt: skip


def _personal(name: str) -> bool:
    """Reads as a person's name: one to five capitalized words, none a body's."""
    words = name.split()
    return (
        1 <= len(words) <= 5
        and all(w[:1].isupper() for w in words)
        and not any(w.lower().strip(".,") in _BODY_WORDS for w in words)
        and not re.fullmatch(r"[A-Z]{2,6}", name.strip())
    )


def _is_name(text: str) -> bool:
    return bool(re.match(r"[A-Z]", text.strip())) and not text.lower().startswith("the ")


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]+", "", word)


def same_chain(gold: list[str], found: list[str]) -> bool:
    if len(gold) != len(found):
        return False
    for expected, got in zip(gold, found, strict=True):
        if _abbreviates(expected, got) or _abbreviates(got, expected):
            continue
        a, b = _name_words(expected), _name_words(got)
        if not (a <= b or b <= a) or not a or not b:
            return False
    return True
