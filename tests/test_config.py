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
