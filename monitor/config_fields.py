"""Typed fields for config.yaml: coercion of each kind of value, and a checker that collects every problem.

A problem is recorded as ``"path.to.key: what is wrong (and the fix)"``; nothing here raises for bad input.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from monitor.durations import parse_duration

MISSING = object()  # a value whose ${VAR} is not set (reported once, not validated further)


class EmptyVar(str):
    """A value that is only ``${VAR}``s set to nothing: "" for most fields, an error for a secret one."""

    var: str

    def __new__(cls, var: str) -> EmptyVar:
        value = super().__new__(cls, "")
        value.var = var
        return value


class Problem(ValueError):
    """One invalid value; the message is completed with the YAML path by the caller."""


def _as_str(value: Any) -> str:
    if isinstance(value, bool | dict | list) or value is None:
        raise Problem(f"expected text, got {describe(value)}")
    return str(value)


def _as_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Problem(f"expected a whole number, got {describe(value)}")
    try:
        return int(value)
    except ValueError:
        raise Problem(f"expected a whole number, got {value!r}") from None


def _as_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Problem(f"expected a number, got {describe(value)}")
    try:
        return float(value)
    except ValueError:
        raise Problem(f"expected a number, got {value!r}") from None


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "yes", "on", "1", "false", "no", "off", "0"}:
        return value.lower() in {"true", "yes", "on", "1"}
    raise Problem(f"expected true or false, got {describe(value)}")


def _as_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or any(isinstance(v, dict | list) or v is None for v in value):
        raise Problem(f"expected a list of text values, got {describe(value)}")
    return tuple(str(v) for v in value)


def _as_duration(value: Any) -> timedelta:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise Problem(str(exc)) from None


def _as_size(value: Any) -> int:
    """``10MB``, ``512kB`` or a number of bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b)?\s*", str(value), re.IGNORECASE)
    if not match:
        raise Problem(f"{value!r} is not a size (write it like 10MB, 512kB or a number of bytes)")
    unit = (match.group(2) or "b").lower().replace("i", "")
    return int(float(match.group(1)) * {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3}[unit])


def _as_url(value: Any) -> str:
    text = _as_str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise Problem(f"{text!r} is not an http(s) URL")
    return text


def _as_css(value: Any) -> str:
    """A CSS selector lxml can compile (``h1.headline``, ``div.story > p``)."""
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    text = _as_str(value).strip()
    if not text:
        raise Problem("expected a CSS selector, got empty text")
    try:
        CSSSelector(text)
    except SelectorError as exc:
        raise Problem(f"invalid CSS selector {text!r}: {exc}") from None
    return text


def _as_regex(value: Any) -> str:
    text = _as_str(value)
    try:
        re.compile(text)
    except re.error as exc:
        raise Problem(f"invalid regular expression {text!r}: {exc}") from None
    return text


COERCE: dict[str, Callable[[Any], Any]] = {
    "str": _as_str,
    "int": _as_int,
    "float": _as_float,
    "bool": _as_bool,
    "list": _as_list,
    "duration": _as_duration,
    "seconds": lambda value: _as_duration(value).total_seconds(),
    "size": _as_size,
    "url": _as_url,
    "css": _as_css,
    "regex": _as_regex,
}


def describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str) and len(value) > 40:  # never echo a whole file (a wrong -c may hold secrets)
        return f"text of {len(value)} characters"
    return repr(value)


@dataclass(frozen=True)
class Field:
    kind: str = "str"
    default: Any = None
    required: bool = False
    secret: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    pattern: str | None = None
    maximum: float | None = None
    form: str | None = None  # the pattern in words


class Checker:
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
            self.add(path, f"expected a mapping of keys, got {describe(raw)}")
            return None
        return raw

    def entries(self, raw: Any, section: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(YAML path, mapping) for each item of a list section such as ``sources``; bad items are reported."""
        if raw is None:
            return
        if not isinstance(raw, list):
            self.add(section, f"expected a list of {section}, got {describe(raw)}")
            return
        for i, item in enumerate(raw):
            entry = self.mapping(item, f"{section}[{i}]")
            if entry is not None:
                yield f"{section}[{i}]", entry

    def claim(self, name: str | None, where: str, seen: dict[str, str], section: str) -> bool:
        """True when ``name`` is new in ``section``; a repeated name is reported against its first use."""
        if name is None:
            return False
        if name in seen:
            self.add(f"{where}.name", f"{name!r} is already used by {seen[name]} (names must be unique)")
            return False
        seen[name] = where
        return True

    def fields(self, raw: Mapping[str, Any], spec: Mapping[str, Field], path: str) -> dict[str, Any]:
        """Validate ``raw`` against ``spec``; return every field's value (defaults filled in)."""
        out: dict[str, Any] = {}
        for key in raw:
            if key not in spec:
                self.add(join_path(path, key), "unknown key" + suggest(str(key), spec))
        for key, rule in spec.items():
            where = join_path(path, key)
            if raw.get(key) is MISSING:  # already reported: its ${VAR} is not set
                out[key] = rule.default
                continue
            if isinstance(raw.get(key), EmptyVar) and rule.secret:  # like a missing ${VAR}: left out when allowed
                if self.require_env:
                    var = raw[key].var
                    self.add(where, f"environment variable {var} is set but empty (export {var}=… with the value)")
                out[key] = rule.default
                continue
            if key not in raw or raw[key] is None:
                if rule.required:
                    self.add(where, "is required" + (f" ({choices_text(rule)})" if rule.choices else ""))
                out[key] = rule.default
                continue
            out[key] = self.value(raw[key], rule, where)
        return out

    def value(self, raw: Any, rule: Field, where: str) -> Any:
        try:
            value = COERCE[rule.kind](raw)
        except Problem as exc:
            self.add(where, "invalid value (hidden: it is a secret)" if rule.secret else str(exc))
            return rule.default
        if rule.choices and value not in rule.choices:
            self.add(where, f"{value!r} is not one of: {choices_text(rule)}" + suggest(str(value), rule.choices))
        if rule.minimum is not None and magnitude(value) < rule.minimum:
            self.add(where, f"must be at least {rule.minimum:g}" + (" seconds" if rule.kind == "duration" else ""))
        if rule.maximum is not None and magnitude(value) > rule.maximum:
            self.add(where, f"must be at most {rule.maximum:g}")
        if rule.pattern and isinstance(value, str) and not re.search(rule.pattern, value):
            shown = "the value" if rule.secret else repr(value)
            if rule.pattern.startswith("^https?://"):
                self.add(where, f"{shown} is not a URL: it must start with http:// or https://")
            elif rule.form:
                self.add(where, f"{shown} is not {rule.form}")
            else:
                self.add(where, f"{shown} does not have the expected form (it must match {rule.pattern})")
        return value


def magnitude(value: Any) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def choices_text(rule: Field) -> str:
    return ", ".join(rule.choices)


def join_path(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def suggest(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
