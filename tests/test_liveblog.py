"""Live blogs without JSON-LD, checked against tests/data/liveblog/expected.yaml, and articles that are not one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.extractors import PAGE_LIVE_LAYER, SiteRule, extract, live_posts
from monitor.extractors.document import parse
from monitor.extractors.liveblog import find_live_posts

DATA = Path(__file__).parent / "data"
LIVE = DATA / "liveblog"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((LIVE / "expected.yaml").read_text())


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page(page: str) -> None:
    expected = EXPECTED[page]
    article = extract((LIVE / page).read_bytes(), expected["url"])
    assert article.extractor.get("live_posts") == expected["live_posts"]
    is_live = expected["live_posts"] is not None
    assert (article.extractor["layers"]["body"] == PAGE_LIVE_LAYER) is is_live
    for field in ("headline", "authors", "body", "published", "modified"):
        if field in expected:
            assert article.to_json()[field] == expected[field], field
    body = "\n".join(article.body)
    for text in expected.get("absent", []):
        assert text not in body, f"{text!r} leaked into the body"


def test_every_live_fixture_has_expectations() -> None:
    assert sorted(p.name for p in LIVE.glob("*.html")) == sorted(EXPECTED)


def test_without_its_json_ld_a_live_blog_reads_the_same_from_its_posts() -> None:
    page = (DATA / "pages" / "live_blog.html").read_text()
    bare = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.DOTALL)
    url = "https://live.example.org/weather/storm-ilse-live"
    from_jsonld, from_posts = extract(page, url), extract(bare, url)
    assert from_posts.extractor["layers"]["body"] == PAGE_LIVE_LAYER
    assert from_posts.body == from_jsonld.body
    assert from_posts.extractor["live_posts"] == from_jsonld.extractor["live_posts"] == 3


def test_a_new_post_is_one_paragraph_added_at_the_end() -> None:
    page = (LIVE / "live_articles.html").read_text()
    newer = page.replace(
        '<article class="live-post" id="post-5">',
        '<article class="live-post" id="post-6"><time datetime="2025-05-01T23:40:00Z">11.40pm</time>'
        "<p>A recount has been called in Ashby West after a margin of just 14 votes.</p></article>\n"
        '<article class="live-post" id="post-5">',
    )
    url = EXPECTED["live_articles.html"]["url"]
    before, after = extract(page, url), extract(newer, url)
    assert after.body[:-1] == before.body
    added = "[2025-05-01 23:40Z] A recount has been called in Ashby West after a margin of just 14 votes."
    assert after.body[-1] == added
    assert after.extractor["live_posts"] == before.extractor["live_posts"] + 1


def test_live_posts_helper_reads_pages_without_json_ld() -> None:
    posts = live_posts((LIVE / "live_divs.html").read_bytes())
    assert [p.published.isoformat() for p in posts if p.published][:2] == [
        "2025-03-09T04:30:00+00:00",
        "2025-03-09T05:05:00+00:00",
    ]


@pytest.mark.parametrize("page", sorted(p.name for p in (DATA / "pages").glob("*.html")))
def test_ordinary_fixture_articles_are_not_live_blogs(page: str) -> None:
    posts = find_live_posts(parse((DATA / "pages" / page).read_bytes()))
    assert len(posts) == (3 if page == "live_blog.html" else 0)


def test_a_site_rule_body_wins_over_the_post_heuristic() -> None:
    rule = SiteRule("tidewater", r"^https://tidewaterpost\.example/", body="div.key-points")
    article = extract((LIVE / "live_articles.html").read_bytes(), EXPECTED["live_articles.html"]["url"], rules=[rule])
    assert "live_posts" not in article.extractor
    assert article.body == ("Key points", "Polls closed at 10pm", "First results expected after 1am")


def _bare_live_blog() -> str:
    """tests/data/pages/live_blog.html without its JSON-LD: no date of its own, posts newest first."""
    page = (DATA / "pages" / "live_blog.html").read_text()
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.DOTALL)


def test_a_new_post_does_not_move_a_live_blogs_published_time() -> None:
    page = _bare_live_blog()
    newer = page.replace(
        '<article class="live-post"><time datetime="2025-10-14T08:45:00Z">',
        '<article class="live-post"><time datetime="2025-10-14T10:05:00Z">10.05am</time>'
        "<p>The coastal road at Brenholm has been closed because of debris.</p></article>\n"
        '<article class="live-post"><time datetime="2025-10-14T08:45:00Z">',
    )
    url = "https://live.example.org/weather/storm-ilse-live"
    before, after = extract(page, url), extract(newer, url)
    assert after.extractor["live_posts"] == before.extractor["live_posts"] + 1
    # published: the oldest post (the page states no time of its own), not the newest one shown first
    assert before.published is not None and before.published.isoformat() == "2025-10-14T06:00:00+00:00"
    assert after.published == before.published
    assert before.extractor["layers"]["published"] == PAGE_LIVE_LAYER
    # modified: the newest post, so it moves with every post
    assert before.modified is not None and before.modified.isoformat() == "2025-10-14T08:45:00+00:00"
    assert after.modified is not None and after.modified.isoformat() == "2025-10-14T10:05:00+00:00"
    assert after.extractor["layers"]["modified"] == PAGE_LIVE_LAYER


def test_a_live_blogs_own_published_time_wins_over_its_posts() -> None:
    page = (LIVE / "live_articles.html").read_text()  # article:published_time 20:00, newest post 23:10 first
    article = extract(page, EXPECTED["live_articles.html"]["url"])
    assert article.published is not None and article.published.isoformat() == "2025-05-01T20:00:00+00:00"
    assert article.extractor["layers"]["published"] == "meta"
    assert article.modified is not None and article.modified.isoformat() == "2025-05-01T23:10:00+00:00"
    earlier = page.replace('content="2025-05-01T20:00:00Z"', 'content="2025-05-01T19:30:00Z"')
    assert extract(earlier, EXPECTED["live_articles.html"]["url"]).published.isoformat() == "2025-05-01T19:30:00+00:00"
