"""The email channel: sends each alert over SMTP as text + HTML, threaded per story.

``security`` picks the transport: ``ssl`` (implicit TLS, port 465), ``starttls`` (upgrade after connecting,
port 587) or ``none`` (plain, for a local relay). When unset it follows the port: 465 → ssl, 587 → starttls,
anything else → none. Every alert has its own ``Message-ID``; ``In-Reply-To``/``References`` name one
per-story id, so mail clients thread a story's versions together. With ``mode: digest`` the channel sends
one summary of every change per ``digest_every`` window instead (the outbox collects them).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from monitor.alert_types import Digest, OpsAlert, reason_lines
from monitor.models import Alert, DeliveryResult
from notifiers.base import Notifier, Option

if TYPE_CHECKING:
    import ssl
    from email.message import EmailMessage

log = logging.getLogger("storywatch.notifiers.email")


@functools.cache
def _policy() -> Any:
    """CRLF line ends, and headers folded only past 200 characters: the stdlib folds a long subject before its
    first word at 78, which readers then see as a leading space. (The email package loads when a message is
    built, not when a config names the channel: a read-only command never builds one.)"""
    from email.policy import SMTP

    return SMTP.clone(max_line_length=200)


def _message() -> EmailMessage:
    from email.message import EmailMessage

    return EmailMessage(policy=_policy())


def _now() -> str:
    from email.utils import formatdate

    return formatdate(usegmt=True)


@functools.cache
def _tls() -> ssl.SSLContext:
    """The system's default TLS settings, made once: each new context loads the CA certificates again (~20 ms of
    CPU a message); a context is safe to share between threads."""
    import ssl

    return ssl.create_default_context()


def _domain(address: str) -> str:
    """``storywatch.example.org`` for ``desk@example.org``: keeps our ids unique across installations."""
    host = address.rpartition("@")[2].strip(" <>").lower()
    return f"storywatch.{host}" if host and "." in host else "storywatch"


def story_thread_id(story_id: int, sender: str) -> str:
    """The per-story id every alert of one story replies to: ``<story-7@storywatch.example.org>``."""
    return f"<story-{story_id}@{_domain(sender)}>"


def alert_message_id(alert: Alert, sender: str) -> str:
    """A stable id per alert (a retried delivery is the same message); test alerts (id 0) get a fresh one."""
    if alert.id <= 0:
        from email.utils import make_msgid

        return make_msgid("storywatch-test", domain=_domain(sender))
    change = alert.change
    return f"<alert-{alert.id}.story-{change.story_id}.v{change.to_version}@{_domain(sender)}>"


_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def _security(values: Mapping[str, Any]) -> str:
    """The transport security chosen, else the port's: ssl on 465, starttls on 587, none otherwise."""
    chosen = values.get("security")
    if chosen:
        return str(chosen)
    return {465: "ssl", 587: "starttls"}.get(int(values.get("smtp_port") or 587), "none")


class EmailNotifier(Notifier):
    """Send each alert by SMTP: multipart/alternative (plain text + inline-styled HTML)."""

    type: ClassVar[str] = "email"
    description: ClassVar[str] = "email over SMTP (text and HTML parts, one thread per story)"
    options: ClassVar[tuple[Option, ...]] = (
        Option("smtp_host", required=True, help="SMTP server host name"),
        Option("smtp_port", kind="int", default=587, help="SMTP port (465: implicit TLS, 587: STARTTLS)"),
        Option("from", required=True, help="sender address, e.g. storywatch@example.org"),
        Option("to", kind="list", required=True, help="recipient addresses"),
        Option("username", help="SMTP login (omit for an open relay)"),
        Option("password", secret=True, help="SMTP password"),
        Option(
            "security",
            choices=("starttls", "ssl", "none"),
            help="transport security (default: ssl on port 465, starttls on 587, none otherwise)",
        ),
        Option("timeout", kind="duration", default=30.0, help="give up on the SMTP session after this long"),
        Option(
            "mode",
            default="immediate",
            choices=("immediate", "digest"),
            help="immediate: one email per alert; digest: one summary per digest_every window",
        ),
        Option(
            "digest_every",
            kind="duration",
            default=86400.0,
            help="the digest window (1h: hourly, 1d: daily at local midnight of timezone)",
        ),
    )
    digest_mode: ClassVar[bool] = True

    @classmethod
    def combination_problems(cls, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        problems = super().combination_problems(values)
        if values.get("password") and not values.get("username"):
            problems.append(("username", "required with password (the SMTP login)"))
        host, port = str(values.get("smtp_host") or ""), int(values.get("smtp_port") or 587)
        if values.get("password") and _security(values) == "none" and host not in _LOOPBACK:
            default = "" if values.get("security") else f" (the default for port {port})"
            problems.append(
                (
                    "security",
                    f"none{default} would send the password in plain text to {host}: set security: starttls "
                    "(port 587) or ssl (port 465); plain text is allowed only to a relay on this machine (localhost)",
                )
            )
        return problems

    @property
    def security(self) -> str:
        return _security(self.settings)

    def build_message(self, alert: Alert) -> EmailMessage:
        """The message for one alert (exposed for tests and ``notify test --dry-run`` style previews)."""
        from notifiers.email_digest import with_reasons_html  # the renderers load when an alert is sent
        from notifiers.render_alert import alert_html, alert_subject, alert_text

        sender = str(self.settings["from"])
        recipients = [str(address) for address in self.settings.get("to") or ()]
        change = alert.change
        thread = story_thread_id(change.story_id, sender)
        msg = _message()
        msg["Subject"] = alert_subject(alert)
        msg["From"] = sender
        msg["To"] = ", ".join(recipients)
        msg["Date"] = _now()
        msg["Message-ID"] = alert_message_id(alert, sender)
        msg["In-Reply-To"] = thread
        msg["References"] = thread
        msg["Auto-Submitted"] = "auto-generated"
        msg["X-Storywatch-Story"] = str(change.story_id)
        msg["X-Storywatch-Significance"] = change.significance.label
        msg["X-Storywatch-Dedupe-Key"] = alert.dedupe_key
        why = reason_lines(alert)
        link = self.diff_link(change)
        text = alert_text(alert, link, self.tz)
        msg.set_content("\n".join(why) + "\n\n" + text if why else text)
        msg.add_alternative(with_reasons_html(alert_html(alert, link, self.tz), why), subtype="html")
        return msg

    def _plain_message(self, subject: str, message_id: str) -> EmailMessage:
        sender = str(self.settings["from"])
        msg = _message()
        msg["Subject"] = subject
        msg["From"] = sender
        msg["To"] = ", ".join(str(address) for address in self.settings.get("to") or ())
        msg["Date"] = _now()
        msg["Message-ID"] = message_id
        msg["Auto-Submitted"] = "auto-generated"
        return msg

    def build_digest(self, digest: Digest) -> EmailMessage:
        """One email summarising every change of a digest window (text + inline-styled HTML)."""
        from notifiers.email_digest import digest_html, digest_subject, digest_text

        sender = str(self.settings["from"])
        message_id = f"<digest-{digest.id}.{len(digest.alerts)}@{_domain(sender)}>"
        msg = self._plain_message(digest_subject(digest, self.tz), message_id)
        msg["X-Storywatch-Digest"] = str(len(digest.alerts))
        msg.set_content(digest_text(digest, self.tz, self.diff_link))
        msg.add_alternative(digest_html(digest, self.tz, self.diff_link), subtype="html")
        return msg

    def build_ops(self, alert: OpsAlert) -> EmailMessage:
        sender = str(self.settings["from"])
        msg = self._plain_message(f"[storywatch ops] {alert.subject}", f"<ops-{alert.id}@{_domain(sender)}>")
        msg["X-Storywatch-Operations"] = alert.kind
        msg.set_content(alert.body + "\n")
        return msg

    def send(self, alert: Alert) -> DeliveryResult:
        return self._deliver(lambda: self.build_message(alert))

    def send_digest(self, digest: Digest) -> DeliveryResult:
        return self._deliver(lambda: self.build_digest(digest))

    def send_ops(self, alert: OpsAlert) -> DeliveryResult:
        return self._deliver(lambda: self.build_ops(alert))

    def _deliver(self, build: Callable[[], EmailMessage]) -> DeliveryResult:
        import smtplib  # the SMTP client loads when a message is sent, not when the config names the channel

        host = str(self.settings["smtp_host"])
        port = int(self.settings.get("smtp_port") or 587)
        timeout = float(self.settings.get("timeout") or 30.0)
        where = f"{host}:{port}"
        try:
            msg = build()
            recipients = [str(address) for address in self.settings.get("to") or ()]
            context = _tls() if self.security != "none" else None
            if self.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
            else:
                smtp = smtplib.SMTP(host, port, timeout=timeout)
            with smtp:
                smtp.ehlo()
                if self.security == "starttls":
                    smtp.starttls(context=context)
                    smtp.ehlo()
                if self.settings.get("username"):
                    smtp.login(str(self.settings["username"]), str(self.settings.get("password") or ""))
                refused = smtp.send_message(msg, from_addr=str(self.settings["from"]), to_addrs=recipients)
        except smtplib.SMTPNotSupportedError as exc:
            hint = "the server offers no STARTTLS; set security: ssl or none"
            return self._failed(f"email via {where}: {hint if 'STARTTLS' in str(exc) else exc}")
        except smtplib.SMTPAuthenticationError as exc:
            return self._failed(f"email via {where}: login refused: {exc.smtp_code} {_text(exc.smtp_error)}")
        except smtplib.SMTPRecipientsRefused as exc:
            return self._failed(f"email via {where}: every recipient refused: {', '.join(exc.recipients)}")
        except smtplib.SMTPResponseException as exc:
            return self._failed(f"email via {where}: server said {exc.smtp_code} {_text(exc.smtp_error)}")
        except (smtplib.SMTPException, OSError, ValueError) as exc:
            reason = str(exc) or type(exc).__name__
            return self._failed(f"email via {where}: {type(exc).__name__}: {reason}")
        if refused:
            log.warning("%s: some recipients refused: %s", self.name, ", ".join(refused))
        return DeliveryResult(ok=True)

    def _failed(self, error: str) -> DeliveryResult:
        return DeliveryResult(ok=False, error=self.redact(error))


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
