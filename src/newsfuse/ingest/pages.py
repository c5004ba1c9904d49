"""HTML pages (``.html``, ``.htm``, ``.xhtml`` files, WARC responses, records with an ``html``
field) to one :class:`RawDocument` each, via :func:`newsfuse.ingest.html.extract_html`."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.config import IngestConfig
from newsfuse.errors import InputError
from newsfuse.ingest._decode import decode_html
from newsfuse.ingest._source import SourceFile
from newsfuse.ingest._urls import host_of
from newsfuse.ingest.html import extract_html
from newsfuse.model import PublishedDate, RawDocument, Rejected

FORMAT = "html"


def read_html(source: SourceFile, config: IngestConfig) -> Iterator[RawDocument | Rejected]:
    page = decode_html(source.read_all(config.max_file_bytes))
    yield page_document(
        page, key=source.display, source_path=source.display, fmt=FORMAT, config=config
    )


def page_document(
    page: str,
    *,
    key: str,
    source_path: str,
    fmt: str,
    config: IngestConfig,
    url: str | None = None,
    fallback_published: PublishedDate | None = None,
) -> RawDocument:
    """Extract the article of one page. Raises InputError (naming ``key``) when it has none."""
    try:
        extraction = extract_html(page, url=url)
    except ValueError:  # extract_html's documented "no article" signal
        raise InputError(
            key,
            "no article text found in the page; check that it is an article page, not an index, "
            "a login wall or a broken download",
        ) from None
    text = extraction.text.strip()
    if len(text) < config.min_text_chars:
        raise InputError(
            key,
            f"no article text: only {len(text)} characters extracted, fewer than "
            f"ingest.min_text_chars ({config.min_text_chars}); check that it is an article page",
        )
    found_url = extraction.url or url or canonical_url(page)
    return RawDocument(
        key=key,
        source_path=source_path,
        format=fmt,
        text=text,
        title=extraction.title,
        url=found_url,
        outlet=extraction.sitename or host_of(found_url),
        author=extraction.author,
        published=extraction.published or fallback_published,
        # Kept until cleaning, which lists the page blocks the extractor left out in `removed`.
        html=page,
    )


def canonical_url(page: str) -> str | None:
    """The page's own URL from ``<link rel=canonical>`` or ``og:url``, if it declares one."""
    from trafilatura import load_html  # copes with XML declarations and broken markup

    tree = load_html(page)
    if tree is None:
        return None
    for href in tree.xpath(
        "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONICAL', 'canonical')),"
        " ' '), ' canonical ')]/@href | //meta[@property='og:url']/@content"
    ):
        if href.strip():
            return href.strip()
    return None
