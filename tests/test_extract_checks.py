"""assess(): a broken-looking extraction gets a readable reason; a healthy one, and its normal edits, get None."""

from __future__ import annotations

from dataclasses import replace

import pytest

from monitor.extractors.checks import assess, word_count
from monitor.models import Article

STORY = tuple(
    f"Paragraph {n} of the ferry story says the island service adds three crossings on weekdays from June."
    for n in range(1, 7)
)
GOOD = Article(url="https://news.example.org/ferry", headline="Ferry adds crossings", body=STORY)


def test_healthy_article_passes() -> None:
    assert assess(GOOD, None) is None
    assert assess(replace(GOOD, body=(*STORY, "One more paragraph was added.")), GOOD) is None


def test_a_normal_trim_is_not_a_shrink() -> None:
    assert assess(replace(GOOD, body=STORY[:4]), GOOD) is None


@pytest.mark.parametrize(
    ("article", "previous", "reason"),
    [
        (replace(GOOD, headline=None), None, "headline missing"),
        (replace(GOOD, headline="  "), None, "headline missing"),
        (replace(GOOD, body=()), None, "nearly empty (0 words)"),
        (replace(GOOD, body=("Loading…",)), None, "nearly empty"),
        (replace(GOOD, body=STORY[:2]), GOOD, "shrank from"),
        (replace(GOOD, headline="Before you continue"), None, "cookie consent"),
        (
            replace(GOOD, body=("We value your privacy. " * 8, "Accept all or manage preferences to go on reading.")),
            None,
            "cookie consent",
        ),
        (
            replace(GOOD, body=(*STORY[:3], "Subscribe to continue reading. Already a subscriber? Log in here.")),
            None,
            "paywall",
        ),
        (replace(GOOD, headline="404 Not Found"), None, "error page"),
        (replace(GOOD, body=("Something went wrong. " * 10,)), None, "error page"),
    ],
)
def test_broken_extractions_are_named(article: Article, previous: Article | None, reason: str) -> None:
    found = assess(article, previous)
    assert found is not None and reason in found


def test_a_long_story_about_cookies_is_a_story() -> None:
    long_story = (*STORY, *STORY, *STORY, "Regulators said sites must let readers reject all cookies as easily.")
    assert assess(replace(GOOD, body=long_story), None) is None


@pytest.mark.parametrize(
    "headline",
    ["Something went wrong: inside the ferry booking system that failed", "Access denied to the harbour, say fishers"],
)
def test_a_headline_quoting_wall_wording_is_a_story(headline: str) -> None:
    assert assess(replace(GOOD, headline=headline), None) is None


@pytest.mark.parametrize("headline", ["Oops! Something went wrong", "Access Denied", "Are you a robot?"])
def test_a_headline_that_is_the_wall_names_it(headline: str) -> None:
    assert assess(replace(GOOD, headline=headline), None) is not None


def test_a_thai_story_is_not_nearly_empty() -> None:
    # Thai is written without spaces between words: a few spaced phrases hold a whole paragraph
    body = ("เรือข้ามฟากเพิ่มเที่ยวเรือสามเที่ยวในวันธรรมดา ตั้งแต่เดือนมิถุนายนเป็นต้นไป ผู้ให้บริการกล่าว",)
    assert word_count(body) >= 12
    assert assess(replace(GOOD, body=body), None) is None
