"""Clean stage: drop scraper boilerplate, repair encoding, detect language.

Public API:

- :func:`clean_documents` turns :class:`~newsfuse.model.RawDocument` records into
  :class:`~newsfuse.model.Article` records. Lines repeated across at least
  ``CleanConfig.site_repeat_min_articles`` articles of one outlet are site chrome ("site-repeat").
- :func:`clean_text` cleans one text and returns ``(clean text, removed lines)``.
- :func:`clean_title`, :func:`repair_encoding`, :func:`detect_language`,
  :func:`site_repeated_lines` are the building blocks, usable on their own.

Every dropped line is kept as a :class:`~newsfuse.model.RemovedLine` with its 0-based line number
in the input text and the name of the rule that dropped it, so a user can audit (and dispute) what
the cleaner did. The rules (``newsfuse.clean_rules``) describe kinds of lines (menus, share
prompts, photo credits, promos…) by wording and line statistics; none lists lines of one site.
Precision comes before recall: a line that may be prose stays.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from newsfuse.clean_rules.patterns import (
    LineContext,
    bare,
    classify_line,
    ends_like_sentence,
    is_headline_like,
    is_list_item,
    is_related_header,
    words,
)
from newsfuse.clean_rules.title import TitleMatcher, norm, strip_glued_chrome
from newsfuse.config import CleanConfig
from newsfuse.model import Article, RawDocument, RemovedLine, stable_id
from newsfuse.parallel import fork_map
from newsfuse.progress import Progress, Silent

__all__ = [
    "clean_documents",
    "clean_text",
    "clean_title",
    "detect_language",
    "line_key",
    "page_left_out",
    "repair_encoding",
    "site_repeated_lines",
]

_DEFAULT_CONFIG = CleanConfig()
_SILENT = Silent()
HEAD_LINES = 3  # the first non-empty lines, where headlines, menus and bylines sit
MAX_HEADLINE_WORDS = 25  # a longer full sentence equal to the title is the lede, not a headline
MIN_HEADLINE_WORDS = 5  # a shorter first line of an untitled text is not taken as its headline
EDGE_LINES = 2  # the very first and last lines, where flattened menus sit
TOP_LINES = 6  # how far down bylines, dates and mastheads are looked for
TAIL_LINES = 4  # the last non-empty lines, where bios, contact lines and footers sit
MIN_DUPLICATE_WORDS = 10  # a line this long shown exactly twice in one article is an artefact
TRAILING_LIST_LINES = 8  # how far from the end a list of headlines counts as related links
_MAX_RELATED_BLOCK = 12
MIN_LINK_TITLE_WORDS = 4  # shorter list items are names or labels, not teaser headlines
MIN_INSIDE_WORDS = 4  # a page block this long found inside a text line is part of the article
_BAR_SPLIT = re.compile(r"\s+\|\s+")
_TAG_HEADER = re.compile(
    r"^(?:tags?|topics?|filed under|categories|keywords|related topics|themen|schlagwörter|теги|теми)$"
)


# --------------------------------------------------------------------------------------------
# Encoding and language


def repair_encoding(text: str) -> str:
    """Fix mojibake ("donâ€™t" → "don’t") with ftfy, keeping quotes curly and line breaks as they
    are (so line numbers of removed lines still point into the input)."""
    import ftfy

    return ftfy.fix_text(text, _ftfy_config())


@functools.cache
def _ftfy_config() -> Any:
    from ftfy import TextFixerConfig

    return TextFixerConfig(fix_line_breaks=False, uncurl_quotes=False)


MIN_LANGUAGE_LETTERS = 20
MIN_LANGUAGE_WORDS = 3
# The opening of a text is enough: lingua's time grows with the sample, and on the 2,614
# Timeline17 articles 1,000 characters give the language 2,000 give, in about 60% of the time.
_LANGUAGE_SAMPLE_CHARS = 1000


@functools.cache
def _detector() -> Any:
    """The lingua detector, built once on first use (all languages, low-accuracy mode: fast,
    small, and accurate enough on article-length text)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


# Most news is English, and lingua, weighing every language, is the largest part of cleaning
# (about 11 ms a text). A sample of 20 words or more in which English function words are a
# quarter of the words and "the" alone 3% is English without asking lingua. On the 2,880 pages
# of Timeline17 and the extraction and publication-date benchmarks, lingua reads 2,733 such
# samples as English, 2,450 of them pass, and none of those it reads as another language does:
# the closest, a Tagalog page quoting English, has 22% and 1.2%.
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "and", "of", "to", "that", "for", "with", "was", "were", "said", "have", "has",
    "from", "this", "will", "would", "which", "their", "they", "been", "is", "are", "on", "by",
    "at", "it", "as", "an", "be", "had", "not", "but", "he", "she", "his", "her", "who",
    "after", "about", "its", "into", "more", "than", "also", "we", "there", "when", "what",
})  # fmt: skip
_ENGLISH_MIN_WORDS = 20
_ENGLISH_FUNCTION_SHARE = 0.25
_ENGLISH_THE_SHARE = 0.03


def _plainly_english(sample_words: list[str]) -> bool:
    if len(sample_words) < _ENGLISH_MIN_WORDS:
        return False
    lowered = [word.lower() for word in sample_words]
    share = sum(word in _ENGLISH_FUNCTION_WORDS for word in lowered) / len(lowered)
    return (
        share >= _ENGLISH_FUNCTION_SHARE
        and lowered.count("the") / len(lowered) >= _ENGLISH_THE_SHARE
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LANGUAGE_LETTERS:
        return None
    sample_words = words(sample)
    if len(sample_words) < MIN_LANGUAGE_WORDS:
        return None
    if _plainly_english(sample_words):
        return "en"
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()


# --------------------------------------------------------------------------------------------
# Titles


def clean_title(title: str | None, *, body: str | None = None, repair: bool = True) -> str | None:
    """The headline without encoding damage and without site chrome glued to its front.

    ``body`` (the article text) lets the check tell chrome ("WorldUkraine…") from a run-together
    name the article itself uses ("TechCrunch…").
    """
    if title is None:
        return None
    fixed = " ".join((repair_encoding(title) if repair else title).split())
    if not fixed:
        return None
    context = None
    if body is not None:
        headline = norm(fixed)
        context = "\n".join(ln for ln in body.splitlines() if norm(ln) != headline)
    stripped, _ = strip_glued_chrome(fixed, body=context)
    return stripped.strip() or fixed


# --------------------------------------------------------------------------------------------
# Repetition across one outlet


def line_key(line: str) -> str:
    """How lines are compared across articles: case-folded words, punctuation ignored."""
    return norm(line)


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def site_repeated_lines(texts: Sequence[str], min_articles: int = 3) -> frozenset[str]:
    """Keys (:func:`line_key`) of lines found in at least ``min_articles`` of these articles of
    one outlet: navigation, promos, footers that the page template repeats.

    Articles that are versions of one story (an update, a rewrite: they share at least two long
    lines making up 30 % or more of the smaller one's long lines) count once, so background
    paragraphs an outlet repeats across its own updates of a story are not taken for chrome.
    """
    if min_articles < 2 or len(texts) < min_articles:
        return frozenset()
    keys_per_doc: list[set[str]] = []
    for text in texts:
        keys = {line_key(ln) for ln in _split_lines(text)}
        keys.discard("")
        keys_per_doc.append(keys)
    counts = Counter(k for keys in keys_per_doc for k in keys)
    candidates = {k for k, c in counts.items() if c >= min_articles}
    if not candidates:
        return frozenset()

    # Story families, by union-find over articles that share much of their long lines.
    long_lines = [{k for k in keys if len(k.split()) >= 12} for keys in keys_per_doc]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(long_lines):
        for k in keys:
            postings[k].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 2 <= len(docs) <= 200:
            for a_index, a in enumerate(docs):
                for b in docs[a_index + 1 :]:
                    shared[(a, b)] += 1
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (a, b), n in shared.items():
        smaller = min(len(long_lines[a]), len(long_lines[b]))
        if n >= 2 and n >= 0.3 * smaller:
            parent[find(a)] = find(b)

    repeated = set()
    for key in candidates:
        families = {find(i) for i, keys in enumerate(keys_per_doc) if key in keys}
        if len(families) >= min_articles:
            repeated.add(key)
    return frozenset(repeated)


def page_left_out(
    html: str,
    text_lines: Sequence[str],
    *,
    title: str | None = None,
    site_lines: Iterable[str] = frozenset(),
    outlet: str | None = None,
) -> list[RemovedLine]:
    """Blocks of an HTML page that are not in its extracted article text (menus, share bars,
    related boxes, footers that extraction left out), so that ``Article.removed`` lists them too.

    Each comes with the boilerplate rule that names it, or ``"outside-article"`` when only the
    extractor judged it not to be article text. Its ``line`` is the number of the article text
    line it stood before on the page (the number of lines, for blocks after the article). Blocks
    joined by " | " are listed part by part.
    """
    from newsfuse.ingest.html import page_lines

    keys = [line_key(ln) for ln in text_lines]
    blob_parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for key in keys:
        starts.append(offset)
        blob_parts.append(key)
        offset += len(key) + 1
    blob = "\n".join(blob_parts)
    site_keys = {line_key(s) for s in site_lines} - {""}
    matcher = TitleMatcher(title)

    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        by_key[key].append(index)

    # Each block: the text line it is (a whole line), or is inside (four words or more: a
    # paragraph the extractor split or joined differently), or None when extraction left it out.
    found: list[tuple[int | None, str]] = []
    cursor = 0  # character offset in blob of the last match, to follow the page order
    for block in page_lines(html):
        key = line_key(block)
        line = None
        if key in by_key:
            after = [i for i in by_key[key] if starts[i] >= cursor]
            line = after[0] if after else by_key[key][0]
            cursor = starts[line]
        elif len(key.split()) >= MIN_INSIDE_WORDS:
            at = _find_words(blob, key, cursor)
            if at >= 0:
                line = bisect_right(starts, at) - 1
                cursor = at
        found.append((line, block))

    left_out: list[RemovedLine] = []
    pending: list[str] = []
    seen_text = False
    for line, block in found:
        if line is None:
            pending.append(block)
            continue
        left_out += _name_blocks(pending, line, not seen_text, False, matcher, site_keys, outlet)
        pending = []
        seen_text = True
    left_out += _name_blocks(pending, len(keys), not seen_text, True, matcher, site_keys, outlet)
    return left_out


def _find_words(blob: str, key: str, start: int) -> int:
    """Offset of ``key`` in ``blob`` on word boundaries, from ``start`` on, else anywhere; -1."""
    for begin in (start, 0):
        at = blob.find(key, begin)
        while at >= 0:
            end = at + len(key)
            if (at == 0 or blob[at - 1].isspace()) and (end == len(blob) or blob[end].isspace()):
                return at
            at = blob.find(key, at + 1)
    return -1


def _name_blocks(
    blocks: list[str],
    line: int,
    before_text: bool,
    after_text: bool,
    matcher: TitleMatcher,
    site_keys: set[str],
    outlet: str | None,
) -> list[RemovedLine]:
    named = []
    for block in blocks:
        for part in _BAR_SPLIT.split(block):
            part = part.strip()
            if not part:
                continue
            context = LineContext(
                head=before_text, top=before_text, tail=after_text, edge=False, outlet=outlet
            )
            rule = _line_rule(part, context, matcher, site_keys) or "outside-article"
            named.append(RemovedLine(line, part, rule))
    return named


def _merge_removed(own: list[RemovedLine], page: list[RemovedLine]) -> list[RemovedLine]:
    """Page blocks first among those at one line number: they stood before that text line."""
    tagged = [(r.line, 0, n, r) for n, r in enumerate(page)]
    tagged += [(r.line, 1, n, r) for n, r in enumerate(own)]
    return [r for *_, r in sorted(tagged, key=lambda t: t[:3])]


def _outlet_key(doc: RawDocument) -> str | None:
    if doc.outlet and doc.outlet.strip():
        return doc.outlet.strip().casefold()
    if doc.url:
        host = urlsplit(doc.url).hostname or ""
        host = host.removeprefix("www.")
        return host or None
    return None


# --------------------------------------------------------------------------------------------
# One text


def clean_text(
    text: str,
    *,
    title: str | None = None,
    site_lines: Iterable[str] = frozenset(),
    outlet: str | None = None,
    repair: bool = True,
) -> tuple[str, list[RemovedLine]]:
    """Drop boilerplate lines from one article text.

    ``title`` lets repeated headlines be recognised; ``site_lines`` are lines known to repeat
    across the outlet (raw lines or :func:`line_key` keys); ``outlet`` (the site's name) lets
    masthead lines near the top or bottom be recognised. Returns the clean text (one
    paragraph per line; blank lines between paragraphs kept where the input had them) and the
    dropped lines, each with its 0-based line number in ``text`` and the rule that dropped it.
    """
    if repair:
        text = repair_encoding(text)
    lines = _split_lines(text)
    site_keys = {line_key(s) for s in site_lines} - {""}
    clean, removed, _ = _clean_lines(lines, title=title, site_keys=site_keys, outlet=outlet)
    return clean, removed


def _clean_lines(
    lines: list[str],
    *,
    title: str | None,
    site_keys: set[str] | frozenset[str],
    outlet: str | None = None,
    find_headline: bool = False,
) -> tuple[str, list[RemovedLine], str | None]:
    """Clean text, removed lines, and (with ``find_headline``, for a text without a title) the
    headline found as its first kept line."""
    stripped = [ln.strip() for ln in lines]
    nonempty = [i for i, ln in enumerate(stripped) if ln]
    head = set(nonempty[:HEAD_LINES])
    top = set(nonempty[:TOP_LINES])
    edge = set(nonempty[:EDGE_LINES] + nonempty[-EDGE_LINES:])
    tail = set(nonempty[-TAIL_LINES:]) if len(nonempty) > HEAD_LINES + 2 else set()

    body = "\n".join(stripped)
    matcher = TitleMatcher(title)
    clean_headline = clean_title(title, body=body, repair=False) if title else None
    if clean_headline and clean_headline != title:
        matcher.variants |= TitleMatcher(clean_headline).variants

    rules: dict[int, str] = {}
    partial: list[RemovedLine] = []  # glued words cut from lines that are otherwise kept
    current = list(stripped)
    for i in nonempty:
        if i in head:
            rest, word = strip_glued_chrome(current[i], body=_without_line(stripped, i))
            if word:
                current[i] = rest.strip()
                partial.append(RemovedLine(i, word, "glued-chrome"))
        context = LineContext(
            head=i in head,
            tail=i in tail,
            top=i in top,
            edge=i in edge,
            outlet=outlet,
            first=len(nonempty) > 1 and i == nonempty[0],
        )
        rule = _line_rule(current[i], context, matcher, site_keys)
        if rule:
            rules[i] = rule

    _mark_duplicates(current, nonempty, rules, head)
    _mark_related_blocks(current, nonempty, rules)
    _mark_tag_blocks(current, nonempty, rules)
    _mark_menu_runs(current, nonempty, rules)
    _mark_trailing_link_lists(current, nonempty, rules)
    headline = _find_headline(current, nonempty, rules, top) if find_headline else None

    removed = [RemovedLine(i, stripped[i], rules[i]) for i in nonempty if i in rules]
    removed += [r for r in partial if r.line not in rules]
    removed.sort(key=lambda r: (r.line, r.rule != "glued-chrome"))

    out: list[str] = []
    gap = False
    for i, ln in enumerate(current):
        if not ln:
            gap = gap or bool(out)
            continue
        if i in rules:
            continue
        if out:
            out.append("\n\n" if gap else "\n")
        out.append(ln)
        gap = False
    return "".join(out), removed, headline


def _find_headline(
    lines: list[str], nonempty: list[int], rules: dict[int, str], top: set[int]
) -> str | None:
    """The first kept line, near the top, when it reads like a headline (five to thirty words,
    no sentence or dateline ending) and text follows it; it is then dropped as "headline"."""
    kept = [i for i in nonempty if i not in rules]
    if len(kept) < 2 or kept[0] not in top:
        return None
    line = lines[kept[0]]
    n = len(words(line))
    if not MIN_HEADLINE_WORDS <= n <= MAX_HEADLINE_WORDS or len(line) > 200:
        return None
    if ends_like_sentence(line) or line.rstrip()[-1:] in "-–—:,;|" or line.isupper():
        return None
    rules[kept[0]] = "headline"
    return line


def _without_line(lines: list[str], index: int) -> str:
    return "\n".join(ln for j, ln in enumerate(lines) if j != index)


def _line_rule(
    line: str,
    context: LineContext,
    matcher: TitleMatcher,
    site_keys: set[str] | frozenset[str],
) -> str | None:
    if matcher.matches(line, head=context.head) and not (
        len(words(line)) > MAX_HEADLINE_WORDS and ends_like_sentence(line)
    ):
        return "repeated-headline"
    rule = classify_line(line, context)
    if rule:
        return rule
    key = line_key(line)
    if key and key in site_keys:
        return "site-repeat"
    return None


def _mark_duplicates(
    lines: list[str], nonempty: list[int], rules: dict[int, str], head: set[int]
) -> None:
    """A long line shown twice where templates echo text: a standfirst at the top repeated as
    the first paragraph, or the same paragraph twice in a row. Keep the first. Other repeats are
    structure (an interview asking everyone the same question, a meal plan) and stay."""
    seen: dict[str, list[int]] = defaultdict(list)
    for i in nonempty:
        key = line_key(lines[i])
        if len(key.split()) >= MIN_DUPLICATE_WORDS:
            seen[key].append(i)
    position = {i: k for k, i in enumerate(nonempty)}
    for occurrences in seen.values():
        if len(occurrences) != 2 or any(i in rules for i in occurrences):
            continue
        first, second = occurrences
        if first in head or position[second] - position[first] == 1:
            rules[second] = "duplicate-line"


def _mark_related_blocks(
    lines: list[str],
    nonempty: list[int],
    rules: dict[int, str],
) -> None:
    """Teaser titles listed under a "Related articles" header, or "- Title" items after a
    "Related: …" line, belong to the same block of links."""
    k = 0
    while k < len(nonempty):
        i = nonempty[k]
        if rules.get(i) != "related-links":
            k += 1
            continue
        header = is_related_header(lines[i])
        taken = 0
        k += 1
        while k < len(nonempty) and taken < _MAX_RELATED_BLOCK:
            j = nonempty[k]
            line = lines[j]
            if rules.get(j) == "related-links":
                header = header or is_related_header(line)
                k += 1
                continue
            if j in rules and rules[j] in {"advertisement", "photo-credit", "decoration"}:
                k += 1
                continue
            linky = is_headline_like(line, max_words=25) and (header or is_list_item(line))
            if not linky or j in rules:
                break
            rules[j] = "related-links"
            taken += 1
            k += 1


def _mark_tag_blocks(lines: list[str], nonempty: list[int], rules: dict[int, str]) -> None:
    """A lone "Tags" header followed by one short tag per line."""
    for k, i in enumerate(nonempty):
        if not _TAG_HEADER.match(bare(lines[i])):
            continue
        following = []
        for j in nonempty[k + 1 : k + 1 + 30]:
            if j in rules or not is_headline_like(lines[j], max_words=4):
                break
            following.append(j)
        if following:
            rules[i] = "tag-block"
            for j in following:
                rules[j] = "tag-block"


def _is_title_case(line: str) -> bool:
    ws = [w for w in words(line) if w[:1].isalpha()]
    if len(ws) < 2:
        return False
    caps = sum(w[:1].isupper() for w in ws)
    return caps >= 0.7 * len(ws)


def _mark_trailing_link_lists(lines: list[str], nonempty: list[int], rules: dict[int, str]) -> None:
    """Near the end of an article, a list of two or more Title Case headlines ("- 15 Amazing
    Images of Stars") is a block of links to other articles. Lists of short items (names, facts)
    are not."""
    tail = nonempty[-TRAILING_LIST_LINES:]
    k = 0
    while k < len(tail):
        block = []
        while k < len(tail) and _is_link_title_item(lines[tail[k]]) and tail[k] not in rules:
            block.append(tail[k])
            k += 1
        if len(block) >= 2:
            for j in block:
                rules[j] = "related-links"
        k += 1


def _is_link_title_item(line: str) -> bool:
    return (
        is_list_item(line)
        and MIN_LINK_TITLE_WORDS <= len(words(line)) <= 20
        and is_headline_like(line, max_words=20)
        and _is_title_case(line)
    )


def _is_menu_item(line: str) -> bool:
    ws = words(line)
    return (
        1 <= len(ws) <= 3
        and len(line) <= 30
        and line[:1].isupper()
        and not ends_like_sentence(line)
        and not any(ch.isdigit() for ch in line)
        and not is_list_item(line)
        and not line.endswith(":")
    )


def _mark_menu_runs(lines: list[str], nonempty: list[int], rules: dict[int, str]) -> None:
    """Three or more consecutive one-to-three-word capitalised lines: a menu, one item a line."""
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            for j in run:
                rules.setdefault(j, "navigation")
        run.clear()

    previous = None
    for i in nonempty:
        adjacent = previous is not None and all(not lines[j] for j in range(previous + 1, i))
        if not adjacent:
            flush()
        if _is_menu_item(lines[i]) or (i in rules and rules[i] == "navigation"):
            run.append(i)
        else:
            flush()
        previous = i
    flush()


# --------------------------------------------------------------------------------------------
# Many documents


def clean_documents(
    docs: Sequence[RawDocument],
    config: CleanConfig = _DEFAULT_CONFIG,
    progress: Progress = _SILENT,
    alongside: Callable[[], object] | None = None,
) -> list[Article]:
    """Clean every document; lines repeated across one outlet's articles are dropped as
    ``site-repeat``. Articles come back in input order; ``Article.id`` is ``stable_id("art", key)``.
    ``alongside`` runs in this process while the workers clean (see
    :func:`~newsfuse.parallel.fork_map`)."""
    advance = progress.step("clean", len(docs))

    def load_detector() -> None:
        # lingua loads its language models on first use (~1 s): here, once, while the encoding
        # is repaired, and not in every worker.
        if config.detect_language and docs:
            _detector().detect_language_of("The models load on the first text they read.")

    # Per document work runs on every core (fork_map); the workers inherit the documents.
    if config.repair_encoding:
        texts = fork_map(
            lambda d: repair_encoding(d.text),
            docs,
            cost=lambda d: len(d.text),
            alongside=load_detector,
        )
    else:
        load_detector()
        texts = [d.text for d in docs]

    by_outlet: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        outlet = _outlet_key(doc)
        if outlet:
            by_outlet[outlet].append(index)
    site_keys: dict[str, frozenset[str]] = {
        outlet: site_repeated_lines([texts[i] for i in members], config.site_repeat_min_articles)
        for outlet, members in by_outlet.items()
        if len(members) >= config.site_repeat_min_articles
    }

    def clean_one(index: int) -> Article:
        doc, text = docs[index], texts[index]
        outlet = _outlet_key(doc)
        keys = site_keys.get(outlet, frozenset()) if outlet else frozenset()
        title = clean_title(doc.title, body=text, repair=config.repair_encoding)
        lines = _split_lines(text)
        clean, removed, headline = _clean_lines(
            lines, title=title, site_keys=keys, outlet=doc.outlet, find_headline=title is None
        )
        title = title or headline
        if doc.html:
            removed = _merge_removed(
                removed,
                page_left_out(doc.html, lines, title=title, site_lines=keys, outlet=doc.outlet),
            )
        language = detect_language(clean) if config.detect_language else None
        return Article(
            id=stable_id("art", doc.key),
            key=doc.key,
            source_path=doc.source_path,
            format=doc.format,
            outlet=doc.outlet,
            url=doc.url,
            title=title,
            published=doc.published,
            language=language,
            text=clean,
            removed=removed,
            author=doc.author,
        )

    return fork_map(
        clean_one,
        range(len(docs)),
        cost=lambda index: len(texts[index]),
        advance=advance,
        alongside=alongside,
    )
