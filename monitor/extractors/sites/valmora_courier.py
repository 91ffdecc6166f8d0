"""Valmora Courier (valmoracourier.example): a classic CMS page, related links and ad slots inside the story."""

from monitor.extractors.rules import SiteRule

RULE = SiteRule(
    name="valmora-courier",
    url_pattern=r"^https?://(www\.)?valmoracourier\.example/",
    headline="h1.vc-headline",
    byline=".vc-byline .vc-byline__name",
    body="div.vc-article-body",
    drop=(".vc-inline-related", ".vc-ad-slot", ".vc-article-body .vc-photo-credit"),
)
