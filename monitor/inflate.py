"""Inflate a gzip or deflate body in bounded steps, so the body cap holds on what the body becomes.

    inflater = Inflater(response.headers.get("content-encoding", ""))
    for raw in response.iter_raw():
        for piece in inflater.feed(raw):      # each piece at most STEP bytes
            ...                               # count it against the cap; stop early if it is too much

httpx would hand over each network read decompressed whole (64 kB of a gzip bomb is 64 MB); here no step
produces more than ``STEP`` bytes before the caller can refuse the rest.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

STEP = 64 * 1024  # bytes produced per step at most


class UnsupportedEncoding(ValueError):
    """A Content-Encoding we did not ask for, or a body that is not what its encoding says."""


class Inflater:
    """Undoes one ``Content-Encoding`` (identity, gzip, deflate); ``active`` is False for identity."""

    def __init__(self, content_encoding: str) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnsupportedEncoding(
                f"unsupported Content-Encoding {content_encoding.strip()!r} (we ask for gzip or deflate)"
            )
        self.coding = codings[0] if codings else None
        self.active = self.coding is not None
        self._wbits = 16 + zlib.MAX_WBITS if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflate = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decompressed bytes of ``data``, in pieces of at most ``STEP`` bytes."""
        if not self.active:
            for start in range(0, len(data), STEP):
                yield data[start : start + STEP]
            return
        while data:
            try:
                piece = self._inflate.decompress(data, STEP)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._started:  # some servers send raw deflate
                    self._inflate, self._started = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise UnsupportedEncoding(f"the body is not valid {self.coding} data ({exc})") from None
            self._started = True
            if piece:
                yield piece
            if self._inflate.eof:  # concatenated gzip members: start on the next one
                data = self._inflate.unused_data
                if data:
                    self._inflate = zlib.decompressobj(self._wbits)
                continue
            data = self._inflate.unconsumed_tail
