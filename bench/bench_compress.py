"""Benchmark: how raw pages are stored — zlib levels against zstandard, on the shared real pages.

    PYTHONPATH=. .venv/bin/python bench/bench_compress.py

Every page of ../shared/data (measuring only) is compressed and decompressed with each codec, several rounds
interleaved; the fastest round counts. Printed: compression and decompression time per page (ms, and as a
ratio to zlib level 6, which storywatch used before), and the stored size as a share of the raw page.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import zstandard

from bench.eval_sets import pages

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ROUNDS = 5


def codecs() -> dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]]:
    out: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {}
    for level in (1, 6, 9):
        out[f"zlib {level}"] = (lambda data, level=level: zlib.compress(data, level), zlib.decompress)
    for level in (1, 3, 6):
        compressor = zstandard.ZstdCompressor(level=level)
        decompressor = zstandard.ZstdDecompressor()
        out[f"zstd {level}"] = (compressor.compress, decompressor.decompress)
    return out


def main() -> int:
    if not DATA.exists():
        print(f"no shared data at {DATA}: nothing to measure")
        return 0
    raw = [page.content for page in pages(DATA)]
    total = sum(len(data) for data in raw)
    best: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for _ in range(ROUNDS):
        for name, (compress, decompress) in codecs().items():
            started = time.perf_counter()
            packed = [compress(data) for data in raw]
            middle = time.perf_counter()
            for data in packed:
                decompress(data)
            ended = time.perf_counter()
            sizes[name] = sum(len(data) for data in packed)
            times = best.setdefault(name, [float("inf"), float("inf")])
            times[0], times[1] = min(times[0], middle - started), min(times[1], ended - middle)
    base_c, base_d = best["zlib 6"]
    print(f"{len(raw)} pages, {total / len(raw) / 1024:.0f} KiB on average")
    print(f"{'codec':<10}{'compress ms':>13}{'× zlib 6':>10}{'decompress ms':>15}{'× zlib 6':>10}{'size':>8}")
    for name, (c, d) in best.items():
        per = 1000 / len(raw)
        share = sizes[name] / total
        print(f"{name:<10}{c * per:>13.2f}{c / base_c:>10.2f}{d * per:>15.2f}{d / base_d:>10.2f}{share:>8.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
