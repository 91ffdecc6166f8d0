"""The daemon: APScheduler runs one job per source and one delivery job until SIGINT/SIGTERM.

Each source job discovers stories (feed/sitemap) and re-checks that source's due stories; the delivery job
drains the outbox, then raises operations alerts on dead or piled-up alerts. Jobs have ``coalesce=True`` and
``max_instances=1`` so a slow pass never piles up, and a jittered interval so sources don't all fire at once.
Stopping waits for in-flight checks to finish, and writes any unchanged checks still buffered.

On SQLite, one daemon per database: ``run()`` takes the database's lease first (``DaemonRunning`` when a live
daemon holds it), renews it from its own executor every ``HEARTBEAT`` (so busy workers never let it go stale),
notes each finished source pass on it, and lets go on a clean stop. On PostgreSQL any number of daemons run
with the same config, each a worker (``monitor.workers``): all of them keep the one lease fresh (so ``status``
and ``/healthz`` see a daemon), each registers with its own heartbeat, and the database decides who does what —
each runs every job, but a feed is read by the worker that claims it this interval, due stories and each
notifier's outbox are claimed before the work, and per-host limits and robots.txt are shared
(``monitor.politeness_shared``). SQLite runs the same claims, with one worker.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.app import App
from monitor.errors import StorywatchError
from monitor.models import Source, iso
from monitor.politeness_shared import SharedHostLimiter, SharedRobots
from monitor.status import STALE_AFTER, lease_owner, owner_gone
from monitor.workers import Worker
from notifiers.ops import check_outbox
from storage.records import Lease

log = logging.getLogger("storywatch.scheduler")


class DaemonRunning(StorywatchError):
    """Another live daemon holds this database's lease."""

    def __init__(self, holder: Lease) -> None:
        self.holder = holder
        super().__init__(
            f"another storywatch daemon ({holder.owner}) is running on this database since "
            f"{iso(holder.started_at)} (last heartbeat {iso(holder.heartbeat_at)}); stop it first"
        )


class Daemon:
    """Schedules the app's work; ``run()`` blocks until ``stop()`` or a signal."""

    def __init__(
        self,
        app: App,
        *,
        owner: str | None = None,
        heartbeat: timedelta | None = None,
        stale_after: timedelta = STALE_AFTER,
    ) -> None:
        self.app = app
        self.owner = owner or lease_owner()
        self.heartbeat_interval = heartbeat or app.settings.workers.heartbeat
        self.shared = app.store.shared  # PostgreSQL: other daemons may work on this database too
        self.worker = Worker(app.store, app.settings.workers, jitter=app.settings.schedule.jitter, clock=app.clock)
        self.stale_after = stale_after
        self._stop = threading.Event()
        self.lost: DaemonRunning | None = None  # set when another daemon took the lease over while we ran
        self._delivering = threading.Lock()  # a source job's delivery and the delivery job never overlap
        self.scheduler = BackgroundScheduler(
            executors={
                "default": ThreadPoolExecutor(max(2, app.settings.fetch.workers)),
                "lease": ThreadPoolExecutor(1),
            },
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
            timezone="UTC",
        )

    # -- the lease -----------------------------------------------------------------------------------
    def acquire(self) -> None:
        """Take the database's lease, or raise DaemonRunning naming the live daemon that holds it.

        On a database workers share, the lease is everyone's: this only renews it."""
        now = self.app.clock()
        if self.shared:
            self.app.store.share_lease(self.owner, now=now)
            return
        holder = self.app.store.acquire_lease(self.owner, now=now, stale_after=self.stale_after)
        if holder is not None and owner_gone(holder.owner):  # killed on this machine: no need to wait it out
            log.warning("the daemon %s that held the lease is not running any more: taking over", holder.owner)
            holder = self.app.store.acquire_lease(self.owner, now=now, stale_after=timedelta(0))
        if holder is not None:
            raise DaemonRunning(holder)
        log.info("lease taken by %s", self.owner)

    def join(self) -> None:
        """Register as a worker and let the database decide the work: claims for passes and deliveries, and
        (with other workers possible) per-host limits and robots.txt held together."""
        self.worker.join()
        self.app.pipeline.worker = self.worker
        self.app.outbox.claims = self.worker
        if self.shared:
            fetch = self.app.settings.fetch
            limiter = SharedHostLimiter(self.app.store, self.worker, fetch.per_host, fetch.min_gap)
            self.app.fetcher.share(limiter, SharedRobots(self.app.store, self.worker))

    def heartbeat(self, *, cycle: bool = False) -> None:
        """Renew the worker's heartbeat and claims, and the lease; if another daemon took the lease over
        meanwhile (we looked dead), stop."""
        self.worker.beat()
        if self.shared:
            try:
                self.app.store.share_lease(self.owner, now=self.app.clock(), cycle=cycle)
            except Exception:  # a database hiccup: the next heartbeat tries again
                log.exception("lease heartbeat failed")
            return
        try:
            held = self.app.store.heartbeat(self.owner, now=self.app.clock(), cycle=cycle)
        except Exception:  # a database hiccup: the next heartbeat tries again
            log.exception("lease heartbeat failed")
            return
        if held:
            return
        try:
            self.acquire()
        except DaemonRunning as exc:
            log.error("lost the lease: %s; stopping", exc)
            self.lost = exc
            self.stop()
        except Exception:
            log.exception("lease lost and could not be taken back")

    def schedule(self) -> None:
        now = self.app.clock()
        for source in self.app.settings.sources:
            self.scheduler.add_job(
                self.check_source,
                IntervalTrigger(
                    seconds=source.interval.total_seconds(),
                    jitter=_jitter(source.interval, self.app.settings.schedule.jitter),
                ),
                args=[source],
                id=f"source:{source.name}",
                name=f"check {source.name}",
                next_run_time=now,
            )
        delivery = self.app.settings.delivery.interval
        self.scheduler.add_job(
            self.deliver, IntervalTrigger(seconds=delivery.total_seconds()), id="deliver", next_run_time=now
        )
        self.scheduler.add_job(
            self.heartbeat,
            IntervalTrigger(seconds=self.heartbeat_interval.total_seconds()),
            id="heartbeat",
            name="lease heartbeat",
            executor="lease",
        )

    def check_source(self, source: Source) -> None:
        try:
            # one interval's worth of checks per pass: a backlog never blocks the feed's next read or a stop
            outcomes = self.app.pipeline.run_pass(sources=[source], budget=source.interval.total_seconds())
        except Exception:  # the daemon never dies because of one source
            log.exception("pass over source %s failed", source.name)
            return
        finally:
            self.heartbeat(cycle=True)
        failed = sum(o.failed for o in outcomes)
        changed = sum(o.status == "changed" for o in outcomes)
        log.info("source %s: %d checks, %d changed, %d failed", source.name, len(outcomes), changed, failed)
        self.worker.note(f"source {source.name}: {len(outcomes)} checks, {changed} changed, {failed} failed")
        if changed:
            self.deliver()

    def deliver(self) -> None:
        """Deliver due alerts, then raise operations alerts on dead alerts or a backlog."""
        with self._delivering:
            try:
                results = self.app.outbox.deliver_due()
            except Exception:
                log.exception("delivery cycle failed; alerts stay in the outbox")
                results = []
            if results:
                sent = sum(r.ok for _, r in results)
                log.info("outbox: %d sent, %d failed", sent, len(results) - sent)
                self.worker.note(f"outbox: {sent} sent, {len(results) - sent} failed")
            try:
                check_outbox(_Redacted(self.app), self.app.notifiers, self.app.clock())
            except Exception:
                log.exception("outbox health check failed")

    def run(self, *, install_signals: bool = True) -> None:
        """Take the lease, work until stopped, let go of the lease.

        Raises DaemonRunning when another live daemon holds the lease, at start or (having taken it over from
        us while we looked dead) later."""
        if install_signals:  # before the lease is ours: a stop signal then still lets it go (never a killed holder)
            signal.signal(signal.SIGINT, self._on_signal)
            signal.signal(signal.SIGTERM, self._on_signal)
        self.acquire()
        try:
            self.join()
            self._run()
        finally:
            try:
                self.worker.leave()  # every claim let go at once: other workers take the work without waiting
            except Exception:
                log.exception("could not release the claims (they expire in %gs)", self.worker.lease.total_seconds())
            try:
                self.app.store.release_lease(self.owner)
            except Exception:
                log.exception("could not release the lease (it goes stale in %gs)", self.stale_after.total_seconds())
            log.info("stopped")
        if self.lost is not None:
            raise self.lost

    def _run(self) -> None:
        self.schedule()
        self.scheduler.start()
        log.info(
            "storywatch running: %d source(s), %d notifier(s)",
            len(self.app.settings.sources),
            len(self.app.notifiers),
        )
        try:
            while not self._stop.wait(1.0):
                pass
        finally:
            log.info("stopping: waiting for in-flight checks to finish")
            self.app.pipeline.stopping.set()  # passes take no new story; in-flight checks finish
            done = threading.Event()
            keepalive = threading.Thread(target=self._keep_lease, args=(done,), name="storywatch-lease", daemon=True)
            keepalive.start()  # the scheduler's heartbeat job stops with it: still ours until the last check ends
            try:
                self.scheduler.shutdown(wait=True)
                self.app.pipeline.batch.flush()  # each pass flushes its own batch; this catches anything left over
            finally:
                done.set()
                keepalive.join()

    def _keep_lease(self, done: threading.Event) -> None:
        while not done.wait(self.heartbeat_interval.total_seconds()):
            self.heartbeat()

    def stop(self) -> None:
        self._stop.set()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self._stop.is_set():  # a second signal: the operator won't wait for in-flight checks
            log.warning("received %s again: exiting now (unchanged checks not yet written are checked again)", name)
            os._exit(128 + signum)
        log.info("received %s: finishing in-flight checks (send it again to exit at once)", name)
        self.stop()


class _Redacted:
    """The store as ``check_outbox`` sees it, with notifiers' stored errors redacted before they become alert text."""

    def __init__(self, app: App) -> None:
        self._app = app

    def outbox_status(self, now: datetime | None = None) -> list[Any]:
        return [
            replace(row, last_error=self._app.redact(row.last_error)) if row.last_error else row
            for row in self._app.store.outbox_status(now)
        ]

    def add_ops_alerts(self, notifiers: list[str], **kwargs: Any) -> list[int]:
        return self._app.store.add_ops_alerts(notifiers, **kwargs)


def _jitter(interval: timedelta, fraction: float) -> int:
    """Up to ``fraction`` of the interval (at least a second), so sources with equal intervals spread out."""
    return max(1, int(interval.total_seconds() * fraction))
