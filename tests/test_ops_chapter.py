"""Every command in the README's "Running it in production" is run by a test, and this file says which.

The chapter's commands are every line of its ``sh`` code blocks and every `storywatch …` in its prose. Each one
is mapped to the test (or the helper a test calls) that runs it, and that function must hold one statement
whose string constants are the command's words in order: its subcommands and options (paths, dates, addresses
and placeholders are the test's own). A command the README gains without a test that runs it fails here.

Only programs this machine cannot run for a test (no systemd as PID 1, no container engine, nothing to be
root for) are emulated, never skipped: the mapped test does what the command would, and names what it uses.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def chapter(readme: str = README) -> str:
    return readme.split("\n## Running it in production\n", 1)[1].split("\n## ", 1)[0]


def chapter_commands(readme: str = README) -> list[str]:
    """Every command line of the chapter's code blocks, then every `storywatch …` of its prose, once each."""
    text = chapter(readme)
    lines = [
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    prose = re.sub(r"```sh\n.*?```", "", text, flags=re.S)
    spans = re.findall(r"`((?:/\S+/bin/)?storywatch [^`]+)`", prose)
    return list(dict.fromkeys(lines + [" ".join(span.split()) for span in spans]))


@dataclass(frozen=True)
class Emulated:
    """A command this machine cannot run for a test; ``test`` does what it does, and its source holds ``uses``."""

    test: str
    how: str
    uses: str


RUN_BY: dict[str, str | Emulated] = {
    # install
    "pip wheel --no-deps -w dist .": "tests/fixtures_install.py::fresh_install",
    "python3 -m venv /opt/storywatch/.venv": "tests/fixtures_install.py::fresh_install",
    "/opt/storywatch/.venv/bin/pip install dist/storywatch-*.whl": "tests/fixtures_install.py::fresh_install",
    "/opt/storywatch/.venv/bin/storywatch --version": "tests/test_deploy.py::"
    "test_the_wheel_installs_in_a_fresh_virtualenv_and_the_images_commands_start_it",
    "STORYWATCH_DB_PASSWORD=… docker compose -f deploy/compose.yaml up -d --scale worker=3": Emulated(
        "tests/test_deploy_services.py::test_compose_runs_postgresql_a_migration_n_workers_and_the_web_view",
        "no container engine here: compose.yaml is loaded and each service's command, order and health checked",
        '"compose.yaml"',
    ),
    # configure
    "storywatch init /etc/storywatch/config.yaml": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    "storywatch -c /etc/storywatch/config.yaml config check": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    # run as a service
    "cp deploy/storywatch-worker@.service deploy/storywatch-web.service /etc/systemd/system/": Emulated(
        "tests/test_deploy_services.py::test_systemd_units_are_valid_and_documented",
        "both units copied into a unit folder (their binary path pointed at this install), then verified",
        '"storywatch-web.service"',
    ),
    "systemd-analyze verify storywatch-worker@1.service storywatch-web.service": "tests/test_deploy_services.py::"
    "test_systemd_units_are_valid_and_documented",
    "systemctl enable --now storywatch-worker@1 storywatch-web": Emulated(
        "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
        "systemd cannot run here: the worker unit's ExecStart, Environment and WorkingDirectory are started",
        "unit_service(UNIT",
    ),
    "systemctl start storywatch-worker@1 storywatch-web": Emulated(
        "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
        "the unit's command line started again after the upgrade",
        '[*command, "--metrics"',
    ),
    "systemctl stop 'storywatch-worker@*' storywatch-web": Emulated(
        "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
        "the unit's KillSignal (SIGTERM) sent to the daemon, which must exit 0",
        "SIGTERM",
    ),
    # upgrade
    "storywatch db backup /var/backups/storywatch-before-upgrade.db": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    "/opt/storywatch/.venv/bin/pip install --upgrade dist/storywatch-*.whl": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    "storywatch db upgrade": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    # back up and restore
    "storywatch db backup /var/backups/storywatch-$(date +%F).db": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    "storywatch db backup": "tests/test_db_commands.py::test_a_backup_taken_while_a_writer_writes_is_consistent",
    "rm -f /var/lib/storywatch/storywatch.db-wal /var/lib/storywatch/storywatch.db-shm": Emulated(
        "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
        "the database's -wal and -shm files unlinked (the machine's paths are under the test's folder)",
        '"-wal"',
    ),
    "cp /var/backups/storywatch-before-upgrade.db /var/lib/storywatch/storywatch.db": Emulated(
        "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
        "the backup copied over the database file (shutil.copyfile), then read",
        'copyfile(backups / "storywatch-before-upgrade.db", db)',
    ),
    "pg_dump -Fc -f storywatch.dump storywatch": "tests/test_db_commands.py::"
    "test_postgresql_is_backed_up_with_pg_dump_and_restored_with_pg_restore",
    "createdb storywatch_restored": "tests/test_db_commands.py::_restored",
    "pg_restore -d storywatch_restored storywatch.dump": "tests/test_db_commands.py::_restored",
    "storywatch db stats": "tests/test_db_commands.py::test_stats_counts_rows_and_the_oldest_raw_page",
    "storywatch db prune --before 2025-01-01": "tests/test_db_commands.py::"
    "test_prune_keeps_raw_pages_by_count_and_age_and_old_versions_only_when_asked",
    # monitor
    "storywatch run --metrics 127.0.0.1:9100": "tests/test_schema_policy.py::"
    "test_run_and_serve_upgrade_at_start_only_when_configured_to",
    "curl -s http://127.0.0.1:9100/metrics": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    "storywatch status --no-daemon": "tests/test_ops_walkthrough.py::"
    "test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches",
    # named in the prose
    "storywatch run": "tests/test_daemon.py::start_daemon",
    "storywatch serve": "tests/test_web_serve.py::served",
    "storywatch check": "tests/test_schema_policy.py::test_a_brand_new_database_is_created_by_check",
    "storywatch reextract --all": "tests/test_cli_tables.py::test_reextract_piped_and_at_80_columns",
    "storywatch notify retry --dead": "tests/test_outbox.py::test_notify_retry_leaves_dead_alerts_until_dead_is_given",
    "storywatch extract URL": "tests/test_extract_cli.py::_extract",
}

EMULATED_PROGRAMS = {"systemctl", "docker", "cp", "rm"}  # the only programs a test may emulate
DRIVEN_FROM_OUTSIDE = {"python3", "pip"}  # tests run them as this run's `python -m …` (see fixtures_install)


def words(command: str) -> list[str]:
    """What a test must pass to run ``command``: its program (when the test runs it by name), its subcommands
    (the plain words before the first option; a module after ``-m``) and its options, in order — never its
    paths, dates, addresses, globs, placeholders or option values (the test's own)."""
    parts = shlex.split(command.replace("$(date +%F)", "DATE"))
    while parts and re.match(r"^[A-Z_]+=", parts[0]):  # VAR=value before the program
        parts.pop(0)
    program, args = Path(parts[0]).name, parts[1:]
    if program == "storywatch" and args[:1] == ["-c"]:  # the global config option: every test gives its own
        args = args[2:]
    kept: list[str] = []
    options = False
    for k, word in enumerate(args):
        option = bool(re.fullmatch(r"--?[a-zA-Z][\w-]*", word))
        module = k > 0 and args[k - 1] == "-m"
        subcommand = not options and bool(re.fullmatch(r"[a-z][a-z-]*", word))
        if option or module or subcommand:
            kept.append(word)
        options = options or option
    return kept if program in DRIVEN_FROM_OUTSIDE | {"storywatch"} else [program, *kept]


def _function(target: str) -> ast.FunctionDef:
    path, name = target.split("::")
    module = ast.parse((REPO / path).read_text())
    found = [node for node in module.body if isinstance(node, ast.FunctionDef) and node.name == name]
    assert found, f"{target}: no such function"
    return found[0]


def _statement_strings(function: ast.FunctionDef) -> list[list[str]]:
    """The string constants of each simple statement in ``function``, in source order."""
    simple = [node for node in ast.walk(function) if isinstance(node, ast.stmt) and not hasattr(node, "body")]
    return [
        [node.value for node in sorted(ast.walk(statement), key=_position) if _is_string(node)] for statement in simple
    ]


def _position(node: ast.AST) -> tuple[int, int]:
    return getattr(node, "lineno", 0), getattr(node, "col_offset", 0)


def _is_string(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _in_order(needed: list[str], strings: list[str]) -> bool:
    remaining = iter(strings)
    return all(any(word == string for string in remaining) for word in needed)


def _used_by_a_test(name: str) -> bool:
    """A helper counts only when a test function somewhere in tests/ calls it."""
    for path in (REPO / "tests").glob("test_*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                named = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {a.arg for a in node.args.args}
                if name in named:  # called, or asked for as a fixture
                    return True
    return False


def test_the_chapter_lists_the_commands_an_operator_needs() -> None:
    commands = chapter_commands()
    for needed in ("storywatch db upgrade", "storywatch db backup", "pg_dump", "systemctl", "metrics"):
        assert any(needed in command for command in commands), needed


def test_every_command_in_the_chapter_is_mapped_to_a_test_and_nothing_else_is() -> None:
    commands = chapter_commands()
    unmapped = [command for command in commands if command not in RUN_BY]
    assert unmapped == [], f"commands in the README no test runs (add a test, then map it here): {unmapped}"
    stale = [command for command in RUN_BY if command not in commands]
    assert stale == [], f"mapped, but no longer in the README: {stale}"


def problems(run_by: dict[str, str | Emulated]) -> list[str]:
    """Each mapped command whose test does not run it (or emulates what it could run)."""
    found = []
    for command, runner in run_by.items():
        target = runner.test if isinstance(runner, Emulated) else runner
        assert "test_ops_chapter" not in target, command
        function = _function(target)
        if not function.name.startswith("test_") and not _used_by_a_test(function.name):
            found.append(f"{command!r}: {target} is called by no test")
        if isinstance(runner, Emulated):
            program = Path(shlex.split(command)[0]).name if "=" not in command.split()[0] else command.split()[1]
            if program not in EMULATED_PROGRAMS:
                found.append(f"{command!r}: {program} can run here, so a test must run it, not emulate it")
            source = ast.get_source_segment((REPO / target.split("::")[0]).read_text(), function) or ""
            if runner.uses not in source:
                found.append(f"{command!r}: {target} never mentions {runner.uses!r}")
            continue
        needed = words(command)
        if not any(_in_order(needed, strings) for strings in _statement_strings(function)):
            found.append(f"{command!r}: no statement of {target} passes {needed}")
    return found


def test_each_mapped_test_runs_its_command() -> None:
    assert problems(RUN_BY) == []


def test_a_command_the_chapter_gains_fails_until_a_test_runs_it() -> None:
    grown = README.replace("storywatch db stats\n", "storywatch db stats\nstorywatch db vacuum --full\n", 1)
    assert "storywatch db vacuum --full" in chapter_commands(grown) and "storywatch db vacuum --full" not in RUN_BY
    walk = "tests/test_ops_walkthrough.py::test_an_operator_installs_runs_backs_up_upgrades_restores_and_watches"
    assert problems({"storywatch db vacuum --full": walk}) == [
        f"'storywatch db vacuum --full': no statement of {walk} passes ['db', 'vacuum', '--full']"
    ]
    assert "can run here" in problems({"pg_dump -Fc x": Emulated(walk, "pretend", "SIGTERM")})[0]


def test_the_words_a_test_must_pass_are_the_command_s_own() -> None:
    assert words("storywatch -c /etc/storywatch/config.yaml config check") == ["config", "check"]
    assert words("storywatch db backup /var/backups/storywatch-$(date +%F).db") == ["db", "backup"]
    assert words("storywatch run --metrics 127.0.0.1:9100") == ["run", "--metrics"]
    assert words("pg_dump -Fc -f storywatch.dump storywatch") == ["pg_dump", "-Fc", "-f"]
    assert words("python3 -m venv /opt/storywatch/.venv") == ["-m", "venv"]
    assert words("STORYWATCH_DB_PASSWORD=… docker compose -f x.yaml up") == ["docker", "compose", "-f"]
    assert words("/opt/storywatch/.venv/bin/pip install --upgrade dist/storywatch-*.whl") == ["install", "--upgrade"]
    assert words("storywatch extract URL") == ["extract"]
    assert _in_order(["db", "backup"], ["-c", "db", "x", "backup"]) and not _in_order(
        ["db", "backup"], ["backup", "db"]
    )
