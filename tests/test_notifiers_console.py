"""The console channel: plain alert text on stdout, colour only when asked or on a terminal."""

from __future__ import annotations

from notifiers import build_notifier
from notifiers.render import alert_text, sample_alert


def test_prints_the_alert_text(capsys) -> None:
    notifier = build_notifier("screen", "console", {})
    assert notifier.send(sample_alert("screen")).ok
    out = capsys.readouterr().out
    assert out == alert_text(sample_alert("screen")) + "\n"  # captured stdout is no tty: no colour
    assert "\x1b[" not in out


def test_colour_when_asked(capsys) -> None:
    notifier = build_notifier("screen", "console", {"color": True})
    assert notifier.send(sample_alert("screen")).ok
    out = capsys.readouterr().out
    assert out.startswith("\x1b[1m[MAJOR] Updated: Harbour Summit opens with 27 heads")
