"""Logging for storywatch: one line per event on stderr, never a secret in a line.

``setup(level)`` configures the root logger once; ``protect(secrets)`` adds values to redact from every record
(notifier secrets and every value that came from a ``${VAR}``), whatever logger emitted it — httpx included,
whose request lines would otherwise carry a webhook URL. ``setup(level, fmt="json")`` writes one JSON object a
line for log shippers: ``time``, ``level``, ``logger``, ``event`` and, when the event is about one, ``story_id``,
``url`` and ``source`` (passed as ``extra=``); redaction runs first, so no secret reaches either form.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

from monitor.redaction import redact

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with every known secret replaced by ``***``."""

    def __init__(self) -> None:
        super().__init__("storywatch-redact")
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            cleaned = redact(message, self.secrets)
            if cleaned != message:
                record.msg, record.args = cleaned, None
            if record.exc_info and record.exc_info[1] is not None:
                text = logging.Formatter().formatException(record.exc_info)
                record.exc_info, record.exc_text = None, redact(text, self.secrets)
        return True


_filter = RedactingFilter()
FIELDS = ("story_id", "url", "source")  # what an event may be about (``log.info(..., extra={"story_id": 7})``)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (ISO 8601 UTC), level, logger, event, the fields above, and a traceback
    (``exception``) when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if getattr(record, name, None) is not None})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup(level: int, fmt: str = "text") -> None:
    """Log to stderr at ``level`` as ``text`` or ``json``; chatty libraries stay at WARNING (httpx logs every URL
    at INFO)."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "_storywatch", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.addFilter(_filter)
        handler._storywatch = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(_FORMAT))
    root.setLevel(level)
    for name in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def protect(secrets: Iterable[str]) -> None:
    """Redact these values from every log line from now on."""
    _filter.secrets.update(s for s in secrets if s and len(s) >= 4)


def protected() -> set[str]:
    """Every value redacted so far (for text that does not go through logging, such as a last-resort error)."""
    return set(_filter.secrets)
