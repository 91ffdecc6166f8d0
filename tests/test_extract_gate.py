"""The exact gate before extraction (monitor.extractors.gate): new bytes around an unchanged story skip the full
read; any edit to what the story was read from does not — on its own and through the real pipeline on loopback.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

import monitor.extractors.page
from monitor.app import App
from monitor.config import parse_config
from monitor.demo.newsroom import Newsroom
from monitor.extractors import EXTRACTOR_VERSION, GateHeld, extract
from monitor.extractors.gate import page_digest
from monitor.story_check import GATE_DETAIL

URL = "http://127.0.0.1/news/harbour-vote"
PARAGRAPHS = [
    "The Valmora harbour council voted on Tuesday to close the north quay for six weeks of repairs.",
    "Councillor Ines Marlow said 26 fishing crews would move to the south basin while the work goes on.",
    "The repairs are expected to cost 4.2 million crowns, shared between the council and the port authority.",
    "Ferry services to Skarholm island will run to the usual timetable, the operator said.",
]


def page(
    *,
    paragraphs: list[str] = PARAGRAPHS,
    headline: str = "Harbour council votes to close north quay for repairs",
    modified: str = "2026-11-30T10:05:00+01:00",
    related: tuple[str, ...] = ("Ferry fares rise again", "New lighthouse keeper named"),
    script: str = "window.build = 'a81';",
    ad: str = "slot-1",
    correction_box: str = "",
    live: bool = False,
) -> str:
    body = "\n".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    teasers = "".join(f'<li><a href="/news/{i}?ref={ad}">{escape(t)}</a></li>' for i, t in enumerate(related))
    box = f'<div class="correction"><p>{escape(correction_box)}</p></div>' if correction_box else ""
    live_ld = (
        '<script type="application/ld+json">{"@type": "LiveBlogPosting", "liveBlogUpdate": ['
        '{"@type": "BlogPosting", "datePublished": "2026-11-30T09:00:00Z", "articleBody": "Crews gather at the quay."},'
        '{"@type": "BlogPosting", "datePublished": "2026-11-30T09:30:00Z", "articleBody": "The vote is due at ten."}'
        "]}</script>"
        if live
        else ""
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(headline)} | The Valmora Ledger</title>
<meta property="og:title" content="{escape(headline)}">
<meta property="article:published_time" content="2026-11-30T09:12:00+01:00">
<meta property="article:modified_time" content="{modified}">
<script>{script}</script>{live_ld}
</head><body>
<header><a href="/">The Valmora Ledger</a><nav><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<div class="ad-banner" id="{ad}">Advertisement</div>
<article><h1>{escape(headline)}</h1>
<p class="byline">By Ana Ruiz</p>
{body}
{box}
</article>
<aside class="related-stories"><h2>Related</h2><ul>{teasers}</ul></aside>
<footer>© The Valmora Ledger · <a href="/about">About us</a></footer></body></html>"""


def digest(html: str) -> str | None:
    return page_digest(html, URL, encoding=None, rule=None, version=EXTRACTOR_VERSION)


def sealed(html: str) -> str | None:
    return extract(html, URL).extractor.get("gate")


def test_a_plain_story_is_sealed_and_its_digest_is_the_one_a_later_fetch_computes() -> None:
    html = page()
    assert sealed(html) is not None
    assert sealed(html) == digest(html)


@pytest.mark.parametrize(
    "boilerplate",
    [
        {"related": ("Storm closes ski road", "Council budget delayed", "Five things to do this weekend")},
        {"script": "window.build = 'b90'; window.ts = 1764581234;"},
        {"ad": "slot-77"},
    ],
    ids=["related list rotated", "script changed", "ad slot and link parameters changed"],
)
def test_changes_around_the_story_keep_the_digest(boilerplate: dict[str, object]) -> None:
    assert digest(page(**boilerplate)) == sealed(page())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "edit",
    [
        {"paragraphs": [PARAGRAPHS[0], PARAGRAPHS[1].replace("26", "27"), *PARAGRAPHS[2:]]},
        {"paragraphs": [*PARAGRAPHS, "Marek Olvanto, the harbour master, said the quay would reopen in spring."]},
        {"paragraphs": PARAGRAPHS[:-1]},
        {"headline": "Harbour council votes to close north quay for eight weeks"},
        {"modified": "2026-11-30T12:40:00+01:00"},
        {"correction_box": "Correction: An earlier version of this story gave the wrong cost of the repairs."},
        {"paragraphs": [*PARAGRAPHS, "Correction: An earlier version of this story misnamed the ferry operator."]},
    ],
    ids=["number", "paragraph added", "paragraph removed", "headline", "modified time", "note box", "note"],
)
def test_an_edit_to_what_the_story_was_read_from_changes_the_digest(edit: dict[str, object]) -> None:
    assert digest(page(**edit)) != sealed(page())  # type: ignore[arg-type]


def test_a_page_the_gate_cannot_vouch_for_is_not_sealed() -> None:
    assert sealed(page(live=True)) is None  # a live blog's posts may sit anywhere: always read in full


def test_a_note_opening_in_page_furniture_is_covered() -> None:
    """The notes reader looks at every block of the article, a noise-named one too: such a block is covered."""
    base = page()
    with_note = base.replace(
        '<div class="ad-banner" id="slot-1">Advertisement</div>',
        '<div class="ad-banner" id="slot-1">Update: the vote was moved to Wednesday.</div>',
    )
    assert digest(with_note) != sealed(base)


def test_an_unparsable_page_has_no_digest() -> None:
    assert digest("") is None
    assert digest("%PDF-1.7 not a page") is None


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Observe (not replace) the full reads: each call of the generic layer, the first step past the gate, is
    recorded, then done for real."""
    calls: list[int] = []
    read_generic = monitor.extractors.page.read_generic

    def counting(tree: object) -> object:
        calls.append(1)
        return read_generic(tree)  # type: ignore[arg-type]

    monkeypatch.setattr(monitor.extractors.page, "read_generic", counting)
    return calls


@pytest.mark.parametrize("processes", [0, 2], ids=["in-thread", "worker processes"])
def test_through_the_pipeline_boilerplate_skips_the_read_and_every_edit_is_a_version(
    tmp_path: Path, newsroom: Newsroom, store_url: str, counted: list[int], processes: int
) -> None:
    """In the checking thread the full reads are counted; in worker processes (where this process cannot count
    them) the outcome says the gate held, which only the gate's answer makes it say."""
    path = "/news/harbour-vote"
    newsroom.set(path, page())
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, min_gap: 0s}}
extraction: {{processes: {processes}}}
sources:
  - {{name: desk, url: "{newsroom.url(path)}"}}
notifiers:
  - {{name: desk, type: console, min_significance: cosmetic, color: false}}
"""

    def check(html: str) -> tuple[str, str | None, int]:
        newsroom.set(path, html)
        before = len(counted)
        [outcome] = [o for o in app.pipeline.run_pass(all_stories=True) if o.story_id]
        reads = len(counted) - before if processes == 0 else int(outcome.detail != GATE_DETAIL)
        return outcome.status, outcome.detail, reads

    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        assert check(page())[0] == "new"
        story = app.store.list_stories()[0]
        assert story.gate  # sealed with the baseline
        assert check(page(related=("Storm closes ski road",), ad="slot-9")) == ("unchanged", GATE_DETAIL, 0)
        edited = [PARAGRAPHS[0], PARAGRAPHS[1].replace("26", "27"), *PARAGRAPHS[2:]]
        assert check(page(paragraphs=edited, ad="slot-10"))[::2] == ("changed", 1)
        # back to the first text: the digest of the first page no longer stands for the stored story
        assert check(page(ad="slot-11"))[::2] == ("changed", 1)
        assert check(page(script="window.build = 'c02';", ad="slot-12")) == ("unchanged", GATE_DETAIL, 0)
        assert app.store.list_stories()[0].versions == 3


def test_a_story_read_without_a_seal_is_read_in_full_every_time(
    tmp_path: Path, newsroom: Newsroom, store_url: str, counted: list[int]
) -> None:
    path = "/live/harbour"
    newsroom.set(path, page(live=True))
    text = f"""
storage: {{url: "{store_url}"}}
fetch: {{allow_private_networks: true, timeout: 3s, min_gap: 0s}}
extraction: {{processes: 0}}
sources:
  - {{name: desk, url: "{newsroom.url(path)}"}}
"""
    with App.open(parse_config(text, env={}, path=tmp_path / "config.yaml")) as app:
        app.pipeline.run_pass(all_stories=True)
        newsroom.set(path, page(live=True, ad="slot-5"))
        [outcome] = [o for o in app.pipeline.run_pass(all_stories=True) if o.story_id]
        assert outcome.status == "unchanged" and outcome.detail != GATE_DETAIL
        assert len(counted) == 2
        assert not app.store.list_stories()[0].gate


def test_extract_with_the_sealed_digest_stops_before_the_full_read_and_reads_otherwise() -> None:
    seal_of_first = sealed(page())
    assert seal_of_first is not None
    with pytest.raises(GateHeld):
        extract(page(ad="slot-40"), URL, sealed=seal_of_first)
    edited = page(headline="Harbour council votes to keep north quay open")
    assert extract(edited, URL, sealed=seal_of_first).headline == "Harbour council votes to keep north quay open"


def test_a_story_wrapped_in_a_noise_named_block_is_covered_however_much_script_the_page_holds() -> None:
    """The share that makes a noise-named block the story is of the page's shown text: a page's inline data (a
    framework's state, tens of kilobytes of script) does not make its wrapper noise."""
    base = page()
    state = '<script id="app-state">window.state = "' + "x" * 60_000 + '";</script>'
    wrapped = base.replace("<article>", '<div class="page-wrapper page-hero-ad-hidden"><article>').replace(
        "</article>", "</article></div>" + state
    )
    assert sealed(wrapped) is not None  # the story's text lies in what the digest covers
    edited = wrapped.replace("26 fishing crews", "27 fishing crews")
    assert digest(edited) != sealed(wrapped)


def _dated(line: str, *, around: str = '<p class="dateline">{line}</p>') -> str:
    """The story without metadata times: its published time is read from a visible line placed as ``around``."""
    html = page()
    for meta in ("article:published_time", "article:modified_time"):
        start = html.index(f'<meta property="{meta}"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    byline = '<p class="byline">By Ana Ruiz</p>'
    return html.replace(byline, byline + around.format(line=line))


def test_a_time_read_from_a_covered_date_line_is_sealed_and_an_edit_to_it_is_read() -> None:
    base = _dated("30 November 2026, 09:12")
    article = extract(base, URL)
    assert article.published is not None and article.published.hour == 9
    assert article.extractor["layers"]["published"] == "generic"
    assert sealed(base) is not None  # the line the time came from lies in what the digest covers
    edited = _dated("30 November 2026, 10:12")
    assert digest(edited) != sealed(base)
    assert extract(edited, URL, sealed=sealed(base)).published.hour == 10  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "around",
    [
        '<p class="dateline">{line}<span hidden>, 11:40</span></p>',
        '<p class="dateline">{line} <span class="timestamp"></span></p>',
    ],
    ids=["line with a hidden part", "line with an empty noise part"],
)
def test_a_time_read_from_a_line_the_walk_leaves_out_is_not_sealed(around: str) -> None:
    html = _dated("30 November 2026, 09:12", around=around)
    assert extract(html, URL).extractor["layers"].get("published") == "generic"
    assert sealed(html) is None  # a change there would not change the digest: always read in full


def test_the_times_the_extractor_reads_beyond_datetime_attributes_are_covered() -> None:
    """An hAtom time's ``title`` and an "Updated" label before a <time> (here in a noise-named block) are read by
    the extraction, so an edit to either is one."""
    stamp = (
        '<p class="timestamp">Posted at <abbr class="published" title="2026-11-30T09:12:00+01:00">9:12</abbr>, '
        '<span>Updated</span> <time datetime="2026-11-30T10:05:00+01:00">10:05</time></p>'
    )
    base = page().replace("</article>", f"{stamp}</article>")
    assert sealed(base) is not None and sealed(base) == digest(base)
    edits = [
        base.replace('title="2026-11-30T09:12:00+01:00"', 'title="2026-11-30T08:12:00+01:00"'),
        base.replace("<span>Updated</span>", "<span>Posted</span>"),
    ]
    assert [digest(edited) != sealed(base) for edited in edits] == [True, True]


def test_whether_a_time_stands_in_a_link_to_the_next_post_is_covered() -> None:
    """A "next post" link's <time> is not the story's; renamed so it no longer says so, it would be the story's
    modified time: the digest changes with it."""
    stamp = '<p class="dateline"><time datetime="2026-11-30T09:12:00+01:00">{line}</time></p>'
    upcoming = (
        '<div class="nav-next"><a href="/news/fares">Next: Ferry fares rise again</a> '
        '<time datetime="2026-12-01T08:00:00+01:00">1 December</time></div></article>'
    )
    base = _dated("30 November 2026", around=stamp).replace("</article>", upcoming)
    renamed = base.replace("nav-next", "nav-box")
    assert extract(base, URL).modified is None and extract(renamed, URL).modified is not None
    assert sealed(base) is not None and sealed(base) == digest(base)
    assert digest(renamed) != sealed(base)


@pytest.mark.parametrize(
    "beside",
    [
        '<div class="share-tools"><span class="date">2 May 2026</span> <a href="/s">Share</a></div>',
        '<aside class="trending"><ul><li><a href="/a">Ferry fares rise</a> <span class="date">2 May 2026</span>'
        "</li></ul></aside>",
        '<div class="ad-slot"><div><span>Ad</span></div></div>',
    ],
    ids=["share bar's date", "teaser's date", "ad slot"],
)
def test_a_share_bar_a_teaser_or_an_ad_below_the_headline_gives_and_hides_no_date(beside: str) -> None:
    """What stands in such a block changes with no edit to the story, and the gate leaves it out: its dates are
    not the story's, and how much it holds (a share bar's links, an ad's words) does not hide the story's date
    line below it."""
    html = _dated("30/11/2026", around=beside + "<p>{line}</p>").replace('lang="en"', 'lang="fr"')
    grown = html.replace("<span>Ad</span>", "<p>" + "Sponsored words for a ferry line. " * 8 + "</p>").replace(
        '<a href="/s">Share</a>', '<a href="/s">Share</a>' + '<a href="/x">Post</a>' * 7
    )
    for page in (html, grown):
        article = extract(page, URL)
        assert article.to_json()["published"] == "2026-11-30T00:00:00Z"


@pytest.mark.parametrize(
    "beside",
    [
        '<aside class="more-news"><ul><li>Stand: 03.12.2026, 10:40 Uhr</li></ul></aside>',
        '<div class="ad-container"><span>Updated 10:40 AM EST, Dec. 3, 2026</span></div>',
    ],
    ids=["aside", "ad"],
)
def test_an_update_line_beside_the_story_is_no_modified_time(beside: str) -> None:
    """A dateline in an aside or an ad is another story's (the gate leaves such blocks out: it must not move the
    story's modified time unseen)."""
    html = page().replace('<meta property="article:modified_time" content="2026-11-30T10:05:00+01:00">', "")
    assert extract(html.replace("</article>", f"</article>{beside}"), URL).modified is None


def test_what_counts_anywhere_after_the_html_end_tag_is_in_the_digest() -> None:
    """What follows ``</html>`` stands beside the page's root in the parse, and the extractor reads it all the same
    (an ``<h1>``, microdata times, JSON-LD): an edit to it changes the digest and the times the gate vouches for."""
    html = page().replace("</body></html>", "</body></html>\n{late}")
    late = (
        '<meta itemprop="dateModified" content="{modified}">',
        "<h1>{headline}</h1>",
        '<script type="application/ld+json">{{"@type": "NewsArticle", "dateModified": "{modified}"}}</script>',
    )
    for tail in late:
        before = html.format(late=tail.format(modified="2026-11-30T10:05:00Z", headline="Quay to close"))
        after = html.format(late=tail.format(modified="2026-11-30T12:40:00Z", headline="Quay to stay open"))
        assert digest(before) != digest(after), tail
    dated = html.format(late=late[0].format(modified="2026-11-30T12:40:00Z"))
    assert extract(dated, URL).extractor.get("gate") == digest(dated)


def test_whether_an_h1_is_a_logo_linking_home_is_covered() -> None:
    """A masthead's <h1> linking home gives way to the story's <h1> below it; pointed elsewhere, it would be the
    headline's candidate: the digest changes with the link's address."""
    logo = '<h1 class="logo"><a href="/index.php">The Valmora Ledger</a></h1>'
    base = page().replace('<header><a href="/">The Valmora Ledger</a>', f"<header>{logo}")
    moved = base.replace('href="/index.php"', 'href="/about.php"')
    assert sealed(base) is not None and sealed(base) == digest(base)
    assert digest(moved) != sealed(base)


_JSONLD_AUTHOR = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
    '"headline": "Harbour council votes to close north quay for repairs", '
    '"author": {"@type": "Person", "name": "Ana Ruiz"}}</script></head>'
)


@pytest.mark.parametrize(
    "around",
    [
        '<div class="byline-timestamp"><span class="byline">{byline}</span> · 30 November</div>',
        '<div class="article-toolbar"><span class="author">{byline}</span></div>',
        '<div class="meta share-bar"><span class="byline">{byline}</span></div>',
    ],
    ids=["byline-timestamp", "article-toolbar", "share-bar"],
)
def test_a_byline_asked_for_co_authors_where_the_walk_leaves_it_out_is_not_sealed(around: str) -> None:
    """JSON-LD names Ana Ruiz; the byline beside the story may add a co-author to her ("By Ana Ruiz and Ben
    Ode" names both). Standing in a block the walk leaves out, a co-author added there leaves the digest as it
    was: the page is not sealed, and the co-author is read on the next fetch."""

    def html(byline: str) -> str:
        base = page().replace("</head>", _JSONLD_AUTHOR, 1)
        return base.replace('<p class="byline">By Ana Ruiz</p>', around.format(byline=byline))

    alone, joined = html("By Ana Ruiz"), html("By Ana Ruiz and Ben Ode")
    assert extract(alone, URL).authors == ("Ana Ruiz",)
    assert extract(joined, URL).authors == ("Ana Ruiz", "Ben Ode")
    assert sealed(alone) is None or sealed(alone) != digest(joined)


def test_a_byline_asked_for_co_authors_where_the_walk_covers_it_is_sealed() -> None:
    html = page().replace("</head>", _JSONLD_AUTHOR, 1)
    assert extract(html, URL).extractor["layers"]["authors"] == "json-ld"
    assert sealed(html) is not None and sealed(html) == digest(html)
    joined = html.replace("By Ana Ruiz", "By Ana Ruiz and Ben Ode")
    assert digest(joined) != sealed(html)


@pytest.mark.parametrize(
    "around",
    [
        '<div class="c-byline-timestamp"><span class="c-signature__author">{names}</span> · 30 November</div>',
        '<div class="article-toolbar"><span class="c-signature__author">{names}</span></div>',
        '<div class="article-toolbar"><span class="author">{names}</span></div>',
        '<div class="c-byline-timestamp">By {names} · 30 November</div>',
    ],
    ids=["BEM author in a timestamp block", "BEM author in a toolbar", "author in a toolbar", "plain By line"],
)
def test_authors_read_from_a_byline_the_walk_leaves_out_are_not_sealed(around: str) -> None:
    """No JSON-LD: the byline element alone names the authors, and it stands in a block the walk leaves out (its
    class names a timestamp, a toolbar). The author's bio at the story's foot names her in covered text all the
    same; a co-author added in the byline would leave the digest as it was: the page is not sealed."""
    bio = '<div class="author-bio"><p>Ana Ruiz covers the harbour and the council for the Ledger.</p></div>'

    def html(names: str) -> str:
        base = page().replace("</article>", f"{bio}</article>", 1)
        return base.replace('<p class="byline">By Ana Ruiz</p>', around.format(names=names))

    alone, joined = html("Ana Ruiz"), html("Ana Ruiz and Ben Ode")
    assert extract(alone, URL).authors == ("Ana Ruiz",)
    assert extract(joined, URL).authors == ("Ana Ruiz", "Ben Ode")
    assert sealed(alone) is None or sealed(alone) != digest(joined)


def test_json_ld_is_covered_whatever_the_case_of_its_script_type() -> None:
    """``type="application/LD+JSON"``: JSON-LD is read whatever the case of its type, so the digest holds it the
    same way — an edit to its headline, author or date is read in full."""
    script = (
        '<script type="application/LD+JSON">{{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "{headline}", "datePublished": "{published}", '
        '"author": {{"@type": "Person", "name": "{author}"}}}}</script></head>'
    )
    values = {"headline": "Harbour council votes to close north quay", "published": "2026-11-30T09:12:00+01:00"}
    before = page().replace("</head>", script.format(author="Ana Ruiz", **values), 1)
    assert extract(before, URL).extractor["layers"]["authors"] == "json-ld"
    assert sealed(before) is not None and sealed(before) == digest(before)
    for edit in (
        {"author": "Ben Ode"},
        {"headline": "Harbour council votes to keep north quay open"},
        {"published": "2026-12-01T09:12:00+01:00"},
    ):
        after = page().replace("</head>", script.format(**{"author": "Ana Ruiz", **values, **edit}), 1)
        assert digest(after) != sealed(before), edit


@pytest.mark.parametrize(
    "around",
    [
        '<div class="article-toolbar"><span class="author_name">{names}</span></div>',
        '<div class="c-byline-timestamp"><span class="writer-2">{names}</span> · 30 November</div>',
    ],
    ids=["author_name in a toolbar", "writer-2 in a timestamp block"],
)
def test_a_classed_name_below_the_headline_the_walk_leaves_out_is_not_sealed(around: str) -> None:
    """A name alone below the headline, in an element its class calls the author's, names the authors: where the
    walk leaves it out, a co-author added there would leave the digest as it was, so the page is not sealed."""

    def html(names: str) -> str:
        return page().replace('<p class="byline">By Ana Ruiz</p>', around.format(names=names))

    alone, joined = html("Ana Ruiz"), html("Ana Ruiz and Ben Ode")
    assert extract(alone, URL).authors == ("Ana Ruiz",)
    assert extract(joined, URL).authors == ("Ana Ruiz", "Ben Ode")
    assert sealed(alone) is None or sealed(alone) != digest(joined)


@pytest.mark.parametrize(
    "around",
    ['<div class="article-toolbar"><span class="author-2">{names}</span></div>', '<p class="author-2">{names}</p>'],
    ids=["left out", "covered"],
)
def test_the_reporter_who_replaces_a_lone_editor_is_covered_or_not_sealed(around: str) -> None:
    """JSON-LD names Tom Hale, whom the story's foot labels its editor; the name below the headline replaces him.
    Wherever it stands, an edit to it is never hidden: the digest changes, or the page is not sealed."""
    script = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour council votes",'
        ' "author": {"@type": "Person", "name": "Tom Hale"}}</script></head>'
    )
    credit = '<div class="info-author">Editor: <a class="author">Tom Hale</a></div></article>'

    def html(names: str) -> str:
        base = page().replace("</head>", script, 1).replace("</article>", credit, 1)
        return base.replace('<p class="byline">By Ana Ruiz</p>', around.format(names=names))

    before, after = html("Ana Ruiz"), html("Lida Marek")
    assert extract(before, URL).authors == ("Ana Ruiz",)
    assert extract(after, URL).authors == ("Lida Marek",)
    assert sealed(before) is None or sealed(before) != digest(after)
