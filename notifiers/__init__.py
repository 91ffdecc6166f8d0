"""Alert channels (one file each), the renderers they share, and the delivery outbox.

Importing a module of this package registers its notifier; ``load_all()`` imports every built-in module
and every plugin of the ``storywatch.notifiers`` entry point group.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from monitor.errors import NotifierError

if TYPE_CHECKING:
    from notifiers.base import Notifier

log = logging.getLogger("storywatch.notifiers")

# the package's modules that are not channels (renderers load when an alert is sent, not with the config)
_NOT_CHANNELS = {"base", "render", "render_alert", "render_marks", "render_slack", "email_digest", "sample"}
_NOT_CHANNELS |= {"outbox", "routing", "ops", "plan"}
_loaded: set[str] = set()  # "builtins", "plugins": what load_all has imported


def load_all(*, plugins: bool = True) -> None:
    """Import every built-in notifier module and (unless ``plugins`` is False: a config that names built-in
    types alone need not search the installed distributions) every installed plugin, each once."""
    if "builtins" not in _loaded:
        _loaded.add("builtins")
        for info in pkgutil.iter_modules(__path__):
            if info.name not in _NOT_CHANNELS and not info.name.startswith("_"):
                importlib.import_module(f"{__name__}.{info.name}")
    if not plugins or "plugins" in _loaded:
        return
    _loaded.add("plugins")
    from importlib.metadata import entry_points

    for entry in entry_points(group="storywatch.notifiers"):
        try:
            entry.load()
        except Exception as exc:  # a broken plugin must not take the built-ins down
            log.warning("notifier plugin %s failed to load: %s", entry.name, exc)


def build_notifier(name: str, type_: str, settings: Mapping[str, Any], *, web_base_url: str | None = None) -> Notifier:
    """A ready notifier of type ``type_`` from its config ``settings`` (defaults filled in, values checked).

    ``web_base_url`` (the config's ``web.base_url``) makes every alert link its page in the web view.

    Raises NotifierError for an unknown type (the message lists the known ones) or invalid settings (every
    problem, secrets shown as ``***``).
    """
    from notifiers.base import registry, resolve_settings

    known = registry()
    cls = known.get(type_)
    if cls is None:
        raise NotifierError(f"notifier {name!r}: unknown type {type_!r} (known types: {', '.join(known) or 'none'})")
    given = {key: value for key, value in settings.items() if key not in ("name", "type")}
    values, problems = resolve_settings(cls, {"name": name, "type": type_, **given})
    if problems:
        raise NotifierError(f"notifier {name!r} ({type_}): " + "; ".join(problems))
    try:
        notifier = cls(name, values)
    except ValueError as exc:  # a value each option accepts alone but the channel cannot use together
        raise NotifierError(f"notifier {name!r} ({type_}): {exc}") from None
    notifier.web_base_url = web_base_url.rstrip("/") if web_base_url else None
    return notifier
