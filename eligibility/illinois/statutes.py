"""The Cannabis Control Act as lookup tables, built once at import (spec §7, §9.3, §9.5).

Everything here is data copied from ../shared/spec/illinois-crta-rules.yaml (`statutes`,
`class_inference`, `citations.charge_text`); tests/eligibility/test_spec_tables.py checks the two
agree. Deciding a case never parses YAML and matches a regex only on text it has not seen before.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

CCA_APPROVED = dt.date(1971, 8, 16)  # P.A. 77-758; taken as the effective date [unverified]
CLASS_LABELS_FROM = dt.date(1973, 1, 1)  # Unified Code of Corrections [unverified]
TIERS_1997 = dt.date(1997, 8, 15)  # P.A. 90-397
RECUT_2016 = dt.date(2016, 7, 29)  # P.A. 99-697
CRTA_EFFECTIVE = dt.date(2019, 6, 25)  # P.A. 101-27
ILCS_EFFECTIVE = dt.date(1993, 1, 1)

MCO_MAX_GRAMS = 30.0
OUNCE_GRAMS = 28.349523125
POUND_GRAMS = 453.59237

CCA = "CCA"
ICSA = "ICSA"
DPCA = "DPCA"
IVC = "IVC"
CRIM_CODE = "CRIM_CODE"
ORDINANCE = "ORDINANCE"
UNDA = "UNDA"
UNKNOWN = "UNKNOWN"
OTHER = "OTHER"
DRUG_ACTS = frozenset({CCA, ICSA, DPCA})

MISDEMEANOR = "misdemeanor"
FELONY = "felony"
CIVIL = "civil"
MISDEMEANOR_CLASSES = frozenset({"A", "B", "C"})
FELONY_CLASSES = frozenset({"X", "1", "2", "3", "4", "M"})


def level_of(offense_class: str | None) -> str | None:
    if offense_class in MISDEMEANOR_CLASSES:
        return MISDEMEANOR
    if offense_class in FELONY_CLASSES:
        return FELONY
    if offense_class == "civil":
        return CIVIL
    return None


class Bracket(NamedTuple):
    """One row of a statute's versions: `grams_gt < amount <= grams_le` (None = unbounded)."""

    version: str
    start: dt.date
    end: dt.date | None
    offense_class: str | None
    level: str
    grams_gt: float
    grams_le: float | None
    # (i)(3) for a conviction: True, False, or None where the spec says "unclear".
    i3: bool | None
    subsequent: Bracket | None = None


def _b(version, start, end, klass, level, gt, le, i3, subsequent=None):
    return Bracket(
        version,
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end) if end else None,
        klass,
        level,
        float(gt),
        None if le is None else float(le),
        i3,
        subsequent,
    )


def _subsequent(klass, level, i3, like: tuple):
    version, start, end, _, _, gt, le = like
    return _b(version, start, end, klass, level, gt, le, i3)


_M, _F, _C = MISDEMEANOR, FELONY, CIVIL
_S4C_1971 = ("CCA-1971", "1971-08-16", "2016-07-28", "A", _M, 10, 30)
_S4C_2016 = ("CCA-2016", "2016-07-29", None, "A", _M, 30, 100)
_S4D_1971 = ("CCA-1971", "1971-08-16", "2016-07-28", "4", _F, 30, 500)
_S4D_2016 = ("CCA-2016", "2016-07-29", None, "4", _F, 100, 500)

# (section, subsection) -> brackets in date order (yaml `statutes`).
CCA_BRACKETS: dict[tuple[str, str], tuple[Bracket, ...]] = {
    ("4", "a"): (
        _b("CCA-1971", "1971-08-16", "2016-07-28", "C", _M, 0, 2.5, True),
        _b("CCA-2016", "2016-07-29", None, "civil", _C, 0, 10, False),
    ),
    ("4", "b"): (
        _b("CCA-1971", "1971-08-16", "2016-07-28", "B", _M, 2.5, 10, True),
        _b("CCA-2016", "2016-07-29", None, "B", _M, 10, 30, True),
    ),
    ("4", "c"): (
        _b(*_S4C_1971, True, _subsequent("4", _F, True, _S4C_1971)),
        _b(*_S4C_2016, True, _subsequent("4", _F, True, _S4C_2016)),
    ),
    ("4", "d"): (
        _b(*_S4D_1971, True, _subsequent("3", _F, False, _S4D_1971)),
        _b(*_S4D_2016, True, _subsequent("3", _F, False, _S4D_2016)),
    ),
    ("4", "e"): (
        _b("CCA-1971", "1971-08-16", "1997-08-14", "3", _F, 500, None, False),
        _b("CCA-1997-tiers", "1997-08-15", None, "3", _F, 500, 2000, False),
    ),
    ("4", "f"): (_b("CCA-1997-tiers", "1997-08-15", None, "2", _F, 2000, 5000, False),),
    ("4", "g"): (_b("CCA-1997-tiers", "1997-08-15", None, "1", _F, 5000, None, False),),
    ("5", "a"): (_b("CCA-1971", "1971-08-16", None, "B", _M, 0, 2.5, None),),
    ("5", "b"): (_b("CCA-1971", "1971-08-16", None, "A", _M, 2.5, 10, None),),
    ("5", "c"): (_b("CCA-1971", "1971-08-16", None, "4", _F, 10, 30, True),),
    ("5", "d"): (_b("CCA-1971", "1971-08-16", None, "3", _F, 30, 500, False),),
    ("5", "e"): (
        _b("CCA-1971", "1971-08-16", "1997-08-14", "2", _F, 500, None, False),
        _b("CCA-1997-tiers", "1997-08-15", None, "2", _F, 500, 2000, False),
    ),
    ("5", "f"): (_b("CCA-1997-tiers", "1997-08-15", None, "1", _F, 2000, 5000, False),),
    ("5", "g"): (_b("CCA-1997-tiers", "1997-08-15", None, "X", _F, 5000, None, False),),
}


def bracket_for(section: str, subsection: str, offense_date: dt.date) -> Bracket | None:
    """The subsection's bracket under the version in force on `offense_date`.

    A subsection cited for a date before it existed (4(f) in 1990) takes its first version: it
    is over 500 g either way, never eligible.
    """
    rows = CCA_BRACKETS.get((section, subsection))
    if not rows:
        return None
    for row in rows:
        if row.start <= offense_date and (row.end is None or offense_date <= row.end):
            return row
    return rows[0] if offense_date < rows[0].start else rows[-1]


class ClassRange(NamedTuple):
    """One reading of class-only inference (yaml `class_inference`)."""

    subsection: str | None
    subsequent: bool
    grams_gt: float
    grams_le: float | None
    i3: bool | None


def _r(sub, subsequent, gt, le, i3):
    return ClassRange(sub, subsequent, float(gt), None if le is None else float(le), i3)


S4_BEFORE_2016: dict[str, tuple[ClassRange, ...]] = {
    "C": (_r("a", False, 0, 2.5, True),),
    "B": (_r("b", False, 2.5, 10, True),),
    "A": (_r("c", False, 10, 30, True),),
    "4": (_r("c", True, 10, 30, True), _r("d", False, 30, 500, True)),
    "3": (_r("d", True, 30, 500, False), _r("e", False, 500, None, False)),
}
S4_FROM_2016: dict[str, tuple[ClassRange, ...]] = {
    "civil": (_r("a", False, 0, 10, False),),
    "B": (_r("b", False, 10, 30, True),),
    "A": (_r("c", False, 30, 100, True),),
    "4": (_r("c", True, 30, 100, True), _r("d", False, 100, 500, True)),
}
S5_ALL_VERSIONS: dict[str, tuple[ClassRange, ...]] = {
    "B": (_r("a", False, 0, 2.5, None),),
    "A": (_r("b", False, 2.5, 10, None),),
    "4": (_r("c", False, 10, 30, True),),
    "3": (_r("d", False, 30, 500, False),),
    "2": (_r("e", False, 500, None, False),),
    "1": (_r("f", False, 2000, 5000, False),),
    "X": (_r("g", False, 5000, None, False),),
}
# §5 one class step above its subsection (5(b) Class 4 …): possibly a §5.2 school-zone charge.
S5_CLASS_STEP_UP = {"a": "A", "b": "4", "c": "3", "d": "2", "e": "1", "f": "X"}


def class_ranges(section: str, offense_class: str, offense_date: dt.date) -> tuple[ClassRange, ...]:
    if section == "5":
        return S5_ALL_VERSIONS.get(offense_class, ())
    table = S4_FROM_2016 if offense_date >= RECUT_2016 else S4_BEFORE_2016
    return table.get(offense_class, ())


# Where a gram figure crosses from one bracket to the next, by version (§7.2, §7.3).
BOUNDARIES_1971 = (2.5, 10.0, 30.0, 500.0, 2000.0, 5000.0)
BOUNDARIES_2016_S4 = (10.0, 30.0, 100.0, 500.0, 2000.0, 5000.0)


def boundaries(section: str, offense_date: dt.date) -> tuple[float, ...]:
    if section == "4" and offense_date >= RECUT_2016:
        return BOUNDARIES_2016_S4
    return BOUNDARIES_1971


def bracket_by_grams(section: str, grams: float, offense_date: dt.date) -> Bracket | None:
    """The subsection whose bracket holds `grams` (explicit weight, §7.6 step 1)."""
    for sub in "abcdefg":
        row = bracket_for(section, sub, offense_date)
        if row is None or row.start > offense_date:
            continue
        if row.grams_gt < grams and (row.grams_le is None or grams <= row.grams_le):
            return row
    return None


_SUBSECTION_OF = {(section, bracket): sub for (section, sub), rows in CCA_BRACKETS.items() for bracket in rows}


def subsection_of(section: str, bracket: Bracket) -> str:
    return _SUBSECTION_OF[(section, bracket)]


class Statute(NamedTuple):
    """A normalized citation: (act, section, subsections) of spec §9.2."""

    act: str
    section: str | None
    subsections: tuple[str, ...] = ()

    @property
    def subsection(self) -> str | None:
        return self.subsections[0] if self.subsections else None


# (chapter, act number) of the ILCS -> Act (spec §9.3).
_ILCS_ACTS = {
    ("720", "550"): CCA,
    ("720", "570"): ICSA,
    ("720", "600"): DPCA,
    ("625", "5"): IVC,
    ("720", "5"): CRIM_CODE,
}
_ILCS = re.compile(
    r"^\s*(?P<chapter>\d{1,3})\s*ILCS\s*(?P<act>\d{1,4})(?:\.0)?\s*/\s*(?P<section>\d+(?:[.-]\d+)*)"
    r"(?P<sub>(?:\s*\(\s*[A-Za-z0-9]{1,4}\s*\))*)",
    re.IGNORECASE,
)
_SUB = re.compile(r"\(\s*([A-Za-z0-9]{1,4})\s*\)")
_FEDERAL = re.compile(r"\b\d+\s*U\.?\s*S\.?\s*C\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse_statute(statute: str) -> Statute | None:
    """The canonical citation of records.md (`720 ILCS 550/4(c)`) as (act, section, subsections).

    None when the string is not a citation this engine can read.
    """
    match = _ILCS.match(statute)
    if match:
        act = _ILCS_ACTS.get((match["chapter"], match["act"]), OTHER)
        subs = tuple(s.lower() for s in _SUB.findall(match["sub"]))
        return Statute(act, match["section"], subs)
    if _FEDERAL.search(statute):
        return Statute(OTHER, None)
    return None


# Charge text without a citation, in the spec's match order (yaml `citations.charge_text`), after
# the CCA offenses the statute table names that are never eligible (trafficking, plants, conspiracy).
_TEXT_PATTERNS: tuple[tuple[str, str, str | None, re.Pattern[str]], ...] = tuple(
    (name, act, section, re.compile(regex))
    for name, act, section, regex in (
        ("cannabis_trafficking", CCA, "5.1", r"(?i)\bCANN\w*\b.*\bTRAFFICK|\bTRAFFICK\w*\b.*\bCANN"),
        ("cannabis_plants", CCA, "8", r"(?i)\bCANN\w*\b.*\bPLANTS?\b"),
        ("cannabis_conspiracy", CCA, "9", r"(?i)\bCANN\w*\b.*\bCONSP|\bCONSP\w*\b.*\bCANN"),
        ("dui", IVC, "11-501", r"(?i)\bDUI\b|\bD\.U\.I\."),
        ("paraphernalia", DPCA, "3.5", r"(?i)\bPARA(?:PHERNALIA)?\b"),
        (
            "controlled_substance",
            ICSA,
            None,
            r"(?i)\b(?:U?PCS|DCS|POSS(?:ESSION)?\.?\s*(?:OF\s*)?(?:CONT(?:ROLLED)?\.?\s*SUB(?:STANCE)?|C\.?S\.?)"
            r"|(?:MFG|DEL)[\s/]*(?:MFG|DEL)?[\s/]*C\.?S\.?)\b",
        ),
        ("casual_delivery", CCA, "6", r"(?i)\bCASUAL\s*DEL(?:IVERY|\.)?\b"),
        (
            "cannabis_delivery",
            CCA,
            "5",
            r"(?i)(?:\b(?:MFG|MANU?F?|MAN|DEL(?:IVERY)?|PWID|P\.?W\.?I\.?D\.?)\b[\s/.&-]*(?:\b(?:MFG|MAN|DEL|OF)\b[\s/.&-]*)*"
            r"CANN(?:ABIS)?\b|\bCANN(?:ABIS)?\b[\s/.&-]*(?:MFG|MAN|DEL)\b|\bPOSS\.?\s*(?:OF\s*)?CANN(?:ABIS)?\b[^A-Z0-9]*W/?\s*INT)",
        ),
        (
            "cannabis_possession",
            CCA,
            "4",
            r"(?i)\b(?:P\.?O\.?C\.?|PCANN|POSS(?:ESSION)?\.?\s*(?:OF\s*)?CANN(?:ABIS)?|CANN(?:ABIS)?[\s-]*POSS(?:ESSION)?)\b",
        ),
    )
)
# §10 rows 4 and 7: cannabis charges outside the CCA that go to a person, not to "not cannabis".
_ORDINANCE = re.compile(r"(?i)\b(?:VILLAGE\s+ORD|ORD(?:INANCE)?\.?\s*VIOL|MCC|ORDINANCE|MUNICIPAL\s+CODE)\b")
_UNDA = re.compile(r"(?i)\bMARIHUANA\b|\bNARCOTIC\s+DRUG\s+ACT\b|\bUNDA\b")
_CANNABIS_WORD = re.compile(r"(?i)CANN|MARIJ|MARIH|\bPOC\b")
_OTHER_NOT_CANNABIS = re.compile(r"(?i)\bTAX\s+STAMP\b|\bTAX\s+ACT\b|\bFEDERAL\b|\bU\.?S\.?C\b|\bAUUW\b")


@lru_cache(maxsize=16384)
def classify_text(text: str) -> Statute | None:
    """The Act (and section, for the CCA) named by charge text alone (§9.5, §10); None if none."""
    if _OTHER_NOT_CANNABIS.search(text):
        return Statute(OTHER, None)
    if _CANNABIS_WORD.search(text):
        # An ordinance or pre-CCA charge may name cannabis possession too; the Act it names decides.
        if _UNDA.search(text):
            return Statute(UNDA, None)
        if _ORDINANCE.search(text):
            return Statute(ORDINANCE, None)
    for _, act, section, pattern in _TEXT_PATTERNS:
        if pattern.search(text):
            return Statute(act, section)
    return None


@lru_cache(maxsize=16384)
def mentions_cannabis(text: str) -> bool:
    return bool(_CANNABIS_WORD.search(text))


_SUBSEQUENT = re.compile(r"(?i)\b(?:2ND|SECOND|SUBSEQ\w*|PRIOR)\b")


@lru_cache(maxsize=16384)
def says_subsequent(text: str) -> bool:
    """"2ND", "SUBSEQ", "SUBSEQUENT" or "PRIOR" in count or sentence text (§7.6 step 3)."""
    return bool(_SUBSEQUENT.search(text))


_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"\s*(?:G|GR|GRS|GRM|GRMS|GRAM|GRAMS)\b"
_RANGE_TEXT = re.compile(rf"(?i){_NUMBER}\s*(?:-|TO)\s*{_NUMBER}{_UNIT}")
_UNDER_TEXT = re.compile(rf"(?i)(?:<|LESS\s+THAN|UNDER|LT)\s*{_NUMBER}{_UNIT}")
_OVER_TEXT = re.compile(rf"(?i)(?:>|MORE\s+THAN|OVER|GT)\s*{_NUMBER}{_UNIT}")


@lru_cache(maxsize=16384)
def bracket_text(text: str) -> tuple[float, float | None] | None:
    """A gram range written in charge text: "<2.5G", "10-30G", "30-500 GRAMS" (§7.6 step 4)."""
    match = _RANGE_TEXT.search(text)
    if match:
        low, high = float(match[1]), float(match[2])
        if low < high:
            return (low, high)
    match = _UNDER_TEXT.search(text)
    if match:
        return (0.0, float(match[1]))
    match = _OVER_TEXT.search(text)
    if match:
        return (float(match[1]), None)
    return None


_WEIGHT = re.compile(r"(?i)(\d+(?:\.\d+)?|\d*\s*\d+\s*/\s*\d+)\s*(G|GR|GRS|GRM|GRMS|GRAMS?|OZ|OUNCES?|LBS?|POUNDS?)\b")
_APPROXIMATE = re.compile(r"(?i)\bAPPROX\w*|~|\+/-|\bABOUT\b|\bEST\w*")


def _number(text: str) -> float:
    text = text.strip()
    if "/" in text:
        whole, _, fraction = text.rpartition(" ")
        numerator, denominator = fraction.split("/")
        return (float(whole) if whole.strip() else 0.0) + float(numerator) / float(denominator)
    return float(text)


@lru_cache(maxsize=16384)
def grams_in_text(text: str) -> float | None:
    """A weight printed in amount text, in grams (§7.7 units: exact factors, never rounded)."""
    match = _WEIGHT.search(text)
    if not match:
        return None
    try:
        value = _number(match[1])
    except (ValueError, ZeroDivisionError):
        return None
    unit = match[2].upper()
    if unit.startswith("OZ") or unit.startswith("OUNCE"):
        return value * OUNCE_GRAMS
    if unit.startswith("LB") or unit.startswith("POUND"):
        return value * POUND_GRAMS
    return value


@lru_cache(maxsize=16384)
def is_approximate(text: str) -> bool:
    return bool(_APPROXIMATE.search(text))


_CLASS_TEXT = re.compile(r"(?i)^\s*(?:CLASS\s*)?([ABCX1234MURN]|CIVIL)\b")


@lru_cache(maxsize=256)
def normalize_class(offense_class: str) -> str | None:
    """Clerk degree codes (§8.4): "Class 4 Felony" -> "4"; "N"/"R"/illegible -> None."""
    match = _CLASS_TEXT.match(offense_class)
    if not match:
        return None
    code = match[1].upper()
    if code in ("N", "R", "U"):
        return None
    return "civil" if code == "CIVIL" else code
