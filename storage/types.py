"""Column types that keep storage's values honest: aware UTC datetimes, zlib-compressed bytes, JSON(B)."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, LargeBinary
from sqlalchemy.types import TypeDecorator, TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC datetime.

    PostgreSQL keeps it as ``timestamptz``; SQLite, which has no time zones, keeps the naive UTC wall time, so
    its text values sort and compare correctly. Naive datetimes given to us are taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # a raw SQLite value that bypassed the DateTime processor
            value = datetime.fromisoformat(value)
        return as_utc(value)


class CompressedBytes(TypeDecorator[bytes]):
    """Bytes stored zlib-compressed (raw HTML compresses about tenfold)."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else zlib.compress(value, 6)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else zlib.decompress(value)


def as_utc(value: datetime) -> datetime:
    """The same instant as an aware UTC datetime (a naive value is taken as UTC already)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class Json(TypeDecorator[Any]):
    """JSON everywhere, JSONB on PostgreSQL (indexable, compact), as the migrations create it.

    The PostgreSQL dialect is imported only when a PostgreSQL engine uses the type: SQLite installs never pay
    for loading it (most of a read-only command's start)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())
