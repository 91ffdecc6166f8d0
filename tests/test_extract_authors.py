"""Author names from bylines (tests/data/authors/bylines.yaml), and the publication never taken for an author."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from monitor.extractors import extract
from monitor.extractors.authors import split_authors, without_publications

BYLINES: dict[str, list[str]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "authors" / "bylines.yaml").read_text()
)


@pytest.mark.parametrize("byline", sorted(BYLINES))
def test_byline(byline: str) -> None:
    assert split_authors(byline) == BYLINES[byline]


@pytest.mark.parametrize(
    ("names", "site_names", "url", "kept"),
    [
        (["n-tv NACHRICHTEN"], [], "https://www.n-tv.de/politik/a.html", ()),
        (["Lesotho Gazette"], ["Lesotho Gazette"], "https://lesgazette.example/a", ()),
        (["Ana Ruiz", "Wrenfield Gazette"], ["Wrenfield Gazette"], "https://wrenfield.example/a", ("Ana Ruiz",)),
        (["Anna Berg"], [], "https://anna.example/a", ("Anna Berg",)),  # a person whose name the host shares
    ],
)
def test_the_publication_is_no_author(names: list[str], site_names: list[str], url: str, kept: tuple[str, ...]) -> None:
    assert without_publications(names, site_names, url) == kept


RELATED = b"""<html><head><title>Quay wall repaired | Harbour Times</title></head><body><article>
<h1>Quay wall repaired</h1><p class="byline"><span class="author">By Ana Ruiz</span></p>
<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones last year.</p>
</article><aside><ul><li><a href="/b"><h3>Market hall reopens</h3></a><span class="author">By Tomas Brandt</span></li>
<li><a href="/c"><h3>Ferry fares rise</h3></a><span class="author">By Lida Marek</span></li></ul></aside>
</body></html>"""


def test_the_authors_of_related_stories_are_not_the_storys() -> None:
    assert extract(RELATED, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)


STORY = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"


NEXT_STORY = f"""<html><body><article><h1>Quay wall repaired</h1><p class="byline">By Ana Ruiz</p>{STORY}</article>
<article><h2>Ferry fares rise</h2><p class="byline">By Lida Marek</p><p>Fares go up.</p></article></body></html>"""


def test_the_next_story_of_an_endless_page_has_its_own_author() -> None:
    assert extract(NEXT_STORY, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)


def test_author_tags_of_other_kinds_repeat_the_first_not_add_to_it() -> None:
    head = '<meta name="author" content="Ana Ruiz"><meta name="dc.creator" content="Ruiz, Ana">'
    page = f"<html><head>{head}</head><body><article><h1>Quay wall repaired</h1>{STORY}</article></body></html>"
    assert extract(page, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)


@pytest.mark.parametrize("box", ['<div class="read-next">', '<section class="latest">', "<footer>"])
def test_a_byline_beside_the_storys_article_is_another_storys(box: str) -> None:
    close = f"</{box[1:].split()[0].rstrip('>')}>"
    page = f"""<html><body><article><h1>Quay wall repaired</h1><p class="byline">By Ana Ruiz</p>{STORY}</article>
    {box}<h3><a href="/b">Ferry fares rise</a></h3><span class="byline">By Lida Marek</span>{close}</body></html>"""
    assert extract(page, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)
