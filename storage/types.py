"""Column types that keep storage's values honest: aware UTC datetimes, compressed bytes, JSON(B)."""

from __future__ import annotations

import threading
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


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # a Zstandard frame; zlib's header never starts so (0x78 …)


class CompressedBytes(TypeDecorator[bytes]):
    """Bytes stored compressed: Zstandard level 3 (bench/bench_compress.py: a raw page in a fifth of zlib level
    6's time, and a little smaller — about 17% of the page). Values written zlib-compressed by an earlier
    storywatch are read as they are."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        return None if value is None else _zstd().compress(value)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        value = bytes(value)  # PostgreSQL gives a memoryview
        if value.startswith(_ZSTD_MAGIC):
            import zstandard  # noqa: PLC0415 - loaded by the first command that reads a stored page

            return zstandard.ZstdDecompressor().decompress(value)
        return zlib.decompress(value)


_local = threading.local()


def _zstd() -> Any:
    """This thread's ``zstandard.ZstdCompressor`` (one is not to be shared by threads compressing at once)."""
    compressor = getattr(_local, "compressor", None)
    if compressor is None:
        import zstandard  # noqa: PLC0415 - loaded by the first command that stores a page

        compressor = _local.compressor = zstandard.ZstdCompressor(level=3)
    return compressor


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
