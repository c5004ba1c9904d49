#!/usr/bin/env python3
"""Build the demo WARC for the bundled ``examples/kharkiv-2022`` corpus.

The two HTML pages live in ``scripts/demo_warc_pages/``. They are written
for newsfuse (fictional outlets on ``.example`` domains); no real page is
fetched. The output is deterministic: record IDs are derived from the URLs,
dates are fixed, and gzip members carry no timestamp, so re-running the
script reproduces the same bytes.

Usage::

    python scripts/build_demo_warc.py            # writes examples/kharkiv-2022/crawl.warc.gz
    python scripts/build_demo_warc.py -o out.warc.gz

Requires ``warcio``.
"""

from __future__ import annotations

import argparse
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = Path(__file__).resolve().parent / "demo_warc_pages"
DEFAULT_OUT = ROOT / "examples" / "kharkiv-2022" / "crawl.warc.gz"

USER_AGENT = "newsfuse-demo-crawler/0.1 (+https://newsfuse.example/bot)"

# (url, page file, crawl time (WARC-Date), HTTP Date / Last-Modified)
PAGES = [
    (
        "https://www.silverlineherald.example/news/world/ukrainian-flag-raised-in-kupiansk-20220910",
        "silverlineherald-2022-09-10.html",
        "2022-09-10T13:05:12Z",
        "Sat, 10 Sep 2022 13:05:12 GMT",
        "Sat, 10 Sep 2022 12:40:00 GMT",
    ),
    (
        "https://redwoodobserver.example/world/europe/2022/09/13/balakliia-after-occupation",
        "redwoodobserver-2022-09-13.html",
        "2022-09-13T16:47:31Z",
        "Tue, 13 Sep 2022 16:47:31 GMT",
        "Tue, 13 Sep 2022 16:30:00 GMT",
    ),
]

WARCINFO_DATE = "2022-09-13T16:47:00Z"


def record_id(*parts: str) -> str:
    """A stable <urn:uuid:...> derived from the given strings."""
    return "<urn:uuid:{}>".format(uuid.uuid5(uuid.NAMESPACE_URL, "|".join(parts)))


def host_and_path(url: str) -> tuple[str, str]:
    rest = url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return host, "/" + path


def build(out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = writer.create_warcinfo_record(
            out_path.name,
            {
                "software": "newsfuse build_demo_warc.py (warcio)",
                "format": "WARC File Format 1.1",
                "description": "Demo crawl for the newsfuse kharkiv-2022 example corpus; fictional outlets.",
                "isPartOf": "newsfuse-demo",
            },
        )
        info.rec_headers.replace_header("WARC-Date", WARCINFO_DATE)
        info.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo", out_path.name))
        writer.write_record(info)

        for url, fname, warc_date, http_date, last_modified in PAGES:
            html = (PAGES_DIR / fname).read_bytes()
            host, path = host_and_path(url)

            req_headers = StatusAndHeaders(
                f"GET {path} HTTP/1.1",
                [
                    ("Host", host),
                    ("User-Agent", USER_AGENT),
                    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                    ("Accept-Language", "en-US,en;q=0.7"),
                    ("Accept-Encoding", "identity"),
                    ("Connection", "close"),
                ],
                is_http_request=True,
            )
            resp_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", http_date),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(html))),
                    ("Last-Modified", last_modified),
                    ("Cache-Control", "max-age=300"),
                    ("Connection", "close"),
                ],
                protocol="HTTP/1.1",
            )

            resp_id = record_id("response", url, warc_date)
            response = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(html),
                length=len(html),
                http_headers=resp_headers,
                warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Record-ID": resp_id,
                    "WARC-IP-Address": f"192.0.2.{10 + PAGES.index((url, fname, warc_date, http_date, last_modified))}",
                },
            )

            request = writer.create_warc_record(
                url,
                "request",
                http_headers=req_headers,
                warc_headers_dict={
                    "WARC-Date": warc_date,
                    "WARC-Record-ID": record_id("request", url, warc_date),
                    "WARC-Concurrent-To": resp_id,
                },
            )

            # A crawler usually writes the request first, then the response.
            writer.write_record(request)
            writer.write_record(response)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="output .warc.gz path")
    args = ap.parse_args()
    build(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
