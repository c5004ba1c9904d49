"""HTML fragments (feed content, summaries) to plain text, one paragraph per line."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

# Elements that start a new line when rendered; text inside inline elements runs on.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_INVISIBLE_TAGS = ("script", "style", "noscript", "template")


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment or page, one paragraph per line (like extract_html)."""
    if "<" not in fragment:
        return _tidy_lines(
            fragment
        )  # already plain text (entities were decoded by the feed parser)
    try:
        root = lxml_html.document_fromstring(f"<html><body>{fragment}</body></html>")
    except (etree.ParserError, ValueError):
        return ""  # nothing parseable: no text, which the caller rejects with a reason
    for element in list(root.iter(*_INVISIBLE_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    return _tidy_lines(root.text_content())


def _tidy_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)
