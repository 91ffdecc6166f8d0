"""What reading dates may skip, and what it must not: a line of story text costs no strptime call, and no format
strptime reads is ever skipped; a page whose classes never name an hAtom time is spared the scan for one."""

from __future__ import annotations

from datetime import datetime

import lxml.html
import pytest

from monitor.extractors import dates, generic
from monitor.extractors.prefilter import PageValues


class _CountingDatetime(datetime):
    """``datetime`` counting the strptime calls made through it."""

    calls = 0

    @classmethod
    def strptime(cls, text: str, fmt: str) -> datetime:  # type: ignore[override]
        _CountingDatetime.calls += 1
        return datetime.strptime(text, fmt)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_CountingDatetime]:
    _CountingDatetime.calls = 0
    monkeypatch.setattr(dates, "datetime", _CountingDatetime)
    return _CountingDatetime


@pytest.mark.parametrize(
    "text",
    [
        "The council met on 3 May to weigh 12 proposals for the quay",
        "Ferry fares rise 4% from Monday",
        "2 ferries and 14 crew",
    ],
)
def test_story_text_costs_no_strptime_call(counted: type[_CountingDatetime], text: str) -> None:
    assert dates.parse_date(text) is None
    assert counted.calls == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 20, 2019 13:42", "2019-11-20T13:42:00+00:00"),
        ("nov  5, 2019", "2019-11-05T00:00:00+00:00"),
        ("Fri Apr 28 19:20:36 CEST 2023", "2023-04-28T17:20:36+00:00"),
        ("12.03.2025 14:20", "2025-03-12T14:20:00+00:00"),
        ("2025/06/09 18:05", "2025-06-09T18:05:00+00:00"),
    ],
)
def test_written_dates_still_read(counted: type[_CountingDatetime], text: str, expected: str) -> None:
    value = dates.parse_date(text)
    assert value is not None and value.isoformat() == expected
    assert counted.calls <= 2  # (only the formats of its shape: "nov" is no %B, but a %b)


# each format filled as strptime reads it: one and two digits, a space before a lone day's digit, any case, runs of
# white space of every kind, digits of other scripts
_FILLED = {
    "Y": ("2025", "١٩٩٩"),
    "m": ("6", "06", "12"),
    "d": ("9", "09", " 9", "31"),
    "H": ("0", "07", "23"),
    "I": ("1", "07", "12"),
    "M": ("5", "05", "59"),
    "S": ("0", "09", "61"),
    "z": ("Z", "+0200", "-05:30", "+01:00:00", "+01:00:00.5"),
    "B": ("June", "SEPTEMBER", "mAy"),
    "b": ("Jun", "SEP", "may"),
    "a": ("Mon", "THU", "sun"),
    "p": ("am", "PM"),
}


def _fillings(fmt: str) -> list[str]:
    """``fmt`` filled in several ways (each directive's values taken in turn, each space as each white space)."""
    texts = []
    for choice in range(4):
        for space in (" ", "  ", "\t", "\u00a0"):
            text = ""
            for at, part in enumerate(fmt.split("%")):
                values = _FILLED[part[0]] if at else ("",)
                text += values[(choice + at) % len(values)] + (part[1:] if at else part).replace(" ", space)
            texts.append(text.strip())
    return texts


@pytest.mark.parametrize("fmt", dates._FORMATS)
def test_no_format_strptime_reads_is_skipped(fmt: str) -> None:
    shape = dict(dates._shaped_formats())[fmt]
    read = 0
    for text in _fillings(fmt):
        try:
            datetime.strptime(text, fmt)
        except ValueError:
            continue  # (strptime refuses this filling: "%Y%m%d" with a spaced day)
        read += 1
        assert shape.fullmatch(text), text
    assert read >= 8


class _Counted:
    def __init__(self, xpath: object) -> None:
        self.xpath, self.calls = xpath, 0

    def __call__(self, tree: object) -> object:
        self.calls += 1
        return self.xpath(tree)  # type: ignore[operator]


def test_no_hatom_scan_on_a_page_whose_classes_never_name_one(monkeypatch: pytest.MonkeyPatch) -> None:
    scans = {name: _Counted(xpath) for name, xpath in generic._MICROFORMAT.items()}
    monkeypatch.setattr(generic, "_MICROFORMAT", scans)
    page = "<html><body><article><h1>Quay reopens</h1><p class='entry'>The quay reopened.</p></article></body></html>"
    tree = lxml.html.fromstring(page)
    assert generic._microformat_stamp(tree, "published", PageValues(tree)) is None
    assert scans["published"].calls == 0
    stamp = "<abbr class='published' title='2025-06-09T18:05:00+01:00'>6:05 pm</abbr>"
    stamped = page.replace("<p class='entry'>", f"{stamp}<p>")
    tree = lxml.html.fromstring(stamped)
    assert generic._microformat_stamp(tree, "published", PageValues(tree)) == "2025-06-09T18:05:00+01:00"
    assert scans["published"].calls == 1
