"""Setting up: `init` (a starter config), `demo` (the offline newsroom) and `config check`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from monitor.cli.base import USAGE, Context, _fail, err, out, pass_ctx
from monitor.config import load_config
from monitor.errors import ConfigError


@click.command()
@click.argument("path", default="config.yaml", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="overwrite an existing file")
def init(path: str, force: bool) -> None:
    """Write a commented starter config.yaml."""
    from importlib.resources import files

    target = Path(path)
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite it)")
    if not target.parent.is_dir():
        _fail(f"{target.parent} is not a directory (create it first, or give another PATH)")
    try:
        target.write_text(
            files("monitor").joinpath("starter_config.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    out.print(f"wrote {target}; edit its sources and notifiers, then run `storywatch -c {target} config check`")


@click.command()
@click.option("--keep/--no-keep", default=True, help="keep the demo's database to explore afterwards")
def demo(keep: bool) -> None:
    """Offline demo: a local newsroom whose story gets updated; alerts on the console."""
    from monitor.demo.run import run_demo

    sys.exit(run_demo(out, keep=keep))


@click.group("config")
def config_group() -> None:
    """Validate the configuration."""


@config_group.command("check")
@pass_ctx
def config_check(ctx: Context) -> None:
    """Validate config.yaml; print every error with its YAML path."""
    try:
        settings = load_config(ctx.config_path)
    except ConfigError as exc:
        err.print(str(exc), markup=False)
        sys.exit(USAGE)
    out.print(
        f"{ctx.config_path}: ok — {len(settings.sources)} source(s), {len(settings.notifiers)} notifier(s), "
        f"storage {settings.storage.url.split('://', 1)[0]}"
    )
