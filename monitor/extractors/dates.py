"""Turn the date strings publishers write into aware UTC datetimes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_FORMATS = (
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y %H:%M",
    "%B %d, %Y",
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y",
    "%d %B %Y %H:%M",
    "%d %B %Y",
    "%d %b %Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y%m%d",
    "%a %b %d %H:%M:%S %Y",  # Java's Date.toString(), once its zone name is taken off
)
_TZ_NAMES = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CST": "-06:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
    "HST": "-10:00",
    "WET": "+00:00",
    "WEST": "+01:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "MEZ": "+01:00",
    "MESZ": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "МСК": "+03:00",  # (Moscow time as Russian writes it)
    "мск": "+03:00",
    "SAST": "+02:00",
    "CAT": "+02:00",
    "WAT": "+01:00",
    "EAT": "+03:00",
    "PKT": "+05:00",
    "PHT": "+08:00",
    "WIB": "+07:00",
    "HKT": "+08:00",
    "SGT": "+08:00",
    "AWST": "+08:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "ACST": "+09:30",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
}
# a zone named without saying whether summer time is on ("12:30 PM ET"): the region's clock on that day
_TZ_REGIONS = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_TZ_WORDS = "|".join(sorted(_TZ_NAMES.keys() - {"Z"}, key=len, reverse=True))
_TZ_SUFFIX = re.compile(r"\s*\b(" + _TZ_WORDS + r")$")
_TZ_BEFORE_YEAR = re.compile(r"\s\b(" + _TZ_WORDS + r")\s+(\d{4})$")
_HHMM_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


# a zone written after the time: "+02:00", "+0200", "GMT+0200 (Central European Summer Time)", "UTC+2",
# "[Europe/Berlin]"; only after a clock time, so the day of an ISO date ("2023-04-28") is never read as one
_AFTER_CLOCK = r"(?P<rest>.*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[aApP]\.?[mM]\.?)?)"
_NUMERIC_ZONE = re.compile(
    _AFTER_CLOCK
    + r"\s*(?P<open>\()?\s*(?:GMT|UTC)?\s*(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?"
    + r"(?(open)\s*\)|(?:\s*\([^)]*\))?)$",
    re.IGNORECASE,
)
_NAMED_ZONE = re.compile(_AFTER_CLOCK + r"\s*\[(?P<name>[A-Za-z_]+(?:/[A-Za-z_+-]+)+)\]$")
_ABBREVIATED_ZONE = re.compile(
    _AFTER_CLOCK
    + r"\s*(?P<open>\(\s*)?\b(?P<abbr>"
    + "|".join([*_TZ_NAMES, *_TZ_REGIONS])
    + r")\b(?(open)\s*\)|(?:\s*\([^)]*\))?)$"
)


def parse_date(text: str | None) -> datetime | None:
    """An aware UTC datetime for ISO 8601, RFC 2822 and common written forms, the page's offset applied;
    None when unreadable."""
    return read_date(text)[0]


DAY, CLOCK, ZONED = "day", "clock", "zoned"  # what a date string states: a day only, a time without its zone, both
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")  # seconds or milliseconds since 1970 ("1762590240000")
_MERIDIEM = re.compile(r"\d\s*[ap]\.?m\b", re.IGNORECASE)


def stated_offset(text: str | None) -> timedelta | None:
    """The offset from UTC a time states with it ("2025-04-22T19:10:00-03:00" → -3 h); None when it states none."""
    if not text or _EPOCH.match(text.strip()):
        return None
    value = _read(" ".join(text.split()).replace("Sept.", "Sep.").replace(".,", ","))
    return value.utcoffset() if value is not None and value.tzinfo is not None else None


def _read(text: str) -> datetime | None:
    value = _iso(text)
    if value is None:
        text, zone = _zone(text)
        value = _iso(text) or _written(text) or _rfc2822(text) or _running(text)
        if value is not None and value.tzinfo is None and zone is not None:
            value = value.replace(tzinfo=zone)
    return value


def read_date(text: str | None) -> tuple[datetime | None, str]:
    """:func:`parse_date`, and what the text stated: ``DAY`` (a date alone: midnight UTC stands for it),
    ``CLOCK`` (a time without its zone: read as UTC, which it may not be) or ``ZONED``."""
    if not text:
        return None, DAY
    text = " ".join(text.split()).replace("Sept.", "Sep.").replace(".,", ",")
    if not text or not any(ch.isdigit() for ch in text):
        return None, DAY
    if _EPOCH.match(text):
        return datetime.fromtimestamp(int(text[:10]), UTC), ZONED
    value = _iso(text)
    if value is None:
        text, zone = _zone(text)
        value = _iso(text) or _written(text) or _rfc2822(text) or _running(text)
        if value is not None and value.tzinfo is None and zone is not None:
            value = value.replace(tzinfo=zone)
    if value is None:
        return None, DAY
    precision = ZONED if value.tzinfo is not None else CLOCK if ":" in text else DAY
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC), precision


def zoned_twin(value: datetime, precision: str, others: Iterable[tuple[datetime, str]]) -> datetime | None:
    """The same moment written elsewhere on the page with more said about it, for a time read as less.

    A time without its zone (read as UTC) and another layer's zoned time a whole number of quarter hours
    away, within a day's offsets, show one wall clock: the zone is the page's ("18:11:01" in one tag and
    "18:11:01+02:00" in another is 16:11 UTC, not 18:11). No gap at all is a twin too: "18:11:01" beside
    "18:11:01Z" is UTC's clock, stated (never the page's local clock). A day alone takes a time another layer
    gives on it.
    """
    for other, said in others:
        if precision == DAY and said != DAY and other.date() == value.date():
            return other
        gap = abs((value - other).total_seconds())
        if precision == CLOCK and said == ZONED and gap <= _MAX_OFFSET and gap % 900 == 0:
            return other
    return None


_MAX_OFFSET = 14 * 3600


def best_reading(readings: list[tuple[datetime, str]]) -> int:
    """Which of one field's readings, in the order of trust, to keep: the first, unless a later one is its
    :func:`zoned_twin`."""
    if not readings:
        return 0
    value, precision = readings[0]
    twin = zoned_twin(value, precision, readings[1:])
    return next(i for i, (other, _) in enumerate(readings) if other is twin) if twin is not None else 0


def _zone(text: str) -> tuple[str, tzinfo | None]:
    """``text`` without a zone written after its time, and that zone (None when it names none)."""
    if ":" not in text:
        return text, None  # (each zone is read only after a clock time, which has a colon)
    if match := _NUMERIC_ZONE.match(text):
        hours, minutes = int(match["hours"]), int(match["minutes"] or 0)
        if hours <= 14 and minutes < 60:
            sign = -1 if match["sign"] == "-" else 1
            return match["rest"], timezone(sign * timedelta(hours=hours, minutes=minutes))
    if match := _NAMED_ZONE.match(text):
        try:
            return match["rest"], ZoneInfo(match["name"])
        except (ZoneInfoNotFoundError, ValueError):
            return match["rest"], None
    if match := _ABBREVIATED_ZONE.match(text):
        if region := _TZ_REGIONS.get(match["abbr"]):
            return match["rest"], ZoneInfo(region)
        return match["rest"], datetime.fromisoformat("2000-01-01T00:00" + _TZ_NAMES[match["abbr"]]).tzinfo
    return text, None


def _iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    candidate = _HHMM_OFFSET.sub(r"\1:\2", candidate) if "T" in candidate else candidate
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    if _MERIDIEM.search(text):
        return None  # RFC 2822 knows no "PM": its parser reads "3:30 PM" as 03:30
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _running(text: str) -> datetime | None:
    """A day and maybe a time as running text writes them, without a zone ("Thu, August 11, 2016 at 3:30 PM")."""
    day = _find_day(text)
    if day is None:
        return None
    year, (month, date), span = day
    clock = _CLOCK.search(text[span[1] :])
    hour = minute = 0
    if clock:
        hour, minute = _clock_time(clock)
    try:
        return datetime(year, month, date, hour, minute)
    except ValueError:
        return None


# what each of ``_FORMATS`` can read, loosely: a text no shape takes, strptime would refuse (each directive's shape
# takes all its own pattern takes, month and day names being letters; white space and the rest as strptime reads
# them), so the ~18 failing strptime calls a line of story text costs are spared
_DIRECTIVE_SHAPES = {
    "Y": r"\d{4}",
    "m": r"\d{1,2}",
    "d": r" ?\d{1,2}",  # (strptime's %d also takes " 5")
    "H": r"\d{1,2}",
    "I": r"\d{1,2}",
    "M": r"\d{1,2}",
    "S": r"\d{1,2}",
    "z": r"(?:[+-]\d\d:?\d\d(?::?\d\d(?:\.\d{1,6})?)?|Z)",
    "B": r"[^\W\d_]+",
    "b": r"[^\W\d_]+",
    "a": r"[^\W\d_]+",
    "p": r"[^\W\d_]+",
}


def _shape(fmt: str) -> str:
    """A pattern taking all that ``datetime.strptime(…, fmt)`` can read (as its own pattern is built: case-blind,
    a white space run for each of the format's)."""
    parts = re.split(r"(%.|\s+)", fmt)
    return "".join(
        _DIRECTIVE_SHAPES[part[1]] if part.startswith("%") else r"\s+" if part.isspace() else re.escape(part)
        for part in parts
        if part
    )


@cache  # (compiled when a date is first read, not when the module is imported)
def _shaped_formats() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((fmt, re.compile(_shape(fmt), re.IGNORECASE)) for fmt in _FORMATS)


_ABBREVIATED_DOT = re.compile(r"^[A-Za-z]{3,4}\.")
_AT = re.compile(r"\s+at\s+")


def _written(text: str) -> datetime | None:
    offset = ""
    java = _TZ_BEFORE_YEAR.search(text)  # "Fri Apr 28 19:20:36 CEST 2023"
    if java:
        text = f"{text[: java.start()]} {java.group(2)} {java.group(1)}"
    match = _TZ_SUFFIX.search(text)
    if match:
        offset = _TZ_NAMES[match.group(1)]
        text = text[: match.start()]
    text = text.replace(".", "") if _ABBREVIATED_DOT.match(text) else text
    text = _AT.sub(" ", text.strip().rstrip(","))
    for fmt, shape in _shaped_formats():
        if not shape.fullmatch(text):
            continue  # (strptime would refuse it)
        try:
            value = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if offset and value.tzinfo is None:
            value = datetime.fromisoformat(value.isoformat() + offset)
        return value
    return None


# month names in the languages pages come in, with the forms a date writes them in (Slavic and Baltic genitives:
# "3. dubna 2025", "3 апреля 2025", "balandžio 3 d."; Finnish partitive "3. huhtikuuta"; Greek genitive "3 Απριλίου";
# Latvian locative "3. aprīlī") and their short forms (Hungarian "ápr.", Finnish "huhtik."). Croatian writes October
# "listopad(a)", which Polish and Czech write November: October on a page in Croatian, Bosnian or Serbian, else November
# (``_month_of``)
_MONTH_WORDS = (
    (
        "january jan januar janvier enero gennaio januari ene gen janeiro stycznia styczeń ocak जनवरी "
        "leden ledna január januára siječanj siječnja sijecanj sijecnja januara janvāris janvārī jaanuar jaan "
        "ianuarie ιανουάριος ιανουαρίου ιαν январь января січень січня януари sausis sausio "
        "tammikuu tammikuuta tammik"
    ),
    (
        "february feb februar février fevrier febrero febbraio februari févr fevr fevereiro fev lutego luty şubat "
        "फरवरी फ़रवरी únor února február februára veljača veljače veljaca veljace februara februāris februārī "
        "veebruar veebr februarie febr φεβρουάριος φεβρουαρίου φεβ февраль февраля февр лютий лютого "
        "февруари vasaris vasario helmikuu helmikuuta helmik"
    ),
    (
        "march mar märz maerz mars marzo maart mär mrt março marco marts marca marzec mart मार्च "
        "březen března brezen brezna marec ožujak ožujka ozujak ozujka marta martā märts március márc martie "
        "μάρτιος μαρτίου μαρ март марта березень березня kovas kovo maaliskuu maaliskuuta maalisk maret mac"
    ),
    (
        "april apr avril abril aprile avr abr kwietnia kwiecień nisan अप्रैल "
        "duben dubna apríl apríla travanj travnja aprila aprīlis aprīlī aprill április ápr aprilie "
        "απρίλιος απριλίου απρ апрель апреля квітень квітня април balandis balandžio huhtikuu huhtikuuta huhtik"
    ),
    (
        "may mai mayo maggio mei maio maj maja mayıs mayis मई "
        "květen května kveten kvetna máj mája svibanj svibnja maijs maijā május μάιος μαΐου "
        "май мая травень травня gegužė gegužės toukokuu toukokuuta toukok"
    ),
    (
        "june jun juni juin junio giugno giu junho czerwca czerwiec haziran जून "
        "červen června cerven cervna jún júna lipanj lipnja juna junij junija jūnijs jūnijā juuni június jún "
        "iunie iun ιούνιος ιουνίου ιουν июнь июня червень червня юни birželis birželio kesäkuu kesäkuuta kesäk"
    ),
    (
        "july jul juli juillet julio luglio juil lug julho lipca lipiec temmuz जुलाई "
        "červenec července cervenec cervence júl júla srpanj srpnja jula julij julija jūlijs jūlijā juuli "
        "július júl iulie iul ιούλιος ιουλίου ιουλ июль июля липень липня юли liepa liepos heinäkuu heinäkuuta "
        "heinäk julai"
    ),
    (
        "august aug août aout agosto augustus augusti ago sierpnia sierpień ağustos agustos अगस्त "
        "srpen srpna augusta kolovoz kolovoza avgust avgusta augusts augustā augusztus αύγουστος αυγούστου αυγ "
        "август августа серпень серпня rugpjūtis rugpjūčio elokuu elokuuta elok agustus ogos"
    ),
    (
        "september sep sept septembre septiembre settembre set setembro setiembre września wrzesień eylül "
        "सितंबर सितम्बर září zari septembra rujan rujna septembar septembris septembrī szeptember szept "
        "septembrie σεπτέμβριος σεπτεμβρίου σεπ сентябрь сентября сент вересень вересня септември rugsėjis "
        "rugsėjo syyskuu syyskuuta syysk"
    ),
    (
        "october oct oktober octobre octubre ottobre okt ott outubro out października październik ekim अक्टूबर "
        "अक्तूबर říjen října rijen rijna október októbra oktobar oktobra oktobris oktobrī oktoober "
        "octombrie οκτώβριος οκτωβρίου οκτ октябрь октября жовтень жовтня октомври spalis spalio lokakuu "
        "lokakuuta lokak"
    ),
    (
        "november nov novembre noviembre novembro listopada listopad kasım kasim नवंबर नवम्बर "
        "listopadu novembra studeni studenoga studenog novembar novembris novembrī noiembrie νοέμβριος "
        "νοεμβρίου νοε ноябрь ноября нояб листопад листопада ноември lapkritis lapkričio marraskuu "
        "marraskuuta marrask"
    ),
    (
        "december dec dezember décembre decembre diciembre dicembre dez déc dic dezembro desember des grudnia "
        "grudzień aralık aralik दिसंबर दिसम्बर prosinec prosince prosinac prosinca decembra decembar "
        "decembris decembrī detsember dets decembrie δεκέμβριος δεκεμβρίου δεκ декабрь декабря грудень грудня "
        "декември gruodis gruodžio joulukuu joulukuuta jouluk desember disember"
    ),
)
# Arabic (Egypt's and the Gulf's names, the Maghreb's, the Levant's one-word ones) and Hebrew month names
_ARABIC_HEBREW_MONTHS = (
    "يناير جانفي ינואר",
    "فبراير فيفري شباط פברואר",
    "مارس آذار מרץ מרס",
    "أبريل ابريل إبريل أفريل نيسان אפריל",
    "مايو ماي أيار מאי",
    "يونيو يونيه جوان حزيران יוני",
    "يوليو يوليه جويلية تموز יולי",
    "أغسطس اغسطس أوت آب אוגוסט",
    "سبتمبر أيلول ספטמבר",
    "أكتوبر اكتوبر אוקטובר",
    "نوفمبر נובמבר",
    "ديسمبر דצמבר",
)
_MONTHS = {
    name: number
    for number, names in enumerate(zip(_MONTH_WORDS, _ARABIC_HEBREW_MONTHS, strict=True), start=1)
    for name in " ".join(names).split()
}
_HEBREW_IN = "ב"  # "בדצמבר": in December


def month_number(word: str) -> int | None:
    """The month a name says (any case; Greek also without its accents, as capitals write it: "ΑΠΡΙΛΙΟΥ")."""
    word = word.lower()
    if word.startswith(_HEBREW_IN) and word[1:] in _MONTHS:
        return _MONTHS[word[1:]]
    return _MONTHS.get(word) or (_UNACCENTED_GREEK.get(word) if "\u0370" <= word[:1] <= "\u03ff" else None)


_UNACCENTED_GREEK = {
    unicodedata.normalize("NFD", name).replace("\u0301", "").replace("\u0308", ""): number
    for name, number in _MONTHS.items()
    if "\u0370" <= name[:1] <= "\u03ff"
}
# a word in Devanagari (Hindi: "जून"), whose vowel signs are no word characters to ``re``, or in a script without such
_DEVANAGARI = "\u0900-\u0963\u0971-\u097f"  # (not its digits and stops)
_WORD = rf"[{_DEVANAGARI}]{{2,12}}|[^\W\d_]{{2,12}}"
_MONTH = rf"({_WORD})\.?"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+" + _MONTH + r",?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"(?<![^\W\d_])" + _MONTH + r"\s+(\d{1,2}),?\s+(\d{4})\b")
# Spanish and Portuguese: "3 de mayo de 2024", "1º de março de 2024", "3 de mayo del 2024"
_DAY_DE_MONTH = re.compile(r"\b(\d{1,2})[º°]?\s+de\s+" + _MONTH + r",?\s+(?:del?\s+)?(\d{4})\b", re.IGNORECASE)
# the year first, then the month's name and the day: Hungarian "2025. április 3.", "2025. ápr. 3.", Lithuanian
# "2025 m. balandžio 3 d." (groups: year, month, day)
# "2025. április 3.", "2025 m. balandžio 3 d.": only Hungarian's and Lithuanian's month names, after the year's dot
# or "m." (a year before an ordinary word is no date: "budget 2026 des 27 États", "In 2026 may 12 teams")
_YEAR_FIRST_MONTHS = (
    "január február március április május június július augusztus szeptember október november december "
    "jan febr márc ápr máj jún júl aug szept okt nov dec "
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio"
)
_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:\.|\s+m\.)\s+("
    + "|".join(sorted(_YEAR_FIRST_MONTHS.split(), key=len, reverse=True))
    + r")\.?\s+(\d{1,2})(?!\d)(?=\.|\s+d\.|-)",
    re.IGNORECASE,
)
# Latvian: "2025. gada 3. aprīlī" (groups: year, day, month)
_GADA = re.compile(r"(?<!\d)((?:19|20)\d{2})\.\s*gada\s+(\d{1,2})\.\s*" + _MONTH, re.IGNORECASE)
# Vietnamese names a month by its number: "3 tháng 4, 2025", "ngày 3 tháng 4 năm 2025" (groups: day, month, year)
_THANG = re.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})\b", re.IGNORECASE)
# Thai month names, full and short ("3 เมษายน 2568", "3 เม.ย. 2568"): Thai's vowel signs are no word characters
# to ``re``, so the names are spelt out; a year of the Buddhist era (2568 = 2025) is 543 years ahead
_THAI_MONTHS = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)
_THAI_MONTH = {name: number for number, names in enumerate(_THAI_MONTHS, start=1) for name in names}
_THAI_MONTH_NAMES = "|".join(re.escape(name) for name in sorted(_THAI_MONTH, key=len, reverse=True))
_THAI_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s*({_THAI_MONTH_NAMES})\s*(\d{{4}})(?!\d)")
_BUDDHIST_ERA = 543
_BUDDHIST_YEARS = 2400  # a year in numbers past it, on a page in Thai, is the Buddhist era's (2400 BE = 1857)
_LAST_YEAR = 2200  # a later year read from a page is another calendar's
# (Czech, Slovak and German may set a space after each dot: "9. 10. 2026")
_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
# year first, as Chinese, Japanese and Korean write a day: "2025年6月5日", "2025년 6월 5일", "2025.06.05"; never
# part of a longer run of numbers ("2025.06.051", "Build 2024.10.12.7": no day)
_YEAR_FIRST = re.compile(
    r"(?<!\d)((?:19|20)\d{2})"
    r"(?:\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]|\.\s?(\d{1,2})\.\s?(\d{1,2})(?!\d|\.\d))"
)
# "13/06/2024", "06-13-2024", "18.06.25", "11.03.17": day first or month first, which only the numbers or the words
# around them tell (a dotted date with its full year is read day first: ``_NUMERIC``)
_SLASHED = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|\.\d)")
# words a day-first writing puts around its date: "13/06/2024 à 22h40", "kl. 10.05", "14:00 Uhr", "às 10h20"
# words a day-first writer sets right after a numeric date, before its time ("13/06/2024 à 22h40", "12.03.2024
# kl. 10.05", "04-05-2024 om 10:20"): read only there, since "de" or "um" elsewhere in a line say nothing of it
_DAY_FIRST_AFTER = re.compile(
    r"[\s,–-]{0,3}(?:(?:à|às|a las|kl\.?|klo|um|om|alle(?: ore)?|ore)\s*\d|\d{1,2}h\d{2})", re.IGNORECASE
)
# a time of day: "10:20", "10.20", "10h20", "3:20 p.m. EDT", "14時30分", "오후 3:20" (Korean, Japanese and Chinese
# set the afternoon's word before the time: 오후, 午後, 下午)
_CLOCK = re.compile(
    r"(?:(?P<before>오전|오후|午前|午後|上午|下午)\s*)?(?:\b|(?<=[日일前後午]))(?P<hour>\d{1,2})"
    r"(?:[:.h]|\s*[時时시]\s*)(?P<minute>\d{2})(?::\d{2})?\s*(?P<meridiem>a\.?m\.?|p\.?m\.?|(?:ص|م|صباحا|صباحًا|مساء|مساءً)(?!\w))?"
    r"(?:\s*(?:uhr|h|分|분))?\s*(?P<zone>[A-Z]{2,4})?\b",
    re.I,
)
_AFTERNOON = frozenset({"오후", "午後", "下午"})
# Arabic's "morning" and "evening" after a time (ص, م: their first letters), as a.m. and p.m.
_ARABIC_MERIDIEM = {"ص": "am", "صباحا": "am", "صباحًا": "am", "م": "pm", "مساء": "pm", "مساءً": "pm"}


def _clock_time(clock: re.Match[str]) -> tuple[int, int]:
    """(hour, minute) of a ``_CLOCK`` match, on a 24-hour clock."""
    hour, minute = int(clock["hour"]), int(clock["minute"])
    meridiem = _ARABIC_MERIDIEM.get(clock["meridiem"] or "") or (clock["meridiem"] or "").lower().replace(".", "")
    if clock["before"]:
        meridiem = "pm" if clock["before"] in _AFTERNOON else "am"
    return (hour % 12 + (12 if meridiem == "pm" else 0) if meridiem else hour), minute


def visible_date(text: str, *, day_first: bool = False, lang: str | None = None) -> datetime | None:
    """A date and, when given, a time written in running text in English, German, French, Spanish, Portuguese,
    Italian, Dutch, a Nordic, Slavic or Baltic language, Hungarian, Romanian, Greek, Finnish, Estonian, Turkish,
    Vietnamese, Thai (its Buddhist-era year read as ours), Indonesian or Malay, or in numbers; without a zone, the
    time is read as UTC.

    ``"erstellt: 01. April 2025, 15:25"``, ``"3 de mayo de 2024 - 10:20"``, ``"13/06/2024 à 22h40"`` and
    ``"Updated 10:40 AM EDT, Thu August 28, 2025"`` all read. A date of numbers alone that could be day/month or
    month/day ("05/06/2024") reads only when the words around it or ``day_first`` (the page's language) say
    which comes first: a wrong date is worse than none. ``lang`` (the page's language, "hr", "th-TH") says what
    "listopada" is (October in Croatian, November in Polish and Czech) and whether a year in numbers past 2400 is
    the Buddhist era's ("03/04/2568" on a page in Thai: 3 April 2025; elsewhere no date).
    """
    return _visible_date(text, day_first, _language_code(lang))


def visible_reading(text: str, *, day_first: bool = False, lang: str | None = None) -> tuple[datetime | None, str]:
    """:func:`visible_date`, and what the text stated (``DAY``, ``CLOCK`` or ``ZONED``, as :func:`read_date`)."""
    return _visible_reading(text, day_first, _language_code(lang))


def _language_code(lang: str | None) -> str:
    return (lang or "").strip().lower().replace("_", "-").split("-")[0]


def _visible_date(text: str, day_first: bool, lang: str, *, any_reading: bool = False) -> datetime | None:
    """``visible_date``; ``any_reading``: whether ``text`` holds a date at all, in any calendar or language."""
    return _visible_reading(text, day_first, lang, any_reading=any_reading)[0]


def _visible_reading(
    text: str, day_first: bool, lang: str, *, any_reading: bool = False
) -> tuple[datetime | None, str]:
    day = _find_day(text, day_first, lang or ("*" if any_reading else ""))
    if day is None:
        return None, DAY
    if day[0] > _LAST_YEAR:  # "03/04/2568": a year of the Buddhist era (Thai), which numbers alone do not say
        if not (any_reading or lang == "th" and day[0] > _BUDDHIST_YEARS):
            return None, DAY
        day = (day[0] - _BUDDHIST_ERA, day[1], day[2])
    year, month, date_span = day
    rest = text[: date_span[0]] + " " + text[date_span[1] :]
    hour = minute = 0
    offset = ""
    clock = _CLOCK.search(rest)
    if clock:
        hour, minute = _clock_time(clock)
        zone = _zone(rest[: clock.end()] + rest[clock.end() :].split(",")[0].rstrip())[1]  # "+02:00", "GMT+2"
        offset = "" if zone is not None else _TZ_NAMES.get((clock["zone"] or "").upper(), "")
    try:
        value = datetime(year, month[0], month[1], hour, minute)
    except ValueError:
        return None, DAY
    if offset:
        value = datetime.fromisoformat(value.isoformat() + offset)
    elif clock and zone is not None:
        value = value.replace(tzinfo=zone)
    said = ZONED if value.tzinfo is not None else CLOCK if clock else DAY
    return value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC), said


def _find_day(
    text: str, day_first: bool = False, lang: str = ""
) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
    match = _NUMERIC.search(text)
    if match:
        if match.group(1):
            return int(match.group(3)), (int(match.group(2)), int(match.group(1))), match.span()
        return int(match.group(4)), (int(match.group(5)), int(match.group(6))), match.span()
    match = _YEAR_FIRST.search(text)
    if match:
        month, day = (match.group(2), match.group(3)) if match.group(2) else (match.group(4), match.group(5))
        return int(match.group(1)), (int(month), int(day)), match.span()
    match = _SLASHED.search(text)
    if match:
        first, second = int(match.group(1)), int(match.group(3))
        if first > 12 or second > 12 or first == second:  # only one reading is a date
            day, month = (first, second) if first > 12 or first == second else (second, first)
        elif day_first or _DAY_FIRST_AFTER.match(text, match.end()):
            day, month = first, second
        else:
            return None  # "05/06/2024": 5 June or May 6, which nothing here tells
        year = int(match.group(4))
        return year + (0 if year > 99 else 2000 if year < 70 else 1900), (month, day), match.span()
    for pattern, (day, month, year) in _WRITTEN_DAYS:  # (which group holds the day, the month, the year)
        match = pattern.search(text)
        if match and (number := _month_of(match.group(month), text, lang)):
            return int(match.group(year)), (number, int(match.group(day))), match.span()
    return _numbered_month(text)


_LISTOPAD = frozenset({"listopad", "listopada"})
_OCTOBER_LISTOPAD = frozenset({"hr", "bs", "sr", "sh", "cnr", "*"})  # ("*": any reading, whether a date at all)
# month names that are common words or given names elsewhere ("Mac", "Marta", "Juna", "Liepa"): a month only on a
# page in a language that writes it so, or on one that names no language
_NAME_LIKE_MONTHS = {
    "mac": frozenset({"ms", "id", "*"}),
    "marta": frozenset({"sr", "bs", "hr", "sh", "cnr", "sl", "mk", "*"}),
    "juna": frozenset({"sr", "bs", "hr", "sh", "cnr", "sl", "*"}),
    "liepa": frozenset({"lt", "*"}),
}
# a clock time after Croatian's "u" ("7. listopada 2026. u 10:20"), which Polish and Czech do not write
_CROATIAN_CLOCK = re.compile(r"(?<!\w)u\s+\d{1,2}[:.]\d{2}(?!\d)")


def _month_of(word: str, text: str, lang: str) -> int | None:
    """The month ``word`` names in ``text`` on a page in ``lang``: "listopad(a)" is October in Croatian, Bosnian
    and Serbian, November in Polish and Czech; on a page that names no language, November, unless the line is
    written the Croatian way ("… u 10:20": no date, a wrong month being worse than none)."""
    number = month_number(word)
    if (languages := _NAME_LIKE_MONTHS.get(word.lower())) and lang and lang not in languages:
        return None  # "Mac 12, 2025: …" on a page in English: a word or a name, not Malay's March
    if number != 11 or word.lower() not in _LISTOPAD:
        return number
    if lang in _OCTOBER_LISTOPAD:
        return 10
    return None if not lang and _CROATIAN_CLOCK.search(text) else number


def _numbered_month(text: str) -> tuple[int, tuple[int, int], tuple[int, int]] | None:
    """A Vietnamese date ("3 tháng 4, 2025"), or a Thai one, its Buddhist era's year read as ours."""
    if (match := _THANG.search(text)) and 1 <= int(match.group(2)) <= 12:
        return int(match.group(3)), (int(match.group(2)), int(match.group(1))), match.span()
    if (match := _THAI_DATE.search(text)) is None:
        return None
    year = int(match.group(3))
    year -= _BUDDHIST_ERA if year > _LAST_YEAR else 0
    return year, (_THAI_MONTH[match.group(2)], int(match.group(1))), match.span()


# a day, a short month and a year run together by dots, as Brazilian papers write them ("22.abr.2025")
_DOTTED_DAY_MONTH_YEAR = re.compile(r"(?<![\w.])(\d{1,2})\.([^\W\d_]{3,4})\.(\d{4})(?![\w.])")
_WRITTEN_DAYS = (
    (_DAY_MONTH_YEAR, (1, 2, 3)),
    (_DOTTED_DAY_MONTH_YEAR, (1, 2, 3)),
    (_DAY_DE_MONTH, (1, 2, 3)),
    (_MONTH_DAY_YEAR, (2, 1, 3)),
    (_YEAR_MONTH_DAY, (3, 2, 1)),
    (_GADA, (2, 3, 1)),
)


# "Updated 10:40 AM EDT", "Aktualisiert am 28.04.2023, 19:20 Uhr", "Mis à jour le 3 septembre", "Stand: 02.06."
# Chinese and Japanese, which set no space around a word ("最終更新：", "更新于", "10:00更新"), and Korean
_CJK_UPDATED = r"(?:最終|最后|最後)?更新(?:于|於|日時|日|時間|时间)?|(?<!\w)(?:수정|업데이트)(?:일시|일|시간)?(?!\w)"
_UPDATED = re.compile(
    r"\b(?:last\s+|zuletzt\s+|laatst\s+)?(?:updated?|modified|aktualisiert|ge[äa]ndert|aktualisierung|"
    r"mise?\s+à\s+jour|actualis[ée]e?|modifi[ée]e?|modificat[oa]|modifica|actualizad[oa]|actualizaci[oó]n|"
    r"aggiornat[oa]|aggiornamento|"
    r"bijgewerkt|geactualiseerd|aangepast|gewijzigd|atualizad[oa]|atualiza[çc][ãa]o|oppdatert|uppdaterad|opdateret|p[äa]ivitetty|"
    r"zaktualizowano|aktualizacja|aktualizov[áa]no|g[üu]ncellendi|g[üu]ncelleme|अपडेटेड|अपडेट|stand(?=\s*:)|"
    # Czech, Slovak, Slovenian, Croatian/Serbian/Bosnian, Hungarian, Romanian, Greek, Russian, Ukrainian,
    # Bulgarian, Lithuanian, Latvian, Estonian, Finnish, Vietnamese, Indonesian and Malay
    r"aktualizovan[éeýy]|aktualizace|aktualiz[áa]cia|upraveno|upraven[ée]|posodobljeno|a[žz]urirano|"
    r"friss[ií]tve|friss[ií]t[ée]s|m[óo]dos[ií]tva|actualizat[ăa]?|actualizare|modificat|"
    r"εν[ηή]μερ[ωώ]θηκε|εν[ηή]μ[εέ]ρωση|обновлено|обновл[её]н|обновление|изменено|оновлено|оновлення|змінено|"
    r"обновен[оа]?|актуализиран[оа]?|актуализация|редактиран[оа]?|atnaujinta|atnaujinimas|atjaunots|"
    r"atjaunin[āa]ts|uuendatud|muudetud|muokattu|cập\s+nhật|diperbaharui|diperbarui|pembaruan|"
    r"(?:di)?kemas\s+kini)(?!\w)|"
    + _CJK_UPDATED
    + r"|อัปเดต|อัพเดท|อัพเดต|แก้ไขล่าสุด",  # Thai, written without spaces around its words
    re.IGNORECASE,
)
_PUBLISHED = (
    r"published|posted|first published|ver[öo]ffentlicht|erstellt|publi[ée]e?|publicad[oa]|pubblicat[oa]|"
    r"gepubliceerd|publisert|publicerad|publiceret|julkaistu|opublikowano|publikacja|yay[ıi]nlanma|"
    r"publikov[áa]no|zveřejněno|zverejnen[ée]|uverejnen[ée]|vyd[áa]no|publikovan[ée]|objavljeno|objavljen[oa]?|"
    r"k[öo]zz[ée]t[ée]ve|megjelent|publik[áa]lva|publicat|δημοσιε[υύ]θηκε|δημοσ[ιί]ευση|опубликовано|"
    r"дата публикации|опубліковано|дата публікації|публикуван[оа]|paskelbta|publikuota|publicēts|avaldatud|"
    # (Vietnamese "đăng" only in "ngày đăng", "đăng lúc": alone it is also a given name, "Nguyễn Hải Đăng")
    r"ngày đăng|đăng lúc|xuất bản|diterbitkan|dipublikasikan|terbit|เผยแพร่|"
    r"입력|등록"  # Korean: "entered", "registered" ("입력 2025.06.05 08:00 | 수정 2025.06.06 09:12")
)
_WEEKDAYS = (
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|"
    r"sabato|domenica|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
)
_RELATIVE_WORDS = (
    r"ago|just|now|today|yesterday|a|an|few|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"vor|gerade|eben|heute|gestern|sekunden?|minuten?|min|stunden?|std|tagen?|wochen?|il|y|a|"
    r"aujourd['’]hui|hier|secondes?|heures?|jours?|hace|hoy|ayer|segundos?|minutos?|horas?|días?|fa|oggi|ieri|"
    r"secondi|minuti|ore|giorni|geleden|vandaag|gisteren|seconden|minuten|uur|dagen"
)
_LINK_WORDS = (
    r"at|on|am|um|le|du|à|a|las|el|del|de|il|alle|ore|op|om|the|of|kl|klo|uhr|h|and|und|et|y|e|en|in|by|"
    r"года|року|gada|tháng|ngày|năm|lúc"  # "2025 г." (year), "2025 m. … 3 d.", "v 10:20", …
)
_STAMP_TOKEN = re.compile(
    r"\d{1,2}\s*h\s*\d{2}|(?<!\w)[ap]\.?m\b\.?|\d+(?:st|nd|rd|th|er|e|[ap]\.?m\b\.?|\.)?"
    r"|(?<!\w)(?:" + "|".join((_PUBLISHED, _WEEKDAYS, _RELATIVE_WORDS, _LINK_WORDS)) + r")(?!\w)\.?"
    r"|(?<=\d)\s*(?:[гр]|m|d)\.?(?!\w)|(?<!\w)(?:u|v|o|ob)(?=\s+\d{1,2}[:.]\d{2}(?!\d))"
    r"|(?-i:\b[A-Z]{2,5}\b)|[年月日時时分년월일시분]|" + _THAI_MONTH_NAMES + r"|น\.|[^\w\s" + _DEVANAGARI + "]",
    re.IGNORECASE,
)
_WORDLIKE = re.compile(rf"[{_DEVANAGARI}]+|[^\W\d_]+")


# a piece of every word ``_UPDATED`` knows, case-folded: a text holding none of them holds no update word, which
# plain substring tests say ~5× faster than the pattern's case-blind search (run on every short block of a page)
UPDATED_PIECES = (
    "pdat",
    "modifi",
    "tuali",
    "ndert",
    "jour",
    "aggiorna",
    "bijgewerkt",
    "aangepast",
    "gewijzigd",
    "ivitetty",
    "ncelle",
    "stand",
)
UPDATED_PIECES += ("अपडेट", "更新", "수정", "업데이트")  # Hindi's, Chinese and Japanese, Korean "updated"
UPDATED_PIECES += ("upraven", "posodoblj", "urirano", "friss", "dosít", "dosit", "ρωθηκε", "ρώθηκε", "ρωση", "обновл")
UPDATED_PIECES += ("изменен", "оновл", "змінено", "обновен", "актуализ", "редактир", "atnaujin", "atjaun")
UPDATED_PIECES += ("uuendat", "muudet", "muokat", "cập", "perbarui", "perbaharui", "pembaruan", "kemas")
UPDATED_PIECES += ("อัปเดต", "อัพเดท", "อัพเดต", "แก้ไขล่าสุด")
_UPDATED_PIECE = re.compile("|".join(map(re.escape, UPDATED_PIECES)))  # any of them: one search, not one per piece


def may_name_update(text: str) -> bool:
    """False when ``text`` certainly holds no update word ("Updated", "Aktualisiert", "Mis à jour", …). The
    pattern's case-blind search reads dotless ı and dotted İ as i, which case folding does not."""
    folded = text.casefold()
    if "ı" in folded or "\u0307" in folded:
        folded = folded.replace("ı", "i").replace("i\u0307", "i")
    return _UPDATED_PIECE.search(folded) is not None


def is_dateline(text: str) -> bool:
    """Whether ``text`` is only a modified-time stamp ("Updated 3 minutes ago", "Aktualisiert am 2.4.2025"):
    an update word and nothing but dates, times, relative times and a "Published …" part around it."""
    if len(text) > 120 or not may_name_update(text) or not _UPDATED.search(text):
        return False
    rest = _UPDATED.sub(" ", text)
    rest = _STAMP_TOKEN.sub(" ", rest)
    return all(month_number(word) for word in _WORDLIKE.findall(rest))


# an update word that closes its line, as Chinese, Japanese and Korean may write it: "2025年6月6日 10:00 更新"
_CLOSES_WITH_UPDATE = re.compile(rf"(?:{_CJK_UPDATED})[ .:：,;|。)）]*$")


def dateline_time(text: str) -> datetime | None:
    """The modified time a dateline states ("Published 9:00 | Updated 10:40, 3 Sep 2025" → 10:40); None when
    it is not a dateline or gives no absolute date (a relative "3 minutes ago" needs a clock to resolve)."""
    return dateline_reading(text)[0]


def dateline_reading(text: str) -> tuple[datetime | None, str]:
    """:func:`dateline_time`, and what the dateline stated (``DAY``, ``CLOCK`` or ``ZONED``)."""
    if not is_dateline(text):
        return None, DAY
    if closing := _CLOSES_WITH_UPDATE.search(text):  # as Japanese writes it: "2025年6月6日 10:00 更新"
        return visible_reading(text[: closing.start()])
    after = text[_UPDATED.search(text).end() :]  # type: ignore[union-attr]  # is_dateline found it
    reading = visible_reading(after)
    return reading if reading[0] else read_date(after.strip(" :,-–—|"))


# an update's label just before its time ("Updated", "Last updated:", "Aktualisiert am", "Mis à jour le")
_UPDATE_LABEL = re.compile(
    f"(?:{_UPDATED.pattern})" + r"(?:\s+(?:on|at|am|um|le|el|em|il|op|den|kl))?\s*[:：–-]?$", re.I
)
_OPENS_WITH_UPDATE = re.compile(rf"\s*(?:{_UPDATED.pattern})", re.IGNORECASE)


def update_label(before: str, own: str = "") -> bool:
    """Whether the words just ``before`` a time (or its ``own`` text's opening) say it is an update's time
    ("Updated <time>…", "Aktualisiert am <time>…", "<time>Mis à jour le …</time>")."""
    if not may_name_update(before + own):
        return False
    before = before.strip()
    label = _UPDATE_LABEL.search(before)
    if label and before[: label.start()].rstrip().endswith("/"):
        return False  # "Veröffentlicht/Aktualisiert:", "Published/Updated": either
    return bool(label or is_update_stamp(own))


def is_update_stamp(text: str) -> bool:
    """Whether ``text`` says it is an update's time: it opens with an update word ("Last updated September 14,
    2016", "Aktualisiert am …", "最終更新：…"), or closes with one as Japanese may write it ("2025年6月6日 10:00
    更新")."""
    if not may_name_update(text):
        return False
    return bool(_OPENS_WITH_UPDATE.match(text) or _CLOSES_WITH_UPDATE.search(text))


# "Published:", "Published on", "Veröffentlicht am", "Publié le", "Publicado el", "Publisert den"
_PUBLISHED_LABEL = re.compile(r"^\s*(?:" + _PUBLISHED + r")(?:\s+(?:on|am|le|el|em|il|op|den|kl))?\s*:?\s", re.I)


_PUBLISHED_START = re.compile(r"(?:" + _PUBLISHED + r")(?!\w)", re.IGNORECASE)


def may_open_published(text: str) -> bool:
    r"""Whether ``text`` opens with a published word ("Published", "Veröffentlicht", "Publié", …). (Its white
    space is stripped first, not matched: behind a leading ``\s*`` the pattern tries every word at every text,
    ~7× slower on the short blocks of every page; ``str.isspace`` and ``\s`` know the same white space.)"""
    return bool(_PUBLISHED_START.match(text.lstrip()))


def published_line(text: str) -> bool:
    """Whether ``text`` is a date line that says it is the published date ("Published: 2 May 2024",
    "Veröffentlicht am 03.05.2024, 10:20 Uhr")."""
    return bool(_PUBLISHED_LABEL.match(text)) and is_timestamp(text)


def is_timestamp(text: str) -> bool:
    """Whether ``text`` is only a date and time ("12.03.2025 14:20", "Published 28 August 2025, 09:12 BST"),
    a line of page furniture rather than story text."""
    if len(text) > 80 or not any(ch.isdigit() for ch in text):
        return False
    rest = _STAMP_TOKEN.sub(" ", text)  # (the cheaper test first: a line of words has a word no date has)
    if not all(month_number(word) for word in _WORDLIKE.findall(rest)):
        return False
    # (either order of "05/06/2024" is a date, and so is a Thai "03/04/2568" or a Croatian "7. listopada 2026.")
    return bool(_visible_date(text, True, "", any_reading=True) or parse_date(text))


def is_date_piece(text: str) -> bool:
    """Whether ``text`` holds only dates' and times' tokens, relative-time words and month names, and a number or
    a month: a date that need not be whole ("Apr 16", "2 days ago", "vor 3 Stunden"), read beside a reading time."""
    words = _WORDLIKE.findall(_STAMP_TOKEN.sub(" ", text))
    if not all(word.lower() in _MONTHS for word in words):
        return False
    return bool(words) or any(ch.isdigit() for ch in text)


_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))


@cache  # (the largest pattern here, ~10 ms to compile: compiled when first used, not at import)
def _stamp_start() -> re.Pattern[str]:
    """Where a date, a clock time or a "Published"/"Updated" word starts in a line that holds more than it."""
    return re.compile(
        r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[:.h]\d{2}\b"
        rf"|\b\d{{1,2}}\.?\s+(?:{_MONTH_NAMES})\b|\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}\b"
        rf"|{_UPDATED.pattern}|(?<!\w)(?:{_PUBLISHED})(?!\w)",
        re.IGNORECASE,
    )


# what leads into a date: punctuation, a weekday, a lower-case "on", "am", "le" ("Ana Ruiz, on Monday, 3 May")
_LEAD_WORDS = (
    "on at am um le el den the du il op om kl klo monday tuesday wednesday thursday friday saturday sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche"
)
_LEAD_IN = frozenset(_LEAD_WORDS.split())
_PUNCTUATION = " ,;:·|•–—-"


def without_stamp(text: str) -> str:
    """``text`` up to the first date, clock time or "Updated"/"Published" word in it, without the words that lead
    into that ("Ana Ruiz · July 17, 2024" → "Ana Ruiz", "Alan Tewkes on 22 January 2024" → "Alan Tewkes",
    "Kari Nordmann Publisert 12.03.2024" → "Kari Nordmann"); "" when it starts with one."""
    match = _stamp_start().search(text)
    if match is None:
        return text
    words = text[: match.start()].split()
    while words and (not (word := words[-1].strip(_PUNCTUATION)) or _lead_in(word)):
        words.pop()
    return " ".join(words).rstrip(_PUNCTUATION)


def _lead_in(word: str) -> bool:
    return word in _LEAD_IN if word.islower() else word.casefold() in _LEAD_IN and len(word) > 3  # "on", "Monday"


# the zone a page's language names alone, when its time states none: a paper writing in the language keeps that
# zone's clock (German: Germany, Austria, Switzerland, Luxembourg all keep one; Japanese, Korean, Hebrew: one
# country's). Languages written in several zones' papers name none: English, Spanish, Portuguese, French (France,
# Canada, West Africa), Arabic, Russian, Indonesian, Bengali; their country's tag ("fr-FR", "es-ES") may
_LANGUAGE_ZONES = {
    "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "he": "Asia/Jerusalem", "iw": "Asia/Jerusalem", "de": "Europe/Berlin",
    "it": "Europe/Rome", "nl": "Europe/Amsterdam", "pl": "Europe/Warsaw", "sv": "Europe/Stockholm",
    "da": "Europe/Copenhagen", "nb": "Europe/Oslo", "nn": "Europe/Oslo", "no": "Europe/Oslo",
    "fi": "Europe/Helsinki", "cs": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest", "el": "Europe/Athens", "tr": "Europe/Istanbul", "hr": "Europe/Zagreb",
    "sl": "Europe/Ljubljana", "bg": "Europe/Sofia", "et": "Europe/Tallinn", "lv": "Europe/Riga",
    "lt": "Europe/Vilnius", "is": "Atlantic/Reykjavik", "uk": "Europe/Kyiv", "sr": "Europe/Belgrade",
    "bs": "Europe/Sarajevo", "mk": "Europe/Skopje", "sq": "Europe/Tirane", "ca": "Europe/Madrid",
    "eu": "Europe/Madrid", "gl": "Europe/Madrid", "lb": "Europe/Luxembourg", "mt": "Europe/Malta",
    "ka": "Asia/Tbilisi", "hy": "Asia/Yerevan", "az": "Asia/Baku", "fa": "Asia/Tehran", "th": "Asia/Bangkok",
    "vi": "Asia/Ho_Chi_Minh", "hi": "Asia/Kolkata", "zh": "Asia/Shanghai", "fil": "Asia/Manila",
    "tl": "Asia/Manila", "ne": "Asia/Kathmandu", "si": "Asia/Colombo", "km": "Asia/Phnom_Penh",
}  # fmt: skip
# the zone a country's tag names ("de-AT", "fr_FR", "en-GB"): only countries whose papers keep one clock (Spain's
# and Portugal's islands aside); a country of several zones (US, CA, MX, BR, AU, RU, ID, KZ, CL, EC) names none
_COUNTRY_ZONES = {
    "DE": "Europe/Berlin", "AT": "Europe/Vienna", "CH": "Europe/Zurich", "LI": "Europe/Vaduz",
    "LU": "Europe/Luxembourg", "BE": "Europe/Brussels", "NL": "Europe/Amsterdam", "FR": "Europe/Paris",
    "MC": "Europe/Monaco", "IT": "Europe/Rome", "SM": "Europe/San_Marino", "VA": "Europe/Vatican",
    "ES": "Europe/Madrid", "AD": "Europe/Andorra", "PT": "Europe/Lisbon", "GB": "Europe/London",
    "UK": "Europe/London", "IE": "Europe/Dublin", "IS": "Atlantic/Reykjavik", "DK": "Europe/Copenhagen",
    "NO": "Europe/Oslo", "SE": "Europe/Stockholm", "FI": "Europe/Helsinki", "EE": "Europe/Tallinn",
    "LV": "Europe/Riga", "LT": "Europe/Vilnius", "PL": "Europe/Warsaw", "CZ": "Europe/Prague",
    "SK": "Europe/Bratislava", "HU": "Europe/Budapest", "RO": "Europe/Bucharest", "MD": "Europe/Chisinau",
    "BG": "Europe/Sofia", "GR": "Europe/Athens", "CY": "Asia/Nicosia", "TR": "Europe/Istanbul",
    "HR": "Europe/Zagreb", "SI": "Europe/Ljubljana", "BA": "Europe/Sarajevo", "RS": "Europe/Belgrade",
    "ME": "Europe/Podgorica", "MK": "Europe/Skopje", "AL": "Europe/Tirane", "MT": "Europe/Malta",
    "UA": "Europe/Kyiv", "BY": "Europe/Minsk", "GE": "Asia/Tbilisi", "AM": "Asia/Yerevan", "AZ": "Asia/Baku",
    "IL": "Asia/Jerusalem", "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "TW": "Asia/Taipei", "HK": "Asia/Hong_Kong",
    "MO": "Asia/Macau", "CN": "Asia/Shanghai", "SG": "Asia/Singapore", "MY": "Asia/Kuala_Lumpur",
    "PH": "Asia/Manila", "TH": "Asia/Bangkok", "VN": "Asia/Ho_Chi_Minh", "IN": "Asia/Kolkata",
    "PK": "Asia/Karachi", "BD": "Asia/Dhaka", "LK": "Asia/Colombo", "NP": "Asia/Kathmandu", "IR": "Asia/Tehran",
    "AE": "Asia/Dubai", "SA": "Asia/Riyadh", "QA": "Asia/Qatar", "KW": "Asia/Kuwait", "BH": "Asia/Bahrain",
    "OM": "Asia/Muscat", "JO": "Asia/Amman", "LB": "Asia/Beirut", "IQ": "Asia/Baghdad", "EG": "Africa/Cairo",
    "MA": "Africa/Casablanca", "TN": "Africa/Tunis", "DZ": "Africa/Algiers", "NG": "Africa/Lagos",
    "GH": "Africa/Accra", "KE": "Africa/Nairobi", "ZA": "Africa/Johannesburg", "SN": "Africa/Dakar",
    "CI": "Africa/Abidjan", "NZ": "Pacific/Auckland", "AR": "America/Argentina/Buenos_Aires",
    "CO": "America/Bogota", "PE": "America/Lima", "VE": "America/Caracas", "UY": "America/Montevideo",
    "PY": "America/Asuncion", "BO": "America/La_Paz", "CR": "America/Costa_Rica", "GT": "America/Guatemala",
    "PA": "America/Panama", "DO": "America/Santo_Domingo", "PR": "America/Puerto_Rico", "CU": "America/Havana",
}  # fmt: skip
_TAG = re.compile(r"^([a-z]{2,3})(?:-[a-z]{4})?(?:-([a-z]{2}))?(?:-|$)")  # "de", "de-AT", "zh-Hant-TW"


def local_zone(tags: Iterable[str | None], locales: Iterable[str | None] = ()) -> tzinfo | None:
    """The one zone the page's own language tags (``<html lang>``, Content-Language) name together: a country's
    tag ("de-AT", "fr-FR") names its country's, a bare language ("de", "ja") the zone it is written in alone;
    None when they name none (English, Spanish, French, Portuguese, Arabic alone; a country of several zones:
    "en-US", "pt-BR", "fr-CA"), or disagree, or the zone's data is missing. A time read without its zone is that
    zone's wall clock rather than UTC.

    ``locales`` (og:locale: a template's setting, "es_ES" or "en_US" by default, as often as the paper's) only
    confirm: one of another language, or naming another zone, leaves no zone ("en" beside "de_DE"); one never
    adds a country to a bare language that names no zone ("es" beside "es_ES": Madrid or a Latin-American paper
    on a template's default). A locale of the same language may name its country's zone where the bare language
    names one ("de" beside "de_AT": Vienna). Without a language tag of the page's own, a locale counts only when
    its language names one zone by itself ("de_DE", "de_AT"; never "es_ES", "en_GB", "fr_FR")."""
    own = _language_tags(tags)
    confirming = _language_tags(locales)
    if not own:
        if not confirming or any(_LANGUAGE_ZONES.get(language) is None for language, _ in confirming):
            return None
        return _zone_info(_zone_named(confirming))
    named = _zone_named(own)
    languages = {language for language, _ in own}
    bare = not any(country for _, country in own)
    for language, country in confirming:
        if language not in languages:
            return None  # "en" beside "de_DE": a template's locale or the page's language, no telling which
        if country is None:
            continue
        zone = _COUNTRY_ZONES.get(country.upper())
        if zone != named:
            if not (bare and named and zone):
                return None  # "de-DE" beside "de_AT", "de" beside "de_US"; "es" beside "es_ES" (none named)
            named = zone  # "de" beside "de_AT": Austria's clock
    return _zone_info(named)


def _language_tags(tags: Iterable[str | None]) -> list[tuple[str, str | None]]:
    """Each tag's language and country ("de-AT" → ("de", "AT"), "ja" → ("ja", None)); unreadable tags left out."""
    read = []
    for tag in tags:
        match = _TAG.match((tag or "").strip().lower().replace("_", "-"))
        if match:
            read.append((match[1], match[2].upper() if match[2] else None))
    return read


def _zone_named(tags: list[tuple[str, str | None]]) -> str | None:
    """The one zone a set of tags names: their countries' (a country's tag says more than a bare language's),
    else their bare languages'; None when they name none or several."""
    countries = {_COUNTRY_ZONES.get(country) for _, country in tags if country}  # (None: several zones, unknown)
    spoken = {language for language, country in tags if country}
    languages = {language: _LANGUAGE_ZONES.get(language) for language, country in tags if not country}
    if countries and any(zone and language not in spoken for language, zone in languages.items()):
        return None  # "ja" beside "en-GB": no telling which
    named = countries or set(languages.values())
    return next(iter(named)) if len(named) == 1 else None


def _zone_info(name: str | None) -> tzinfo | None:
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def on_local_clock(value: datetime, zone: tzinfo) -> datetime:
    """A time read without its zone (as UTC's wall clock) read as ``zone``'s wall clock instead, in UTC."""
    return value.astimezone(UTC).replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)
