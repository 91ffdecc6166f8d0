"""Routing rules per notifier: significance, sources and tags, declared/silent, watch terms, timing helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.errors import NotifierError
from monitor.models import Article, DiffSummary, Significance
from notifiers import build_notifier
from notifiers.routing import digest_window_end, mentions, parse_quiet_hours, quiet_until, watch_hits, zone

OLD = Article(url="https://news.example.org/a", headline="Summit opens", body=("Kim Jong Un did not attend.",))
NEW = Article(
    url="https://news.example.org/a", headline="Summit opens", body=("The death toll rose to 12.", "Nobody came.")
)


def _summary(level: Significance = Significance.MINOR, declared: bool = True) -> DiffSummary:
    return DiffSummary(level, declared)


def _console(**options) -> object:
    return build_notifier("desk", "console", {"color": False, **options})


def test_min_significance_sources_and_tags() -> None:
    desk = _console(min_significance="substantive", sources=["world"], tags=["politics"])
    assert desk.route(_summary(Significance.MAJOR), "world", ("politics",)) == {}
    assert desk.route(_summary(Significance.MINOR), "world", ("politics",)) is None
    assert desk.route(_summary(Significance.MAJOR), "sport", ("politics",)) is None
    assert desk.route(_summary(Significance.MAJOR), "world", ("weather",)) is None
    assert desk.accepts(Significance.MAJOR, "world", ("politics",))


def test_declared_and_silent_only() -> None:
    silent = _console(only="silent")
    declared = _console(only="declared")
    assert silent.route(_summary(declared=False), None) == {} and silent.route(_summary(declared=True), None) is None
    assert declared.route(_summary(declared=True), None) == {}
    assert declared.route(_summary(declared=False), None) is None
    assert not silent.accepts(Significance.MAJOR, None, declared=True)


def test_watch_terms_route_below_the_threshold_and_say_why() -> None:
    desk = _console(min_significance="major", watch=["Kim Jong Un", "death toll", "Pezeshkian"])
    reasons = desk.route(_summary(Significance.MINOR), "world", (), OLD, NEW)
    assert reasons == {
        "watch_appeared": ["death toll"],
        "watch_disappeared": ["Kim Jong Un"],
        "below_threshold": "major",
    }
    assert desk.route(_summary(Significance.MINOR), "world", (), OLD, OLD) is None
    assert desk.route(_summary(Significance.MAJOR), "world", (), OLD, OLD) == {}


def test_watch_terms_match_whole_words_case_and_spacing_insensitively() -> None:
    assert mentions("Kim Jong Un", "met kim  jong\nun today".casefold().replace("\n", " ").replace("  ", " "))
    assert not mentions("Kim", "kimberly said")
    assert watch_hits(("death toll",), OLD, NEW) == (["death toll"], [])


def test_operations_notifiers_never_get_change_alerts() -> None:
    ops = _console(operations=True)
    assert ops.route(_summary(Significance.MAJOR), "world") is None
    assert not ops.accepts(Significance.MAJOR, "world")


def test_bad_timing_options_are_config_errors() -> None:
    with pytest.raises(NotifierError, match="quiet_hours"):
        _console(quiet_hours="late")
    with pytest.raises(NotifierError, match="unknown time zone 'Mars/Olympus'"):
        _console(timezone="Mars/Olympus")
    assert _console(debounce="10m").debounce == 600


def test_quiet_hours_across_midnight_in_a_time_zone() -> None:
    window = parse_quiet_hours("22:00-07:00")
    berlin = zone("Europe/Berlin")  # UTC+2 in summer
    late = datetime(2025, 8, 28, 21, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert quiet_until(late, window, berlin) == datetime(2025, 8, 29, 5, 0, tzinfo=UTC)
    early = datetime(2025, 8, 29, 3, 0, tzinfo=UTC)  # 05:00 in Berlin
    assert quiet_until(early, window, berlin) == datetime(2025, 8, 29, 5, 0, tzinfo=UTC)
    assert quiet_until(datetime(2025, 8, 29, 12, 0, tzinfo=UTC), window, berlin) is None
    assert parse_quiet_hours("08:00-08:00") is None
    day = parse_quiet_hours("12:00-13:00")
    assert quiet_until(datetime(2025, 8, 29, 12, 15, tzinfo=UTC), day, zone("UTC")) == datetime(
        2025, 8, 29, 13, 0, tzinfo=UTC
    )


def test_digest_windows() -> None:
    at = datetime(2025, 8, 28, 9, 20, tzinfo=UTC)
    assert digest_window_end(at, 3600, zone("UTC")) == datetime(2025, 8, 28, 10, 0, tzinfo=UTC)
    assert digest_window_end(at, 86400, zone("UTC")) == datetime(2025, 8, 29, 0, 0, tzinfo=UTC)
    assert digest_window_end(at, 6 * 3600, zone("UTC")) == at.replace(hour=12, minute=0)
    berlin_midnight = digest_window_end(at, 86400, zone("Europe/Berlin"))
    assert berlin_midnight == datetime(2025, 8, 28, 22, 0, tzinfo=UTC)
    assert digest_window_end(at + timedelta(hours=14), 3600, zone("UTC")).day == 29
