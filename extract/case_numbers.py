"""Cook County case numbers of every era (spec §11) read into the records.md normalized form."""

from __future__ import annotations

import re

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import DIGIT_LOOKALIKES, clean_spaces, repair_digits
from extract.vocabulary import compiled_patterns

EXACT_SCORE = 1.0
REPAIR_SCORE = 0.85
# A number no §11 pattern knows but shaped like a docket number: a year, letters, a sequence.
GENERIC_SCORE = 0.6
_GENERIC = re.compile(r"^\d{2}(?:\d{2})?[A-Z]{0,3}\d{4,11}$")
_SEPARATORS = re.compile(r"[\s\-–—_.]+")
# Marks OCR reads in place of a typed C on worn ribbons.
_LETTER_LOOKALIKES = str.maketrans({"©": "C", "¢": "C", "€": "C", "(": "C"})


def _pattern_form(text: str) -> str:
    """The form §11 patterns read: upper case, single spaces, dashes kept."""
    return clean_spaces(text.upper().replace("–", "-").replace("—", "-").translate(_LETTER_LOOKALIKES))


_SPECKS = re.compile(r"[^A-Z0-9\s\-]")
_GLUED_FIELD = re.compile(r"[~_]+[A-Z].*$")
_DOUBLED_ZERO = re.compile(r"(?<=[A-Z\s-])O(0)(?=\d)")
_CAPITAL_LOOKALIKES = {"L": "1", "I": "1", "O": "0", "S": "5", "B": "8", "Z": "2", "G": "6"}
# A letter code read twice ("84(C528679" is "84CC…" once the bracket reads as C): one letter of a
# two-letter code doubled, or a split dot-matrix glyph.
_DOUBLED_LETTER = re.compile(r"(?<=\d)([A-Z])\1(?=\s*\d)")
# A filing year of three digits ("930CR16362", "933CR27941") is no year: one glyph of a two-digit
# year read as two; the middle one goes.
_THREE_DIGIT_YEAR = re.compile(r"^(\d)\d(\d)(?=\s*[A-Z])")
# The forms spec §11 prints (serial lengths included); a number that only fits the looser
# patterns of the vocabulary lost or gained a digit more often than it was printed that way.
_STRICT_FORMS = (
    re.compile(r"^(?:\d{2}|\d{4})CR\d{5}(?:\d{2})?$"),
    re.compile(r"^\d{11}$"),
    re.compile(r"^\d{4}MC[1-6]\d{6}$"),
    re.compile(r"^\d{2}C\d{6}$"),
    re.compile(r"^\d{4}(?:TR|DT|OV|CM|CF|DV)\d+$"),
)
# The two-letter codes with one letter lost ("90R62563", "1995M1478863"): only CR ends in R and
# only MC is followed by a district digit and six more.
_LOST_CODE_LETTER = ((re.compile(r"^(\d{2}|\d{4})\s*R\s*(\d{5}(?:\s*-?\s*\d{2})?)$"), r"\1CR\2"), (re.compile(r"^(\d{4})\s*M\s*([1-6]\s*\d{6})$"), r"\1MC\2"))
# The C of a code read as a zero ("810R18621", dot-matrix C and 0 are both round) or as a bracket
# and a zero ("85(0374342"): only CR ends in R, and a complaint number's serial has six digits.
# A filing year read all in look-alike letters ("SOCR11398"): repair_digits leaves a run without a
# real digit alone, but before a code letter and its serial it can only be the year.
_LETTERED_YEAR = re.compile(r"^([0-9OQLISBZ]{2}|[0-9OQLISBZ]{4})(?=(?:CR|MC|C)[0-9OQLISBZ]*\d)")
_C_READ_AS_ZERO = ((re.compile(r"^(\d{2}|\d{4})\s*0R\s*(\d{5}(?:\s*-?\s*\d{2})?)$"), r"\1CR\2"), (re.compile(r"^(\d{2})\s*C0(\d{6})$"), r"\1C\2"))
# A felony number's two-digit suffix counts co-defendants (01, 02, …): its first digit read as
# 6, 8 or 9 is a dot-matrix face's dotted zero.
_CODEFENDANT_SUFFIX = re.compile(r"^((?:\d{2}|\d{4})CR\d{5})[689](\d)$")
# "1994 MCt1 506180", "1998 McC1 173063": a typewritten C1 read as three glyphs; the district
# digit follows MC directly, so a letter between them is a glyph read twice.
_LETTER_BEFORE_DISTRICT = re.compile(r"^(\d{4})\s*MC[A-Z]([1-6])\s*(\d{6})$")
# "S6CR1I8421": a 1 read as two glyphs, the digit and a look-alike letter beside it; the letter
# goes when that leaves a form spec §11 prints.
_ONE_READ_TWICE = re.compile(r"(?<=1)[Il|i]|[Il|i](?=1)")
LOOSE_FORM_SCORE = 0.9


def _letter_digit_variants(text: str) -> list[str]:
    """`text` with one capital that OCR may have read for a digit ("76CRL4379", "MI-90-698549")
    made that digit: one before a digit, or before a dash and a digit."""
    return [
        text[:i] + _CAPITAL_LOOKALIKES[ch] + text[i + 1 :]
        for i, ch in enumerate(text)
        if ch in _CAPITAL_LOOKALIKES and re.match(r"-?\d", text[i + 1 :])
    ]


def _undoubled_digit(text: str) -> str:
    """A number one digit longer than any form spec §11 prints, with one of a digit printed
    twice in a row read once more, when that leaves exactly one such form: "1990MC11417030" (a
    typewritten 1 read twice, as "CT 1" reads "CT 21"), "1993MC57520000", "91CR004505" (a
    draft zero read twice, seeds 7814, 7830)."""
    compact = _SEPARATORS.sub("", text)
    if any(form.match(compact) for form in _STRICT_FORMS):
        return text
    shorter = {compact[:i] + compact[i + 1 :] for i in range(1, len(compact)) if compact[i].isdigit() and compact[i] == compact[i - 1]}
    strict = [variant for variant in shorter if any(form.match(variant) for form in _STRICT_FORMS)]
    return strict[0] if len(strict) == 1 else text


def normalize_case_number(text: str | None) -> Normalized:
    """Read a printed case number (`93 C 660123`, `98 CR 12345-01`) into `93C660123` form.

    records.md: upper case, spaces and dashes removed. `detail` is the §11 meaning of the matched
    pattern (a weak hint only: it never decides eligibility).
    """
    raw = _pattern_form(text or "")
    if not raw:
        return Normalized(None, 0.0, n.EMPTY)
    # "89CRO02218", "01168-O01": the first zero of a group read twice, once as the letter O.
    undoubled = _DOUBLED_ZERO.sub(r"\1", raw)
    # "84C6é15414", "$86C848784", "~-76CR14379-": a speck inside the number, or around it, read
    # as a mark, a dash or an S; "79CR1088901~_ARREST~09/04/79": the next field glued on by specks.
    despeckled = clean_spaces(_SPECKS.sub("", _GLUED_FIELD.sub("", raw))).strip("- ")
    unprefixed = despeckled[1:] if re.match(r"^[$S5]\d{2}", despeckled) else despeckled
    candidates = (
        (raw, False),
        (undoubled, True),
        (repair_digits(raw)[0], True),
        *((v, True) for v in _letter_digit_variants(raw)),
        # "1996 MCi 347237": the district digit read as a letter and spaced off from the serial.
        *((v, True) for v in _letter_digit_variants(raw.replace(" ", ""))),
        (despeckled, True),
        (repair_digits(despeckled)[0], True),
        (repair_digits(_DOUBLED_ZERO.sub(r"\1", unprefixed))[0], True),
        (_DOUBLED_LETTER.sub(r"\1", despeckled), True),
        (_THREE_DIGIT_YEAR.sub(r"\1\2", repair_digits(despeckled)[0]), True),
        *((pattern.sub(code, repair_digits(despeckled)[0]), True) for pattern, code in _LOST_CODE_LETTER),
        *((pattern.sub(code, repair_digits(despeckled)[0]), True) for pattern, code in _C_READ_AS_ZERO),
        (repair_digits(_LETTERED_YEAR.sub(lambda m: m.group(1).translate(DIGIT_LOOKALIKES), despeckled))[0], True),
        (_undoubled_digit(repair_digits(despeckled)[0]), True),
        (_LETTER_BEFORE_DISTRICT.sub(r"\1MC\2\3", despeckled), True),
        (repair_digits(_ONE_READ_TWICE.sub("", despeckled, count=1))[0], True),
    )
    matches: list[tuple[str, bool, str]] = []
    for candidate, repaired in candidates:
        if repaired and candidate == raw:
            continue
        for row, pattern in compiled_patterns("case_numbers"):
            if pattern.match(candidate):
                matches.append((_SEPARATORS.sub("", candidate), repaired, row["meaning"]))
                break
    if matches:
        strict = [m for m in matches if any(form.match(m[0]) for form in _STRICT_FORMS)]
        value, repaired, meaning = (strict or matches)[0]
        notes: tuple[str, ...] = ("digits_repaired",) if repaired else ()
        suffixed = _CODEFENDANT_SUFFIX.sub(r"\g<1>0\2", value)
        if suffixed != value:
            value, repaired, notes = suffixed, True, (*notes, "suffix_zero_repaired")
        if repaired:
            return Normalized(value, REPAIR_SCORE, n.REPAIRED, notes, meaning)
        if not strict:
            return Normalized(value, LOOSE_FORM_SCORE, n.EXACT, ("case_number_form_loose",), meaning)
        return Normalized(value, EXACT_SCORE, n.EXACT, (), meaning)
    compact = _SEPARATORS.sub("", repair_digits(raw)[0])
    # "82C756593" read as "820756593": the letter of a complaint number taken for a zero; or lost
    # altogether ("87311861": a year and a six-digit serial is no other form).
    lettered = re.sub(r"^(\d{2})[0O](\d{6})$|^([6-9]\d)(\d{6})$", lambda m: f"{m[1] or m[3]}C{m[2] or m[4]}", compact)
    if lettered != compact:
        return Normalized(lettered, REPAIR_SCORE, n.REPAIRED, ("letter_repaired",), None)
    if _GENERIC.match(compact):
        return Normalized(compact, GENERIC_SCORE, "unknown_pattern", ("case_number_pattern_unknown",))
    return Normalized(None, 0.0, n.UNPARSED)
