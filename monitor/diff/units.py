"""What travels with a number: a currency sign before it, a percent sign or a unit after it.

"26 → 27" says little when the story says "$26 million → $27 million" or "12% → 15%"; a changed number is
shown with what the text wrote around it, so an editor reads it right.
"""

from __future__ import annotations

import re

_CURRENCY = re.compile(r"(?:\b[A-Z]{1,3})?[$€£¥₹₩₽₦]$")
_UNITS = (
    "km kilometres kilometers miles mile metres meters metre meter cm mm kg kilograms grams tonnes tons lb lbs "
    "litres liters gallons barrels mph km/h kph degrees hectares acres dollars euros pounds yen yuan rupees "
    "francs kronor pesos rand naira"
)
_SUFFIX = re.compile(
    r"(?:%|°[CF]?| ?per ?cent\b| percent\b| pct\b| percentage points?\b| (?:bn|mn)\b"
    rf"| (?:square |sq )?(?:{'|'.join(re.escape(unit) for unit in _UNITS.split())})(?![\w/]))"
)


def with_units(number: str, before: str, after: str) -> str:
    """``number`` as the text wrote it: with the currency sign that ends ``before`` and the percent sign or
    unit that opens ``after`` (``"$" + "26 million" + " in aid"`` → ``"$26 million"``)."""
    prefix = _CURRENCY.search(before)
    suffix = _SUFFIX.match(after)
    return f"{prefix.group() if prefix else ''}{number}{suffix.group() if suffix else ''}"
