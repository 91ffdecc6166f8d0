"""Harbourline Daily (harbourline.example): a rendered React app whose blocks are tagged with data attributes."""

from monitor.extractors.rules import SiteRule

RULE = SiteRule(
    name="harbourline-daily",
    url_pattern=r"^https?://(www\.|m\.)?harbourline\.example/(news|business|sport)/",
    headline="[data-testid=headline]",
    byline="[data-testid=author-name]",
    body="[data-component=text-block]",
    drop=("[data-component=newsletter-signup]", "[data-component=most-read]"),
)
