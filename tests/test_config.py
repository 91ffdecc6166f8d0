"""config.yaml loading: the contract keys, ${VAR} interpolation, durations, and errors that name their path."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from monitor.config import load_config, parse_config
from monitor.durations import format_duration, parse_duration
from monitor.errors import ConfigError
from monitor.models import SourceKind

REPO = Path(__file__).resolve().parent.parent

GOOD = """
storage:
  url: sqlite:///news.db
fetch:
  user_agent: "storywatch (+mailto:desk@example.org)"
  timeout: 20s
  allow_private_networks: false
sources:
  - name: world
    feed: https://example.org/world/rss.xml
    interval: 5m
    tags: [world]
  - name: one
    url: https://example.org/a/story
  - name: maps
    sitemap: https://example.org/news-sitemap.xml
    interval: 2h
notifiers:
  - name: world-desk
    type: slack
    webhook_url: ${SLACK_WEBHOOK_URL}
    min_significance: substantive
  - name: standards
    type: email
    smtp_host: smtp.example.org
    smtp_port: 587
    from: storywatch@example.org
    to: [standards@example.org]
"""


def problems(text: str, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(ConfigError) as info:
        parse_config(text, env=env or {})
    return info.value.problems


def test_contract_keys_load_into_typed_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(GOOD)
    settings = load_config(path, env={"SLACK_WEBHOOK_URL": "https://hooks.slack.example/T1/B2/secretpart"})
    assert settings.storage.url == "sqlite:///" + str(tmp_path / "news.db")
    assert settings.fetch.timeout == 20.0 and settings.fetch.allow_private_networks is False
    world, one, maps = settings.sources
    assert (world.kind, world.interval, world.tags) == (SourceKind.FEED, timedelta(minutes=5), ("world",))
    assert one.kind is SourceKind.URL and maps.kind is SourceKind.SITEMAP and maps.interval == timedelta(hours=2)
    slack, email = settings.notifiers
    assert slack.options["webhook_url"] == "https://hooks.slack.example/T1/B2/secretpart"
    assert "https://hooks.slack.example/T1/B2/secretpart" in settings.secrets
    assert email.options["to"] == ("standards@example.org",)


def test_unknown_key_names_its_path_and_the_fix() -> None:
    text = GOOD.replace("webhook_url: ${SLACK_WEBHOOK_URL}", "webhok_url: https://hooks.example/x")
    found = problems(text)
    assert "notifiers[0].webhok_url: unknown key (did you mean 'webhook_url'?)" in found


def test_values_from_the_environment_are_never_echoed_even_in_the_wrong_key() -> None:
    text = GOOD.replace("smtp_port: 587", "smtp_port: ${SMTP_PASSWORD}")
    found = problems(text, env={"SLACK_WEBHOOK_URL": "https://hooks.example/T1/B2/x", "SMTP_PASSWORD": "hunter2-pw"})
    assert any(p.startswith("notifiers[1].smtp_port: expected a whole number") for p in found)
    assert not any("hunter2" in p for p in found)
    settings = parse_config(GOOD, env={"SLACK_WEBHOOK_URL": "https://hooks.example/T1/B2/x"})
    assert "https://hooks.example/T1/B2/x" in settings.secrets


def test_every_problem_is_listed_at_once() -> None:
    text = """
storage: {url: mysql://nope}
fetch: {timeout: soon, alow_private_networks: true}
sources:
  - name: a
    feed: ftp://example.org/feed
    interval: 5 minutes
  - name: a
    url: https://example.org/x
  - name: b
notifiers:
  - name: x
    type: slak
"""
    found = problems(text)
    joined = "\n".join(found)
    assert "storage.url:" in joined
    assert "fetch.timeout: 'soon' is not a duration" in joined
    assert "fetch.alow_private_networks: unknown key (did you mean 'allow_private_networks'?)" in joined
    assert "sources[0].feed: 'ftp://example.org/feed' is not an http(s) URL" in joined
    assert "sources[0].interval: '5 minutes' is not a duration" in joined
    assert "sources[1].name: 'a' is already used by sources[0]" in joined
    assert "sources[2]: needs exactly one of feed, sitemap or url" in joined
    assert "notifiers[0].type: unknown type 'slak' (did you mean 'slack'?)" in joined
    assert len(found) >= 8


def test_missing_environment_variable_names_the_key_and_never_leaks_values() -> None:
    found = problems(GOOD)
    assert found == [
        "notifiers[0].webhook_url: environment variable SLACK_WEBHOOK_URL is not set "
        "(export SLACK_WEBHOOK_URL=… before starting storywatch)"
    ]


def test_secret_values_are_not_echoed_in_errors() -> None:
    text = GOOD.replace("${SLACK_WEBHOOK_URL}", "not-a-url-but-a-Secret123")
    found = problems(text)
    assert any(p.startswith("notifiers[0].webhook_url:") for p in found)
    assert not any("Secret123" in p for p in found)


def test_yaml_syntax_error_gives_line_and_column() -> None:
    found = problems("sources:\n  - name: a\n   feed: [\n")
    assert len(found) == 1 and found[0].startswith("line ") and "not valid YAML" in found[0]


def test_defaults_for_an_empty_file() -> None:
    settings = parse_config("", env={})
    assert settings.sources == () and settings.notifiers == ()
    assert settings.storage.url.startswith("sqlite:///")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("5m", 300), ("2h", 7200), ("7d", 604800), ("1h30m", 5400), (45, 45), ("90", 90)],
)
def test_durations(text: object, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("bad", ["", "5 minutes", "m5", "-3s", True, "5x"])
def test_bad_durations(bad: object) -> None:
    with pytest.raises(ValueError, match="30s, 5m, 2h or 7d"):
        parse_duration(bad)


def test_format_duration_round_trips() -> None:
    for text in ("30s", "5m", "2h", "7d", "1h30m"):
        assert format_duration(parse_duration(text)) == text


def test_the_shipped_config_and_the_starter_are_valid_and_identical() -> None:
    shipped = (REPO / "config.yaml").read_text()
    starter = (REPO / "monitor" / "starter_config.yaml").read_text()
    assert shipped == starter
    settings = parse_config(shipped, env={})
    assert {s.name for s in settings.sources} == {"world", "parade-story"}
    assert {n.type for n in settings.notifiers} == {"console", "slack", "email"}


def test_schedule_ladder() -> None:
    settings = parse_config('schedule: {ladder: ["1h: 5m", "1d: 1h"], max_age: 2d}', env={})
    assert settings.schedule.interval_for(timedelta(minutes=30)) == timedelta(minutes=5)
    assert settings.schedule.interval_for(timedelta(hours=5)) == timedelta(hours=1)
    assert settings.schedule.interval_for(timedelta(days=1, hours=1)) == timedelta(hours=1)
    assert settings.schedule.interval_for(timedelta(days=3)) is None
    assert problems('schedule: {ladder: ["1d: 1h", "1h: 5m"]}') == [
        "schedule.ladder: steps must be in increasing order of age"
    ]


def test_a_wrong_file_is_not_echoed_back() -> None:
    found = problems("export SLACK_WEBHOOK_URL=https://hooks.example/T1/B2/REALSECRET SMTP_PASSWORD=hunter2\n")
    assert found == ["(top level): expected a mapping of keys, got text of 85 characters"]


def test_option_combinations_are_config_errors_at_their_paths(tmp_path) -> None:
    """Values each option accepts alone but the channel can't use together fail `config check`, not delivery."""
    text = """
sources:
  - name: world
    feed: https://example.org/rss.xml
notifiers:
  - name: both
    type: slack
    webhook_url: https://hooks.example/services/T0/B0/SECRETHOOK
    token: xoxb-SECRET-TOKEN
    channel: C01
  - name: bot
    type: slack
    token: xoxb-SECRET-TOKEN
    timezone: Mars/Phobos
  - name: mail
    type: email
    smtp_host: smtp.example.org
    from: a@example.org
    to: [b@example.org]
    password: SECRET-PW
    mode: digest
    debounce: 5m
"""
    with pytest.raises(ConfigError) as caught:
        parse_config(text, env={})
    problems = caught.value.problems
    assert "notifiers[0].token: set either webhook_url, or token and channel, not both" in problems
    assert "notifiers[1].channel: required with token (the channel id or #name to post in)" in problems
    assert any(p.startswith("notifiers[1].timezone: unknown time zone 'Mars/Phobos'") for p in problems)
    assert "notifiers[2].username: required with password (the SMTP login)" in problems
    assert any(p.startswith("notifiers[2].debounce: has no effect with mode: digest") for p in problems)
    assert "SECRET" not in str(caught.value)


def _problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, env={})
    return caught.value.problems


@pytest.mark.parametrize("window", ["22-07", "22:00", "25:00-07:00", "22:60-07:00", "late"])
def test_a_bad_quiet_hours_window_is_described_in_words_not_as_a_regex(window: str) -> None:
    (problem,) = _problems(f"notifiers:\n  - {{name: desk, type: console, quiet_hours: '{window}'}}\n")
    assert problem == (
        f"notifiers[0].quiet_hours: {window!r} is not a daily window: write START-END on the 24-hour clock, "
        'in the notifier\'s timezone, like "22:00-07:00" (it may cross midnight)'
    )
    assert "\\d" not in problem and "^" not in problem


def test_good_quiet_hours_windows_are_accepted() -> None:
    for window in ("22:00-07:00", "9:30 - 17:00", "00:00-23:59"):
        parse_config(f"notifiers:\n  - {{name: desk, type: console, quiet_hours: '{window}'}}\n", env={})


def test_a_duplicate_source_name_is_reported_even_when_its_entry_has_other_errors() -> None:
    problems = _problems("""
sources:
  - {name: world, feed: https://example.org/rss.xml}
  - {name: world, interval: 5s}
  - {name: world, feed: https://example.org/b.xml, url: https://example.org/a}
""")
    assert problems == [
        "sources[1].interval: must be at least 10 seconds",
        "sources[1].name: 'world' is already used by sources[0] (names must be unique)",
        "sources[1]: needs exactly one of feed, sitemap or url (found none)",
        "sources[2].name: 'world' is already used by sources[0] (names must be unique)",
        "sources[2]: needs exactly one of feed, sitemap or url (found feed and url)",
    ]


def test_a_duplicate_notifier_name_is_reported_even_with_an_unknown_type() -> None:
    problems = _problems("""
notifiers:
  - {name: desk, type: console}
  - {name: desk, type: slak}
""")
    assert problems[0].startswith("notifiers[1].type: unknown type 'slak' (did you mean 'slack'?)")
    assert problems[1] == "notifiers[1].name: 'desk' is already used by notifiers[0] (names must be unique)"


MAIL = """
notifiers:
  - name: mail
    type: email
    smtp_host: {host}
    from: a@example.org
    to: [b@example.org]
    username: desk
    password: SECRET-PW
{extra}"""


@pytest.mark.parametrize(
    ("extra", "why"),
    [("    security: none\n", "none"), ("    smtp_port: 25\n", "none (the default for port 25)")],
    ids=["said", "by the port"],
)
def test_a_password_over_plain_text_is_an_error(extra: str, why: str) -> None:
    (problem,) = _problems(MAIL.format(host="smtp.example.org", extra=extra))
    assert problem == (
        f"notifiers[0].security: {why} would send the password in plain text to smtp.example.org: set security: "
        "starttls (port 587) or ssl (port 465); plain text is allowed only to a relay on this machine (localhost)"
    )
    assert "SECRET" not in problem


def test_a_password_in_plain_text_to_a_local_relay_or_over_tls_is_fine() -> None:
    parse_config(MAIL.format(host="localhost", extra="    security: none\n"), env={})
    parse_config(MAIL.format(host="smtp.example.org", extra="    smtp_port: 465\n"), env={})
    parse_config(MAIL.format(host="smtp.example.org", extra=""), env={})  # 587: starttls


def test_a_combination_problem_is_reported_beside_a_bad_value_in_the_same_entry() -> None:
    problems = _problems(MAIL.format(host="smtp.example.org", extra="    security: none\n    timeout: soon\n"))
    assert [p.split(":")[0] for p in problems] == ["notifiers[0].timeout", "notifiers[0].security"]


def test_ladder_steps_need_at_least_a_second() -> None:
    problems = _problems('schedule: {ladder: ["6h: 0s", "0s: 1m", "1d: 30m"]}\n')
    assert problems == [
        "schedule.ladder[0]: '6h: 0s': the interval must be at least 1s; write each step as 'AGE: INTERVAL', "
        "like '6h: 10m'",
        "schedule.ladder[1]: '0s: 1m': the age must be at least 1s; write each step as 'AGE: INTERVAL', like '6h: 10m'",
    ]
    parse_config('schedule: {ladder: ["1h: 1s"]}\n', env={})
