"""The article extractor: :func:`extract` reads one page into an Article (``monitor.extractors.page`` says how).

The package itself is light: its names load from their modules on first use (PEP 562), so a process that only
checks an article (``checks.assess``), names a site rule or records the extractor's version — the checking
process, whose pages are read in the extraction workers — never imports the page reader, its note patterns or
trafilatura.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.errors import GateHeld
    from monitor.extractors.jsonld import LivePost
    from monitor.extractors.page import LIVE_LAYER, PAGE_LIVE_LAYER, extract, live_posts, unreadable
    from monitor.extractors.rules import SiteRule

__all__ = [
    "EXTRACTOR_VERSION",
    "GateHeld",
    "LIVE_LAYER",
    "LivePost",
    "OPENING_LAYER",
    "PAGE_LIVE_LAYER",
    "SiteRule",
    "extract",
    "live_posts",
    "unreadable",
]

EXTRACTOR_VERSION = "16"  # 16: credits for pictures, video and editing end a byline's names, "our correspondent"
# and a one-word place after a name dropped, CJK list commas, author slugs and JSON-LD creator/given names, the page's
# own JSON-LD article among several, bracketed zones; a <p>'s <br><br> paragraphs, text set straight into <article>,
# polls, clap counts and mixed furniture out of stubs; dated, bracketed, boxed and run-together notes, teaser cards' and
# the site's own "Update:" lines no notes (15: a logo <h1> behind og:title, format labels, bracketed and bar-set site
# names and sections cut; more byline shapes and cut-offs (venue, place, job, e-mail, "For"), timed updates in Slavic
# languages and Portuguese, a date line above a table layout's <h1>; the site's own headline lists, boxes closing with a
# button, author bios, players, comment rules, desk bylines and follow-on-news lines out of the body (14: a zoneless
# time in the paper's local zone where its language names one, wire sign-offs and closing credits as authors, editors
# and agencies never authors, more byline markup; promotional boxes, tag lists, comments, sign-offs, match-centre tables
# and captions out of the body, <br> text kept whole (13: an <h1>'s own characters for the same headline, a quoted lead
# kept, a logo <h1> skipped for the story's, "Site :: Section :: Story" trails cut, co-authors beside JSON-LD's author,
# a timed update's own sentences, teasers' dates never the story's; old table layouts' furniture tables, read-also
# pointers in more scripts, picture credits, a byline's run-on stamps and teaser <article>s out of the body (12: dates
# in more languages (Czech to Thai, the page's language deciding a month word's meaning), "Author:" bylines in more
# languages and credits' labels ending names, a headline's ideographic space, an old table layout's menus and link lists
# out of the body and its date cell, <br><br> stubs read whole, pull quotes not twice, a blog platform's counts, reading
# times, buttons and source lines out of the body (11: furniture lines, pointers, ad labels, newsletter boxes and social
# embeds in more languages, a byline's place/date/outlet pieces and labels out of names, JSON-LD author references,
# comment threads never the author, a blog's name in an <h1>, CJK dates, update-labelled times as modified, hAtom times,
# a story's collapsed rest (10: a byline sharing its element with a date, desks and organisations as no authors,
# agencies and "for the X" cut, a story's own <time>s, timelines that are no live blog, more written dates, credit and
# job-title lines out of the body) (9: the <h1>'s characters, a share card's kicker, a site's colon prefix, a <title>'s
# lower-case site name, a Markdown JSON-LD body's parts) (8: a settled fast generic read, stubs in tables and beside
# menus, nameless pages, plain bylines; zones a time takes from the page, more zones and forms, headlines in the
# publisher's characters) (7: every part of a split story, list-shaped stories, visible text over articleBody) (6: stubs
# as paragraphs, body layers that keep the story, authors, offsets, headlines)

OPENING_LAYER = "body"  # the layer of a headline made of the story's opening words (a page that names itself nowhere)

_HOMES = {
    "extract": "monitor.extractors.page",
    "live_posts": "monitor.extractors.page",
    "unreadable": "monitor.extractors.page",
    "LIVE_LAYER": "monitor.extractors.page",
    "PAGE_LIVE_LAYER": "monitor.extractors.page",
    "LivePost": "monitor.extractors.jsonld",
    "SiteRule": "monitor.extractors.rules",
    "GateHeld": "monitor.errors",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'monitor.extractors' has no attribute {name!r}")
    return getattr(import_module(home), name)
