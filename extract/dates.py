"""Docket dates (`07-14-93`, `7/14/93`, `JUL 14 1993`) read with dateutil, two-digit years as 19xx."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as date_parser
from rapidfuzz import fuzz, process

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import clean_spaces, repair_digits, zero_variants

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# G is a dot-matrix 6 ("G7/17/57", whose 6 is itself a misread dotted 0); only dates read it so,
# where no unit or word ("5G", "GR") can follow a digit.
_DIGITISH = r"[0-9OoQlI|SsBZz$G]"
# Numeric dates with any of the separators clerks typed; OCR look-alike letters allowed in digits.
NUMERIC_DATE = re.compile(
    rf"(?<![\w/.-])(?:{_DIGITISH}{{1,2}})\s?[-/.]\s?(?:{_DIGITISH}{{1,2}})\s?[-/.]\s?(?:{_DIGITISH}{{4}}|{_DIGITISH}{{2}})(?![\w/-])"
)
MONTH_NAME_DATE = re.compile(
    rf"(?<![\w])(?P<month>[A-Z][A-Za-z]{{2,8}})\.?\s+(?P<day>[O0]?{_DIGITISH}{{1,2}}),?\s+(?P<year>{_DIGITISH}{{4}}|{_DIGITISH}{{2}})(?![\w/-])"
    rf"|(?<![\w])(?P<day2>{_DIGITISH}{{1,2}})\s+(?P<month2>[A-Z][A-Za-z]{{2,8}})\.?,?\s+(?P<year2>{_DIGITISH}{{4}}|{_DIGITISH}{{2}})(?![\w/-])"
)
EXACT_SCORE = 1.0
REPAIR_SCORE = 0.85
AMBIGUOUS_SCORE = 0.4
MONTH_FUZZY_CUTOFF = 66.0
# Dockets of cleardocket's era and their defendants' births; a year outside is a misreading.
PLAUSIBLE_YEARS = range(1900, 2030)


class _DocketYears(date_parser.parserinfo):
    """Two-digit years on 1970s–90s dockets (and on birth dates) are all 19xx.

    dateutil's default puts a two-digit year within 50 years of today, which would read a
    defendant born in "04-03-61" as 2061 from 2012 on.
    """

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year < 100 and not century_specified:
            return 1900 + year
        return year


_PARSER_INFO = _DocketYears()


def _repair_month(word: str) -> tuple[str, str | None]:
    """The month a misread month name stands for, and the repair note (None when read as printed)."""
    upper = word.upper()
    if upper[:3] in MONTHS:
        return upper, None
    best = process.extract(upper[:3], MONTHS, scorer=fuzz.ratio, score_cutoff=MONTH_FUZZY_CUTOFF, limit=2)
    if not best:
        return upper, None
    if len(best) > 1 and best[1][1] == best[0][1]:
        # "JUI" is JUN or JUL: a guess either way.
        return best[0][0], "month_ambiguous"
    return best[0][0], "month_repaired"


def _century_variants(text: str) -> list[str]:
    """A four-digit year "1388" or "1788" whose 9 OCR misread: the same date in the 1900s."""
    match = re.search(r"(?<!\d)1\d(\d\d)$", text)
    return [text[: match.start()] + "19" + match.group(1)] if match else []


_LEADING_MONTH = re.compile(r"^(\d{1,2})[-/.]\d")


def _parse(text: str) -> dt.date | None:
    try:
        value = date_parser.parse(text, parserinfo=_PARSER_INFO, dayfirst=False, default=dt.datetime(1900, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    # dateutil reads "16/09/1977" day first rather than fail; on a month-first docket it is a
    # misread month (a dotted zero read 6), for the repairs below to read again.
    leading = _LEADING_MONTH.match(text)
    if leading and int(leading.group(1)) != value.month:
        return None
    return value if value.year in PLAUSIBLE_YEARS else None


def parse_docket_date(text: str | None) -> Normalized:
    """Read one printed date into a `datetime.date` (value), with a score and reason.

    Month-first, as Cook County dockets print them. Two-digit years are 19xx.
    """
    raw = clean_spaces(text or "")
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    notes: list[str] = []
    candidate = raw
    named = MONTH_NAME_DATE.search(raw)
    if named:
        month = named.group("month") or named.group("month2")
        day = named.group("day") or named.group("day2")
        year = named.group("year") or named.group("year2")
        month, month_note = _repair_month(month)
        if len(day) == 3:
            # "NOV O07 1967": Tesseract read the typewritten 0 of "07" twice, as O and as 0.
            day = day[1:]
            notes.append("digits_repaired")
        if month[:3] not in MONTHS:
            named = None
        else:
            candidate = f"{month[:3]} {day} {year}"
            if month_note:
                notes.append(month_note)
    if not named:
        numeric = NUMERIC_DATE.search(raw)
        if not numeric:
            return Normalized(None, 0.0, n.UNPARSED)
        candidate = numeric.group(0).replace(" ", "")
    numeric_letters = not named and any(ch in candidate for ch in "$G")
    repaired, changed = repair_digits(candidate.replace("$", "0").replace("G", "6") if not named else candidate)
    if changed or numeric_letters:
        notes.append("digits_repaired")
    value = _parse(repaired)
    if value is None:
        # A month 64 or a day 62 is a dotted zero misread: try the readings with zeros.
        value = next((v for v in map(_parse, zero_variants(repaired) + _century_variants(repaired)) if v is not None), None)
        if value is None:
            return Normalized(None, 0.0, n.UNPARSED, tuple(notes))
        notes.append("zero_repaired")
    score = AMBIGUOUS_SCORE if "month_ambiguous" in notes else REPAIR_SCORE if notes else EXACT_SCORE
    return Normalized(value, score, n.REPAIRED if notes else n.EXACT, tuple(notes))


def find_dates(text: str) -> list[tuple[int, int, Normalized]]:
    """Every date printed in `text`: (start, end, parsed), in order, without overlaps."""
    found: list[tuple[int, int, Normalized]] = []
    for pattern in (MONTH_NAME_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _ in found):
                continue
            parsed = parse_docket_date(match.group(0))
            if parsed.ok:
                found.append((match.start(), match.end(), parsed))
    return sorted(found, key=lambda item: item[0])
