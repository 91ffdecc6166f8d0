"""Live blogs: a new post is news in itself, reported by its first words rather than as an added paragraph.

The extractor gives a live blog one body paragraph per post, oldest first (``[2025-08-28 09:05Z] text``),
and says so with ``extractor["live_posts"]``; whichever way it recognised the blog, that key is all this
module relies on.
"""

from __future__ import annotations

import re

from monitor.models import Article

PREVIEW_WORDS = 12
_STAMP = re.compile(r"\[[^\]\n]{1,40}\]\s*")  # the post's time, as the extractor writes it


def is_live(article: Article) -> bool:
    """True for a live blog (the extractor counted its posts)."""
    return bool(article.extractor.get("live_posts"))


def preview(post: str, words: int = PREVIEW_WORDS) -> str:
    """The post's time stamp (when it has one) and first ``words`` words, with "…" when cut."""
    stamp = _STAMP.match(post)
    head = stamp.group().strip() + " " if stamp else ""
    parts = post[stamp.end() if stamp else 0 :].split()
    return head + " ".join(parts[:words]) + ("…" if len(parts) > words else "")
