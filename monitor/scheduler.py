"""The daemon: APScheduler runs one job per source and one delivery job until SIGINT/SIGTERM.

Each source job discovers stories (feed/sitemap) and re-checks that source's due stories; the delivery job
drains the outbox. Jobs have ``coalesce=True`` and ``max_instances=1`` so a slow pass never piles up, and
a jittered interval so sources don't all fire at once. Stopping waits for in-flight checks to finish.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import timedelta
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.app import App
from monitor.models import Source

log = logging.getLogger("storywatch.scheduler")


class Daemon:
    """Schedules the app's work; ``run()`` blocks until ``stop()`` or a signal."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._stop = threading.Event()
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(max(2, app.settings.fetch.workers))},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
            timezone="UTC",
        )

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

    def check_source(self, source: Source) -> None:
        try:
            outcomes = self.app.pipeline.run_pass(sources=[source])
        except Exception:  # the daemon never dies because of one source
            log.exception("pass over source %s failed", source.name)
            return
        failed = sum(o.failed for o in outcomes)
        changed = sum(o.status == "changed" for o in outcomes)
        log.info("source %s: %d checks, %d changed, %d failed", source.name, len(outcomes), changed, failed)
        if changed:
            self.deliver()

    def deliver(self) -> None:
        try:
            results = self.app.outbox.deliver_due()
        except Exception:
            log.exception("delivery cycle failed; alerts stay in the outbox")
            return
        if results:
            sent = sum(r.ok for _, r in results)
            log.info("outbox: %d sent, %d failed", sent, len(results) - sent)

    def run(self, *, install_signals: bool = True) -> None:
        if install_signals:
            signal.signal(signal.SIGINT, self._on_signal)
            signal.signal(signal.SIGTERM, self._on_signal)
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
            self.scheduler.shutdown(wait=True)
            log.info("stopped")

    def stop(self) -> None:
        self._stop.set()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s", signal.Signals(signum).name)
        self.stop()


def _jitter(interval: timedelta, fraction: float) -> int:
    """Up to ``fraction`` of the interval (at least a second), so sources with equal intervals spread out."""
    return max(1, int(interval.total_seconds() * fraction))
