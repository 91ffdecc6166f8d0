"""Packaged site rules: one module per publication, each defining ``RULE``, found and loaded automatically.

To add a publication, add ``<publication>.py`` here with a ``RULE = SiteRule(...)`` and a fixture page
``tests/data/sites/<publication>.html`` with its expected fields in ``tests/data/sites/expected.yaml``.
A desk's own rules (``sites:`` in config.yaml) are tried first, so a desk can override a packaged rule.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from functools import cache

from monitor.extractors.rules import SiteRule

__all__ = ["packaged_rules", "site_rules"]


@cache
def packaged_rules() -> tuple[SiteRule, ...]:
    """Every packaged publication's rule, by module name. A module without a SiteRule ``RULE`` is a bug."""
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        rule = getattr(importlib.import_module(f"{__name__}.{info.name}"), "RULE", None)
        if not isinstance(rule, SiteRule):
            raise TypeError(f"{__name__}.{info.name} must define RULE = SiteRule(...)")
        rules.append(rule)
    return tuple(rules)


def site_rules(configured: Sequence[SiteRule] = ()) -> tuple[SiteRule, ...]:
    """The rules extraction tries, in order: the config's ``sites:`` first, then the packaged ones."""
    return (*configured, *packaged_rules())
