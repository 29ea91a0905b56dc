"""Cannabis amounts (`12.4 GRMS`, `1/2 OZ`, `APPROX 2 LBS`) in grams, checked against the statute.

Conversions are exact (spec §7.7: 1 oz = 28.349523125 g, 1 lb = 453.59237 g) and never rounded:
the engine compares against bracket bounds such as 30 g. A written weight that disagrees with
the subsection or class the citation implies (§7.6) is reported, never silently resolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import clean_spaces, repair_digits
from extract.vocabulary import statute_table

GRAMS_PER_UNIT = {
    "g": Fraction(1),
    "kg": Fraction(1000),
    "mg": Fraction(1, 1000),
}
_UNIT_WORDS = {
    "g": ("G", "GR", "GRS", "GRM", "GRMS", "GRAM", "GRAMS", "GM", "GMS"),
    "oz": ("OZ", "OZS", "OUNCE", "OUNCES"),
    "lb": ("LB", "LBS", "POUND", "POUNDS"),
    "kg": ("KG", "KGS", "KILO", "KILOS", "KILOGRAM", "KILOGRAMS"),
    "mg": ("MG", "MGS"),
}
_UNIT_BY_WORD = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_UNIT_RE = "|".join(sorted(_UNIT_BY_WORD, key=len, reverse=True))
_NUMBER = r"\d+(?:[.,]\d+)?|\.\d+"
_QUANTITY = rf"(?:(?P<whole>\d+)\s+)?(?P<num>\d+)\s*/\s*(?P<den>\d+)|(?P<dec>{_NUMBER})"
AMOUNT = re.compile(
    rf"(?P<approx>APPROX(?:IMATELY|\.)?|APX\.?|ABOUT|~|\+/-|\+-)?\s*"
    rf"(?:(?P<cmp><=?|>=?|LESS\s+THAN|UNDER|OVER|MORE\s+THAN)\s*)?"
    rf"(?:(?P<low>{_NUMBER})\s*(?:-|TO)\s*)?(?:{_QUANTITY})\s*(?P<unit>{_UNIT_RE})\b\.?"
    rf"(?:\s*(?P<basis>NET|GROSS|GR\.?\s*WT|NET\s*WT))?",
    re.IGNORECASE,
)
# A unit whose letters OCR read as digits ("1/4 02" for "1/4 OZ", "5 6RMS").
_LENIENT_UNIT = re.compile(rf"(?:{_QUANTITY})\s*(?P<unit>[A-Z0-9]{{1,5}})\b", re.IGNORECASE)
_DIGITS_FOR_LETTERS = str.maketrans({"0": "O", "2": "Z", "5": "S", "6": "G", "8": "B", "1": "L"})
PLANTS = re.compile(r"(?P<count>\d+)\s*(?:CANN(?:ABIS)?\s+)?PLANTS?\b", re.IGNORECASE)
_BASIS_BEFORE = re.compile(r"\b(?P<basis>NET|GROSS)\b(?:\s*WT\.?)?\s*$", re.IGNORECASE)

EXACT_SCORE = 1.0
REPAIR_SCORE = 0.85
RANGE_SCORE = 0.9
# A less-than bracket ("<2.5G") names the charged bracket, not a measured weight.
BRACKET_SCORE = 0.0


@dataclass(frozen=True)
class Amount:
    """A parsed amount. `grams` is None for a bracket (`<2.5G`), whose bounds are kept."""

    grams: float | None
    unit: str  # g, oz, lb, kg, mg or plants
    approximate: bool = False
    basis: str | None = None
    low_grams: float | None = None
    high_grams: float | None = None
    plant_count: int | None = None


def _units() -> dict[str, Fraction]:
    units = dict(GRAMS_PER_UNIT)
    table = statute_table()["units"]
    units["oz"] = Fraction(str(table["oz_to_g"]))
    units["lb"] = Fraction(str(table["lb_to_g"]))
    return units


def _number(text: str) -> Fraction:
    # A comma before one or two digits is a decimal point typed European-style or misread.
    if re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    return Fraction(text.replace(",", ""))


def _basis(match: re.Match[str], text: str) -> str | None:
    word = (match.group("basis") or "").upper()
    if not word:
        before = _BASIS_BEFORE.search(text[: match.start()])
        word = before.group("basis").upper() if before else ""
    if word.startswith("NET"):
        return "net"
    if word.startswith("GR"):
        return "gross"
    return None


def _repair_unit(text: str) -> re.Match[str] | None:
    """Read a unit OCR garbled into digits ("02" → OZ) and match the repaired text."""
    for candidate in _LENIENT_UNIT.finditer(text):
        unit = candidate.group("unit")
        lettered = unit.upper().translate(_DIGITS_FOR_LETTERS)
        if unit.isdigit() and len(unit) > 2 and not re.fullmatch(r"OO?Z.?", lettered):
            continue
        if lettered not in _UNIT_BY_WORD and len(lettered) in (2, 3) and lettered[:-1] in _UNIT_BY_WORD and unit[-1].isdigit():
            # "1/2 O28", "7.6 G6": a unit with a speck after it read as a digit.
            lettered = lettered[:-1]
        elif re.fullmatch(r"OO+Z", lettered):
            # "1/8 O02": the O of OZ read twice, as a letter and as a zero.
            lettered = "OZ"
        elif lettered not in _UNIT_BY_WORD and re.fullmatch(r"GR[A-Z]{1,3}", lettered) and lettered != "GROSS":
            # "341 GRAS": a gram abbreviation with a letter misread.
            lettered = "GRMS"
        if lettered in _UNIT_BY_WORD and lettered != unit.upper():
            repaired = text[: candidate.start("unit")] + lettered + text[candidate.end("unit") :]
            return AMOUNT.search(repaired)
    return None


# "&.2 G" (an 8 read as an ampersand); "@.5 GMS" (a slashed draft zero read as an at sign);
# "i GR", "iL GMS" (a lone 1 read as a letter before a unit).
_AMPERSAND_EIGHT = re.compile(r"&(?=[.,]?\d)")
_AT_ZERO = re.compile(r"@(?=[.,]?\d)")
_LETTER_ONE = re.compile(rf"^[iIl|]{{1,2}}(?=\s*(?:{_UNIT_RE})\b)", re.IGNORECASE)


def _repair_number_marks(text: str) -> str:
    return _LETTER_ONE.sub("1", _AT_ZERO.sub("0", _AMPERSAND_EIGHT.sub("8", text)))


# Weights are written in halves, thirds, quarters, eighths and sixteenths of a unit.
_WEIGHT_DENOMINATORS = frozenset({2, 3, 4, 8, 16})


def normalize_amount(text: str | None) -> Normalized:
    """Read a printed amount into grams (value), with `detail` = `Amount`.

    A range (`8-11 GRMS`) gives its upper end. A bracket (`<2.5G`) gives value None and its bounds
    in `detail`: it says which bracket was charged, not how much was seized.
    """
    raw = clean_spaces(text or "")
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    marked = _repair_number_marks(raw)
    repaired, changed = repair_digits(marked)
    notes: tuple[str, ...] = ("digits_repaired",) if changed or marked != raw else ()
    raw = repaired
    match = AMOUNT.search(raw)
    if match is None:
        match = _repair_unit(raw)
        if match is not None:
            raw, notes = match.string, (*notes, "unit_repaired")
    if match is None:
        plants = PLANTS.search(raw)
        if plants:
            count = int(plants.group("count"))
            return Normalized(None, EXACT_SCORE, "plants", notes, Amount(None, "plants", plant_count=count))
        return Normalized(None, 0.0, n.UNPARSED, notes)
    units = _units()
    unit = _UNIT_BY_WORD[match.group("unit").upper()]
    factor = units[unit]
    if match.group("dec"):
        quantity = _number(match.group("dec"))
    else:
        whole, numerator, denominator = int(match.group("whole") or 0), int(match.group("num")), int(match.group("den"))
        if denominator not in _WEIGHT_DENOMINATORS:
            # "08/22/76" whose 6 a repair read as G is a date, not 22/7 of a gram.
            return Normalized(None, 0.0, n.UNPARSED, notes)
        if not whole and numerator >= max(10, denominator) and denominator > numerator % 10 > 0:
            # "11/2 OZ": a docket writes one and a half ounces "1 1/2", never as 11 halves; the
            # space was lost (as in "561/2" for chapter 56 1/2, spec §9.2).
            whole, numerator = divmod(numerator, 10)
            notes = (*notes, "fraction_space_restored")
        quantity = whole + Fraction(numerator, denominator)
    approximate = bool(match.group("approx"))
    basis = _basis(match, raw)
    grams = float(quantity * factor)
    score = REPAIR_SCORE if notes else EXACT_SCORE
    reason = n.REPAIRED if notes else n.EXACT
    if match.group("low"):
        # A range of weights: the upper end is what a "not more than 30 g" test must use (spec §3, E2).
        low = float(_number(match.group("low")) * factor)
        return Normalized(grams, RANGE_SCORE, "range", (*notes, "range_upper_bound"), Amount(grams, unit, approximate, basis, low, grams))
    if match.group("cmp"):
        cmp = match.group("cmp").upper()
        below = cmp.startswith("<") or cmp.startswith("LESS") or cmp == "UNDER"
        bounds = (0.0, grams) if below else (grams, None)
        return Normalized(None, BRACKET_SCORE, "bracket", notes, Amount(None, unit, approximate, basis, *bounds))
    return Normalized(grams, score, reason, notes, Amount(grams, unit, approximate, basis))


@dataclass(frozen=True)
class Bracket:
    grams_gt: float | None
    grams_le: float | None

    def contains(self, grams: float) -> bool:
        return (self.grams_gt is None or grams > self.grams_gt) and (self.grams_le is None or grams <= self.grams_le)


def implied_brackets(statute: str | None, offense_class: str | None, offense_date: dt.date | None) -> list[Bracket]:
    """The gram brackets a citation (or, without a subsection, its class) implies (spec §7.6).

    Empty when nothing is implied. Several brackets mean several readings (§4 Class 4).
    """
    if not statute or not statute.startswith("720 ILCS 550/"):
        return []
    when = (offense_date or dt.date(1990, 1, 1)).isoformat()
    table = statute_table()
    entry = table["statutes"].get(statute)
    if entry and entry.get("versions"):
        for version in entry["versions"]:
            if version["from"] <= when and (version["to"] is None or when <= version["to"]):
                return [Bracket(version["grams_gt"], version["grams_le"])]
        return []
    section = statute.split("/", 1)[1]
    if section not in ("4", "5") or not offense_class:
        return []
    if section == "5":
        rows = table["class_inference"]["s5_all_versions"]
    elif when < "2016-07-29":
        rows = table["class_inference"]["s4_before_2016-07-29"]
    else:
        rows = table["class_inference"]["s4_from_2016-07-29"]
    row = rows.get(offense_class)
    if row is None:
        return []
    readings = row.get("readings", [row])
    return [Bracket(r["grams_gt"], r["grams_le"]) for r in readings]


def check_amount(grams: float | None, statute: str | None, offense_class: str | None, offense_date: dt.date | None) -> str | None:
    """`R_WEIGHT_CONFLICT` when the written grams fall outside every implied bracket, else None."""
    if grams is None:
        return None
    brackets = implied_brackets(statute, offense_class, offense_date)
    if brackets and not any(b.contains(grams) for b in brackets):
        return "R_WEIGHT_CONFLICT"
    return None
