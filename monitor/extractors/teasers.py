"""Lists of other stories' headlines, set in or beside a story: no story text, whatever their class or language.

A related-stories list inside the article's text often carries no class a cleaner would know ("<ul><li><strong>
Sleep:</strong> <a>One method still helps</a></li>…</ul>"), and a stream of teasers heads each item with another
page's headline; :func:`teaser_list` knows both by their shape, :func:`list_heading` the label above one.
"""

from __future__ import annotations

from itertools import islice
from urllib.parse import urlsplit

from lxml.html import HtmlElement

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LABELS = frozenset({"p", "div", "span", "strong", "b"})  # a list's label in a block of its own ("MOST READ")
_MAX_HEADING_WORDS = 6  # of a list's heading ("More from the harbour"), at most
_MAX_LABEL_WORDS = 3  # of a label that is no heading

_MIN_TEASERS = 3  # items of a list of other stories' headlines, at least
_HEADLINE_CHARS = 15  # of a link's text: another story's headline, not a name, a term or a "more"
_TEASER_CHARS = 10  # of a teaser's heading, all a link: a short headline ("Russians listen in") beside its lines
_MAX_TEASER_LABEL = 6  # words before an item's link: its topic's label ("Sleep:", "Fernando Alonso")


def teaser_list(listing: HtmlElement, site: Site) -> bool:
    """A list of other stories' headlines set in or beside the story: three or more items, each one link to
    another page of the same site, its text a headline, alone or after a short label ("<li><strong>Sleep:
    </strong> <a>One method still helps</a></li>"), or headed by a heading that is all a link to another page
    of the site (a teaser's: its opening lines below), whatever the list's class or the page's language. A story's
    own list says more than a link's words (a bug's number and what it fixed), or links elsewhere (its sources,
    its references) or within the page (a table of contents), or is one a sentence of the story leads into
    ("Four candidates are standing for the island seat:")."""
    items = 0
    for item in listing:
        if not isinstance(item.tag, str):
            continue
        if item.tag != "li" or not (_headline_item(item, site) or _teaser_item(item, site)):
            return False
        items += 1
    return items >= _MIN_TEASERS and not _led_in(listing)  # (read last: most lists are no teasers' at all)


def list_heading(listing: HtmlElement) -> HtmlElement | None:
    """The heading or label right above a list of other stories, nothing between them ("<h3>More on this</h3>
    <ul>…", "<p>MOST READ</p><ul>…"): the list's label, not a section of the story."""
    heading = listing.getprevious()
    while heading is not None and not isinstance(heading.tag, str):
        heading = heading.getprevious()
    if heading is None or (heading.tail or "").strip():
        return None
    words = len(heading.text_content().split())
    if heading.tag in _HEADINGS and words <= _MAX_HEADING_WORDS:
        return heading
    label = heading.tag in _LABELS and words <= _MAX_LABEL_WORDS and next(heading.iter("a"), None) is None
    return heading if label else None


def _led_in(listing: HtmlElement) -> bool:
    """Whether a sentence of the story right above the list leads into it: longer than a list's heading, and
    ending in a colon ("From Monday the ferry will call at:"); a list's own label is a few words ("Read more on
    this topic:")."""
    above = listing.getprevious()
    if above is None or not isinstance(above.tag, str) or (above.tail or "").strip():
        return False
    text = above.text_content().rstrip()
    return text.endswith((":", "：")) and len(text.split()) > _MAX_HEADING_WORDS


def _teaser_item(item: HtmlElement, site: Site) -> bool:
    """An item headed by the site's other story's headline: a heading whose whole text is one link to another
    page of the site (a picture and that story's opening lines beside it), as a stream of other stories shows
    each. A round-up's item headed by a link to what it reviews (a restaurant's, a book's site) is the story's, and
    so is one that says more below its heading than a teaser's paragraph of opening lines (a week's round-up of
    the site's own stories, told again in paragraphs of its own)."""
    heading = next(item.iterdescendants(*_HEADINGS), None)
    if heading is None:
        return False
    links = heading.findall(".//a")
    if len(links) != 1 or not site.holds(links[0].get("href") or ""):
        return False
    shown = " ".join(links[0].text_content().split())
    if len(shown) < _TEASER_CHARS or shown != " ".join(heading.text_content().split()):
        return False
    return next(islice(item.iter("p"), 1, None), None) is None  # one paragraph of opening lines at most


def _headline_item(item: HtmlElement, site: Site) -> bool:
    """An item that is one link to the site's other page, a short label before it at most."""
    links = item.findall(".//a")
    if len(links) != 1 or not site.holds(links[0].get("href") or ""):
        return False
    shown = " ".join(links[0].text_content().split())
    text = " ".join(item.text_content().split())
    if len(shown) < _HEADLINE_CHARS or not text.endswith(shown) or _sentence(shown):
        return False
    return len(text[: -len(shown)].split()) <= _MAX_TEASER_LABEL


def _sentence(text: str) -> bool:
    """Whether a link's text closes as a sentence does ("Repairs cost £410,000."): a headline closes bare, or
    with an ellipsis where it was cut."""
    return text.endswith((".", "。")) and not text.endswith("..")


class Site:
    """Whether a link goes to another page of the page's own site (its host read from the page only when asked)."""

    def __init__(self, tree: HtmlElement, url: str) -> None:
        self._tree, self._url = tree, url
        self._domains: set[str] | None = None

    def holds(self, href: str) -> bool:
        href = href.strip()
        if not href or href.startswith(("#", "?")):
            return False  # a place in this page
        parts = urlsplit(href)
        if parts.fragment and self._url and href.split("#", 1)[0] in (self._url, urlsplit(self._url).path):
            return False  # a place in this page, by its full address ("…/ferry-story#part-2")
        if not parts.scheme and not parts.netloc:
            return ":" not in href.split("/", 1)[0]  # a path on the same site, not "mailto:" or "javascript:"
        if parts.scheme not in ("http", "https", ""):
            return False
        return bool(parts.hostname) and _domain(parts.hostname) in self.domains()

    def domains(self) -> set[str]:
        """The domains of the page's own address and of its canonical one (a story syndicated from a sister
        paper)."""
        if self._domains is None:
            canonical = self._tree.find(".//link[@rel='canonical']")
            addresses = (self._url, canonical.get("href") or "" if canonical is not None else "")
            self._domains = {_domain(urlsplit(address).hostname or "") for address in addresses} - {""}
        return self._domains


# the second-level labels under which a country's domain registers names ("example.co.uk", "example.com.br")
_SECOND_LEVELS = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gob", "nic"})


def _domain(host: str) -> str:
    """The name a site registered, its subdomains left off ("news.example.co.uk" → "example.co.uk"): the
    publication's news, blogs and ad servers are one site."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS else 2
    return ".".join(labels[-keep:])
