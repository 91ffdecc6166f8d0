"""Nordufer Anzeiger (nordufer-anzeiger.example): a German regional paper; fact boxes sit between paragraphs."""

from monitor.extractors.rules import SiteRule

RULE = SiteRule(
    name="nordufer-anzeiger",
    url_pattern=r"^https?://(www\.)?nordufer-anzeiger\.example/(lokales|region|politik)/",
    headline="header.article-header h1",
    byline=".article-header .author-line a[rel=author]",
    body=".article-text > p, .article-text > h2",
    drop=(".article-text .infobox", ".article-text .paywall-teaser"),
)
