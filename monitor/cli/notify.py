"""The `notify` commands: send a test alert, show the outbox, retry failed deliveries."""

from __future__ import annotations

import sys

import click

from monitor.cli import tables
from monitor.cli.base import FAILED, OK, Context, _dump, _fail, out, pass_ctx
from monitor.cli.grid import emit
from monitor.models import utcnow


@click.group()
def notify() -> None:
    """Test a notifier, show the outbox, retry failed deliveries."""


@notify.command("test")
@click.argument("name")
@pass_ctx
def notify_test(ctx: Context, name: str) -> None:
    """Send a synthetic alert through one notifier (only its own secrets need to be set).

    It is titled "Test alert from storywatch", links the page it would link for a real change (the web view's
    diff page under web.base_url, or the notifier's own diff_url) and the output names that link."""
    from monitor.config import load_config
    from monitor.errors import ConfigError
    from notifiers import build_notifier
    from notifiers.base import redact
    from notifiers.sample import alert_for_notify_test

    settings = ctx.load(require_env=False)
    index, found = next(((i, n) for i, n in enumerate(settings.notifiers) if n.name == name), (None, None))
    if found is None:
        known = ", ".join(n.name for n in settings.notifiers) or "none configured"
        _fail(f"no notifier named {name!r} (notifiers: {known})")
    try:
        load_config(ctx.config_path)  # every ${VAR} of *this* notifier must be set; others' may be missing
    except ConfigError as exc:
        mine = [p for p in exc.problems if p.startswith(f"notifiers[{index}]") or not p.startswith("notifiers[")]
        if mine:
            _fail("\n".join(mine))
    notifier = build_notifier(found.name, found.type, found.options, web_base_url=settings.web.base_url)
    alert = alert_for_notify_test(name)
    link = notifier.diff_link(alert.change)
    try:
        result = notifier.send(alert)
    finally:
        notifier.close()
    if not result.ok:
        _fail(f"{name}: test alert failed: {redact(result.error or 'unknown error', settings.secrets)}", FAILED)
    links = (
        f"; it links {redact(link, settings.secrets)}"
        if link
        else " (no diff link: set web.base_url to link the web view)"
    )
    out.print(f"{name}: test alert sent{links}", markup=False)


@notify.command("status")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def notify_status(ctx: Context, as_json: bool) -> None:
    """The outbox per notifier: waiting, held (debounce, quiet hours, digest), failing, dead, delivered, last error."""
    from monitor.models import iso
    from storage.outbox_store import OutboxRow

    with ctx.app(readonly=True) as app:
        configured = [n.name for n in app.settings.notifiers]
        seen = {r.notifier for r in app.store.outbox_status()}
        rows = app.store.outbox_status() + [
            OutboxRow(name, 0, 0, 0, 0, None, None) for name in configured if name not in seen
        ]
        redact = app.redact
    if as_json:
        _dump(
            [
                {
                    "notifier": r.notifier,
                    "pending": r.pending,
                    "failing": r.failing,
                    "held": r.held,
                    "operations": r.operations,
                    "dead": r.dead,
                    "delivered": r.delivered,
                    "next_attempt_at": iso(r.next_attempt_at),
                    "last_error": redact(r.last_error) if r.last_error else None,
                }
                for r in rows
            ]
        )
    else:
        from dataclasses import replace

        emit(out, tables.outbox_table([replace(r, last_error=redact(r.last_error or "")) for r in rows], configured))


@notify.command("retry")
@click.option("--dead", is_flag=True, help="also revive alerts that gave up after their last attempt")
@click.option("--notifier", metavar="NAME", help="only this notifier's alerts")
@pass_ctx
def notify_retry(ctx: Context, dead: bool, notifier: str | None) -> None:
    """Retry failed deliveries now."""
    with ctx.app(migrate=False) as app:
        if notifier is not None and notifier not in {n.name for n in app.notifiers}:
            known = ", ".join(n.name for n in app.notifiers) or "none configured"
            _fail(f"no notifier named {notifier!r} (notifiers: {known})")
        count = app.store.retry_alerts(now=utcnow(), notifier=notifier, dead=dead)
        from monitor.status import running_daemon

        daemon = running_daemon(app.store, utcnow())
        if daemon is not None:  # it delivers them now they are due: two senders could send one alert twice
            out.print(f"{count} alert(s) queued again, left to the running daemon ({daemon.owner}) to deliver")
            sys.exit(OK)
        results = app.outbox.drain()
        still_dead = sum(r.dead for r in app.store.outbox_status() if notifier in (None, r.notifier))
    sent = sum(r.ok for _, r in results)
    out.print(f"{count} alert(s) queued again; {sent} delivered, {len(results) - sent} still failing")
    if still_dead and not dead:
        out.print(f"{still_dead} dead alert(s) were left alone: `storywatch notify retry --dead` revives them")
    sys.exit(OK if sent == len(results) else FAILED)
