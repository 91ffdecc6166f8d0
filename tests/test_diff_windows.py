"""Names read only around the edits agree with names read from both whole texts (property-style).

``summarize`` runs the name chunker over short passages around each edit; this checks, on invented
stories with random edits, that it finds exactly the added and removed names a chunker over both whole
versions finds.
"""

from __future__ import annotations

import random

import pytest

from monitor.diff import names, summarize
from monitor.diff.entities import mentioned
from monitor.models import Article

WORDS = "the council said water talks resumed after a long night and delegates of agreed on plan for".split()  # noqa: SIM905
NAMES = [
    "Ilse Varga",
    "Varga",
    "Tomas Ruello",
    "Kestland's",
    "Prime Minister Hadi Qasimzai",
    "the Bank of Valmora",
    "Karim bin Sadiq",
    "Dravia",
    "Mirela Oduya",
    "Veltria-based",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 10))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(NAMES))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words) + 1), "said")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ",” Varga said.", "?"])


def _story(rng: random.Random) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(2, 7))]


def _edit(rng: random.Random, body: list[str]) -> list[str]:
    body = list(body)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(body))
        words = body[i].split(" ")
        action = rng.randrange(5)
        if action == 0:
            words.insert(rng.randrange(len(words) + 1), rng.choice(NAMES))
        elif action == 1 and len(words) > 1:
            del words[rng.randrange(len(words))]
        elif action == 2:
            words[rng.randrange(len(words))] = rng.choice(WORDS + NAMES)
        elif action == 3:
            body.insert(rng.randrange(len(body) + 1), _sentence(rng))
            continue
        elif len(body) > 1:
            del body[i]
            continue
        body[i] = " ".join(words)
    return body


@pytest.mark.parametrize("seed", range(300))
def test_names_around_edits_match_names_of_whole_texts(seed: int) -> None:
    rng = random.Random(seed)
    old_body = _story(rng)
    new_body = _edit(rng, old_body)
    old = Article(url="https://news.example.org/s", headline="Water talks", body=tuple(old_body))
    new = Article(url="https://news.example.org/s", headline="Water talks", body=tuple(new_body))
    summary = summarize(old, new)
    old_all, new_all = "Water talks\n\n" + "\n\n".join(old_body), "Water talks\n\n" + "\n\n".join(new_body)
    old_names, new_names = names(old_all), names(new_all)
    added = [n for n in new_names if n not in old_names and not mentioned(n, old_all)]
    removed = [n for n in old_names if n not in new_names and not mentioned(n, new_all)]
    assert sorted(summary.entities_added) == sorted(added)
    assert sorted(summary.entities_removed) == sorted(removed)
