from __future__ import annotations

from pathlib import Path

from newsfuse.ingest import read_inputs
from newsfuse.model import DateOrigin, DatePrecision

from .conftest import write

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Coastal Courier</title>
  <link>https://www.coastal.example/</link>
  <description>News from the coast</description>
  <item>
    <title>Lighthouse keeper retires after forty years</title>
    <link>https://www.coastal.example/news/lighthouse</link>
    <dc:creator>Mira Okafor</dc:creator>
    <pubDate>Sat, 10 Sep 2022 08:00:00 GMT</pubDate>
    <description>Short teaser that should lose to the full content.</description>
    <content:encoded><![CDATA[
      <p>The keeper of the northern lighthouse retired on Friday after forty years.</p>
      <p>She said the <b>storms of 1990</b> were the hardest she remembered.</p>
      <script>trackReader()</script>
    ]]></content:encoded>
  </item>
  <item>
    <title>Harbour fees to rise</title>
    <link>https://www.coastal.example/news/fees</link>
    <pubDate>Sun, 11 Sep 2022 09:30 +0200</pubDate>
    <description>&lt;p&gt;Mooring fees in the harbour will rise by a tenth next spring.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline only</title>
    <link>https://www.coastal.example/news/headline</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:example:valley</id>
  <link href="https://valley.example/"/>
  <updated>2022-09-12T07:45:00Z</updated>
  <entry>
    <title type="html">Orchard harvest &lt;em&gt;doubles&lt;/em&gt;</title>
    <link href="https://valley.example/orchard"/>
    <id>urn:example:valley:1</id>
    <updated>2022-09-12T07:45:00Z</updated>
    <author><name>Leo Brandt</name></author>
    <content type="html">&lt;p&gt;Apple growers in the valley picked twice last year's crop.&lt;/p&gt;&lt;p&gt;Prices fell at the market.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss2_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "coastal.rss", RSS)
    result = read_inputs([path])
    first, second = result.documents
    assert [first.key, second.key] == [f"{path}#0", f"{path}#1"]
    assert first.format == "rss" and first.source_path == str(path)
    assert first.title == "Lighthouse keeper retires after forty years"
    assert first.text == (
        "The keeper of the northern lighthouse retired on Friday after forty years.\n"
        "She said the storms of 1990 were the hardest she remembered."
    )
    assert first.url == "https://www.coastal.example/news/lighthouse"
    assert first.outlet == "Coastal Courier"
    assert first.author == "Mira Okafor"
    assert first.published is not None
    assert first.published.value == "2022-09-10T08:00:00+00:00"
    assert first.published.precision is DatePrecision.SECOND
    assert first.published.origin is DateOrigin.FEED
    # summary when there is no content; time normalised to UTC, minute precision as written
    assert second.text == "Mooring fees in the harbour will rise by a tenth next spring."
    assert second.published is not None
    assert (second.published.value, second.published.precision) == (
        "2022-09-11T07:30:00+00:00",
        DatePrecision.MINUTE,
    )
    [rejection] = result.rejected
    assert rejection.path == f"{path}#2"
    assert "feed entry has 0 characters" in rejection.reason


def test_atom_entries_and_outlet_from_link_host(tmp_path: Path) -> None:
    path = write(tmp_path / "valley.atom", ATOM)
    result = read_inputs([path])
    assert result.rejected == []
    [doc] = result.documents
    assert doc.format == "rss"
    assert doc.title == "Orchard harvest doubles"
    assert (
        doc.text
        == "Apple growers in the valley picked twice last year's crop.\nPrices fell at the market."
    )
    assert doc.url == "https://valley.example/orchard"
    assert doc.outlet == "valley.example"
    assert doc.author == "Leo Brandt"
    assert doc.published is not None
    assert doc.published.value == "2022-09-12T07:45:00+00:00"
    assert doc.published.origin is DateOrigin.FEED


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.xml", '<?xml version="1.0"?><notes><note>hi</note></notes>')
    [rejection] = read_inputs([path]).rejected
    assert rejection.path == str(path)
    assert "not a readable RSS or Atom feed" in rejection.reason


def test_feed_without_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path / "empty.rss",
        '<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
    )
    [rejection] = read_inputs([path]).rejected
    assert "feed with no entries" in rejection.reason
