"""The README is tested: its Quick start is what CI runs, and every CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import click

from monitor.cli import cli

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_exactly_two_commands_and_ci_runs_the_second() -> None:
    demo, tests = quick_start()
    assert "storywatch demo" in demo and "pytest" in tests
    ci = (REPO / ".ci" / "run").read_text()
    assert tests in ci.splitlines()


def test_ci_installs_the_chromium_the_browser_tests_drive() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    lines = ci.splitlines()
    install = next(i for i, line in enumerate(lines) if "apt-get install -y -q chromium" in line)
    guard = next(i for i, line in enumerate(lines) if "[ ! -x /usr/bin/chromium ]" in line)
    tests = next(i for i, line in enumerate(lines) if line == quick_start()[1])
    assert guard < install < tests  # only when missing, and before the tests run
    assert 'SUDO=""' in ci and "$SUDO apt-get install" in lines[install]  # sudo only when not root


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    names = []
    context = click.Context(group)
    for name in group.list_commands(context):  # the group imports each command when it is looked up
        command = group.get_command(context, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix}{name} ")
        else:
            names.append(prefix + name)
    return names


def test_every_cli_command_is_in_the_readme_tour() -> None:
    commands = _commands(cli)
    assert len(commands) >= 13
    missing = [c for c in commands if f"`storywatch {c}" not in README]
    assert missing == []


def test_every_registered_notifier_type_is_documented() -> None:
    from notifiers.base import registry

    for kind, cls in registry().items():
        row = next((line for line in README.splitlines() if line.startswith(f"| `{kind}` |")), None)
        assert row is not None, kind
        for option in cls.options:
            assert f"`{option.name}`" in row, (kind, option.name)


def test_every_common_notifier_option_is_documented() -> None:
    from notifiers.base import COMMON_OPTIONS

    missing = [o.name for o in COMMON_OPTIONS if f"`{o.name}`" not in README]
    assert missing == []


def test_every_config_key_is_in_the_reference() -> None:
    from monitor import config

    sections = {
        "storage": config._STORAGE,
        "fetch": config._FETCH,
        "schedule": config._SCHEDULE,
        "delivery": config._DELIVERY,
        "sources[]": config._SOURCE,
        "web": config._WEB,
        "workers": config._WORKERS,
        "extraction": config._EXTRACTION,
    }
    missing = [
        f"{name}.{key}"
        for name, spec in sections.items()
        for key in spec
        if f"{name}.{key}" not in README and f"`{name}.{key}`" not in README
    ]
    # sources' kinds share one row: `sources[].feed` / `sitemap` / `url`
    missing = [m for m in missing if m not in ("sources[].sitemap", "sources[].url")]
    assert missing == []
