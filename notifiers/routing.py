"""Routing and timing rules a notifier applies: watch terms, quiet hours, digest windows.

All pure functions of their inputs (no clock, no I/O), so the pipeline (routing at detection time) and the
outbox (timing at delivery time) share them and tests pin them down exactly.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.models import Article

_CLOCK = r"([01]?\d|2[0-3]):[0-5]\d"  # 0:00 … 23:59
QUIET_PATTERN = rf"^\s*{_CLOCK}\s*-\s*{_CLOCK}\s*$"
QUIET_FORM = (
    'a daily window: write START-END on the 24-hour clock, in the notifier\'s timezone, like "22:00-07:00" '
    "(it may cross midnight)"
)
DAY = 86400.0


# -- watch terms ----------------------------------------------------------------------------------------
def _normal(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _article_text(article: Article) -> str:
    parts = [article.headline or "", *article.body]
    return _normal(" \n ".join(parts))


def mentions(term: str, text: str) -> bool:
    """True when ``term`` occurs in normalised ``text`` as whole words ("Kim" does not match "Kimberly")."""
    needle = _normal(term)
    if not needle:
        return False
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text) is not None


def watch_hits(terms: tuple[str, ...], old: Article, new: Article) -> tuple[list[str], list[str]]:
    """(terms that appeared, terms that disappeared) between two versions of a story."""
    before, after = _article_text(old), _article_text(new)
    appeared: list[str] = []
    disappeared: list[str] = []
    for term in terms:
        was, now = mentions(term, before), mentions(term, after)
        if now and not was:
            appeared.append(term)
        elif was and not now:
            disappeared.append(term)
    return appeared, disappeared


# -- time zones, quiet hours ----------------------------------------------------------------------------
def zone(name: str | None) -> tzinfo:
    """The IANA time zone ``name`` (UTC when empty); raises ValueError naming it when unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name like Europe/Berlin or UTC)") from exc


def parse_quiet_hours(spec: str | None) -> tuple[time, time] | None:
    """``"22:00-07:00"`` → (22:00, 07:00); None when unset or an empty window; ValueError when unreadable."""
    if not spec:
        return None
    if not re.match(QUIET_PATTERN, spec):
        raise ValueError(f"quiet_hours {spec!r} is not {QUIET_FORM}")
    start_text, end_text = (part.strip() for part in spec.split("-"))
    start, end = (time(int(t.split(":")[0]), int(t.split(":")[1])) for t in (start_text, end_text))
    return None if start == end else (start, end)


def quiet_until(at: datetime, window: tuple[time, time] | None, tz: tzinfo) -> datetime | None:
    """When the quiet window that ``at`` falls in ends (UTC-aware as ``at``); None when ``at`` is not quiet."""
    if window is None:
        return None
    start, end = window
    local = at.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    inside = start <= clock < end if start < end else (clock >= start or clock < end)
    if not inside:
        return None
    day = local.date()
    if start > end and clock >= start:  # the window crosses midnight: it ends tomorrow
        day += timedelta(days=1)
    ends = datetime.combine(day, end, tzinfo=tz)
    return ends.astimezone(at.tzinfo)


# -- digests ----------------------------------------------------------------------------------------------
def digest_window_end(created: datetime, every: float, tz: tzinfo) -> datetime:
    """The end of the digest window ``created`` falls in: windows of ``every`` seconds from local midnight.

    ``1h`` → the next full hour, ``6h`` → 00/06/12/18 local, ``1d`` (or more) → the next local midnight.
    """
    local = created.astimezone(tz)
    midnight = datetime.combine(local.date(), time(0), tzinfo=tz)
    if every >= DAY:
        return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=tz).astimezone(created.tzinfo)
    step = max(60.0, every)
    elapsed = (local.replace(tzinfo=None) - midnight.replace(tzinfo=None)).total_seconds()
    slots = int(elapsed // step) + 1
    end = midnight.replace(tzinfo=None) + timedelta(seconds=slots * step)
    if end.date() != local.date():
        end = datetime.combine(local.date() + timedelta(days=1), time(0))
    return end.replace(tzinfo=tz).astimezone(created.tzinfo)
