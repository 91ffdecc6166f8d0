"""For operators: ``/healthz`` (is the database answering, is a daemon's heartbeat fresh?) and ``/metrics``.

``/healthz`` is JSON, 200 when both hold and 503 otherwise (a load balancer or Docker's HEALTHCHECK reads
the code; a person reads the reasons). ``/metrics`` is the Prometheus text format, built by prometheus_client
from one set of aggregate queries per scrape.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, Response, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from monitor.errors import StoreError
from monitor.models import iso
from monitor.status import STALE_AFTER
from monitor.web.app import now, settings, store
from storage.store import Store

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz() -> Response:
    at = now()
    body: dict[str, Any] = {"ok": False, "database": "ok", "daemon": None, "problems": []}
    try:
        lease = store().lease()
    except StoreError as exc:
        body["database"] = "unreachable"
        body["problems"].append(str(exc))
        return _answer(body, 503)
    if lease is None:
        body["problems"].append("no daemon has run on this database (start one with `storywatch run`)")
        return _answer(body, 503)
    age = (at - lease.heartbeat_at).total_seconds()
    fresh = age <= STALE_AFTER.total_seconds()
    body["daemon"] = {
        "owner": lease.owner,
        "heartbeat_at": iso(lease.heartbeat_at),
        "heartbeat_age_seconds": round(max(age, 0.0), 1),
        "last_cycle_at": iso(lease.last_cycle_at),
        "fresh": fresh,
        "stale_after_seconds": STALE_AFTER.total_seconds(),
    }
    if not fresh:
        body["problems"].append(f"the daemon's last heartbeat is {round(age)} s old (stale after {STALE_AFTER})")
    body["ok"] = fresh
    return _answer(body, 200 if fresh else 503)


def _answer(body: dict[str, Any], status: int) -> Response:
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.get("/metrics")
def metrics() -> Response:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StorywatchCollector(store(), now(), [n.name for n in settings().notifiers]))
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST.split(";")[0])


class StorywatchCollector(Collector):
    """storywatch's state as Prometheus metrics, read from the database at scrape time."""

    def __init__(self, store: Store, at: datetime, notifiers: list[str]) -> None:
        self.store, self.at, self.notifiers = store, at, notifiers

    def collect(self) -> Any:
        up = GaugeMetricFamily("storywatch_database_up", "1 when the database answered this scrape")
        try:
            stories = self.store.story_counts()
            counts = self.store.metric_counts(self.at - timedelta(hours=1))
            lease = self.store.lease()
        except StoreError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        tracked = GaugeMetricFamily("storywatch_stories", "Stories tracked, by status", labels=["status"])
        for status in ("active", "error", "removed"):
            tracked.add_metric([status], stories.get(status, 0))
        yield tracked
        checks = GaugeMetricFamily(
            "storywatch_checks_last_hour", "Checks in the last hour, by outcome", labels=["outcome"]
        )
        for outcome, count in sorted(counts.checks_by_status.items()):
            checks.add_metric([outcome], count)
        yield checks
        found = CounterMetricFamily("storywatch_changes", "Changes found, by significance", labels=["significance"])
        for level in ("cosmetic", "minor", "substantive", "major"):
            found.add_metric([level], counts.changes_by_significance.get(level, 0))
        yield found
        outbox = GaugeMetricFamily(
            "storywatch_outbox_alerts", "Alerts in the outbox, by notifier and status", labels=["notifier", "status"]
        )
        names = sorted(set(self.notifiers) | {n for n, _ in counts.alerts_by_notifier_status})
        for name in names:
            for status in ("pending", "delivered", "dead"):
                outbox.add_metric([name, status], counts.alerts_by_notifier_status.get((name, status), 0))
        yield outbox
        failing = GaugeMetricFamily("storywatch_sources_failing", "Sources whose last check failed")
        failing.add_metric([], counts.sources_failing)
        yield failing
        if lease is not None:
            cycle = lease.last_cycle_at or lease.heartbeat_at
            age = GaugeMetricFamily(
                "storywatch_daemon_last_cycle_age_seconds", "Seconds since the daemon last finished a cycle"
            )
            age.add_metric([], max((self.at - cycle).total_seconds(), 0.0))
            yield age
            beat = GaugeMetricFamily("storywatch_daemon_heartbeat_age_seconds", "Seconds since the last heartbeat")
            beat.add_metric([], max((self.at - lease.heartbeat_at).total_seconds(), 0.0))
            yield beat
