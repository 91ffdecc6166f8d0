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
        (["The Wendham Star"], ["Wendham Star"], "https://news.example/a", ()),  # its name with an article
        (["Die Wendham Post"], [], "https://wendhampost.example/a", ()),
        (["Wendham Star Sport", "Ana Ruiz"], ["The Wendham Star"], "https://news.example/a", ("Ana Ruiz",)),
        (["Starla Jones", "Star Jones"], ["The Star"], "https://news.example/a", ("Starla Jones", "Star Jones")),
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


WENDHAM = "https://wendhamstar.example/news/x"
FERRY = "<p>The Wendham ferry will run an extra sailing on Saturdays from May, the harbour board said on Monday.</p>"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ('<div class="byline">By Ana Ruiz · July 17, 2024</div>', ("Ana Ruiz",)),
        (
            '<div class="article-byline"><p>Av Kari Nordmann og Ola Hansen</p>'
            '<p>Publisert <time datetime="2024-03-12T10:15">12.03.2024 10:15</time></p></div>',
            ("Kari Nordmann", "Ola Hansen"),
        ),
        (
            '<div class="article-byline">Av Kari Nordmann og Ola Hansen<br>Publisert <time>12.03.2024</time></div>',
            ("Kari Nordmann", "Ola Hansen"),
        ),
        ('<div class="byline"><span>By Ana Ruiz</span><span>Associated Press</span></div>', ("Ana Ruiz",)),
        ('<div class="post-meta">Posted by Alan Tewkes on 22 January 2024</div>', ("Alan Tewkes",)),
        # a newline in the page's source is a space: "By" and the name on two source lines are one line
        ('<div class="article__author">By\n\t\t\tScott Pellow\t\t\t</div>', ("Scott Pellow",)),
        ('<div class="entry-meta">22 January 2024 | by Alan Tewkes | Posted in Harbour News</div>', ("Alan Tewkes",)),
    ],
)
def test_a_byline_shares_its_element_with_a_date(byline: str, authors: tuple[str, ...]) -> None:
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{byline}{FERRY}</article></body></html>"
    assert extract(page, WENDHAM).authors == authors


def test_a_post_facts_line_without_by_names_no_one() -> None:
    facts = '<div class="entry-meta">Posted in Harbour News | Tagged Wendham Ferry</div>'
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{facts}{FERRY}</article></body></html>"
    assert extract(page, WENDHAM).authors == ()


def _jsonld_page(author: str) -> str:
    data = f'{{"@type": "NewsArticle", "headline": "Extra Saturday ferry", "author": {author}}}'
    return f"""<html><head><meta property="og:site_name" content="Wendham Star">
    <script type="application/ld+json">{data}</script></head>
    <body><article><h1>Extra Saturday ferry</h1>{FERRY}</article></body></html>"""


@pytest.mark.parametrize(
    ("author", "authors"),
    [
        ('{"@type": "Person", "name": "Newsroom"}', ()),
        ('{"@type": "Person", "name": "Redaktion"}', ()),
        ('{"@type": "Person", "name": "admin"}', ()),
        ('{"@type": "Person", "name": "Von unserer Redaktion"}', ()),
        ('{"@type": "Organization", "name": "The Wendham Star"}', ()),
        ('{"@type": "NewsMediaOrganization", "name": "Wendham Evening Post"}', ()),
        ('[{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Newsroom"}]', ("Ana Ruiz",)),
    ],
)
def test_a_jsonld_author_that_is_no_person(author: str, authors: tuple[str, ...]) -> None:
    assert extract(_jsonld_page(author), WENDHAM).authors == authors


@pytest.mark.parametrize(
    "name",
    ["Maria de los Angeles Garcia Lopez", "bell hooks"],  # more words than a byline's name, lower case
)
def test_a_jsonld_person_the_byline_rules_cannot_read_stands_as_given(name: str) -> None:
    assert extract(_jsonld_page(f'{{"@type": "Person", "name": "{name}"}}'), WENDHAM).authors == (name,)


def test_a_jsonld_author_typed_person_and_organization_is_a_person() -> None:
    author = '{"@type": ["Person", "Organization"], "name": "Ana Ruiz"}'
    assert extract(_jsonld_page(author), WENDHAM).authors == ("Ana Ruiz",)


def test_a_blogs_facts_line_is_read_on_a_page_whose_body_names_a_sidebar() -> None:
    """WordPress names the layout on <body> ("right-sidebar"): the story's own facts line is no sidebar's."""
    facts = '<div class="entry-meta">Posted on 3 May 2024 by <a href="/author/ana">Ana Ruiz</a></div>'
    page = f'<html><body class="single right-sidebar"><article><h1>Extra Saturday ferry</h1>{facts}{FERRY}</article>'
    widget = '<div class="sidebar widget"><h3>Recent</h3><div class="post-meta">Posted by Tom Hale on 1 May</div></div>'
    assert extract(f"{page}{widget}</body></html>", WENDHAM).authors == ("Ana Ruiz",)


def _graph_page(author: str) -> str:
    graph = f"""{{"@context": "https://schema.org", "@graph": [
    {{"@type": "Organization", "@id": "https://wendhamstar.example/#organization", "name": "Wendham Star"}},
    {{"@type": "Article", "headline": "Extra Saturday ferry", "author": {author},
      "publisher": {{"@id": "https://wendhamstar.example/#organization"}}}},
    {{"@type": "Person", "@id": "https://wendhamstar.example/#/schema/person/a1", "name": "Ana Ruiz"}},
    {{"@type": "Person", "@id": "https://wendhamstar.example/#/schema/person/t2", "name": "Tom Hale"}}]}}"""
    return f"""<html><head><script type="application/ld+json">{graph}</script></head>
    <body><article><h1>Extra Saturday ferry</h1>{FERRY}</article></body></html>"""


@pytest.mark.parametrize(
    ("author", "authors"),
    [
        ('{"@id": "https://wendhamstar.example/#/schema/person/a1"}', ("Ana Ruiz",)),
        (
            '[{"@id": "https://wendhamstar.example/#/schema/person/a1"}, '
            '{"@id": "https://wendhamstar.example/#/schema/person/t2"}]',
            ("Ana Ruiz", "Tom Hale"),
        ),
        ('{"@id": "https://wendhamstar.example/#organization"}', ()),  # the publisher: no person
    ],
)
def test_a_jsonld_graph_author_named_by_reference(author: str, authors: tuple[str, ...]) -> None:
    """Yoast's graph: the article's author is a reference to a Person node elsewhere in the graph."""
    article = extract(_graph_page(author), WENDHAM)
    assert article.authors == authors
    assert article.extractor["site_name"] == "Wendham Star"  # the publisher, referred to the same way


def test_a_comment_threads_authors_are_not_the_storys() -> None:
    comments = """<section id="comments"><div class="comment"><span class="comment-author">Mara Quill</span>
    <p>Great news for the island.</p></div></section>"""
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{FERRY}</article>{comments}</body></html>"
    assert extract(page, WENDHAM).authors == ()


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # a place, an e-mail address, an outlet in an element of its own beside the names: no part of a name
        (
            '<div class="firma"><span class="autor">Por Ana Ruiz y Tomás Vidal</span>'
            '<span class="lugar">Villaseca del Monte</span></div>',
            ("Ana Ruiz", "Tomás Vidal"),
        ),
        (
            '<p class="byline"><span class="name">Kari Nordmann</span>'
            '<span class="email">kari@wendhamstar.example</span></p>',
            ("Kari Nordmann",),
        ),
        (
            '<div class="byline">By <a href="/ana">Ana Ruiz</a>, <span class="org">Ostby Courier</span></div>',
            ("Ana Ruiz",),
        ),
        ('<div class="autor"><span>Von Lida Marek</span><span class="ort">Wendham</span></div>', ("Lida Marek",)),
        # an author's element named in the page's language
        (
            '<div class="autores"><a class="autor">Ana Ruiz</a><a class="autor">Tomás Vidal</a></div>',
            ("Ana Ruiz", "Tomás Vidal"),
        ),
        (
            '<div class="article__meta"><p>Words by <a href="/ana">Ana Ruiz</a> · '
            'Photos by <a href="/tom">Tom Hale</a></p></div>',
            ("Ana Ruiz",),
        ),
    ],
)
def test_a_bylines_pieces(byline: str, authors: tuple[str, ...]) -> None:
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{byline}{FERRY}</article></body></html>"
    assert extract(page, WENDHAM).authors == authors


@pytest.mark.parametrize(
    ("meta_author", "byline", "authors"),
    [
        # the head's author tag names the publication (its <title>'s tail, no og:site_name) or a desk; the visible
        # byline names the people who wrote the story
        ("Le Courrier de Wendham", '<div class="signature">Par Luc Perrin</div>', ("Luc Perrin",)),
        (
            "Redacción",
            '<div class="autores"><a class="autor">Ana Ruiz</a><a class="autor">Tomás Vidal</a></div>',
            ("Ana Ruiz", "Tomás Vidal"),
        ),
        ("Wendham Desk", '<p class="byline">By Ana Ruiz</p>', ("Ana Ruiz",)),
        # the tag names one of the byline's people, or the byline names no person as people are named: the tag
        ("Ana Ruiz", '<p class="byline">By Ana Ruiz and Tom Hale</p>', ("Ana Ruiz",)),
        ("Ana Ruiz", '<p class="byline">By HarbourFan77</p>', ("Ana Ruiz",)),
    ],
)
def test_a_visible_byline_over_the_heads_author_tag(meta_author: str, byline: str, authors: tuple[str, ...]) -> None:
    head = f'<title>Extra Saturday ferry | Le Courrier de Wendham</title><meta name="author" content="{meta_author}">'
    page = (
        f"<html><head>{head}</head><body><article><h1>Extra Saturday ferry</h1>{byline}{FERRY}</article></body></html>"
    )
    assert extract(page, WENDHAM).authors == authors


def test_a_blog_posts_footer_names_its_author() -> None:
    """Blogger's footer below the post: "Posted by" in a "post-author vcard"."""
    footer = '<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">Alan Tewkes</span>'
    story = (
        "<p>The board will review the timetable in the autumn, when it sees how many islanders use the extra sailing"
    )
    story += " and whether the harbour can take a second boat at the quay on busy weekends in the summer.</p>"
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{story}{footer}</span> at 6:05 pm</div></article>"
    assert extract(f"{page}</body></html>", WENDHAM).authors == ("Alan Tewkes",)


@pytest.mark.parametrize(
    "other",
    [
        '<blockquote class="pullquote"><p>We waited.</p><cite class="quote-author">Mara Quill</cite></blockquote>',
        '<figure><img src="q.jpg"><figcaption>Quay. <span class="photo-author">Tom Hale</span></figcaption></figure>',
        '<div class="post-meta">Edited by Tom Hale</div>',
        '<p>A review of <i>Tides</i> by <span class="book-author">Mara Quill</span>.</p>',
    ],
)
def test_a_heads_author_tag_naming_a_person_stays_over_other_names_on_the_page(other: str) -> None:
    head = '<title>Extra Saturday ferry | Wendham Star</title><meta name="author" content="Ana Ruiz">'
    page = (
        f"<html><head>{head}</head><body><article><h1>Extra Saturday ferry</h1>{FERRY}{other}</article></body></html>"
    )
    assert extract(page, WENDHAM).authors == ("Ana Ruiz",)


@pytest.mark.parametrize("section", ["article article--comment", "tone-comment", "comment-piece", "comments-enabled"])
def test_an_opinion_section_named_comment_is_no_comment_thread(section: str) -> None:
    byline = '<div class="article-meta"><a class="author" href="/authors/ana-ruiz">Ana Ruiz</a></div>'
    page = (
        f'<html><body><article class="{section}"><h1>Extra Saturday ferry</h1>{byline}{FERRY}</article></body></html>'
    )
    assert extract(page, WENDHAM).authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline"><div class="byline__author-date"><a href="/a/ana">Ana Ruiz</a> · <time>12 May 2025</time>'
        "</div></div>",
        '<div class="byline">By <a class="author-org-link" href="/a/ana">Ana Ruiz</a></div>',
        '<div class="byline">By <a href="mailto:ana@wendhamstar.example">Ana Ruiz (ana@wendhamstar.example)</a></div>',
        '<div class="byline"><span class="author">Ana Ruiz</span> <span class="author-date">12.05.2025</span></div>',
    ],
)
def test_a_bylines_element_named_for_a_date_or_an_address_may_hold_the_name(byline: str) -> None:
    page = f"<html><body><article><h1>Extra Saturday ferry</h1>{byline}{FERRY}</article></body></html>"
    assert extract(page, WENDHAM).authors == ("Ana Ruiz",)


# the head names only the outlet (JSON-LD's author an Organization, <meta name=author> the site's name); the page
# shows the reporter under a label in its language, in an element no byline class marks
LABELLED = """<html lang="{lang}"><head><title>{headline} | Glasnik Brdova</title>
<meta property="og:site_name" content="Glasnik Brdova"><meta name="author" content="Glasnik Brdova">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{headline}", "author": {{"@type": "Organization", "name": "Glasnik Brdova"}}}}</script></head>
<body><main><article><h1>{headline}</h1><div class="node__meta"><div class="field field--name-field-reporter">{label}
<a href="/people/7">{name}</a></div></div><div class="field--name-body"><p>{story}</p><p>{story}</p></div></article>
</main></body></html>"""


@pytest.mark.parametrize(
    ("lang", "label", "name"),
    [
        ("uk", "Автор:", "Олена Ковальчук"),
        ("ru", "Автор:", "Павел Сомов"),
        ("bg", "Автор:", "Мария Стоянова"),
        ("cs", "Autorka:", "Petra Horáková"),
        ("pl", "Autor:", "Marek Zięba"),
        ("tr", "Yazar:", "Selin Aydın"),
        ("el", "Συντάκτης:", "Γιώργος Λαμπράκης"),
        ("vi", "Tác giả:", "Trần Thị Mai"),
        ("id", "Penulis:", "Rina Wulandari"),
        ("fi", "Toimittaja:", "Aino Laaksonen"),
    ],
)
def test_a_labelled_byline_names_the_author_when_the_head_names_only_the_outlet(
    lang: str, label: str, name: str
) -> None:
    story = "The hill road above the reservoir reopened on Tuesday after a landslip closed it for three weeks."
    page = LABELLED.format(lang=lang, label=label, name=name, headline="Hill road reopens after landslip", story=story)
    assert extract(page, "https://glasnikbrdova.example/vijesti/hill-road").authors == (name,)


# "Đăng" is a Vietnamese given name as well as "posted": a name holding it stays whole, wherever the page names it
@pytest.mark.parametrize(
    "where",
    [
        '<script type="application/ld+json">{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}'
        "}}</script>",
        '<meta name="author" content="{name}">',
    ],
    ids=["json-ld", "meta"],
)
@pytest.mark.parametrize("name", ["Nguyễn Hải Đăng", "Đăng Khoa"])
def test_a_vietnamese_name_holding_dang_stays_whole(where: str, name: str) -> None:
    page = f"""<html lang="vi"><head><title>Cầu mới qua sông Đào</title>{where.format(name=name)}</head>
    <body><article><h1>Cầu mới qua sông Đào</h1>{FERRY}</article></body></html>"""
    assert extract(page, WENDHAM).authors == (name,)


@pytest.mark.parametrize(
    ("lang", "label", "name", "authors"),
    [
        ("vi", "Tác giả:", "Trần Đăng Khoa", ("Trần Đăng Khoa",)),
        ("id", "Penulis:", "Budi Santoso | Editor: Rina Wati", ("Budi Santoso",)),
        ("en", "Text:", "Ana Ruiz | Editor: Tom Hale", ("Ana Ruiz",)),
        ("ru", "Автор:", "Анна Козлова. Фото: Иван Петров", ("Анна Козлова",)),
    ],
    ids=["vi dang", "id editor", "en editor", "ru photo"],
)
def test_a_labelled_bylines_credits_are_no_authors(lang: str, label: str, name: str, authors: tuple[str, ...]) -> None:
    story = "The hill road above the reservoir reopened on Tuesday after a landslip closed it for three weeks."
    page = LABELLED.format(lang=lang, label=label, name=name, headline="Hill road reopens after landslip", story=story)
    assert extract(page, "https://glasnikbrdova.example/vijesti/hill-road").authors == authors


@pytest.mark.parametrize(
    ("lang", "label", "name", "authors"),
    [
        ("es", "Autora:", "Lucía Berrocal", ("Lucía Berrocal",)),
        ("cs", "Redaktor:", "Jan Vrbický", ("Jan Vrbický",)),
        ("pt", "Escrito por:", "Bruna Tavares", ("Bruna Tavares",)),
        ("es", "Texto:", "Lucía Berrocal, Edición de fotos: Tomás Quiroga", ("Lucía Berrocal",)),
    ],
    ids=["es autora", "cs redaktor", "pt escrito por", "es photo editor"],
)
def test_more_author_labels_name_the_author(lang: str, label: str, name: str, authors: tuple[str, ...]) -> None:
    story = "The hill road above the reservoir reopened on Tuesday after a landslip closed it for three weeks."
    page = LABELLED.format(lang=lang, label=label, name=name, headline="Hill road reopens after landslip", story=story)
    assert extract(page, "https://glasnikbrdova.example/vijesti/hill-road").authors == authors


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Di Ana Ruiz e Marco Rossi", ["Ana Ruiz", "Marco Rossi"]),
        ("Ana Ruiz, Marco Rossi e Luca Bianchi", ["Ana Ruiz", "Marco Rossi", "Luca Bianchi"]),
        ("Anna Nowak i Piotr Zieliński", ["Anna Nowak", "Piotr Zieliński"]),
        ("Jana Nováková a Petr Svoboda", ["Jana Nováková", "Petr Svoboda"]),
        ("Анна Козлова и Иван Петров", ["Анна Козлова", "Иван Петров"]),
        ("Andrei Popescu și Ioana Ionescu", ["Andrei Popescu", "Ioana Ionescu"]),
        ("José Maria e Silva", ["José Maria e Silva"]),
        ("Thomas a Kempis", ["Thomas a Kempis"]),
    ],
)
def test_a_one_letter_and_splits_two_full_names_only(byline: str, names: list[str]) -> None:
    """Italian and Portuguese "e", Polish and Croatian "i", Czech and Slovak "a", Russian "и", Romanian "și" join
    two reporters; a name holding such a word, or a first name alone beside it, stays whole."""
    assert split_authors(byline) == names


QUAY = "<p>The quay wall at Berth 4 has been repaired after a winter storm tore away a stretch of its stones.</p>"


def test_a_card_around_the_headline_is_the_storys_own_box() -> None:
    """A template that calls the story's own box a "card" ("story-card-main") sets no teaser around its byline;
    the related cards beside it, headed by smaller headings, still are teasers."""
    page = f"""<html><body><section class="story-card-main"><p class="byline">Ana Ruiz</p>
    <h1>Quay wall repaired</h1>{QUAY}</section><section class="card"><h3>Ferry fares rise</h3>
    <p class="byline">Lida Marek</p></section></body></html>"""
    assert extract(page, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:site_name" content="Harbour &amp; Co"><meta name="author" content="Harbour &amp; Co">',
        """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quay wall repaired",
        "author": "Harbour & Co", "publisher": {"@type": "Organization", "name": "Harbour & Co"}}</script>""",
    ],
    ids=["meta", "json-ld"],
)
def test_the_publication_named_whole_is_not_split_into_a_name(head: str) -> None:
    """An author tag naming the site ("Harbour & Co") names no one: no part of it ("Harbour") is a person."""
    page = f"<html><head>{head}</head><body><h1>Quay wall repaired</h1>{QUAY}</body></html>"
    assert extract(page, "https://harbourco.example/quay").authors == ()


def test_a_wire_agency_stated_as_the_author_in_words_stands() -> None:
    """JSON-LD's author written as a plain string naming a wire agency ("AFP") is the story's author, as it is
    when written as a ``Person``."""
    page = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "author": "AFP",
    "headline": "Quay wall repaired"}}</script></head><body><h1>Quay wall repaired</h1>{QUAY}</body></html>"""
    assert extract(page, "https://harbourtimes.example/quay").authors == ("AFP",)


@pytest.mark.parametrize(
    ("below", "authors"),
    [
        ('<div class="author_name">Ana Ruiz</div>', ("Ana Ruiz",)),
        ('<div class="story-author-name">Ana Ruiz and Tomas Brandt</div>', ("Ana Ruiz", "Tomas Brandt")),
        ('<div class="author-2">Ana Ruiz</div>', ("Ana Ruiz",)),
        ('<div class="author-bio">Ana Ruiz writes about the harbour.</div>', ()),  # a sentence, no byline
        ('<div class="author-2">Harbour</div>', ()),  # no full name
    ],
)
def test_a_name_whose_class_says_it_is_the_authors_is_the_byline(below: str, authors: tuple[str, ...]) -> None:
    """Below the headline, an element whose class names the author in a form no byline markup lists
    ("author_name", "author-2") and that holds only full names is the byline, without "By"."""
    page = f"<html><body><h1>Quay wall repaired</h1>{below}{QUAY}</body></html>"
    assert extract(page, "https://harbourtimes.example/quay").authors == authors


EDITED = """<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Quay wall
repaired", "author": {{"@type": "Person", "name": "Tom Hale"}}}}</script></head><body><h1>Quay wall repaired</h1>
{byline}{story}{foot}</body></html>"""


@pytest.mark.parametrize(
    ("byline", "foot", "authors"),
    [
        (
            '<div class="author-2">Ana Ruiz</div>',
            '<div class="info-author">Editor: <a class="author">Tom Hale</a></div>',
            ("Ana Ruiz",),
        ),
        ('<p class="byline">By Ana Ruiz</p>', "<p>Edited by Tom Hale</p>", ("Ana Ruiz",)),
        ('<p class="byline">By Ana Ruiz</p>', "<p>Tom Hale</p>", ("Tom Hale",)),  # no editor's label: JSON-LD's stands
        ("", "<p>Editor: Tom Hale</p>", ("Tom Hale",)),  # no one else named: the one name the page gives stays
    ],
    ids=["credit markup", "byline markup", "unlabelled", "no byline"],
)
def test_a_lone_author_labelled_the_editor_gives_way_to_the_byline(
    byline: str, foot: str, authors: tuple[str, ...]
) -> None:
    """JSON-LD's one author whom the page labels its editor ("Editor: Tom Hale") is no author when a byline names
    the reporter: the byline markup, or the name below the headline when that markup is only the editor's credit."""
    page = EDITED.format(byline=byline, story=QUAY, foot=foot)
    assert extract(page, "https://harbourtimes.example/quay").authors == authors


@pytest.mark.parametrize(
    "byline",
    [
        '<p><a rel="author external" href="/ana">Ana Ruiz</a> · 6 December</p>',
        '<p itemprop="author creator" itemscope><span itemprop="name">Ana Ruiz</span> · 6 December</p>',
    ],
    ids=["rel author external", "itemprop author creator"],
)
def test_author_markup_holding_more_words_than_author_is_read(byline: str) -> None:
    """``rel`` and ``itemprop`` hold words: "author external", "author creator" mark the author as "author" does."""
    page = f"<html><body><article><h1>Quay wall repaired</h1><div>{byline}</div>{QUAY}</article></body></html>"
    assert extract(page, "https://harbourtimes.example/quay").authors == ("Ana Ruiz",)
