"""Benchmark: diff + summary of a 10,000-word story with 5% of its sentences edited, against a bare diff_main.

    .venv/bin/python bench/bench_diff.py [--words 10000] [--edited 0.05] [--repeat 5] [--seed 7]

Prints, from one run: the bare ``diff_match_patch.diff_main`` time on the two texts, the time of
``summarize`` (word diff, paragraph and sentence alignment, names, numbers, quotes, grade), their ratio
(target ≤ 3×), the tracemalloc peak of one ``summarize``, and a worst case — two completely different
texts — which must end within the configured diff timeout. The text is invented from a fixed vocabulary.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

from diff_match_patch import diff_match_patch

from monitor.diff import summarize
from monitor.diff.words import TIMEOUT
from monitor.models import Article

_NAMES = "Ilse Varga|Tomas Ruello|Mirela Oduya|Hadi Qasimzai|Lida Marek|Karim bin Sadiq|Ana de la Vega".split("|")  # noqa: SIM905
_PLACES = "Valmora Kestland Dravia Norvania Ostmark Veltria".split()  # noqa: SIM905
_WORDS = (  # noqa: SIM905
    "the council said water basin summit leaders agreed plan budget river talks delegates report minister "
    "statement officials drought supply region coast ports schools rain farmers prices draft vote treaty "
    "session hall agenda dispute evening morning week month funding project engineers dam reservoir "
    "pipeline villages residents local national expected would could should after before while during"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"in {rng.choice(_PLACES)}")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 5000)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def story(words: int, rng: random.Random) -> list[list[str]]:
    """Paragraphs of sentences, ``words`` words in all."""
    paragraphs: list[list[str]] = []
    count = 0
    while count < words:
        paragraph = [sentence(rng) for _ in range(rng.randint(2, 4))]
        count += sum(len(s.split()) for s in paragraph)
        paragraphs.append(paragraph)
    return paragraphs


def edit(paragraphs: list[list[str]], share: float, rng: random.Random) -> list[list[str]]:
    """A copy with ``share`` of the sentences edited: a word swapped, a number changed, a name or clause added."""
    out = [list(p) for p in paragraphs]
    spots = [(i, j) for i, p in enumerate(out) for j in range(len(p))]
    for i, j in rng.sample(spots, max(1, int(len(spots) * share))):
        words = out[i][j].rstrip(".").split()
        kind = rng.randrange(3)
        if kind == 0:
            words[rng.randrange(len(words))] = rng.choice(_WORDS)
        elif kind == 1:
            words.insert(rng.randrange(1, len(words)), str(rng.randint(2, 5000)))
        else:
            words.extend(["with", rng.choice(_NAMES), "in", rng.choice(_PLACES)])
        out[i][j] = " ".join(words) + "."
    return out


def article(paragraphs: list[list[str]], headline: str) -> Article:
    return Article(url="https://news.example.org/bench", headline=headline, body=tuple(" ".join(p) for p in paragraphs))


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times) if repeat < 3 else statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--edited", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    v1 = story(args.words, rng)
    v2 = edit(v1, args.edited, rng)
    old, new = article(v1, "Water summit opens in Valmora"), article(v2, "Water summit opens in Valmora")
    old_text, new_text = "\n\n".join(old.body), "\n\n".join(new.body)

    def bare() -> None:
        dmp = diff_match_patch()
        dmp.Diff_Timeout = TIMEOUT
        dmp.diff_main(old_text, new_text)

    def bare_chars() -> None:
        dmp = diff_match_patch()
        dmp.Diff_Timeout = TIMEOUT
        dmp.diff_main(old_text, new_text, False)

    summary = summarize(old, new)
    t_bare = best(bare, args.repeat)
    t_chars = best(bare_chars, args.repeat)
    t_full = best(lambda: summarize(old, new), args.repeat)
    tracemalloc.start()
    summarize(old, new)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ratio = t_full / t_bare
    print(f"article: {len(old_text.split())} words, {len(old.body)} paragraphs, {args.edited:.0%} of sentences edited")
    print(f"summary: {summary.significance.label}; {len(summary.numbers)} numbers, {len(summary.entities_added)} names")
    print(f"bare diff_main:        {t_bare * 1000:8.1f} ms   (line mode, the default)")
    print(f"diff_main, no lines:   {t_chars * 1000:8.1f} ms   (checklines=False; ratio {t_full / t_chars:.2f}×)")
    print(f"diff + summary:        {t_full * 1000:8.1f} ms   ratio {ratio:.2f}× (target ≤ 3×)")
    print(f"tracemalloc peak:      {peak / 1e6:8.1f} MB   ({peak / max(len(old_text) + len(new_text), 1):.0f} B/char)")

    other = article(story(args.words, random.Random(args.seed + 1)), "Storm closes the ports")
    rewrite = replace(other, headline="Storm closes the ports")
    started = time.perf_counter()
    worst = summarize(old, rewrite)
    t_worst = time.perf_counter() - started
    grade = worst.significance.label
    print(f"worst case (rewrite):  {t_worst * 1000:8.1f} ms   timeout {TIMEOUT:.1f} s; graded {grade}")
    ok = ratio <= 3 and t_worst <= TIMEOUT
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
