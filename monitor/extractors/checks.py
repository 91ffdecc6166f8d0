"""Judge whether an extraction looks broken (consent wall, error page, lost body) before it is stored."""

from __future__ import annotations

import re
from collections.abc import Sequence

from monitor.models import Article

MIN_WORDS = 12  # fewer words than this is not a story (a breaking-news stub has a couple of sentences)
SHRINK_LIMIT = 0.5  # a body that loses more than half its words at once is more likely a broken page
_SHORT_PAGE_WORDS = 150  # wall/error wording only condemns a page this short (a story may discuss cookies)
_WALL_HEADLINE_SHARE = 0.5  # of a headline's characters the wall wording takes up when the page is the wall
_STORY_WORDS = 60  # words of other paragraphs beside wall wording that make a short story, not a wall
_WALLS = (
    (
        "a cookie consent wall",
        re.compile(
            r"\b(?:we value your privacy|accept all(?: cookies)?|reject all|manage (?:your )?(?:cookie )?preferences|"
            r"cookie (?:settings|consent|policy)|before you continue|consent to (?:the use of )?cookies)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "a paywall",
        re.compile(
            r"\b(?:subscribe (?:now )?to (?:continue|keep) reading|"
            r"to continue reading,? (?:please )?(?:subscribe|log in)|"
            r"already a subscriber|subscribers? only|this (?:article|story|content) is (?:only )?for subscribers)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "an error page",
        re.compile(
            r"\b(?:page not found|404 (?:error|not found)|access denied|something went wrong|service unavailable|"
            r"are you a robot|verify you are (?:a )?human|enable javascript|too many requests|internal server error)\b",
            re.IGNORECASE,
        ),
    ),
)


def assess(article: Article, previous: Article | None) -> str | None:
    """A readable reason when ``article`` looks like a broken extraction, else None.

    ``previous`` is the last stored version of the same story (None for a first sighting). The pipeline
    records a reason as an extraction problem instead of storing a new version or alerting.
    """
    words = word_count(article.body)
    if not article.headline or not article.headline.strip():
        return "headline missing"
    if words < MIN_WORDS:
        return f"body nearly empty ({words} words)"
    for label, pattern in _WALLS:
        if _wall_headline(article.headline, pattern) or words < _SHORT_PAGE_WORDS and _walled(article.body, pattern):
            return f"the page looks like {label}, not the story"
    if previous is not None:
        before = word_count(previous.body)
        if before and words < before * SHRINK_LIMIT:
            return f"body shrank from {before} to {words} words at once"
    return None


def _wall_headline(headline: str, pattern: re.Pattern[str]) -> bool:
    """A headline that is the wall's wording ("Before you continue", "Oops! Something went wrong"), not a story's
    headline that quotes it ("Something went wrong: inside the launch that failed")."""
    match = pattern.search(headline)
    return match is not None and len(match.group(0)) >= _WALL_HEADLINE_SHARE * len(headline.strip())


def _walled(body: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Wall wording in the body and too little else to be a story: a short news item that quotes "something
    went wrong" or mentions cookies is still a story."""
    walls = [paragraph for paragraph in body if pattern.search(paragraph)]
    return bool(walls) and word_count(tuple(p for p in body if p not in walls)) < _STORY_WORDS


# scripts counted by characters: Chinese, Japanese, Korean (each hangul block a syllable), and Thai, Lao, Khmer
# and Myanmar, written without spaces between words
_CJK = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff\u1000-\u109f]"
)


def word_count(paragraphs: Sequence[str]) -> int:
    """Words, where Chinese, Japanese, Korean and South-East Asian text (written without spaces) counts one word
    per two characters — roughly what a word is in those scripts."""
    total = 0
    for paragraph in paragraphs:
        cjk = len(_CJK.findall(paragraph))
        total += len(_CJK.sub("", paragraph).split()) + cjk // 2
    return total
