"""HTML pages to article text and metadata, with trafilatura (body) and htmldate (date).

trafilatura does the heavy lifting (``favor_precision``, tables kept, comments dropped). Around it,
three generic page repairs that trafilatura does not do, each a known pattern of news templates:

- text written straight into a ``<div>`` and separated by ``<br>`` is turned into paragraphs
  (as readability does), so a first paragraph that is not in a ``<p>`` is not lost;
- pop-up cards nested inside a paragraph (a person's photo and links to other stories, shown on
  hover) are removed, so their link titles are not glued into the sentence;
- an article body split into several sibling containers of the same class (the template cuts it
  for an advertisement) is put back together when trafilatura kept only one part.

Boilerplate that survives extraction is left to :mod:`newsfuse.clean`, which records every line
it drops. What extraction itself leaves out of the page can be listed too: :func:`page_lines`
gives the page's visible text block by block, and ``newsfuse.clean.clean_documents`` names the
blocks missing from the article (from ``RawDocument.html``, when the reader keeps the page).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from newsfuse.ingest.pubdate import find_published
from newsfuse.model import PublishedDate

_EXTRACT_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
}


@dataclass(slots=True)
class HtmlExtraction:
    text: str  # main body, one paragraph per line; boilerplate still possible (see clean.py)
    title: str | None
    author: str | None
    sitename: str | None
    url: str | None
    published: PublishedDate | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article from one page. Raises ValueError when the page has no article text."""
    import trafilatura

    tree = trafilatura.load_html(html) if html and html.strip() else None
    if tree is None:
        raise ValueError("no article text found in the HTML page")
    _paragraphs_from_br(tree)
    _drop_inline_popups(tree)
    doc = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, **_EXTRACT_OPTIONS)
    if doc is not None and (doc.text or "").strip() and _merge_split_body(tree, doc.text):
        merged = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, **_EXTRACT_OPTIONS)
        if merged is not None and len(merged.text or "") > len(doc.text):
            doc = merged
    if doc is None or not (doc.text or "").strip():
        # favor_precision can prune a short page to nothing; trafilatura's defaults may not.
        options = {**_EXTRACT_OPTIONS, "favor_precision": False}
        doc = trafilatura.bare_extraction(copy.deepcopy(tree), url=url, **options)
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no article text found in the HTML page")
    return HtmlExtraction(
        text=doc.text,
        title=doc.title,
        author=doc.author,
        sitename=doc.sitename,
        url=doc.url or url,
        published=find_published(html, url),
    )


# --------------------------------------------------------------------------------------------
# Page repairs (on the lxml tree, before trafilatura)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCK_TAGS = _word_set(
    "div p ul ol dl table figure h1 h2 h3 h4 h5 h6 blockquote center section article aside "
    "header footer pre form hr iframe video audio figcaption nav script style noscript "
    "template"
)
_SKIP_TEXT = frozenset({"script", "style", "noscript", "template"})
_WORD_RE = re.compile(r"\w+")
MIN_BR_TEXT = 100  # chars of text written directly in a <div> before its <br>s are paragraphs
MIN_SPLIT_PART = 200  # chars of <p> text a container needs to count as part of a split body
MAX_SPLIT_GAP = 150  # chars of other text allowed between two parts (an "Advertisement" label)


def _paragraphs_from_br(tree: Any) -> None:
    """``<div>text<br>text<br>…</div>`` → ``<div><p>text</p><p>text</p>…</div>``."""
    from lxml import etree

    for div in list(tree.iter("div")):
        if not any(child.tag == "br" for child in div):
            continue
        direct = (div.text or "") + "".join(child.tail or "" for child in div)
        if len(direct.strip()) < MIN_BR_TEXT:
            continue
        children = list(div)
        leading = div.text
        div.text = None
        for child in children:
            div.remove(child)
        current = etree.SubElement(div, "p")
        current.text = leading
        for child in children:
            tail, child.tail = child.tail, None
            if child.tag == "br" or (isinstance(child.tag, str) and child.tag in _BLOCK_TAGS):
                if child.tag != "br":
                    div.append(child)
                current = etree.SubElement(div, "p")
                current.text = tail
            else:
                current.append(child)
                child.tail = tail
        for p in list(div):
            if p.tag == "p" and len(p) == 0 and not (p.text or "").strip():
                div.remove(p)


def _drop_inline_popups(tree: Any) -> None:
    """Remove hover cards nested in a paragraph: an element with an image and two or more links
    that is almost all link text. Innermost first, keeping the text that follows it."""
    for paragraph in list(tree.iter("p")):
        for el in reversed(list(paragraph.iterdescendants("span", "div", "aside"))):
            parent = el.getparent()
            if parent is None or el.find(".//img") is None:
                continue
            links = list(el.iter("a"))
            if len(links) < 2:
                continue
            text = el.text_content().strip()
            link_text = sum(len(a.text_content().strip()) for a in links)
            if not text or link_text < 0.7 * len(text):
                continue
            if el.tail:
                previous = el.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + el.tail
                else:
                    parent.text = (parent.text or "") + el.tail
            parent.remove(el)


def _token_text(text: str) -> str:
    return " ".join(_WORD_RE.findall(text))


def _merge_split_body(tree: Any, extracted: str) -> bool:
    """Join sibling containers of one class that together hold the article body, when the
    extraction covers one part but not the next and only a little text (an ad label) separates
    them. Returns True when the tree was changed."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for el in tree.iter("div", "section", "article"):
        cls = el.get("class")
        if not cls:
            continue
        paragraph_text = sum(len(c.text_content()) for c in el if c.tag == "p")
        if paragraph_text >= MIN_SPLIT_PART:
            groups.setdefault((el.tag, cls), []).append(el)
    groups = {key: els for key, els in groups.items() if len(els) >= 2}
    if not groups:
        return False

    # Visible text nodes in document order, with the element that owns each.
    owners: list[tuple[Any, int]] = []
    for node in tree.xpath("//text()"):
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        if owner is None or owner.tag in _SKIP_TEXT:
            continue
        size = len(node.strip())
        if size:
            owners.append((owner, size))
    extracted_tokens = _token_text(extracted)

    def coverage(el: Any) -> float:
        paragraphs = [c for c in el if c.tag == "p" and len(c.text_content().strip()) > 40]
        found = sum(_token_text(p.text_content())[:80] in extracted_tokens for p in paragraphs)
        return found / max(1, len(paragraphs))

    changed = False
    for els in groups.values():
        if any(a is not b and any(d is b for d in a.iterdescendants()) for a in els for b in els):
            continue  # nested containers are not parts of one body
        spans = []
        for el in els:
            inside = {id(d) for d in el.iter()}
            positions = [k for k, (owner, _) in enumerate(owners) if id(owner) in inside]
            spans.append((positions[0], positions[-1]) if positions else None)
        if any(span is None for span in spans):
            continue
        covered = [coverage(el) for el in els]
        chains: list[list[int]] = [[0]]
        for k in range(1, len(els)):
            gap = sum(size for _, size in owners[spans[k - 1][1] + 1 : spans[k][0]])
            if gap < MAX_SPLIT_GAP:
                chains[-1].append(k)
            else:
                chains.append([k])
        for chain in chains:
            if len(chain) < 2:
                continue
            if max(covered[k] for k in chain) >= 0.5 and min(covered[k] for k in chain) < 0.5:
                first = els[chain[0]]
                for k in chain[1:]:
                    for child in list(els[k]):
                        first.append(child)
                    els[k].getparent().remove(els[k])
                changed = True
    return changed


# --------------------------------------------------------------------------------------------
# The whole page as lines, for auditing what extraction left out

_LINE_TAGS = _word_set(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul button label select option "
    "caption center"
)


def page_lines(html: str) -> list[str]:
    """The visible text of a whole page (body only), one block per line, whitespace-normalised.

    :func:`newsfuse.clean.clean_documents` compares it with the extracted article to list, in
    ``Article.removed``, the page blocks that extraction left out (menus, share bars, footers).
    """
    import trafilatura

    tree = trafilatura.load_html(html) if html and html.strip() else None
    if tree is None:
        return []
    body = tree.find(".//body")
    root = body if body is not None else tree
    for element in list(root.iter(*_SKIP_TEXT)):
        element.drop_tree()
    # Inline items side by side with nothing but separators between them (a share bar of links,
    # a byline span next to a date span) are lines of their own.
    items = [
        child
        for parent in root.iter()
        if len(parent) >= 2 and _only_separators(parent)
        for child in parent
        if isinstance(child.tag, str)
    ]
    for element in [*root.iter(*_LINE_TAGS), *items]:
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return [line for line in lines if _WORD_RE.search(line)]


def _only_separators(parent: Any) -> bool:
    texts = [parent.text or "", *(child.tail or "" for child in parent)]
    return all(not _WORD_RE.search(text) for text in texts)
