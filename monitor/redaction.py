"""Secrets out of text: ``redact(text, secrets)`` for log lines, errors and anything else shown or stored."""

from __future__ import annotations

import re
from collections.abc import Iterable

_URL_TAIL = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]+(/.+)$", re.IGNORECASE)


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace each secret (and its URL-path tail, which often leaks alone) in ``text`` with ``***``."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, "***")
        match = _URL_TAIL.match(secret)
        if match and len(match.group(1)) >= 8:
            text = text.replace(match.group(1), "/***")
    return text
