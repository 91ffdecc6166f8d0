"""A page's own boxes in or after the story, by kind: a media contact's card, a trust badge, a bare "MORE:"
pointer, a call for tips, a gift-article counter, a tag list whose label stands in its own element, a call to
follow a messaging channel, a republishing licence, a donation box, an opinion page's disclaimer, a rail of other
stories with their dates and a magazine's credits line. None is story text; story sentences that only mention
donations, e-mail, a channel, views or standards stay."""

from __future__ import annotations

import pytest

from monitor.extractors import extract
from monitor.extractors.lead import strip_furniture

HEADLINE = "Millbrook opens its first public cold-water swimming pond"
PARAGRAPHS = (
    "Millbrook's first public cold-water swimming pond opened on Saturday in a former gravel pit north of the "
    "town, after four years of fundraising by a volunteer group.",
    "The pond is fed by a spring and stays between six and eleven degrees all year, according to readings taken "
    "by the group since 2021.",
    "Lifeguards will be on duty at weekends from May to September, and swimmers on other days must sign a "
    "waiver at the gate.",
    "The group raised the last £18,000 needed for changing huts and a jetty in a single weekend in January.",
    "A season ticket costs £45, and children under twelve swim free with an adult.",
)


def _story(*blocks: str, before: str = "", after: str = "", classed: bool = False) -> str:
    """A page whose story is PARAGRAPHS (``blocks`` added among them after the third) in a ``<div>``, with
    ``before`` and ``after`` inside the ``<article>`` around it."""
    tag = "<p class='body-text'>" if classed else "<p>"
    story = [f"{tag}{p}</p>" for p in PARAGRAPHS]
    story[3:3] = blocks
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><main><article><h1>{HEADLINE}</h1>"
        f"<p class='byline'>By Wren Halloway</p>{before}<div class='story-body'>{''.join(story)}</div>{after}"
        "</article></main><footer><p>© 2025 Millbrook Courier</p></footer></body></html>"
    )


def _body(page: str) -> tuple[str, ...]:
    return extract(page, "https://millbrook-courier.example/news/cold-water-pond").body


@pytest.mark.parametrize(
    "card",
    [
        "<div class='field field--name-field-press-contact'><div class='field__label'>Press inquiries</div>"
        "<div class='field__item'><p>Ines Pocklington, Parks Trust, ines.p@parkstrust.example, 555-0192</p>"
        "</div></div>",
        "<div class='kontakt-box'><h4>Pressekontakt</h4><p>Jonas Feldmeier, Tel. 0421 555 0188</p></div>",
        "<div class='release-contact'><p>Contacto de prensa: Marta Quiles, prensa@aguasvivas.example</p></div>",
    ],
)
def test_a_media_contacts_card_after_the_story_is_no_paragraph(card: str) -> None:
    assert _body(_story(after=card)) == PARAGRAPHS


def test_a_story_sentence_that_gives_an_email_address_stays() -> None:
    """A sentence of the story with an address in it, the last paragraph: the story's own, not a card."""
    sentence = "Anyone who wants to volunteer as a lifeguard can email the group at swim@millbrookpond.example."
    page = _story(f"<p class='body-text'>{sentence}</p>", classed=True)
    assert _body(page) == (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    "badge",
    [
        "<div class='badge__wrap'><p><span class='badge__label'>Editorial standards: </span>"
        "<a href='/about/standards'>How the Courier reports.</a></p></div>",
        "<div class='confiance'><p><span>Nos principes : </span><a href='/charte'>La charte de la rédaction</a>"
        "</p></div>",
    ],
)
def test_a_trust_badge_after_the_story_is_no_paragraph(badge: str) -> None:
    assert _body(_story(after=badge)) == PARAGRAPHS


@pytest.mark.parametrize("label", ["MORE:", "More:", "MEHR:", "MÁS:"])
def test_a_bare_more_pointer_in_the_story_is_no_paragraph(label: str) -> None:
    pointer = f"<p><strong>{label} <a href='/news/lido-reopens'>Lido to reopen after two-year repair</a></strong></p>"
    assert _body(_story(pointer)) == PARAGRAPHS


@pytest.mark.parametrize(
    "appeal",
    [
        "<p class='body-text tipline'><em>Have a news tip? Write to us at desk@millbrook-courier.example.</em></p>",
        "<p class='body-text cta'>¿Tienes una historia? Escríbenos a redaccion@diario-sur.example o llama al "
        "900 000 111.</p>",
        "<p class='body-text hinweis'>Haben Sie einen Hinweis? Schreiben Sie uns: hinweise@kurier.example</p>",
    ],
)
def test_a_call_for_tips_in_its_own_box_is_no_paragraph(appeal: str) -> None:
    page = _story(classed=True).replace("</div></article>", f"{appeal}</div></article>")
    assert _body(page) == PARAGRAPHS


def test_a_story_paragraph_asking_for_information_stays() -> None:
    """A police appeal in the story: an address, a phone number, among paragraphs of the same class."""
    appeal = "Police asked anyone who saw the break-in to email witness@millbrook-police.example or call 101."
    page = _story(f"<p class='body-text'>{appeal}</p>", classed=True)
    assert _body(page) == (*PARAGRAPHS[:3], appeal, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    "counter",
    [
        "<div class='gift-bar'><span>You have 10 gift articles to give each month.</span></div>",
        "<div class='article-gift'><span>Puedes regalar 5 artículos al mes.</span></div>",
    ],
)
def test_a_gift_article_counter_above_the_story_is_no_paragraph(counter: str) -> None:
    assert _body(_story(before=counter)) == PARAGRAPHS


@pytest.mark.parametrize(
    "tags",
    [
        "<div class='kw'><span>Themen</span><a href='/thema/freibad'>Freibad</a><a href='/thema/sport'>Sport</a></div>",
        "<div class='etiquetas'><strong>Temas</strong><a href='/temas/natacion'>natación</a></div>",
        "<div class='topics'><h4>Topics</h4><a href='/topic/swimming'>Swimming</a><a href='/topic/parks'>Parks</a>"
        "</div>",
    ],
)
def test_a_tag_list_with_its_label_in_its_own_element_is_no_paragraph(tags: str) -> None:
    assert _body(_story(after=tags)) == PARAGRAPHS


@pytest.mark.parametrize(
    "call",
    [
        "<div class='wa-promo'><p>Follow us on WhatsApp: get the day's top stories straight to your phone.</p></div>",
        "<div class='canal'><p>Siga o canal do Diário no WhatsApp e receba as principais notícias.</p></div>",
        "<div class='kanal'><p>Ikuti saluran Telegram kami untuk kabar terbaru setiap hari.</p></div>",
    ],
)
def test_a_call_to_follow_a_channel_is_no_paragraph(call: str) -> None:
    assert _body(_story(after=call)) == PARAGRAPHS


def test_a_story_sentence_naming_a_whatsapp_channel_stays() -> None:
    sentence = "Follow-up notices will go out on the group's WhatsApp channel, its chair said on Sunday."
    page = _story(f"<p>{sentence}</p>")
    assert _body(page) == (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    "box",
    [
        "<div class='reuse'><h4>Republish this article</h4><p>You may republish this story under a Creative "
        "Commons licence (CC BY-NC-ND 4.0).</p></div>",
        "<div class='licencia'><p>Este artículo se publica bajo una licencia Creative Commons.</p></div>",
        "<div class='member-ask'><h4>Before you go</h4><p>Our reporting is free for everyone. Become a member for "
        "$5 a month.</p></div>",
        "<div class='spendenbox'><p>Unabhängiger Lokaljournalismus kostet Geld. Jetzt spenden!</p></div>",
    ],
)
def test_a_licence_or_donation_box_after_the_story_is_no_paragraph(box: str) -> None:
    assert _body(_story(after=box)) == PARAGRAPHS


def test_a_story_sentence_about_donations_stays() -> None:
    sentence = "Local businesses were asked to donate towels and a first-aid kit before the opening."
    page = _story(f"<p>{sentence}</p>")
    assert _body(page) == (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    "disclaimer",
    [
        "<div class='column-note'><p>Opinions expressed by our contributors are their own.</p></div>",
        "<div class='nota-opinion'><p>Las opiniones expresadas en esta columna son responsabilidad exclusiva de su "
        "autor.</p></div>",
    ],
)
def test_an_opinion_disclaimer_after_the_column_is_no_paragraph(disclaimer: str) -> None:
    assert _body(_story(after=disclaimer)) == PARAGRAPHS


def test_a_story_sentence_about_views_expressed_stays() -> None:
    sentence = "The views expressed at Tuesday's meeting were mostly those of its own members, the chair said."
    page = _story(f"<p>{sentence}</p>")
    assert _body(page) == (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    ("heading", "dates"),
    [
        ("More from this newsroom", ("March 3, 2025", "Feb. 27, 2025")),
        ("Du même auteur", ("3 mars 2025", "27 février 2025")),
    ],
)
def test_a_rail_of_other_stories_with_their_dates_is_no_paragraph(heading: str, dates: tuple[str, str]) -> None:
    rail = (
        f"<section class='rail'><h3>{heading}</h3><ul>"
        f"<li><a href='/news/lido-reopens'>Lido to reopen after two-year repair</a><span>{dates[0]}</span></li>"
        f"<li><a href='/news/river-clean-up'>River clean-up draws 300 volunteers</a><span>{dates[1]}</span></li>"
        "</ul></section>"
    )
    assert _body(_story(after=rail)) == PARAGRAPHS


def test_a_storys_own_list_of_links_that_says_something_of_each_stays() -> None:
    items = (
        "Ashby Lake – a shallow lake with a sandy beach, good for children.",
        "Kettle Quarry – deep and cold, for experienced swimmers only.",
    )
    box = (
        "<section class='factbox'><h3>Other places to swim</h3><ul>"
        + "".join(
            f"<li><a href='/places/{i}'>{t.split(' –')[0]}</a>{t[t.index(' –') :]}</li>" for i, t in enumerate(items)
        )
        + "</ul></section>"
    )
    body = _body(_story(box))
    assert items[0] in body and items[1] in body


@pytest.mark.parametrize(
    "line",
    [
        "Words by Wren Halloway Photography by Tomas Eng",
        "Text: Wren Halloway · Fotos: Tomas Eng",
        "Story by Wren Halloway | Photos by Tomas Eng",
    ],
)
def test_a_credits_line_below_the_deck_is_no_paragraph(line: str) -> None:
    deck = "A spring-fed pond in an old gravel pit is the town's newest place to swim."
    assert strip_furniture([deck, line, *PARAGRAPHS], [HEADLINE], ("Wren Halloway",)) == (deck, *PARAGRAPHS)


def test_a_story_sentence_crediting_photographs_stays() -> None:
    sentence = "Photographs by Tomas Eng of the opening day will hang in the library until June."
    assert strip_furniture([sentence, *PARAGRAPHS], [HEADLINE], ("Wren Halloway",)) == (sentence, *PARAGRAPHS)


def test_a_tag_list_with_its_label_in_a_paragraph_beside_it_goes_whole() -> None:
    tags = (
        "<div class='article-keywords'><p>Related topics:</p><div class='kw-list'>"
        "<a href='/tags/swimming/'>swimming</a><a href='/tags/parks/'>parks</a></div></div>"
    )
    assert _body(_story(after=tags)) == PARAGRAPHS


@pytest.mark.parametrize(
    "sentence",
    [
        "Organisers urged residents to donate now, saying the jetty fund was still £2,000 short.",
        "Join the queue early: the WhatsApp group set up by swimmers filled within an hour, its founder said.",
        "The views expressed by residents at the meeting do not necessarily match the council's survey results.",
    ],
)
@pytest.mark.parametrize("wrapped", [False, True])
def test_a_story_laid_out_as_a_run_of_like_blocks_keeps_each_sentence(sentence: str, wrapped: bool) -> None:
    """A wire's layout: a <div> per paragraph, or a <p> alone in each: no paragraph is a box of its own, whatever
    it mentions."""
    texts = (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])
    block = "<div class='article-body__para'><p class='txt'>{}</p></div>" if wrapped else "<div class='para'>{}</div>"
    page = (
        f"<html><head><title>{HEADLINE}</title></head><body><main><article><h1>{HEADLINE}</h1>"
        f"<div class='story-body'>{''.join(block.format(t) for t in texts)}</div></article></main></body></html>"
    )
    assert _body(page) == texts


def test_a_portuguese_story_sentence_opening_with_entre_and_naming_whatsapp_stays() -> None:
    sentence = "Entre os frequentadores, muitos souberam da abertura por um grupo de WhatsApp do bairro."
    page = _story(f"<p class='destaque'>{sentence}</p>")
    assert _body(page) == (*PARAGRAPHS[:3], sentence, *PARAGRAPHS[3:])


@pytest.mark.parametrize(
    "box",
    [
        "<div class='gift-cta'><p>Puoi regalare 3 articoli al giorno ai tuoi amici.</p></div>",
        "<div class='article-perks'><span>You can gift 10 more articles this month.</span></div>",
        "<div class='kanal-cta'><p>En son haberler için WhatsApp kanalımızı takip edin!</p></div>",
        "<div class='opinion-note'><p>The opinions in this column are the author's own.</p></div>",
        "<div class='gast-hinweis'><p>Dieser Gastbeitrag gibt die Meinung der Autorin wieder.</p></div>",
        "<div class='newsroom-tips'><p>If you have a story, email us at desk@millbrook-courier.example.</p></div>",
    ],
)
def test_more_wordings_of_the_boxes_kinds_are_no_paragraphs(box: str) -> None:
    assert _body(_story(after=box)) == PARAGRAPHS


def test_a_rail_of_other_stories_in_blocks_not_a_list_is_no_paragraph() -> None:
    rail = (
        "<div class='more-stories'><h3>Latest from Millbrook</h3>"
        "<div class='entry'><a href='/news/lido-reopens'>Lido to reopen after two-year repair</a>"
        "<time>12 March 2025</time></div><div class='entry'><a href='/news/river-clean-up'>River clean-up draws "
        "300 volunteers</a><time>9 March 2025</time></div></div>"
    )
    assert _body(_story(after=rail)) == PARAGRAPHS
