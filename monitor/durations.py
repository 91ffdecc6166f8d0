"""Parse and print the durations config.yaml and the CLI use: ``30s``, ``5m``, ``2h``, ``7d``."""

from __future__ import annotations

import re
from datetime import timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
HINT = "write it like 30s, 5m, 2h or 7d"


def parse_duration(value: object) -> timedelta:
    """``"5m"`` → 5 minutes; ``"1h30m"`` and a bare number of seconds also work. ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration ({HINT})")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"{value!r} is negative ({HINT})")
        return timedelta(seconds=value)
    text = str(value).strip().replace(" ", "")
    if not text:
        raise ValueError(f"an empty value is not a duration ({HINT})")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return timedelta(seconds=float(text))
    parts = _PART.findall(text)
    if not parts or "".join(n + u for n, u in parts).lower() != text.lower():
        raise ValueError(f"{value!r} is not a duration ({HINT})")
    return timedelta(seconds=sum(float(n) * _UNITS[u.lower()] for n, u in parts))


def format_duration(value: timedelta) -> str:
    """5 minutes → ``"5m"``; 90 minutes → ``"1h30m"``; under a second → ``"0s"``."""
    seconds = int(value.total_seconds())
    if seconds <= 0:
        return "0s"
    out = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            out.append(f"{amount}{unit}")
    return "".join(out)
