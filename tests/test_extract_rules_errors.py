"""extract(): site rules win over the generic layers, and unreadable input raises ExtractionError."""

from __future__ import annotations

import pytest

from monitor.errors import ExtractionError
from monitor.extractors import SiteRule, extract
from monitor.extractors.dates import parse_date
from monitor.extractors.notes import note_kind

RULE_PAGE = """<html><head><meta property="og:title" content="Meta headline"></head><body>
<div class="kicker">Weather</div><h2 class="hed">Rule headline for the tide story</h2>
<span class="who">Words by Ilka Stromberg</span>
<div class="copy"><p>High tides flooded the promenade twice on Sunday, the council said in a statement.</p>
<p class="promo-inline">Listen to our podcast about the coast every week on your favourite app.</p>
<p>Sandbags will be handed out from the town hall car park on Monday morning for residents.</p></div>
<div class="sidebar-main"><p>This long sidebar paragraph should never count as part of the story, whatever happens.</p>
<p>Neither should this one, even though it is long enough to look like prose to a scorer.</p>
<p>And a third one, to make the sidebar score higher than the real story container above.</p></div>
</body></html>"""

RULE = SiteRule(
    name="tides",
    url_pattern=r"^https://tides\.example\.org/",
    headline="h2.hed",
    byline=".who",
    body="div.copy",
    drop=(".promo-inline",),
)


def test_site_rule_fields_win() -> None:
    article = extract(RULE_PAGE, "https://tides.example.org/2025/flood", rules=[RULE])
    assert article.headline == "Rule headline for the tide story"
    assert article.authors == ("Words by Ilka Stromberg",) or article.authors == ("Ilka Stromberg",)
    assert article.body == (
        "High tides flooded the promenade twice on Sunday, the council said in a statement.",
        "Sandbags will be handed out from the town hall car park on Monday morning for residents.",
    )
    assert article.extractor["layers"]["headline"] == "site rule: tides"
    assert article.extractor["layers"]["body"] == "site rule: tides"
    assert article.extractor["rule"] == "tides"


def test_site_rule_for_another_site_is_ignored() -> None:
    article = extract(RULE_PAGE, "https://elsewhere.example.org/flood", rules=[RULE])
    assert article.headline == "Meta headline"
    assert "rule" not in article.extractor


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        ("   \n\t ", "empty"),
        (b'{"headline": "not a page", "body": ["json"]}', "JSON"),
        (b"[1, 2, 3]", "JSON"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"Just some plain text without any markup at all.", "no HTML tags"),
        (b"<?xml version='1.0'?><rss><channel><title>Feed</title></channel></rss>", "XML"),
        (b"<html><head><title>Gallery</title></head><body><img src=a.jpg></body></html>", "no story text"),
        (
            b"<html><body><nav><p>Home</p></nav><script>var x = 'lots of code here';</script></body></html>",
            "no story text",
        ),
    ],
)
def test_unreadable_input_raises(content: bytes | str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract(content, "https://news.example.org/x")


def test_jsonld_article_body_is_the_fallback() -> None:
    page = """<html><head><script type="application/ld+json">[{"@type": "BlogPosting",
    "headline": "Notes from the allotment", "author": "Greta Holm",
    "articleBody": "The beans came up late this year.\\n\\nThe courgettes did not come up at all."}]
    </script></head><body><div id="app"></div></body></html>"""
    article = extract(page, "https://blog.example.org/allotment")
    assert article.body == ("The beans came up late this year.", "The courgettes did not come up at all.")
    assert article.authors == ("Greta Holm",)
    assert article.extractor["layers"]["body"] == "json-ld"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-08-28T09:00:00Z", "2025-08-28T09:00:00+00:00"),
        ("2025-08-28T11:00:00+0200", "2025-08-28T09:00:00+00:00"),
        ("2025-08-28 09:00", "2025-08-28T09:00:00+00:00"),
        ("Thu, 28 Aug 2025 09:00:00 GMT", "2025-08-28T09:00:00+00:00"),
        ("August 28, 2025 5:00 AM EDT", "2025-08-28T09:00:00+00:00"),
        ("28 August 2025", "2025-08-28T00:00:00+00:00"),
    ],
)
def test_dates_become_aware_utc(text: str, iso: str) -> None:
    value = parse_date(text)
    assert value is not None and value.isoformat() == iso


def test_unreadable_date_is_none() -> None:
    assert parse_date("yesterday") is None
    assert parse_date("") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This story has been updated with additional developments.", "update"),
        ("Updated at 10:45 a.m. ET", None),  # a dateline: the modified time, not a note
        ("UPDATE: Police have named the driver.", "update"),
        ("Correction: An earlier version misspelled the mayor's name.", "correction"),
        ("An earlier version of this story misstated the date of the vote.", "correction"),
        ("Editor's note: This article contains graphic descriptions.", "editor"),
        ("Updated figures show the economy grew by 2%.", None),
        ("The correction in share prices continued on Friday.", None),
    ],
)
def test_note_kinds(text: str, kind: str | None) -> None:
    assert note_kind(text) == kind


def test_control_characters_are_taken_out_and_lose_no_paragraph() -> None:
    from monitor.extractors import extract

    paragraphs = [f"Paragraph {i} of the invented harbour story, long enough to read as text." for i in range(6)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    dirty = body.replace("Paragraph 3", "Paragraph\x0c 3\x1b[2J\x07")
    head = "<html><head><title>Harbour story</title></head><body><article><h1>Harbour story today</h1>"
    page = f"{head}{dirty}</article></body></html>"
    article = extract(page.encode(), "https://news.example.org/harbour")
    assert len(article.body) == 6
    assert not any(ch in "".join(article.body) for ch in "\x0c\x1b\x07")
