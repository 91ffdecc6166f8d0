"""storywatch's exception tree: every error we raise derives from StorywatchError.

    StorywatchError
     ├─ ConfigError          a bad config.yaml; carries every problem with its YAML path
     ├─ StoreError           the database is unreachable, too new, or a reference is unknown
     │   ├─ SchemaError      the database's schema is older or newer than this storywatch's
     │   └─ NotFound         no such story / version / notifier
     ├─ ExtractionError      a page that holds no readable article (empty, not HTML, …)
     ├─ FeedError            a feed or sitemap that cannot be read at all
     └─ NotifierError        a notifier that cannot be built from its settings

Ordinary outcomes are values, not exceptions: a failed fetch is a FetchResult with ``error`` set, a failed
delivery a DeliveryResult with ``ok=False``.
"""

from __future__ import annotations


class StorywatchError(Exception):
    """Base of every error storywatch raises on purpose."""


class ConfigError(StorywatchError):
    """config.yaml is invalid. ``problems`` lists each one as ``"path.to.key: what is wrong"``."""

    def __init__(self, problems: list[str], source: str = "config") -> None:
        self.problems = list(problems)
        self.source = source
        head = f"{source}: {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(head + "\n" + "\n".join(f"  {p}" for p in self.problems))


class StoreError(StorywatchError):
    """The database could not be opened or used."""


class SchemaError(StoreError):
    """The schema is not the one this storywatch knows: ``storywatch db upgrade`` (or a newer storywatch)."""


class NotFound(StoreError, LookupError):
    """A story, version or notifier reference that matches nothing."""


class ExtractionError(StorywatchError):
    """The page holds no readable article."""


class FeedError(StorywatchError):
    """A feed or sitemap that could not be parsed into any entry."""


class NotifierError(StorywatchError):
    """A notifier that cannot be built (unknown type, bad option)."""


class GateHeld(Exception):  # noqa: N818 - not an error: the page needs no full read
    """Raised by ``extract(..., sealed=DIGEST)`` when the page's digest is the sealed one: the story is as it was
    (``monitor.extractors.gate``)."""
