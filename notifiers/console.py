"""The console channel: prints each alert to standard output (the demo and local runs use it)."""

from __future__ import annotations

import sys
from typing import ClassVar

from monitor.alert_types import OpsAlert, reason_lines
from monitor.models import Alert, DeliveryResult
from notifiers.base import Notifier, Option


class ConsoleNotifier(Notifier):
    """Print each alert as plain text to stdout; bold headline when ``color`` is on."""

    type: ClassVar[str] = "console"
    description: ClassVar[str] = "print alerts to standard output"
    options: ClassVar[tuple[Option, ...]] = (
        Option("color", kind="bool", default=None, help="ANSI colour (default: when stdout is a terminal)"),
    )

    def send(self, alert: Alert) -> DeliveryResult:
        stream = sys.stdout
        color = self.settings.get("color")
        if color is None:
            color = bool(getattr(stream, "isatty", lambda: False)())
        from notifiers.render_alert import alert_text  # the renderers load when an alert is sent

        why = reason_lines(alert)
        text = alert_text(alert, self.diff_link(alert.change), self.tz)
        if why:
            head, _, rest = text.partition("\n")
            text = "\n".join([head, *(f"» {line}" for line in why), rest])
        return self._write(text, bool(color))

    def send_ops(self, alert: OpsAlert) -> DeliveryResult:
        color = self.settings.get("color")
        return self._write(f"[operations] {alert.subject}\n{alert.body}\n", bool(color))

    def _write(self, text: str, color: bool) -> DeliveryResult:
        stream = sys.stdout
        if color:
            from notifiers.render import ANSI

            head, _, rest = text.partition("\n")
            text = f"{ANSI['bold']}{head}{ANSI['reset']}\n{rest}"
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError) as exc:  # closed or broken stdout
            return DeliveryResult(ok=False, error=f"console: cannot write to stdout: {exc}")
        return DeliveryResult(ok=True)
