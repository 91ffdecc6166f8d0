"""Load config.yaml into typed, validated settings; every problem is reported with its YAML path.

    load_config(path) -> Settings        raises ConfigError listing *all* problems at once

Values of the form ``${VAR}`` (or ``${VAR:-default}``) are taken from the environment; a missing variable is
an error naming the key that needs it, and so is one set to nothing where a secret belongs. Notifier options
are validated against the ``Option`` declarations of their notifier class, so a new channel brings its own
validation. ``sites:`` holds a desk's site rules (the fields of ``monitor.extractors.rules.SiteRule``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from monitor.config_fields import MISSING, Checker, EmptyVar, Field, join_path, suggest
from monitor.durations import parse_duration
from monitor.errors import ConfigError
from monitor.models import Source, SourceKind, web_link

if TYPE_CHECKING:
    from monitor.extractors.rules import SiteRule

DEFAULT_USER_AGENT = "storywatch/0.1 (+https://github.com/storywatch; set fetch.user_agent to name your desk)"
DEFAULT_LADDER = (  # (story age up to, check interval)
    (timedelta(hours=6), timedelta(minutes=10)),
    (timedelta(days=1), timedelta(minutes=30)),
    (timedelta(days=3), timedelta(hours=2)),
    (timedelta(days=30), timedelta(hours=12)),
)


@dataclass(frozen=True)
class StorageSettings:
    url: str = "sqlite:///storywatch.db"
    keep_raw_pages: int = 3  # each story's newest versions whose fetched page is kept (to re-extract them)
    keep_raw_for: timedelta | None = None  # and, when set, no raw page older than this (the latest's excepted)
    max_connections: int = 15  # PostgreSQL: this process's connections at most (plus 4 for coordination)
    upgrade_on_start: bool = False  # `run` and `serve` upgrade an older schema at start (else: `db upgrade`)


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 10
    allow_private_networks: bool = False
    workers: int = 4
    per_host: int = 2  # requests in flight at once to one host
    min_gap: float = 1.0  # seconds between the starts of two requests to one host
    total_timeout: float = 60.0  # a whole request, slow-dripping body included
    robots_txt: bool = True


@dataclass(frozen=True)
class ScheduleSettings:
    """When stories are re-checked: a ladder of (age up to, interval) steps, and when to stop."""

    ladder: tuple[tuple[timedelta, timedelta], ...] = DEFAULT_LADDER
    max_age: timedelta = timedelta(days=30)
    jitter: float = 0.1  # ± fraction of each interval

    def interval_for(self, age: timedelta) -> timedelta | None:
        """How long until the next check of a story this old; None once it is past ``max_age``."""
        if age > self.max_age:
            return None
        for upto, interval in self.ladder:
            if age <= upto:
                return interval
        return self.ladder[-1][1]


@dataclass(frozen=True)
class DeliverySettings:
    interval: timedelta = timedelta(seconds=30)
    max_attempts: int = 8
    base_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=1)


@dataclass(frozen=True)
class WorkerSettings:
    """Several daemons on one PostgreSQL (``monitor.workers``): how claims and heartbeats are timed."""

    claim_lease: timedelta = timedelta(seconds=45)  # a dead worker's claims are taken over this long after it died
    heartbeat: timedelta = timedelta(seconds=15)  # how often a worker renews its heartbeat and its claims
    batch: int = 8  # due stories claimed at a time


@dataclass(frozen=True)
class ExtractionSettings:
    """Where pages are read (``monitor.extract_pool``): worker processes, and how long one page may take."""

    processes: int | None = None  # None: one per usable core; 0: in the checking threads, one page at a time
    timeout: float = 30.0  # seconds one page may take before its worker is killed


@dataclass(frozen=True)
class WebSettings:
    """``storywatch serve`` and the links alerts carry to it."""

    listen: str = "127.0.0.1:8080"  # HOST:PORT; loopback unless the operator opens it on purpose
    base_url: str | None = None  # where editors reach the web view; alerts link their diff pages under it
    token: str | None = None  # when set, every page and API call needs it (Basic password or Bearer)
    token_unset: bool = False  # web.token names a ${VAR} that is not set (read-only loads): serve refuses

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])

    def diff_link(self, story_id: int, from_version: int, to_version: int) -> str | None:
        """The diff page of one change under ``base_url``; a removal/restoration (from == to) links the story."""
        return web_link(self.base_url, story_id, from_version, to_version) if self.base_url else None


@dataclass(frozen=True)
class NotifierSettings:
    name: str
    type: str
    options: dict[str, Any] = field(default_factory=dict)  # every declared option, defaults filled in
    secrets: tuple[str, ...] = ()  # values to redact wherever this notifier's text goes


@dataclass(frozen=True)
class Settings:
    storage: StorageSettings = StorageSettings()
    fetch: FetchSettings = FetchSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    delivery: DeliverySettings = DeliverySettings()
    sources: tuple[Source, ...] = ()
    notifiers: tuple[NotifierSettings, ...] = ()
    sites: tuple[SiteRule, ...] = ()  # a desk's own site rules, tried before the packaged ones
    web: WebSettings = WebSettings()
    workers: WorkerSettings = WorkerSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    path: Path | None = None
    interpolated: tuple[str, ...] = ()  # every value that came from a ${VAR}: treated as secret in output

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values never to print: notifier secrets and whatever came from the environment."""
        web = (self.web.token,) if self.web.token else ()
        return tuple(secret for n in self.notifiers for secret in n.secrets) + web + self.interpolated


# -- the schema -------------------------------------------------------------------------------------------

_TOP = ("storage", "fetch", "schedule", "delivery", "sources", "notifiers", "sites", "web", "workers", "extraction")

_STORAGE = {
    "url": Field("str", StorageSettings.url),
    "keep_raw_pages": Field("int", StorageSettings.keep_raw_pages, minimum=1),
    "keep_raw_for": Field("duration", None, minimum=3600),
    "max_connections": Field("int", StorageSettings.max_connections, minimum=2, maximum=500),
    "upgrade_on_start": Field("bool", StorageSettings.upgrade_on_start),
}
_FETCH = {
    "user_agent": Field("str", FetchSettings.user_agent),
    "timeout": Field("duration", timedelta(seconds=FetchSettings.timeout), minimum=1),
    "max_bytes": Field("size", FetchSettings.max_bytes, minimum=1024),
    "max_redirects": Field("int", FetchSettings.max_redirects, minimum=0),
    "allow_private_networks": Field("bool", FetchSettings.allow_private_networks),
    "workers": Field("int", FetchSettings.workers, minimum=1),
    "per_host": Field("int", FetchSettings.per_host, minimum=1),
    "min_gap": Field("duration", timedelta(seconds=FetchSettings.min_gap)),
    "total_timeout": Field("duration", timedelta(seconds=FetchSettings.total_timeout), minimum=1),
    "robots_txt": Field("bool", FetchSettings.robots_txt),
}
_SCHEDULE = {
    "ladder": Field("list", ()),
    "max_age": Field("duration", ScheduleSettings.max_age, minimum=60),
    "jitter": Field("float", ScheduleSettings.jitter, minimum=0, maximum=0.5),
}
_DELIVERY = {
    "interval": Field("duration", DeliverySettings.interval, minimum=1),
    "max_attempts": Field("int", DeliverySettings.max_attempts, minimum=1),
    "base_delay": Field("duration", DeliverySettings.base_delay, minimum=1),
    "max_delay": Field("duration", DeliverySettings.max_delay, minimum=1),
}
_WORKERS = {
    "claim_lease": Field("duration", WorkerSettings.claim_lease, minimum=2),
    "heartbeat": Field("duration", WorkerSettings.heartbeat, minimum=1),
    "batch": Field("int", WorkerSettings.batch, minimum=1, maximum=1000),
}
_EXTRACTION = {
    "processes": Field("int", None, minimum=0, maximum=256),
    "timeout": Field("duration", timedelta(seconds=ExtractionSettings.timeout), minimum=1),
}
_SOURCE = {
    "name": Field("str", required=True),
    "feed": Field("url"),
    "sitemap": Field("url"),
    "url": Field("url"),
    "interval": Field("duration", timedelta(minutes=5), minimum=10),
    "tags": Field("list", ()),
    "pinned": Field("bool", False),
}
_SITE = {
    "name": Field("str", required=True),
    "url_pattern": Field("regex", required=True),
    "headline": Field("css"),
    "byline": Field("css"),
    "body": Field("css"),
    "drop": Field("list", ()),  # CSS selectors, each checked as _CSS
}
_CSS = Field("css")
_WEB = {
    "listen": Field("str", WebSettings.listen),
    "base_url": Field("url", pattern=r"^https?://"),
    "token": Field("str", secret=True),
}


# -- loading ----------------------------------------------------------------------------------------------

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def load_config(
    path: str | os.PathLike[str], env: Mapping[str, str] | None = None, *, require_env: bool = True
) -> Settings:
    """Read, interpolate and validate one config file. Raises ConfigError with every problem found.

    ``require_env=False`` (for read-only commands) lets a ``${VAR}`` stay unset: its key is left empty.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [f"{file}: no such file (run `storywatch init {file}` to write a starter config)"], str(file)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{file}: cannot read it: {exc}"], str(file)) from None
    return parse_config(text, env=os.environ if env is None else env, path=file, require_env=require_env)


def parse_config(text: str, *, env: Mapping[str, str], path: Path | None = None, require_env: bool = True) -> Settings:
    """Validate config text (YAML). Raises ConfigError with every problem found, each with its YAML path."""
    name = str(path) if path else "config"
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([f"{where}not valid YAML: {problem}"], name) from None
    checker = Checker(require_env=require_env)
    from_env: list[str] = []
    raw = _interpolate(raw, env, "", checker, from_env)
    top = checker.mapping(raw, "(top level)") or {}
    for key in top:
        if key not in _TOP:
            checker.add(str(key), "unknown key" + suggest(str(key), _TOP))
    settings = Settings(
        storage=_storage(checker, top.get("storage"), path),
        fetch=_fetch(checker, top.get("fetch")),
        schedule=_schedule(checker, top.get("schedule")),
        delivery=_delivery(checker, top.get("delivery")),
        sources=(sources := _sources(checker, top.get("sources"))),
        notifiers=_notifiers(checker, top.get("notifiers"), {s.name for s in sources}),
        sites=_sites(checker, top.get("sites")),
        web=_web(checker, top.get("web")),
        workers=_workers(checker, top.get("workers")),
        extraction=_extraction(checker, top.get("extraction")),
        path=path,
        interpolated=tuple(sorted({v for v in from_env if len(v) >= 4})),
    )
    if checker.problems:
        raise ConfigError([_hide(p, from_env) for p in checker.problems], name)
    return settings


def _hide(problem: str, values: list[str]) -> str:
    """A problem message with values from the environment masked (a secret may sit in the wrong key)."""
    for value in sorted((v for v in values if len(v) >= 4), key=len, reverse=True):
        problem = problem.replace(value, "***")
    return problem


def _interpolate(value: Any, env: Mapping[str, str], path: str, checker: Checker, seen: list[str]) -> Any:
    """``value`` with every ``${VAR}`` replaced; the substituted values are appended to ``seen``."""
    if isinstance(value, dict):
        return {k: _interpolate(v, env, join_path(path, k), checker, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, env, f"{path}[{i}]", checker, seen) for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    missing: list[str] = []
    empty: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in env and (env[name] or default is None):  # like the shell, ${VAR:-x} also covers VAR=""
            seen.append(env[name])
            if not env[name]:
                empty.append(name)
            return env[name]
        if default is not None:
            return default
        missing.append(name)
        if checker.require_env:
            checker.add(path, f"environment variable {name} is not set (export {name}=… before starting storywatch)")
        return ""

    result = _VAR.sub(substitute, value)
    if missing:
        return MISSING
    return EmptyVar(empty[0]) if empty and not result.strip() else result


def _storage(checker: Checker, raw: Any, path: Path | None) -> StorageSettings:
    values = checker.fields(checker.mapping(raw, "storage") or {}, _STORAGE, "storage")
    url = str(values["url"])
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", url):
        checker.add("storage.url", "expected sqlite:///path.db or postgresql+psycopg://user@host/db")
    elif url.startswith("sqlite:///") and path is not None and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///"))
        if not db.is_absolute():  # relative to the config file, not to wherever the CLI runs
            url = "sqlite:///" + str((path.parent / db).resolve())
    return StorageSettings(
        url=url,
        keep_raw_pages=values["keep_raw_pages"],
        keep_raw_for=values["keep_raw_for"],
        max_connections=values["max_connections"],
        upgrade_on_start=values["upgrade_on_start"],
    )


def _fetch(checker: Checker, raw: Any) -> FetchSettings:
    v = checker.fields(checker.mapping(raw, "fetch") or {}, _FETCH, "fetch")
    return FetchSettings(
        user_agent=v["user_agent"],
        timeout=v["timeout"].total_seconds(),
        max_bytes=v["max_bytes"],
        max_redirects=v["max_redirects"],
        allow_private_networks=v["allow_private_networks"],
        workers=v["workers"],
        per_host=v["per_host"],
        min_gap=v["min_gap"].total_seconds(),
        total_timeout=v["total_timeout"].total_seconds(),
        robots_txt=v["robots_txt"],
    )


MIN_LADDER_STEP = timedelta(seconds=1)  # in practice a story is checked at most once per its source's interval


def _schedule(checker: Checker, raw: Any) -> ScheduleSettings:
    v = checker.fields(checker.mapping(raw, "schedule") or {}, _SCHEDULE, "schedule")
    ladder = DEFAULT_LADDER
    if v["ladder"]:
        steps = []
        for i, step in enumerate(v["ladder"]):
            match = re.fullmatch(r"\s*(\S+)\s*:\s*(\S+)\s*", step)
            try:
                if not match:
                    raise ValueError(f"{step!r} is not 'AGE: INTERVAL'")
                age, interval = parse_duration(match.group(1)), parse_duration(match.group(2))
                if interval < MIN_LADDER_STEP or age < MIN_LADDER_STEP:
                    which = "interval" if interval < MIN_LADDER_STEP else "age"
                    raise ValueError(f"{step!r}: the {which} must be at least 1s")
                steps.append((age, interval))
            except ValueError as exc:
                checker.add(f"schedule.ladder[{i}]", f"{exc}; write each step as 'AGE: INTERVAL', like '6h: 10m'")
        if steps and steps == sorted(steps):
            ladder = tuple(steps)
        elif steps:
            checker.add("schedule.ladder", "steps must be in increasing order of age")
    return ScheduleSettings(ladder=ladder, max_age=v["max_age"], jitter=v["jitter"])


def _delivery(checker: Checker, raw: Any) -> DeliverySettings:
    v = checker.fields(checker.mapping(raw, "delivery") or {}, _DELIVERY, "delivery")
    return DeliverySettings(**v)


def _workers(checker: Checker, raw: Any) -> WorkerSettings:
    v = checker.fields(checker.mapping(raw, "workers") or {}, _WORKERS, "workers")
    if v["heartbeat"] * 2 > v["claim_lease"]:
        checker.add(
            "workers.heartbeat", "must be at most half of workers.claim_lease (a live worker's claims would expire)"
        )
    return WorkerSettings(**v)


def _extraction(checker: Checker, raw: Any) -> ExtractionSettings:
    v = checker.fields(checker.mapping(raw, "extraction") or {}, _EXTRACTION, "extraction")
    return ExtractionSettings(processes=v["processes"], timeout=v["timeout"].total_seconds())


def _sources(checker: Checker, raw: Any) -> tuple[Source, ...]:
    out: list[Source] = []
    seen: dict[str, str] = {}
    for where, entry in checker.entries(raw, "sources"):
        v = checker.fields(entry, _SOURCE, where)
        name = v["name"]
        unique = checker.claim(name, where, seen, "sources")  # reported even when the entry has other problems
        kinds = [k for k in ("feed", "sitemap", "url") if entry.get(k)]
        if len(kinds) != 1:
            found = " and ".join(kinds) if kinds else "none"
            checker.add(where, f"needs exactly one of feed, sitemap or url (found {found})")
            continue
        if not unique:
            continue
        out.append(Source(name, SourceKind(kinds[0]), v[kinds[0]], v["interval"], v["tags"], v["pinned"]))
    return tuple(out)


def _option_field(option: Any) -> Field:
    """A notifier's declared Option as a config field (durations become seconds, as notifiers expect)."""
    kind = "seconds" if option.kind == "duration" else option.kind
    return Field(
        kind, option.default, option.required, option.secret, option.choices, None, option.pattern, form=option.form
    )


def _notifiers(checker: Checker, raw: Any, source_names: set[str]) -> tuple[NotifierSettings, ...]:
    from notifiers.base import registry

    known = registry(plugins=False)
    if isinstance(raw, list) and any(isinstance(e, Mapping) and str(e.get("type")) not in known for e in raw):
        known = registry()  # a plugin's type (or a typo: the message lists every type)
    out: list[NotifierSettings] = []
    seen: dict[str, str] = {}
    for where, entry in checker.entries(raw, "notifiers"):
        kind = entry.get("type")
        cls = known.get(str(kind)) if kind is not None else None
        if cls is None:
            message = "is required" if kind is None else f"unknown type {kind!r}" + suggest(str(kind), known)
            checker.add(f"{where}.type", f"{message} (known types: {', '.join(known)})")
            checker.claim(entry.get("name"), where, seen, "notifiers")  # a repeated name is still said
            continue
        spec = {o.name: _option_field(o) for o in cls.all_options()}
        values = checker.fields(entry, spec, where)
        name = values.get("name")
        if not checker.claim(name, where, seen, "notifiers"):
            continue
        for j, source in enumerate(values.get("sources") or ()):
            if source not in source_names:
                hint = suggest(source, source_names) or f" (sources: {', '.join(sorted(source_names)) or 'none'})"
                checker.add(f"{where}.sources[{j}]", f"no source named {source!r}{hint}")
        # combinations only once every value is known (read-only commands may leave a ${VAR} unset); a key
        # already reported is not reported again (its value was replaced by the default)
        unknown = any(v is MISSING or isinstance(v, EmptyVar) for v in entry.values())
        if checker.require_env and not unknown:
            reported = {p.split(":")[0] for p in checker.problems if p.startswith(f"{where}.")}
            for key, message in cls.combination_problems(values):
                if f"{where}.{key}" not in reported:
                    checker.add(f"{where}.{key}", message)
        secrets = tuple(str(values[o.name]) for o in cls.all_options() if o.secret and values.get(o.name))
        out.append(NotifierSettings(name=name, type=cls.type, options=values, secrets=secrets))
    return tuple(out)


def _sites(checker: Checker, raw: Any) -> tuple[SiteRule, ...]:
    """A desk's site rules (``sites:``), each a SiteRule whose selectors are known to compile."""
    entries = list(checker.entries(raw, "sites"))
    if not entries:
        return ()
    from monitor.extractors.rules import SiteRule  # the extractors load only when a config has site rules

    out: list[SiteRule] = []
    seen: dict[str, str] = {}
    for where, entry in entries:
        v = checker.fields(entry, _SITE, where)
        drop = tuple(checker.value(css, _CSS, f"{where}.drop[{i}]") for i, css in enumerate(v["drop"]))
        if not checker.claim(v["name"], where, seen, "sites"):
            continue
        if not any(entry.get(key) for key in ("headline", "byline", "body")):
            checker.add(where, "needs at least one of headline, byline or body (CSS selectors)")
        elif v["url_pattern"] is not None and None not in drop:
            out.append(SiteRule(v["name"], v["url_pattern"], v["headline"], v["byline"], v["body"], drop))
    return tuple(out)


def _web(checker: Checker, raw: Any) -> WebSettings:
    entry = checker.mapping(raw, "web") or {}
    v = checker.fields(entry, _WEB, "web")
    listen = v["listen"].strip()
    problem = listen_problem(listen)
    if problem:
        checker.add("web.listen", problem)
        listen = WebSettings.listen
    token = v["token"] or None
    if token is not None and len(token) < 8:
        checker.add("web.token", "too short to protect anything (use at least 8 characters, from a ${VAR})")
    base_url = v["base_url"].rstrip("/") if v["base_url"] else None
    if base_url and ("?" in base_url or "#" in base_url):
        checker.add("web.base_url", "must be the web view's root address, without ?query or #fragment")
    return WebSettings(listen=listen, base_url=base_url, token=token, token_unset=entry.get("token") is MISSING)


def listen_problem(listen: str) -> str | None:
    """What is wrong with a HOST:PORT listen address (None when nothing is)."""
    match = re.fullmatch(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+):(\d{1,5})", listen)
    if not match:
        return f"{listen!r} is not HOST:PORT (write it like 127.0.0.1:8080)"
    if not 0 <= int(match.group(2)) < 65536:  # 0: any free port (serve prints the one it got)
        return f"port {match.group(2)} is out of range (0-65535)"
    return None
