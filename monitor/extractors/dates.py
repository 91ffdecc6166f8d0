"""Turn the date strings publishers write into aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y %H:%M",
    "%B %d, %Y",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y",
    "%d %B %Y %H:%M",
    "%d %B %Y",
    "%d %b %Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y%m%d",
)
_TZ_NAMES = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
}
_TZ_SUFFIX = re.compile(r"\s*\b(UTC|GMT|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST)$")
_HHMM_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_date(text: str | None) -> datetime | None:
    """An aware UTC datetime for ISO 8601, RFC 2822 and common written forms; None when unreadable."""
    if not text:
        return None
    text = " ".join(text.split()).replace("Sept.", "Sep.").replace(".,", ",")
    if not text or not any(ch.isdigit() for ch in text):
        return None
    value = _iso(text) or _written(text) or _rfc2822(text)
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    candidate = _HHMM_OFFSET.sub(r"\1:\2", candidate) if "T" in candidate else candidate
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _written(text: str) -> datetime | None:
    offset = ""
    match = _TZ_SUFFIX.search(text)
    if match:
        offset = _TZ_NAMES[match.group(1)]
        text = text[: match.start()]
    text = text.replace(".", "") if re.match(r"^[A-Za-z]{3,4}\.", text) else text
    text = re.sub(r"\s+at\s+", " ", text.strip().rstrip(","))
    for fmt in _FORMATS:
        try:
            value = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if offset and value.tzinfo is None:
            value = datetime.fromisoformat(value.isoformat() + offset)
        return value
    return None
