"""Load config.yaml into typed, validated settings; every problem is reported with its YAML path.

    load_config(path) -> Settings        raises ConfigError listing *all* problems at once

Values of the form ``${VAR}`` (or ``${VAR:-default}``) are taken from the environment; a missing variable is
an error naming the key that needs it. Notifier options are validated against the ``Option`` declarations
of their notifier class, so a new channel brings its own validation.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from monitor.durations import parse_duration
from monitor.errors import ConfigError
from monitor.models import Source, SourceKind

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
    path: Path | None = None
    interpolated: tuple[str, ...] = ()  # every value that came from a ${VAR}: treated as secret in output

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values never to print: notifier secrets and whatever came from the environment."""
        return tuple(secret for n in self.notifiers for secret in n.secrets) + self.interpolated


# -- field coercion ---------------------------------------------------------------------------------------


class _Problem(ValueError):
    """One invalid value; the message is completed with the YAML path by the caller."""


def _as_str(value: Any) -> str:
    if isinstance(value, bool | dict | list) or value is None:
        raise _Problem(f"expected text, got {_describe(value)}")
    return str(value)


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _Problem(f"expected a whole number, got {_describe(value)}")
    try:
        return int(value)
    except ValueError:
        raise _Problem(f"expected a whole number, got {value!r}") from None


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _Problem(f"expected a number, got {_describe(value)}")
    try:
        return float(value)
    except ValueError:
        raise _Problem(f"expected a number, got {value!r}") from None


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "yes", "on", "1", "false", "no", "off", "0"}:
        return value.lower() in {"true", "yes", "on", "1"}
    raise _Problem(f"expected true or false, got {_describe(value)}")


def _as_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or any(isinstance(v, dict | list) or v is None for v in value):
        raise _Problem(f"expected a list of text values, got {_describe(value)}")
    return tuple(str(v) for v in value)


def _as_duration(value: Any) -> timedelta:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise _Problem(str(exc)) from None


def _as_size(value: Any) -> int:
    """``10MB``, ``512kB`` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b)?\s*", str(value), re.IGNORECASE)
    if not match:
        raise _Problem(f"{value!r} is not a size (write it like 10MB, 512kB or a number of bytes)")
    unit = (match.group(2) or "b").lower().replace("i", "")
    return int(float(match.group(1)) * {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3}[unit])


def _as_url(value: Any) -> str:
    text = _as_str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise _Problem(f"{text!r} is not an http(s) URL")
    return text


_COERCE: dict[str, Callable[[Any], Any]] = {
    "str": _as_str,
    "int": _as_int,
    "float": _as_float,
    "bool": _as_bool,
    "list": _as_list,
    "duration": _as_duration,
    "seconds": lambda value: _as_duration(value).total_seconds(),
    "size": _as_size,
    "url": _as_url,
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


@dataclass(frozen=True)
class _Field:
    kind: str = "str"
    default: Any = None
    required: bool = False
    secret: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    pattern: str | None = None
    maximum: float | None = None


class _Checker:
    """Collects problems while walking the YAML tree."""

    def __init__(self, *, require_env: bool = True) -> None:
        self.problems: list[str] = []
        self.require_env = require_env

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(self, raw: Any, path: str) -> dict[str, Any] | None:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.add(path, f"expected a mapping of keys, got {_describe(raw)}")
            return None
        return raw

    def fields(self, raw: Mapping[str, Any], spec: Mapping[str, _Field], path: str) -> dict[str, Any]:
        """Validate ``raw`` against ``spec``; return every field's value (defaults filled in)."""
        out: dict[str, Any] = {}
        for key in raw:
            if key not in spec:
                self.add(_join(path, key), "unknown key" + _suggest(str(key), spec))
        for key, rule in spec.items():
            where = _join(path, key)
            if raw.get(key) is _MISSING:  # already reported: its ${VAR} is not set
                out[key] = rule.default
                continue
            if key not in raw or raw[key] is None:
                if rule.required:
                    self.add(where, "is required" + (f" ({_choices(rule)})" if rule.choices else ""))
                out[key] = rule.default
                continue
            out[key] = self.value(raw[key], rule, where)
        return out

    def value(self, raw: Any, rule: _Field, where: str) -> Any:
        try:
            value = _COERCE[rule.kind](raw)
        except _Problem as exc:
            self.add(where, "invalid value (hidden: it is a secret)" if rule.secret else str(exc))
            return rule.default
        if rule.choices and value not in rule.choices:
            self.add(where, f"{value!r} is not one of: {_choices(rule)}" + _suggest(str(value), rule.choices))
        if rule.minimum is not None and _magnitude(value) < rule.minimum:
            self.add(where, f"must be at least {rule.minimum:g}" + (" seconds" if rule.kind == "duration" else ""))
        if rule.maximum is not None and _magnitude(value) > rule.maximum:
            self.add(where, f"must be at most {rule.maximum:g}")
        if rule.pattern and isinstance(value, str) and not re.search(rule.pattern, value):
            shown = "the value" if rule.secret else repr(value)
            if rule.pattern.startswith("^https?://"):
                self.add(where, f"{shown} is not a URL: it must start with http:// or https://")
            else:
                self.add(where, f"{shown} does not have the expected form (it must match {rule.pattern})")
        return value


def _magnitude(value: Any) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _choices(rule: _Field) -> str:
    return ", ".join(rule.choices)


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _suggest(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# -- the schema -------------------------------------------------------------------------------------------

_TOP = ("storage", "fetch", "schedule", "delivery", "sources", "notifiers")

_STORAGE = {"url": _Field("str", StorageSettings.url)}
_FETCH = {
    "user_agent": _Field("str", FetchSettings.user_agent),
    "timeout": _Field("duration", timedelta(seconds=FetchSettings.timeout), minimum=1),
    "max_bytes": _Field("size", FetchSettings.max_bytes, minimum=1024),
    "max_redirects": _Field("int", FetchSettings.max_redirects, minimum=0),
    "allow_private_networks": _Field("bool", FetchSettings.allow_private_networks),
    "workers": _Field("int", FetchSettings.workers, minimum=1),
    "per_host": _Field("int", FetchSettings.per_host, minimum=1),
    "min_gap": _Field("duration", timedelta(seconds=FetchSettings.min_gap)),
    "total_timeout": _Field("duration", timedelta(seconds=FetchSettings.total_timeout), minimum=1),
    "robots_txt": _Field("bool", FetchSettings.robots_txt),
}
_SCHEDULE = {
    "ladder": _Field("list", ()),
    "max_age": _Field("duration", ScheduleSettings.max_age, minimum=60),
    "jitter": _Field("float", ScheduleSettings.jitter, minimum=0, maximum=0.5),
}
_DELIVERY = {
    "interval": _Field("duration", DeliverySettings.interval, minimum=1),
    "max_attempts": _Field("int", DeliverySettings.max_attempts, minimum=1),
    "base_delay": _Field("duration", DeliverySettings.base_delay, minimum=1),
    "max_delay": _Field("duration", DeliverySettings.max_delay, minimum=1),
}
_SOURCE = {
    "name": _Field("str", required=True),
    "feed": _Field("url"),
    "sitemap": _Field("url"),
    "url": _Field("url"),
    "interval": _Field("duration", timedelta(minutes=5), minimum=10),
    "tags": _Field("list", ()),
    "pinned": _Field("bool", False),
}


# -- loading ----------------------------------------------------------------------------------------------

_MISSING = object()  # a value whose ${VAR} is not set (reported once, not validated further)
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
    checker = _Checker(require_env=require_env)
    from_env: list[str] = []
    raw = _interpolate(raw, env, "", checker, from_env)
    top = checker.mapping(raw, "(top level)") or {}
    for key in top:
        if key not in _TOP:
            checker.add(str(key), "unknown key" + _suggest(str(key), _TOP))
    settings = Settings(
        storage=_storage(checker, top.get("storage"), path),
        fetch=_fetch(checker, top.get("fetch")),
        schedule=_schedule(checker, top.get("schedule")),
        delivery=_delivery(checker, top.get("delivery")),
        sources=(sources := _sources(checker, top.get("sources"))),
        notifiers=_notifiers(checker, top.get("notifiers"), {s.name for s in sources}),
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


def _interpolate(value: Any, env: Mapping[str, str], path: str, checker: _Checker, seen: list[str]) -> Any:
    """``value`` with every ``${VAR}`` replaced; the substituted values are appended to ``seen``."""
    if isinstance(value, dict):
        return {k: _interpolate(v, env, _join(path, k), checker, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, env, f"{path}[{i}]", checker, seen) for i, v in enumerate(value)]
    if not isinstance(value, str) or "${" not in value:
        return value

    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in env:
            seen.append(env[name])
            return env[name]
        if default is not None:
            return default
        missing.append(name)
        if checker.require_env:
            checker.add(path, f"environment variable {name} is not set (export {name}=… before starting storywatch)")
        return ""

    result = _VAR.sub(substitute, value)
    return _MISSING if missing else result


def _storage(checker: _Checker, raw: Any, path: Path | None) -> StorageSettings:
    values = checker.fields(checker.mapping(raw, "storage") or {}, _STORAGE, "storage")
    url = str(values["url"])
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", url):
        checker.add("storage.url", "expected sqlite:///path.db or postgresql+psycopg://user@host/db")
    elif url.startswith("sqlite:///") and path is not None and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///"))
        if not db.is_absolute():  # relative to the config file, not to wherever the CLI runs
            url = "sqlite:///" + str((path.parent / db).resolve())
    return StorageSettings(url=url)


def _fetch(checker: _Checker, raw: Any) -> FetchSettings:
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


def _schedule(checker: _Checker, raw: Any) -> ScheduleSettings:
    v = checker.fields(checker.mapping(raw, "schedule") or {}, _SCHEDULE, "schedule")
    ladder = DEFAULT_LADDER
    if v["ladder"]:
        steps = []
        for i, step in enumerate(v["ladder"]):
            match = re.fullmatch(r"\s*(\S+)\s*:\s*(\S+)\s*", step)
            try:
                if not match:
                    raise ValueError(f"{step!r} is not 'AGE: INTERVAL'")
                steps.append((parse_duration(match.group(1)), parse_duration(match.group(2))))
            except ValueError as exc:
                checker.add(f"schedule.ladder[{i}]", f"{exc}; write each step as 'AGE: INTERVAL', like '6h: 10m'")
        if steps and steps == sorted(steps):
            ladder = tuple(steps)
        elif steps:
            checker.add("schedule.ladder", "steps must be in increasing order of age")
    return ScheduleSettings(ladder=ladder, max_age=v["max_age"], jitter=v["jitter"])


def _delivery(checker: _Checker, raw: Any) -> DeliverySettings:
    v = checker.fields(checker.mapping(raw, "delivery") or {}, _DELIVERY, "delivery")
    return DeliverySettings(**v)


def _sources(checker: _Checker, raw: Any) -> tuple[Source, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        checker.add("sources", f"expected a list of sources, got {_describe(raw)}")
        return ()
    out: list[Source] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        where = f"sources[{i}]"
        entry = checker.mapping(item, where)
        if entry is None:
            continue
        v = checker.fields(entry, _SOURCE, where)
        kinds = [k for k in ("feed", "sitemap", "url") if entry.get(k)]
        if len(kinds) != 1:
            found = " and ".join(kinds) if kinds else "none"
            checker.add(where, f"needs exactly one of feed, sitemap or url (found {found})")
            continue
        name = v["name"]
        if name is None:
            continue
        if name in seen:
            checker.add(f"{where}.name", f"{name!r} is already used by sources[{seen[name]}] (names must be unique)")
            continue
        seen[name] = i
        out.append(Source(name, SourceKind(kinds[0]), v[kinds[0]], v["interval"], v["tags"], v["pinned"]))
    return tuple(out)


def _option_field(option: Any) -> _Field:
    """A notifier's declared Option as a config field (durations become seconds, as notifiers expect)."""
    kind = "seconds" if option.kind == "duration" else option.kind
    return _Field(kind, option.default, option.required, option.secret, option.choices, None, option.pattern)


def _notifiers(checker: _Checker, raw: Any, source_names: set[str]) -> tuple[NotifierSettings, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        checker.add("notifiers", f"expected a list of notifiers, got {_describe(raw)}")
        return ()
    from notifiers.base import registry

    known = registry()
    out: list[NotifierSettings] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        where = f"notifiers[{i}]"
        entry = checker.mapping(item, where)
        if entry is None:
            continue
        kind = entry.get("type")
        cls = known.get(str(kind)) if kind is not None else None
        if cls is None:
            message = "is required" if kind is None else f"unknown type {kind!r}" + _suggest(str(kind), known)
            checker.add(f"{where}.type", f"{message} (known types: {', '.join(known)})")
            continue
        spec = {o.name: _option_field(o) for o in cls.all_options()}
        values = checker.fields(entry, spec, where)
        name = values.get("name")
        if name is None:
            continue
        if name in seen:
            checker.add(f"{where}.name", f"{name!r} is already used by notifiers[{seen[name]}] (names must be unique)")
            continue
        seen[name] = i
        for j, source in enumerate(values.get("sources") or ()):
            if source not in source_names:
                hint = _suggest(source, source_names) or f" (sources: {', '.join(sorted(source_names)) or 'none'})"
                checker.add(f"{where}.sources[{j}]", f"no source named {source!r}{hint}")
        secrets = tuple(str(values[o.name]) for o in cls.all_options() if o.secret and values.get(o.name))
        out.append(NotifierSettings(name=name, type=cls.type, options=values, secrets=secrets))
    return tuple(out)
