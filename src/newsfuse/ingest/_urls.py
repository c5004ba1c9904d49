"""Small URL helpers shared by the readers."""

from __future__ import annotations

from urllib.parse import urlsplit


def host_of(url: str | None) -> str | None:
    """The host name of a URL without a leading "www." (a stand-in outlet name), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None  # a malformed URL (e.g. a bad IPv6 literal) names no host
    if not host:
        return None
    return host.removeprefix("www.")
