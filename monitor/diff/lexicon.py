"""The small word lists the name chunker leans on (titles, particles, calendar words, common sentence openers, per
language where they differ) and the language of a text by its commonest words."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache


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

# Nationality, regional and faith adjectives: alone ("Indian", "Ukrainian officials") they are no name; inside one they
# stay ("Indian Ocean", "Dutch Safety Board"). Their plurals ("Ukrainians") are read through them.
DEMONYMS = word_set(
    "afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian "
    "azerbaijani bahraini bangladeshi belarusian belgian beninese bolivian bosnian brazilian british bruneian "
    "bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian chilean chinese colombian "
    "congolese croatian cuban cypriot czech danish djiboutian dominican dutch ecuadorian egyptian emirati "
    "eritrean estonian ethiopian fijian filipino finnish french gabonese gambian georgian german ghanaian "
    "greek guatemalan guinean haitian honduran hungarian icelandic indian indonesian iranian iraqi irish "
    "israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean kosovan kuwaiti kyrgyz lao "
    "latvian lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian "
    "maldivian malian maltese mauritanian mauritian mexican moldovan monegasque mongolian montenegrin "
    "moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian omani pakistani "
    "palestinian panamanian paraguayan peruvian polish portuguese qatari romanian russian rwandan salvadoran "
    "samoan saudi scottish senegalese serbian singaporean slovak slovakian slovenian somali sudanese "
    "surinamese swedish swiss syrian taiwanese tajik tanzanian thai tibetan togolese tongan tunisian turkish "
    "turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean "
    "english european african asian arab arabic kurdish kurd persian catalan basque flemish "
    "scandinavian nordic sahrawi uyghur uighur rohingya tamil sikh "
    "jewish muslim christian catholic protestant hindu buddhist sunni shia shiite"
)

# Per language: titles before a name, cut off it ("Bundeskanzlerin Ilse Varga" → "Ilse Varga"), and the days,
# months and relative days that split a run. Only for text in that language: "Don", "M." and "Domingo" are
# names elsewhere.
FOREIGN_TITLES = {
    "de": word_set(
        "herr frau herrn bundeskanzler bundeskanzlerin kanzler kanzlerin präsident präsidentin bundespräsident "
        "bundespräsidentin ministerpräsident ministerpräsidentin bundesminister bundesministerin ministerin "
        "staatssekretär staatssekretärin bürgermeister bürgermeisterin oberbürgermeister oberbürgermeisterin "
        "landrat landrätin abgeordnete abgeordneter sprecher sprecherin papst könig königin fürst fürstin"
    ),
    "fr": word_set("m mme mlle président présidente ministre maire député députée sénateur sénatrice premier première"),
    "es": word_set(
        "señor señora sr sra don doña presidente presidenta ministro ministra alcalde alcaldesa diputado diputada"
    ),
}
FOREIGN_CALENDAR = {
    "de": word_set(
        "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag januar jänner februar märz mai "
        "juni juli oktober dezember heute gestern morgen vormittag nachmittag abend"
    ),
    "fr": word_set(
        "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août "
        "septembre octobre novembre décembre aujourd'hui hier demain"
    ),
    "es": word_set(
        "lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto "
        "septiembre setiembre octubre noviembre diciembre hoy ayer mañana"
    ),
}
# Per language: the function words that open its sentences without being names (articles, pronouns,
# prepositions, conjunctions, adverbs), and — for languages that capitalise every noun — the words that
# make the next capitalised word an ordinary noun ("die Steuer", "zwei Jahre").
FUNCTION_WORDS = {
    "de": word_set(
        "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner keines "
        "im am zum zur vom beim ins ans aufs und oder aber doch denn sondern dass ob wenn als wie weil da "
        "damit während nachdem bevor seit bis obwohl ich du er sie es wir ihr man sich mich dich uns euch "
        "mein meine sein seine ihre unser unsere dieser diese dieses diesen diesem jener jene jeder jede "
        "jedes jeden jedem welche welcher welches alle viele mehrere einige wenige manche beide andere "
        "weitere zahlreiche etwa rund fast nur noch schon auch nicht nie nun dann danach damals jetzt "
        "heute bereits zudem außerdem jedoch dennoch trotzdem deshalb daher somit so hier dort laut "
        "in an auf aus bei mit nach von vor zu über unter zwischen durch für gegen ohne um neben hinter "
        "trotz wegen innerhalb außerhalb gegenüber seitdem ab was wer wo wann warum wieso weshalb "
        "ist sind war waren wird werden wurde wurden hat haben hatte hatten kann können soll sollen muss "
        "müssen will wollen darf dürfen gibt gab es's ja nein bitte sehr mehr weniger zwar etwa erst "
        "immer wieder allerdings inzwischen mittlerweile zunächst später zuvor vorher künftig dabei dafür "
        "dagegen darum davon dazu darauf daraus darüber stattdessen ebenfalls ebenso sogar kaum"
    ),
    "fr": word_set(
        "le la les l' un une des du au aux ce cet cette ces il elle ils elles on nous vous je tu "
        "et ou mais donc or ni car que qui quoi dont où si quand comme dans pour par sur sous avec sans "
        "selon depuis pendant avant après entre vers chez contre malgré lors parmi en de d' à "
        "son sa ses leur leurs notre nos votre vos mon ma mes cela ceci ça tout tous toute toutes "
        "plusieurs certains certaines aucun aucune chaque autre autres ainsi alors aussi encore enfin "
        "pourtant cependant toutefois puis ensuite déjà désormais ici là oui non c'est il y est sont"
    ),
    "es": word_set(
        "el la los las lo un una unos unas del al y e o u pero sino que quien quienes cual cuales donde "
        "cuando como si en con por para sin sobre bajo entre hacia hasta desde durante según tras contra "
        "ante de a su sus mi mis tu tus nuestro nuestra nuestros nuestras este esta estos estas ese esa "
        "esos esas aquel aquella ello ella ellos ellas él nosotros usted ustedes yo se le les todo toda "
        "todos todas otro otra otros otras cada varios varias algunos algunas ningún ninguna también además "
        "sin embargo aunque así ya aún hoy ahora luego después antes entonces allí aquí sí no es son fue "
        "han ha hay"
    ),
}
# The words most frequent in each language's running text, which tell the languages apart.
MARKERS = {
    "de": word_set("der die das und ist nicht mit den sich auf für dem von zu im eine auch wird wurde bei nach"),
    "fr": word_set("le la les et est une dans pour que qui du au sur pas par ce avec sont des"),
    "es": word_set("el la los las y del que en una por con para es se al lo como más"),
    "en": word_set("the and of to in is that for on with as was by at it from"),
}
NOUN_CAPITALISING = frozenset({"de"})
# In such a language, lower-case words that make the next capitalised word an ordinary noun ("die Steuer",
# "viele Menschen"); a digit does too ("80 Millionen").
NOUN_MARKERS = {
    "de": word_set(
        "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner keines im "
        "am zum zur vom beim ins ans aufs mein meine meinen meinem meiner sein seine seinen seinem seiner "
        "ihr ihre ihren ihrem ihrer unser unsere unseren unserem dieser diese dieses diesen diesem jeder jede "
        "jedes jeden jedem welche welcher welches alle allen viele vielen mehrere mehreren einige einigen "
        "wenige wenigen manche beide beiden andere anderen weitere weiteren zahlreiche zahlreichen solche "
        "zwei drei vier fünf sechs sieben acht neun zehn zwölf hundert tausend"
    ),
}


def language_of(text: str) -> str | None:
    """The language of running ``text`` by its commonest words ("de", "fr", "es", "en"), or None when unclear.

    Only the first 2,000 characters are read (a diff asks for both versions' text, which mostly begin alike).
    """
    return _language_of(text[:2000])


@lru_cache(maxsize=32)
def _language_of(text: str) -> str | None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 20:
        return None
    counts = Counter(words)  # each marker looked up once, not each word once per language
    scores = sorted(((sum(counts[m] for m in markers), code) for code, markers in MARKERS.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    return code if best >= max(5, len(words) // 25) and best >= 1.5 * second else None
