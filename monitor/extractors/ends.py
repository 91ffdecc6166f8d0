"""Take what a page sets around a story off the ends of its body: the reader's tools above it, the asks below.

Pages put their own lines just above and below a story, inside the container a main-text read takes: "Print
article" and "Copy link" buttons and the page's address above it; "Follow us on Instagram", a newsletter
sign-up, "Click here to subscribe", an appeal for money under its own heading, the comment section's heading
and its house rules, a "Write to … at …" line and a podcast's promotion below it; a copyright or reprint notice
on either side. They are the page's, not the story's, and would show in a diff as an edit whenever the page
rewords them. They are taken off the ends only: the same words inside a story (a paragraph about a newspaper's
comment rules) are the story's, and a run of them is cut only while every line of it reads as one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_MAX_WORDS = 60  # a longer paragraph is story text, whatever words it opens with
_SOCIAL = r"twitter|facebook|instagram|youtube|tiktok|linkedin|bluesky|threads|mastodon|whatsapp|telegram|snapchat"
_COMMENT = r"comments?|kommentare?|comentários?|comentarios?|commentaires?|commenti|reacties|kommentarer"
_COMMENTS = r"comments|kommentare|comentários|comentarios|commentaires|commenti|reacties|kommentarer"
_QUOTES = '"“”„«»'
# lines below a story that speak to its reader: follow the publication, sign up, subscribe, comment
_TAIL = re.compile(
    rf"^(?:follow\b.{{0,200}}\b(?:{_SOCIAL}|coverage)\b.*"  # "Follow us on Instagram", "Follow AP's coverage at …"
    rf"|.*\b(?:sign up|subscribe|register)\b.{{0,80}}\bnewsletters?\b.*"  # "… sign up for our newsletters."
    r"|.*\bclick here\b.*"  # "Get the magazine monthly. Click here for more information."
    # a podcast's or a programme's promotion: "Listen to Harbour Radio live at 12:45 - or listen back here."
    r"|(?:how to )?listen\b.{0,120}\b(?:podcasts?|listen back|full episode|live at \d|spotify|apple podcasts|"
    r"itunes)\b.*"
    rf"|\d*\s*(?:{_COMMENT})"  # the comment section's heading: "Comments", "12 comments", "Kommentare"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply)\b.*"
    r"|(?:join|start) the (?:conversation|discussion)\b.*"
    r"|tell us what you think\b.*|have your say\b.*"
    # the publisher's own ask, never a quotation (see _quoted): "We'd like to hear what you think about …"
    r"|.*\b(?:we(?:['’]d| would) (?:like|love) to|we want to) hear (?:what you think|from you)\b.*"
    r"|kommentar (?:abgeben|schreiben|verfassen)\b.*"
    # "You must be logged in to post a comment" (not "signed the deal and declined to comment")
    r"|.*\b(?:log(?:ged)?[ -]?in|sign(?:ed)?[ -]?in|einloggen|anmelden)\b.{0,40}\b(?:comment|kommentar)\w*.*"
    # the comment section's house rules: comments are moderated, or will not be approved/published (not "declined
    # to comment on whether the plan would be approved")
    rf"|.*\b(?:{_COMMENTS})\b.{{0,160}}\b(?:moderat\w*|(?:not|nicht|não|pas|no)\b.{{0,40}}\b(?:approv\w*|aprovad\w*|"
    r"genehmigt|freigeschaltet|publi\w*|veröffentlicht))\b.*"
    r"|(?:write to|e-?mail|contact|reach)\b.{0,80}?\S+@[\w-]+(?:\.[\w-]+)+)$",  # "Write to Ana Ruiz at ana@…"
    re.IGNORECASE,
)
# a box below a story asking its reader for money: support our journalism, donate, subscribe (however long)
_APPEAL = re.compile(
    # said to the reader, as a sentence or a clause of its own: not "residents can become a member of the club"
    r"(?:^|[.!?:,]\s*)(?:please )?(?:support (?:us|our (?:\w+ ){0,2}?(?:journalism|reporting|newsroom|work))\b|"
    r"(?:donate|contribute) (?:now|today)\b|make a (?:donation|contribution)\b|"
    r"become a (?:member|subscriber|supporter)\b)"
    r"|\b(?:jetzt|bitte) (?:unterstützen|spenden|abonnieren)\b|\bunterstützen sie (?:uns|unsere|unseren|unser)\b"
    r"|\bjournalismus braucht (?:deine|ihre|eure) unterstützung\b|\bwerden sie (?:mitglied|abonnent)"
    r"|\bsoutenez[- ](?:nous|notre)\b|\bfaites un don\b|\bhazte (?:socio|suscriptor)\b",
    re.IGNORECASE,
)
_MAX_APPEAL_WORDS = 200
_MAX_LABEL_WORDS = 6  # the box's heading above an appeal: a few words, no sentence
_SENTENCE_END = re.compile(r"[.!?;:…\"”»]$")
# lines above a story: the page's tools ("Print article", "Order reprints", "Copy link"), its address
_HEAD = re.compile(
    r"^(?:print(?: this)?(?: article| page| story)?|order reprints|reprints?|e-?mail(?: this)?(?: article| story)?|"
    r"share(?: this)?(?: article| story)?|save(?: (?:article|story))?|copy link|link kopieren|artikel teilen|"
    r"drucken|teilen|merken|https?://\S+)$",
    re.IGNORECASE,
)
# the publisher's copyright or reprint notice, above or below a story
_NOTICE = re.compile(
    r"^.*\b(?:all rights reserved|for (?:your )?personal,? non-?commercial use only|"
    r"may not be (?:published|reproduced|redistributed|rewritten)\b.{0,40}\b(?:broadcast|rewritten|redistributed|"
    r"reproduced))\b.*$",
    re.IGNORECASE,
)


def trim_ends(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """``paragraphs`` without the page's own lines above and below the story; unchanged when only such lines
    are left (a page whose story is a link to subscribe is no story this can make out)."""
    start, end = 0, len(paragraphs)
    while start < end and (_is(_HEAD, paragraphs[start]) or _is(_NOTICE, paragraphs[start])):
        start += 1
    while end > start:
        last = paragraphs[end - 1]
        if _is(_TAIL, last) and not _quoted(last) or _is(_NOTICE, last) or _lead_in(last):
            end -= 1
        elif _appeal(last):
            end -= 1
            if end > start and _label(paragraphs[end - 1]):
                end -= 1
        else:
            break
    return tuple(paragraphs[start:end]) if end > start else tuple(paragraphs)


def _is(pattern: re.Pattern[str], text: str) -> bool:
    return len(text.split()) <= _MAX_WORDS and pattern.match(text.strip(" .…:!")) is not None


def _appeal(text: str) -> bool:
    return len(text.split()) <= _MAX_APPEAL_WORDS and _APPEAL.search(text) is not None


def _label(text: str) -> bool:
    return len(text.split()) <= _MAX_LABEL_WORDS and not _SENTENCE_END.search(text)


_MIN_LEAD_IN = 5  # words: "Sources:" or "Pictures:" heads a list of the story's own; a sentence points elsewhere


def _lead_in(text: str) -> bool:
    """A sentence that ends the body with a colon ("Find our latest reports in the live blog:"): it leads in to
    what the page set below it (a link, a box, an embed), which is not the story's."""
    return text.endswith(":") and _MIN_LEAD_IN <= len(text.split()) <= _MAX_WORDS


def _quoted(text: str) -> bool:
    """Whether the line quotes someone: a story's line ("'We want to hear from you,' the mayor said"), not the
    page's own ask."""
    return any(mark in text for mark in _QUOTES)
