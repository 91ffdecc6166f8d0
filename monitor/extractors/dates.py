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
    "%a %b %d %H:%M:%S %Y",  # Java's Date.toString(), once its zone name is taken off
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
_TZ_BEFORE_YEAR = re.compile(r"\s\b(UTC|GMT|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST)\s+(\d{4})$")
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
    java = _TZ_BEFORE_YEAR.search(text)  # "Fri Apr 28 19:20:36 CEST 2023"
    if java:
        text = f"{text[: java.start()]} {java.group(2)} {java.group(1)}"
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


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier enero gennaio januari",
            "february feb februar février fevrier febrero febbraio februari",
            "march mar märz maerz mars marzo maart",
            "april apr avril abril aprile",
            "may mai mayo maggio mei",
            "june jun juni juin junio giugno",
            "july jul juli juillet julio luglio",
            "august aug août aout agosto augustus",
            "september sep sept septembre septiembre settembre",
            "october oct oktober octobre octubre ottobre",
            "november nov novembre noviembre",
            "december dec dezember décembre decembre diciembre dicembre",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"([^\W\d_]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+" + _MONTH + r",?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+(\d{1,2}),?\s+(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_CLOCK = re.compile(
    r"\b(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(?:uhr|h))?\s*([A-Z]{2,4})?\b", re.I
)


def visible_date(text: str) -> datetime | None:
    """A date and, when given, a time written in running text in English, German, French, Spanish or Italian.

    ``"erstellt: 01. April 2025, 15:25"`` and ``"Updated 10:40 AM EDT, Thu August 28, 2025"`` both read.
    """
    day = _find_day(text)
    if day is None:
        return None
    year, month, date_span = day
    rest = text[: date_span[0]] + " " + text[date_span[1] :]
    hour = minute = 0
    offset = ""
    clock = _CLOCK.search(rest)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        meridiem = (clock.group(3) or "").lower().replace(".", "")
        hour = hour % 12 + (12 if meridiem == "pm" else 0) if meridiem else hour
        offset = _TZ_NAMES.get((clock.group(4) or "").upper(), "")
    try:
        value = datetime(year, month[0], month[1], hour, minute)
    except ValueError:
        return None
    if offset:
        value = datetime.fromisoformat(value.isoformat() + offset)
    return value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC)


def _find_day(text: str) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
    match = _NUMERIC.search(text)
    if match:
        if match.group(1):
            return int(match.group(3)), (int(match.group(2)), int(match.group(1))), match.span()
        return int(match.group(4)), (int(match.group(5)), int(match.group(6))), match.span()
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        return int(match.group(3)), (_MONTHS[match.group(2).lower()], int(match.group(1))), match.span()
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        return int(match.group(3)), (_MONTHS[match.group(1).lower()], int(match.group(2))), match.span()
    return None
