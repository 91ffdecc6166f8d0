"""The notifier base class, its declared options, and the registry every channel joins by subclassing.

A channel is one file in this package: a ``Notifier`` subclass with a ``type`` name, a tuple of ``Option``
declarations and ``send()``. Declaring options once gives config validation, ``config check`` messages,
docs and secret redaction. Built-ins register themselves the way a third party's notifier does: by being
imported (``notifiers.load_all()`` imports this package's modules and the ``storywatch.notifiers`` entry
point group).
"""

from __future__ import annotations

import abc
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from monitor.models import Alert, Article, Change, DeliveryResult, DiffSummary, Significance, web_link
from monitor.redaction import redact  # noqa: F401 - re-exported: notifiers redact with it
from notifiers.routing import QUIET_FORM, QUIET_PATTERN, parse_quiet_hours, watch_hits, zone

if TYPE_CHECKING:
    from monitor.alert_types import Digest, OpsAlert

_REGISTRY: dict[str, type[Notifier]] = {}


@dataclass(frozen=True)
class Option:
    """One setting a notifier accepts in config.yaml.

    ``kind`` is one of: str, int, bool, float, list (of strings), duration (seconds as float).
    ``secret`` values are redacted (``***``) from logs, CLI output and error messages.
    """

    name: str
    kind: str = "str"
    required: bool = False
    default: Any = None
    secret: bool = False
    help: str = ""
    choices: tuple[str, ...] = ()
    pattern: str | None = None  # a regex the (string) value must match, e.g. "^https?://"
    form: str | None = None  # the pattern in words, for error messages: "'x' is not <form>"


# Options every notifier has, handled by the base class (routing), declared like any other.
COMMON_OPTIONS: tuple[Option, ...] = (
    Option("name", required=True, help="unique name of this notifier"),
    Option("type", required=True, help="the channel: one of the registered notifier types"),
    Option(
        "min_significance",
        default="minor",
        choices=tuple(level.label for level in Significance),
        help="alert only for changes at least this significant",
    ),
    Option("sources", kind="list", default=(), help="only changes of stories from these sources (empty: all)"),
    Option("tags", kind="list", default=(), help="only changes of stories from sources with one of these tags"),
    Option("enabled", kind="bool", default=True, help="false keeps the notifier configured but silent"),
    Option(
        "only",
        default="all",
        choices=("all", "declared", "silent"),
        help="declared: only updates the publisher signalled; silent: only silent edits; all: both",
    ),
    Option(
        "watch",
        kind="list",
        default=(),
        help="names or phrases: alert when one appears in or disappears from a story, even below min_significance",
    ),
    Option(
        "quiet_hours",
        pattern=QUIET_PATTERN,
        form=QUIET_FORM,
        help='hold deliveries during this daily window, e.g. "22:00-07:00" (major changes go through)',
    ),
    Option(
        "timezone",
        default="UTC",
        help="the desk's IANA time zone, e.g. Europe/Berlin: quiet_hours, digest windows and the times in alerts",
    ),
    Option(
        "debounce",
        kind="duration",
        default=0.0,
        help="combine a story's changes within this window into one alert (first to last version), e.g. 10m",
    ),
    Option(
        "diff_url",
        pattern=r"^https?://",
        help="where editors read the full diff, instead of the web view (web.base_url): a URL with {story_id}, "
        "{from_version} and {to_version}, e.g. "
        "https://tools.example.org/storywatch/{story_id}/diff?from={from_version}&to={to_version}",
    ),
    Option(
        "operations",
        kind="bool",
        default=False,
        help="true: receive operations alerts (failing sources, outbox trouble) and no editors' change alerts",
    ),
)


class ThreadBook(Protocol):
    """Where a channel keeps one thread reference per story (Slack thread ts, email root Message-ID)."""

    def get(self, story_id: int) -> str | None: ...

    def save(self, story_id: int, ref: str, channel: str | None = None) -> str: ...


class Notifier(abc.ABC):
    """A channel that delivers alerts. Subclasses set ``type``, ``options`` and implement ``send``."""

    type: ClassVar[str] = ""
    description: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.type and not getattr(cls, "__abstractmethods__", None):
            existing = _REGISTRY.get(cls.type)
            if existing is not None and existing.__qualname__ != cls.__qualname__:
                raise TypeError(f"notifier type {cls.type!r} is registered twice: {existing} and {cls}")
            _REGISTRY[cls.type] = cls

    def __init__(self, name: str, settings: Mapping[str, Any]) -> None:
        """``settings`` holds validated values for every declared option (defaults filled in)."""
        self.name = name
        self.settings = dict(settings)
        problems = self.combination_problems(self.settings)
        if problems:
            raise ValueError("; ".join(f"{key}: {message}" for key, message in problems))
        self.min_significance = Significance.parse(str(self.settings.get("min_significance") or "minor"))
        self.sources = tuple(self.settings.get("sources") or ())
        self.tags = tuple(self.settings.get("tags") or ())
        self.enabled = bool(self.settings.get("enabled", True))
        self.only = str(self.settings.get("only") or "all")
        self.watch = tuple(self.settings.get("watch") or ())
        self.operations = bool(self.settings.get("operations") or False)
        self.debounce = float(self.settings.get("debounce") or 0.0)
        self.tz = zone(self.settings.get("timezone"))
        self.quiet_hours = parse_quiet_hours(self.settings.get("quiet_hours"))
        self.threads: ThreadBook | None = None  # set by the outbox for channels that thread per story
        self.web_base_url: str | None = None  # the web view's root (``web.base_url``), set by build_notifier

    # -- routing -----------------------------------------------------------------------------------
    def accepts(
        self,
        significance: Significance,
        source: str | None,
        tags: Iterable[str] = (),
        *,
        declared: bool | None = None,
    ) -> bool:
        """True when a change of this significance, from this source, should reach this channel.

        Watch terms need both versions: use :meth:`route` for them.
        """
        return self._in_scope(source, tags, declared) and significance >= self.min_significance

    def route(
        self,
        summary: DiffSummary,
        source: str | None,
        tags: Iterable[str] = (),
        old: Article | None = None,
        new: Article | None = None,
    ) -> dict[str, Any] | None:
        """None when this change does not reach this channel, else why it does (``{}``: the usual rules).

        A watched term appearing or disappearing routes a change below ``min_significance`` too; the
        reasons (``watch_appeared``, ``watch_disappeared``, ``below_threshold``) are stored with the alert
        and shown in it.
        """
        if not self._in_scope(source, tags, summary.declared):
            return None
        reasons: dict[str, Any] = {}
        if self.watch and old is not None and new is not None:
            appeared, disappeared = watch_hits(self.watch, old, new)
            if appeared:
                reasons["watch_appeared"] = appeared
            if disappeared:
                reasons["watch_disappeared"] = disappeared
        if summary.significance < self.min_significance:
            if not reasons:
                return None
            reasons["below_threshold"] = self.min_significance.label
        return reasons

    def _in_scope(self, source: str | None, tags: Iterable[str], declared: bool | None) -> bool:
        if not self.enabled or self.operations:
            return False
        if self.sources and source not in self.sources:
            return False
        if self.tags and not set(self.tags) & set(tags):
            return False
        if declared is not None and self.only != "all":
            return declared == (self.only == "declared")
        return True

    def diff_link(self, change: Change) -> str | None:
        """Where an editor reads ``change`` in full, or None when this notifier knows no such page.

        The notifier's own ``diff_url`` template wins; otherwise the web view's diff page under
        ``web_base_url``. A removal or restoration (from == to) has no diff: it links the web view's story
        page (its timeline and last known text), or nothing without ``web_base_url``.
        """
        template = self.settings.get("diff_url")
        if template and change.from_version < change.to_version:
            return str(template).format(
                story_id=change.story_id, from_version=change.from_version, to_version=change.to_version
            )
        if not self.web_base_url:
            return None
        return web_link(self.web_base_url, change.story_id, change.from_version, change.to_version)

    # -- delivery ----------------------------------------------------------------------------------
    @abc.abstractmethod
    def send(self, alert: Alert) -> DeliveryResult:
        """Deliver one alert. Never raises for a channel failure: return ``DeliveryResult(ok=False, …)``."""

    def send_ops(self, alert: OpsAlert) -> DeliveryResult:
        """Deliver an operations alert; channels that can carry plain text override this."""
        return DeliveryResult(ok=False, error=f"{self.type}: cannot deliver operations alerts")

    digest_mode: ClassVar[bool] = False  # channels that implement send_digest set this

    def wants_digest(self) -> bool:
        """True when this notifier sends one summary per window instead of immediate alerts."""
        return self.digest_mode and self.settings.get("mode") == "digest"

    def digest_every(self) -> float:
        return float(self.settings.get("digest_every") or 86400.0)

    def send_digest(self, digest: Digest) -> DeliveryResult:
        """Deliver a digest (only channels with ``digest_mode``)."""
        return DeliveryResult(ok=False, error=f"{self.type}: has no digest mode")

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; called once when the process stops."""

    # -- settings that each option accepts alone but not together -----------------------------------
    @classmethod
    def combination_problems(cls, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """``(key, what is wrong)`` for values each option accepts alone but the channel can't use together.

        ``values`` are resolved settings (defaults filled in). ``config check`` reports each problem at
        ``notifiers[i].<key>``; constructing the notifier raises ValueError for the first. Subclasses extend
        the list (``super().combination_problems(values) + [...]``); never put a secret's value in a message.
        """
        problems: list[tuple[str, str]] = []
        try:
            zone(values.get("timezone"))
        except ValueError as exc:
            problems.append(("timezone", str(exc)))
        if values.get("operations") and values.get("watch"):
            problems.append(("watch", "has no effect with operations: true (operations get no change alerts)"))
        if values.get("diff_url"):
            try:
                str(values["diff_url"]).format(story_id=7, from_version=1, to_version=2)
            except (KeyError, IndexError, ValueError) as exc:
                fields = "{story_id}, {from_version} and {to_version}"
                problems.append(("diff_url", f"only {fields} may be filled in ({type(exc).__name__}: {exc})"))
        if values.get("mode") == "digest" and float(values.get("debounce") or 0) > 0:
            problems.append(("debounce", "has no effect with mode: digest (the digest already combines changes)"))
        return problems

    # -- secrets -----------------------------------------------------------------------------------
    @classmethod
    def all_options(cls) -> tuple[Option, ...]:
        return COMMON_OPTIONS + cls.options

    def secrets(self) -> list[str]:
        """The secret values this notifier holds (for redaction)."""
        values = []
        for option in self.all_options():
            if option.secret and self.settings.get(option.name):
                values.append(str(self.settings[option.name]))
        return values

    def redact(self, text: str) -> str:
        """``text`` with every secret of this notifier replaced by ``***``."""
        return redact(text, self.secrets())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def registry(*, plugins: bool = True) -> dict[str, type[Notifier]]:
    """Every registered notifier type, by ``type`` name (after importing built-ins and, unless ``plugins`` is
    False, the installed plugins)."""
    from notifiers import load_all

    load_all(plugins=plugins)
    return dict(sorted(_REGISTRY.items()))


# -- settings (additive: used by build_notifier) ------------------------------------------------------
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _coerce(option: Option, value: Any) -> Any:
    """``value`` converted to ``option.kind``; raises ValueError with a short reason."""
    if value is None:
        return None
    kind = option.kind
    if kind == "str":
        if isinstance(value, (dict, list, tuple)):
            raise ValueError("expected a string")
        return str(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "on", "1"):
            return True
        if text in ("false", "no", "off", "0"):
            return False
        raise ValueError("expected true or false")
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError("expected a whole number")
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "list":
        if isinstance(value, str):
            return (value,)
        return tuple(str(item) for item in value)
    if kind == "duration":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", str(value))
        if not match:
            raise ValueError("expected a duration like 30s, 5m, 2h or 7d")
        return float(match.group(1)) * _DURATION_UNITS[match.group(2) or "s"]
    return value


def resolve_settings(cls: type[Notifier], settings: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``settings`` checked against ``cls``'s declared options: (values with defaults, problems).

    Problems read ``"key: what is wrong"``; secret values never appear in them.
    """
    declared = {option.name: option for option in cls.all_options()}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key in settings:
        if key not in declared:
            import difflib

            close = difflib.get_close_matches(key, list(declared), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(declared)})"
            problems.append(f"{key}: unknown key for notifier type {cls.type!r}{hint}")
    for name, option in declared.items():
        raw = settings.get(name)
        if raw is None or raw == "":
            if option.required:
                problems.append(f"{name}: required ({option.help})" if option.help else f"{name}: required")
            values[name] = option.default
            continue
        shown = "***" if option.secret else repr(raw)
        try:
            value = _coerce(option, raw)
        except (TypeError, ValueError) as exc:
            problems.append(f"{name}: {shown} is not valid: {exc}")
            continue
        if option.choices and value not in option.choices:
            problems.append(f"{name}: {shown} is not one of {', '.join(option.choices)}")
        if option.pattern and isinstance(value, str) and not re.search(option.pattern, value):
            problems.append(f"{name}: {shown} does not match {option.pattern}")
        values[name] = value
    return values, problems
