"""The small word lists the name chunker leans on: titles, particles, calendar words, common sentence openers."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


PARTICLES = word_set("bin bint ibn de del della der den di da dos das du van von la le al el y ter zu")

# A title before a name is not part of it: "President Ilse Varga" → "Ilse Varga".
TITLES = word_set(
    "president president-elect vice-president minister ministers chancellor premier secretary mr mrs ms miss "
    "mx dr sir dame lord lady king queen prince princess emperor empress pope sheikh emir sultan senator sen "
    "rep representative gov governor mayor judge gen col lt capt sgt adm admiral colonel captain ambassador "
    "chairman chairwoman ceo cfo coo cto vp svp evp spokesman spokeswoman spokesperson commander reverend rev "
    "bishop archbishop cardinal professor prof coach datuk dato tan sri seri tun mec mp mep commissioner "
    "inspector superintendent supt detective det sergeant constable lieutenant councillor councilman "
    "councilwoman attorney founder co-founder cofounder commander-in-chief brig maj cpl pte insp hon "
    "ayatollah rabbi imam sheikha marshal field-marshal mr. mrs. ms. dr."
)
# Title words that also begin ordinary names ("General Motors", "Justice Department", "Chief Executive").
# They act as titles only beside an unambiguous title or before a name of two words or more.
SOFT_TITLES = word_set(
    "general chief prime supreme foreign defence defense finance interior home justice leader officer director "
    "chair acting former late father st saint crown vice deputy executive major head opposition party "
    "labour conservative republican democratic democrat independent state federal regional"
)
ABBREVIATIONS = word_set(
    "mr mrs ms dr st gen col lt capt sgt adm gov sen rep rev prof jr sr maj brig cpl pte insp supt det hon "
    "mt ft no vs inc ltd corp co messrs"
)
CALENDAR = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec today "
    "yesterday tomorrow gmt utc bst est edt cst cdt pst pdt cet cest aest aedt ist"
)
# A name head that takes "of"/"for": "Bank of England", "University of Wisconsin", "Institute for Fiscal Studies".
ORG_HEADS = word_set(
    "bank university department ministry republic institute centre center council court house church museum "
    "school college board office agency union commission league federation association society academy "
    "kingdom gulf bay sea isle isles strait cape duke duchess earl state states secretary committee "
    "organisation organization assembly chamber bureau service services foundation fund authority army "
    "navy corps order province city county district port lake mount river sultanate emirate "
    "principality archdiocese diocese party embassy consulate tribunal parliament congress coalition front "
    "movement alliance division"
)
# "… of Health and Human Services": "and" continues a name after one of these.
FIELDS = word_set(
    "health science sciences technology arts trade industry commerce culture sport sports education research "
    "energy environment development justice security affairs defence defense finance agriculture food "
    "fisheries housing transport transportation labour labor welfare media communications human"
)
NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion dozen dozens hundreds thousands millions billions half first second third "
    "fourth fifth"
)
# Words that begin place names ("New Mexico", "South Africa"): never dropped as a mere sentence opener.
PLACE_STARTERS = word_set(
    "new north south east west northern southern eastern western saint san santa los las port fort mount "
    "lake great upper lower central united little big old"
)
# Words that open sentences (and headings) in news copy without being names.
COMMON = NUMBER_WORDS | word_set(
    "a an and as at but by for from he her his i if in into it its of on or our she so that the their then "
    "there these they this those to we what when where which while who whom whose why with yet you your my "
    "me him them us was is are be been being were has have had do does did will would can could should may "
    "might must shall not no nor now after before also all both each every either neither however "
    "meanwhile officials according during despite since about over under among between through across "
    "against along around behind beyond near off out up down within without toward towards upon until "
    "unless although though because whether once even just only still already again here how many more most "
    "much some any several another such other others same few less least last next new old early earlier "
    "later late first second third final update updated correction editor note read watch photo video live "
    "breaking exclusive analysis opinion comment comments share follow subscribe advertisement sign "
    "like unlike instead rather perhaps maybe indeed yes thus hence therefore besides nevertheless "
    "nonetheless otherwise overall finally initially previously recently currently today tonight "
    "asked told said says added according authorities police officers witnesses residents experts critics "
    "analysts forecasters investigators prosecutors lawyers doctors researchers scientists supporters "
    "protesters voters leaders members workers families people children parents students teachers "
    "sources reports report data figures details plans talks negotiations there's it's that's what's "
    "let here's i'm i've i'll i'd we're we've they're you're he's she's don't can't won't isn't "
    "aren't wasn't weren't didn't doesn't hasn't haven't hadn't couldn't wouldn't shouldn't "
    "mr mrs ms dr please thank thanks sorry hello welcome dear see look consider imagine remember "
    "some most many much several few two three heavy light big small large major minor top key"
)
