"""Manual check of what editors receive: the demo newsroom's update through Slack, email and a webhook.

    PYTHONPATH=. .venv/bin/python bench/alert_preview.py [--out alert-preview] [--screenshot]

Starts the demo newsroom, a capture server standing in for Slack and the webhook endpoint and an aiosmtpd
server, all on 127.0.0.1; runs two real passes (baseline, then the summit story's update) and delivers the
outbox. Writes what each channel received into ``--out``: ``slack.json`` (the Block Kit payload as posted),
``slack.html`` (a rough visual preview of those blocks, for looking at, not Slack's own rendering),
``email.html`` and ``email.txt`` (the two parts of the message), ``email.eml``, ``webhook.json``. With
``--screenshot`` and Chromium installed, also ``email.png`` and ``slack.png``. Then each invented event kind of
``tests.alert_cases`` (update, correction, removal, restoration, test) goes through Slack and email for a desk
in Europe/Berlin: ``<kind>.slack.json``/``.html``/``.png`` and ``<kind>.email.txt``/``.html``/``.png``. Nothing
leaves loopback.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from monitor.app import App
from monitor.config import load_config
from monitor.demo.newsroom import Newsroom
from monitor.demo.run import _publish
from monitor.demo.stories import SUMMIT_V1, SUMMIT_V2
from notifiers import build_notifier
from tests.alert_cases import CASES
from tests.fixtures_servers import CaptureServer, SmtpCapture

CONFIG = """\
storage:
  url: sqlite:///{db}
fetch:
  user_agent: "storywatch-preview (+mailto:desk@example.org)"
  allow_private_networks: true
  min_gap: 0s
web:
  base_url: http://127.0.0.1:8080   # where `storywatch serve` would answer: every alert links its diff page
sources:
  - name: harbour-herald
    feed: {feed}
    interval: 1m
    tags: [world]
notifiers:
  - name: world-desk
    type: slack
    webhook_url: ${{PREVIEW_SLACK_URL}}
  - name: standards
    type: email
    smtp_host: 127.0.0.1
    smtp_port: {smtp_port}
    security: none
    from: storywatch@example.org
    to: [standards@example.org]
  - name: tools
    type: webhook
    url: ${{PREVIEW_WEBHOOK_URL}}
    secret: ${{PREVIEW_WEBHOOK_SECRET}}
"""


def _mrkdwn(text: str) -> str:
    """Slack mrkdwn → HTML, enough to look at a payload (links, bold, italic, strike, code, quotes)."""
    out = html.escape(html.unescape(text), quote=False)
    out = re.sub(r"&lt;(https?://[^|&]+)\|([^&]+)&gt;", r'<a href="\1">\2</a>', out)
    out = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", out)
    out = re.sub(r"(?<![\w~])~([^~\n]+)~(?![\w~])", r'<s style="color:#a00">\1</s>', out)
    out = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", out)
    out = re.sub(r"(?m)^&gt; ?(.*)$", r'<span style="border-left:3px solid #ccc;padding-left:6px">\1</span>', out)
    return out.replace("\n", "<br>")


# Slack draws these emoji in colour; headless Chromium may have no emoji font, so the preview draws a dot
_EMOJI = {"🔴": "#dd2e44", "🟠": "#f4900c", "🟡": "#fdcb58", "⚪": "#c8c8c8"}


def _emoji(text: str) -> str:
    for emoji, colour in _EMOJI.items():
        text = text.replace(emoji, f'<span style="color:{colour};font-size:1.1em">●</span>')
    return text


def slack_preview(payload: dict) -> str:
    """A rough HTML rendering of Block Kit blocks (header, section, context, divider, actions)."""
    parts = []
    for block in payload.get("blocks", []):
        kind = block.get("type")
        if kind == "header":
            parts.append(f"<h3>{_emoji(html.escape(block['text']['text']))}</h3>")
        elif kind == "section":
            text = block.get("text", {}).get("text", "")
            fields = "".join(f"<div>{_mrkdwn(f['text'])}</div>" for f in block.get("fields", []))
            parts.append(f'<div style="margin:6px 0">{_mrkdwn(text)}{fields}</div>')
        elif kind == "context":
            texts = " · ".join(_mrkdwn(e.get("text", "")) for e in block.get("elements", []))
            parts.append(f'<div style="color:#616061;font-size:12px">{texts}</div>')
        elif kind == "divider":
            parts.append('<hr style="border:0;border-top:1px solid #ddd">')
        elif kind == "actions":
            buttons = " ".join(
                f'<a style="border:1px solid #bbb;border-radius:4px;padding:3px 8px;text-decoration:none" '
                f'href="{html.escape(e.get("url", "#"))}">{html.escape(e["text"]["text"])}</a>'
                for e in block.get("elements", [])
            )
            parts.append(f'<div style="margin:8px 0">{buttons}</div>')
        else:
            parts.append(f"<pre>{html.escape(json.dumps(block, indent=1))}</pre>")
    body = "\n".join(parts)
    return (
        '<!doctype html><meta charset="utf-8"><body style="font:15px/1.45 Lato,Helvetica,Arial,sans-serif;'
        'max-width:640px;margin:24px;color:#1d1c1d"><div style="padding-left:12px">'
        f'<div style="font-weight:bold">storywatch <span style="color:#616061;font-weight:normal;font-size:12px">'
        f"APP</span></div>{body}</div></body>"
    )


def screenshot(page: Path, png: Path) -> bool:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium on PATH: skipping screenshots", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--window-size=900,1400",
            f"--screenshot={png}",
        ]
        done = subprocess.run([chromium, *flags, page.resolve().as_uri()], capture_output=True, timeout=60)
    return done.returncode == 0 and png.exists()


def event_kinds(out: Path, capture: CaptureServer, smtp: SmtpCapture, shoot: bool) -> None:
    """Every invented event kind through Slack and email (a desk in Europe/Berlin), written next to the demo's."""
    desk = {"timezone": "Europe/Berlin"}
    base = "http://127.0.0.1:8080"
    slack = build_notifier("world-desk", "slack", {"webhook_url": capture.url + "/kinds", **desk}, web_base_url=base)
    mail = {"smtp_host": smtp.host, "smtp_port": smtp.port, "security": "none", "from": "storywatch@example.org"}
    email = build_notifier("standards", "email", {**mail, "to": ["standards@example.org"], **desk}, web_base_url=base)
    sent = len(smtp.wait_for(0))
    for kind, make in CASES.items():
        before = len(capture.requests)
        if not (slack.send(make("world-desk")).ok and email.send(make("standards")).ok):
            raise SystemExit(f"{kind}: delivery failed")
        payload = capture.requests[before].json()
        sent += 1
        message = smtp.wait_for(sent)[-1]
        (out / f"{kind}.slack.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False))
        (out / f"{kind}.slack.html").write_text(slack_preview(payload))
        (out / f"{kind}.email.txt").write_text(
            f"Subject: {message['Subject']}\n\n" + message.get_body(("plain",)).get_content()
        )
        (out / f"{kind}.email.html").write_text(message.get_body(("html",)).get_content())
        print(f"{kind}: {message['Subject']}")
        if shoot:
            for name in ("slack", "email"):
                screenshot(out / f"{kind}.{name}.html", out / f"{kind}.{name}.png")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("alert-preview"))
    parser.add_argument("--screenshot", action="store_true", help="render email.html and slack.html with Chromium")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="storywatch-preview-"))
    capture, smtp = CaptureServer().start(), SmtpCapture().start()
    try:
        with Newsroom() as site:
            _publish(site, SUMMIT_V1, seed=1)
            os.environ.update(
                PREVIEW_SLACK_URL=capture.url + "/slack/T000/B000/preview",
                PREVIEW_WEBHOOK_URL=capture.url + "/hook",
                PREVIEW_WEBHOOK_SECRET="preview-signing-secret",
            )
            config = folder / "config.yaml"
            config.write_text(CONFIG.format(db=folder / "sw.db", feed=site.url("/world/rss.xml"), smtp_port=smtp.port))
            with App.open(load_config(config)) as app:
                app.pipeline.run_pass(all_stories=True)
                _publish(site, SUMMIT_V2, seed=2)
                app.pipeline.run_pass(all_stories=True)
                results = app.outbox.deliver_due()
        failed = [r.error for _, r in results if not r.ok]
        if failed:
            print("delivery failed:", *failed, sep="\n  ", file=sys.stderr)
            return 1
        slack = next(r.json() for r in capture.requests if r.path.startswith("/slack/"))
        hook = next(r for r in capture.requests if r.path == "/hook")
        (message,) = smtp.wait_for(1)
        (out / "slack.json").write_text(json.dumps(slack, indent=2, ensure_ascii=False))
        (out / "slack.html").write_text(slack_preview(slack))
        (out / "webhook.json").write_text(json.dumps(hook.json(), indent=2, ensure_ascii=False))
        (out / "email.eml").write_bytes(message.as_bytes())
        (out / "email.html").write_text(message.get_body(("html",)).get_content())
        (out / "email.txt").write_text(message.get_body(("plain",)).get_content())
        print(f"Subject: {message['Subject']}")
        print(f"wrote {', '.join(sorted(p.name for p in out.iterdir()))} to {out}")
        if args.screenshot:
            for name in ("email", "slack"):
                if screenshot(out / f"{name}.html", out / f"{name}.png"):
                    print(f"screenshot: {out / (name + '.png')}")
        event_kinds(out, capture, smtp, args.screenshot)
        return 0
    finally:
        capture.stop()
        smtp.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
