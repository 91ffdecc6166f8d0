"""storywatch's database: the schema, its migrations, and the Store that speaks our dataclasses."""

from storage.store import OutboxRow, SourceState, Store

__all__ = ["OutboxRow", "SourceState", "Store"]
