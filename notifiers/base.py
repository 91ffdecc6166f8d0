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
from typing import Any, ClassVar

from monitor.models import Alert, DeliveryResult, Significance

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
    Option(
        "sources", kind="list", default=(), help="only changes of stories from these sources (empty: all)"
    ),
    Option(
        "tags", kind="list", default=(), help="only changes of stories from sources with one of these tags"
    ),
    Option("enabled", kind="bool", default=True, help="false keeps the notifier configured but silent"),
)


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
        self.min_significance = Significance.parse(str(self.settings.get("min_significance") or "minor"))
        self.sources = tuple(self.settings.get("sources") or ())
        self.tags = tuple(self.settings.get("tags") or ())
        self.enabled = bool(self.settings.get("enabled", True))

    # -- routing -----------------------------------------------------------------------------------
    def accepts(self, significance: Significance, source: str | None, tags: Iterable[str] = ()) -> bool:
        """True when a change of this significance, from this source, should reach this channel."""
        if not self.enabled or significance < self.min_significance:
            return False
        if self.sources and source not in self.sources:
            return False
        return not (self.tags and not set(self.tags) & set(tags))

    # -- delivery ----------------------------------------------------------------------------------
    @abc.abstractmethod
    def send(self, alert: Alert) -> DeliveryResult:
        """Deliver one alert. Never raises for a channel failure: return ``DeliveryResult(ok=False, …)``."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections; called once when the process stops."""

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


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace each secret (and its URL-path tail, which often leaks alone) in ``text`` with ``***``."""
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, "***")
        match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+(/.+)$", secret, re.IGNORECASE)
        if match and len(match.group(1)) >= 8:
            text = text.replace(match.group(1), "/***")
    return text


def registry() -> dict[str, type[Notifier]]:
    """Every registered notifier type, by ``type`` name (after importing built-ins and plugins)."""
    from notifiers import load_all

    load_all()
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
