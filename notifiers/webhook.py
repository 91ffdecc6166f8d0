"""The webhook channel: POSTs each alert as signed JSON (the ``diff --format json`` shape) to any URL."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, ClassVar

from monitor.alert_types import OpsAlert
from monitor.models import Alert, DeliveryResult
from notifiers._http import post
from notifiers.base import Notifier, Option

SIGNATURE_HEADER = "X-Storywatch-Signature"


def webhook_body(alert: Alert, diff_url: str | None = None) -> dict[str, Any]:
    """``{"alert": {…}, "diff_url", "publication", "last_text", **change.to_json()}``: the diff JSON contract with
    three added keys.

    ``alert`` holds ``id``, ``notifier``, ``dedupe_key``, ``reasons`` and ``combined``. ``publication`` names whose
    story it is (the site's own name, else the source's; null when unknown); ``last_text`` is a removal's last
    known text (the first paragraphs of its last version; empty otherwise).

    ``reasons`` says why it was routed (watch terms; ``test`` for ``notify test``); ``combined`` > 1 when a
    debounce merged several changes (then ``from``/``to`` span the first to the last version). ``diff_url`` is
    where an editor reads the change (``Notifier.diff_link``: the web view's diff page, its story page for a
    removal or restoration, or the notifier's own ``diff_url``), null when there is none.
    """
    meta = {"id": alert.id, "notifier": alert.notifier, "dedupe_key": alert.dedupe_key}
    meta["reasons"] = dict(getattr(alert, "reasons", None) or {})
    meta["combined"] = int(getattr(alert, "combined", 1) or 1)
    added = {"diff_url": diff_url, "publication": alert.publication, "last_text": list(alert.last_text)}
    return {"alert": meta, **added, **alert.change.to_json()}


def ops_body(alert: OpsAlert) -> dict[str, Any]:
    """``{"operations": {"id", "kind", "subject", "text", "dedupe_key"}}``."""
    return {
        "operations": {
            "id": alert.id,
            "kind": alert.kind,
            "subject": alert.subject,
            "text": alert.body,
            "dedupe_key": alert.dedupe_key,
        }
    }


def sign(body: bytes, secret: str) -> str:
    """The signature header value: ``sha256=`` and the hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class WebhookNotifier(Notifier):
    """POST each alert as JSON; with ``secret`` set, the body is signed (``X-Storywatch-Signature``).

    Receivers verify with ``hmac.compare_digest(sign(raw_body, secret), header)`` and may use
    ``alert.dedupe_key`` to drop a delivery they already processed (a retry after a lost response).
    """

    type: ClassVar[str] = "webhook"
    description: ClassVar[str] = "JSON POST to any URL, optionally signed with HMAC-SHA256"
    options: ClassVar[tuple[Option, ...]] = (
        Option("url", required=True, secret=True, pattern=r"^https?://", help="where to POST the alert JSON"),
        Option("secret", secret=True, help="shared secret; signs the body as X-Storywatch-Signature"),
        Option("timeout", kind="duration", default=10.0, help="give up on one request after this long"),
    )

    def send(self, alert: Alert) -> DeliveryResult:
        return self._post(webhook_body(alert, self.diff_link(alert.change)), alert.dedupe_key)

    def send_ops(self, alert: OpsAlert) -> DeliveryResult:
        return self._post(ops_body(alert), alert.dedupe_key)

    def _post(self, payload: dict[str, Any], dedupe_key: str) -> DeliveryResult:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"X-Storywatch-Delivery": dedupe_key}
        secret = self.settings.get("secret")
        if secret:
            headers[SIGNATURE_HEADER] = sign(body, str(secret))
        timeout = float(self.settings.get("timeout") or 10.0)
        return post(self, str(self.settings["url"]), body, headers=headers, timeout=timeout)
