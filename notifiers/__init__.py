"""Alert channels (one file each), the renderers they share, and the delivery outbox.

Importing a module of this package registers its notifier; ``load_all()`` imports every built-in module
and every plugin of the ``storywatch.notifiers`` entry point group.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from importlib.metadata import entry_points

log = logging.getLogger("storywatch.notifiers")

_NOT_CHANNELS = {"base", "render", "render_slack", "sample", "outbox"}
_loaded = False


def load_all() -> None:
    """Import every built-in notifier module and every installed plugin (once)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _NOT_CHANNELS and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    for entry in entry_points(group="storywatch.notifiers"):
        try:
            entry.load()
        except Exception as exc:  # a broken plugin must not take the built-ins down
            log.warning("notifier plugin %s failed to load: %s", entry.name, exc)
