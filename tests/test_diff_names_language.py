"""The name chunker on German, French and Spanish text: common nouns and sentence openers are not names."""

from __future__ import annotations

import pytest

from monitor.diff import names
from monitor.diff.lexicon import language_of

GERMAN = (
    "Die Regierung hat am Montag die Steuer erhöht. Die Opposition kritisierte das scharf. Bundeskanzler "
    "Friedrich Merz sagte, die Steuer sei nötig. Ursula von der Leyen reiste nach Berlin. Die Deutsche Bank "
    "warnte vor den Folgen für Landwirte. Schülerin Lena Hofmann aus Köln und Innenminister Dobrindt kamen auch."
)


def test_german_nouns_are_not_names() -> None:
    assert names(GERMAN) == [
        "Friedrich Merz",
        "Ursula von der Leyen",
        "Berlin",
        "Deutsche Bank",
        "Lena Hofmann",
        "Köln",
        "Dobrindt",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le gouvernement a annoncé lundi une hausse des taxes. Selon la ministre Claire Dubosc, la mesure "
            "est nécessaire. Les syndicats ont protesté à Paris.",
            ["Claire Dubosc", "Paris"],
        ),
        (
            "Los agricultores protestaron el lunes en Madrid. Según la ministra Lucía Ferrand, la medida es "
            "necesaria para el país y para las empresas.",
            ["Madrid", "Lucía Ferrand"],
        ),
    ],
)
def test_romance_openers_and_titles(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_language_of() -> None:
    assert language_of(GERMAN) == "de"
    assert language_of("the council said") is None  # too short to tell
