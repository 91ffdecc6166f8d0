"""Logging for storywatch: one line per event on stderr, never a secret in a line.

``setup(level)`` configures the root logger once; ``protect(secrets)`` adds values to redact from every record
(notifier secrets and every value that came from a ``${VAR}``), whatever logger emitted it — httpx included,
whose request lines would otherwise carry a webhook URL.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from notifiers.base import redact

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


def setup(level: int) -> None:
    """Log to stderr at ``level``; chatty libraries stay at WARNING (httpx logs every URL at INFO)."""
    root = logging.getLogger()
    if not any(getattr(h, "_storywatch", False) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(_filter)
        handler._storywatch = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for name in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def protect(secrets: Iterable[str]) -> None:
    """Redact these values from every log line from now on."""
    _filter.secrets.update(s for s in secrets if s and len(s) >= 4)


def protected() -> set[str]:
    """Every value redacted so far (for text that does not go through logging, such as a last-resort error)."""
    return set(_filter.secrets)
