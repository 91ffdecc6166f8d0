"""Invented stories for the demo and the tests, rendered as the news pages and RSS feeds real sites publish.

Every name, place and quote here is made up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from html import escape


@dataclass(frozen=True)
class DemoStory:
    path: str
    headline: str
    authors: tuple[str, ...]
    published: str  # ISO 8601
    modified: str
    paragraphs: tuple[str, ...]
    note: str | None = None  # an update note printed at the end, in <em>
    section: str = "World"
    extra: dict[str, str] = field(default_factory=dict)


def story_page(story: DemoStory, *, base: str = "", boilerplate_seed: int = 0) -> str:
    """A full news page: nav, JSON-LD, byline, CNN-shaped body (p.paragraph), related links, ads, footer."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "author": [{"@type": "Person", "name": name} for name in story.authors],
        "datePublished": story.published,
        "dateModified": story.modified,
        "articleSection": story.section,
    }
    paragraphs = "\n".join(f'      <p class="paragraph">{escape(p)}</p>' for p in story.paragraphs)
    note = f'      <p class="paragraph"><em>{escape(story.note)}</em></p>' if story.note else ""
    byline = " and ".join(escape(a) for a in story.authors)
    ld_json = json.dumps(ld).replace("</", "<\\/")  # a "</script>" in a headline must not end the block
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(story.headline)} | The Harbour Herald</title>
  <meta property="og:title" content="{escape(story.headline)}">
  <meta property="og:site_name" content="The Harbour Herald">
  <meta property="article:published_time" content="{story.published}">
  <meta property="article:modified_time" content="{story.modified}">
  <link rel="canonical" href="{base}{story.path}">
  <script type="application/ld+json">{ld_json}</script>
  <script src="/static/app.js?v={boilerplate_seed}"></script>
</head>
<body>
  <header class="site-header">
    <nav><a href="/">Home</a> <a href="/world/">World</a> <a href="/sport/">Sport</a></nav>
  </header>
  <main>
    <article>
      <h1 class="headline">{escape(story.headline)}</h1>
      <div class="byline">By <span class="byline__name">{byline}</span>, The Harbour Herald</div>
      <div class="timestamp">Updated {3 + boilerplate_seed} minutes ago</div>
      <div class="article__content">
{paragraphs}
{note}
      </div>
    </article>
    <aside class="related"><h2>More from World</h2>
      <ul><li><a href="/world/other-{boilerplate_seed}">Ferry timetable changes announced</a></li></ul>
    </aside>
    <div class="ad-slot" id="ad-{boilerplate_seed}">Advertisement</div>
  </main>
  <footer class="site-footer">© The Harbour Herald. All rights invented.</footer>
</body>
</html>
"""


def rss(title: str, base: str, stories: list[DemoStory]) -> str:
    items = "\n".join(
        f"""    <item>
      <title>{escape(s.headline)}</title>
      <link>{base}{s.path}</link>
      <guid>{base}{s.path}</guid>
      <pubDate>Thu, 28 Aug 2025 09:00:00 GMT</pubDate>
    </item>"""
        for s in stories
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{escape(title)}</title>
    <link>{base}/</link>
    <description>Invented stories for storywatch</description>
{items}
  </channel>
</rss>
"""


SUMMIT_V1 = DemoStory(
    path="/world/2025/08/28/northern-harbour-summit",
    headline="Leaders arrive in Valmora for the Northern Harbour summit",
    authors=("Lena Morrow", "Idris Calloway"),
    published="2025-08-28T09:00:00Z",
    modified="2025-08-28T09:00:00Z",
    paragraphs=(
        "Heads of state from across the northern seas began arriving in Valmora on Thursday for a two-day "
        "summit on shipping lanes and fishing rights.",
        "A total of 26 foreign heads of state are expected to attend, according to the summit's organisers.",
        "Other guests include President Tomas Varga of Keldoria, Chancellor Ilse Marwick of Norland and "
        "Prime Minister Rafael Okonjo of Tessaly.",
        "The talks open on Friday morning at the old customs house on the harbour front, where security has "
        "been tightened and three streets have been closed to traffic.",
        "Fishing crews from the outer islands plan to sail past the customs house during the opening session "
        "to press their case for wider quotas.",
    ),
)

SUMMIT_V2 = replace(
    SUMMIT_V1,
    modified="2025-08-28T11:30:00Z",
    paragraphs=(
        SUMMIT_V1.paragraphs[0],
        "A total of 27 foreign heads of state are expected to attend, according to the summit's organisers.",
        "Other guests include President Tomas Varga of Keldoria, Chancellor Ilse Marwick of Norland, "
        "Prime Minister Rafael Okonjo of Tessaly and Ostravan President Mirela Dastan.",
        SUMMIT_V1.paragraphs[3],
        "“We came to be heard, not to be photographed,” said Oona Brask, who leads the island fishing cooperative.",
        SUMMIT_V1.paragraphs[4],
    ),
    note="This story has been updated with additional developments.",
)

FERRY = DemoStory(
    path="/world/2025/08/28/ferry-strike-ends",
    headline="Ferry strike ends after crews accept new rota",
    authors=("Priya Hollander",),
    published="2025-08-28T07:15:00Z",
    modified="2025-08-28T07:15:00Z",
    paragraphs=(
        "Ferry crews on the Valmora–Skerrin route voted on Wednesday night to end a nine-day strike.",
        "The union said members had accepted a new rota that limits night shifts to four a month.",
        "Services are expected to return to the normal timetable by Saturday.",
    ),
)
