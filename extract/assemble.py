"""From analysed pages to cases: which lines belong to which case, count and docket entry.

Dockets come in four shapes (spec §11 and the clerk's forms): a typed half-sheet (caption,
counts, dated entries), a computer disposition printout (a charges table), one case typed over
two pages, and a rap sheet listing several cases of one person. A case starts at its case
number; a page whose case number repeats the previous one, or that says "PAGE 2 OF 2", carries
on the same case. Every value keeps the OCR words it was read from.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from extract import components as c
from extract import normalized as n
from extract.amounts import REPAIR_SCORE, check_amount, implied_brackets, normalize_amount
from extract.citations import agrees_with_charge_text, classify_charge_text, normalize_citation
from extract.dates import parse_docket_date
from extract.dispositions import OUTCOMES_DISAGREE, DispositionReading, DispositionToken, compose, entry_words, find_tokens, reading_score, weighed_codes
from extract.layout import Line
from extract.names import is_name_word, name_text, normalize_name
from extract.normalized import Normalized
from extract.offense_class import class_level_without_code, normalize_enhancements, normalize_offense_class
from extract.ocr_repair import DIGIT_LOOKALIKES, DOTTED_ZERO_DIGITS, repair_digits, weighed_digit_readings, zero_variants
from models.pages import OcrWord

_COUNT_REF = re.compile(r"\b(?:CT|COUNT)S?\.?\s*#?\s*([0-9OolI]{1,2})\b")
# "Cr 2 NOL PROS" (seed 7634): a count's T read as a small r. In capitals CR is a case number's
# code, so only the mixed-case reading is taken for CT.
_COUNT_WORD_MISREAD = re.compile(r"\b(?:Cr|cr|cT|Ct)(?=\.?\s*#?\s*[0-9OolI]{1,2}\b)")
_ALL_COUNTS = re.compile(r"\bALL\s+(?:CTS?|COUNTS)\b")
_CLAUSE_END = re.compile(r"\.\s")
_SAME_CASE_RATIO = 85.0
_CONTINUATION_INDENT_CELLS = 3.0
# A typist (or a printer's line filler) wraps a line only when the next word does not fit: a line
# whose first word would have fitted after the line above, with this many cells to spare, starts
# an entry of its own whose date OCR lost. Spare cells allow for OCR reading a word a letter long or short.
_WRAP_SPARE_CELLS = 2.0
# Lines reaching furthest right set the page's right edge; the few furthest are passed over, as
# a speck or a stamp beside the text may reach past it.
_RIGHT_EDGE_RANK = 3


@dataclass
class Value:
    """One extracted value with the OCR words it came from and how it was read."""

    value: Any
    normalized: Normalized | None
    words: tuple[OcrWord, ...]
    page: int
    extractor: str
    text: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def ocr_confidences(self) -> list[float]:
        return [w.confidence for w in self.words]


@dataclass
class Entry:
    """A dated docket entry, with the words of every line it runs over."""

    date: Value | None
    text: str
    words: tuple[OcrWord, ...]
    page: int
    order: int = 0  # the entry's place among its case's entries, in print order
    above: Entry | None = field(default=None, repr=False)  # the entry printed before it

    @property
    def day(self) -> dt.date | None:
        # A date read where no calendar date could be (`13/41/88`) has no value to order by.
        value = self.date.value if self.date is not None else None
        return value if isinstance(value, dt.date) else None

    @property
    def chronology(self) -> tuple[dt.date, int]:
        """Where the entry stands in its case's chronology: its date or, when that could not be
        read, the last date read above it (a docket is kept in date order); then print order."""
        dated = self
        while dated is not None and dated.day is None:
            dated = dated.above
        return (dated.day if dated is not None else dt.date.min, self.order)


@dataclass
class CountDraft:
    number: int
    page: int
    words: list[OcrWord] = field(default_factory=list)
    description: list[OcrWord] = field(default_factory=list)
    citation: list[OcrWord] = field(default_factory=list)
    offense_class: list[OcrWord] = field(default_factory=list)
    amount: list[OcrWord] = field(default_factory=list)
    enhancement: list[OcrWord] = field(default_factory=list)
    offense_date: Value | None = None
    # The page prints zeros that Tesseract takes for other digits (PageView.prints_dotted_zeros).
    dotted_zeros: bool = False


@dataclass
class CaseDraft:
    """What has been read of one case so far; `values` maps records.md paths to values."""

    pages: list[int] = field(default_factory=list)
    values: dict[str, Value] = field(default_factory=dict)
    counts: list[CountDraft] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    # Every reading of a value the docket prints more than once (the case number in each page's
    # header, the name in the caption and again further on), the first one included.
    readings: dict[str, list[Value]] = field(default_factory=dict)

    @property
    def case_number(self) -> str | None:
        value = self.values.get("case_number")
        return value.value if value else None


@dataclass
class ExtractedCount:
    number: int
    values: dict[str, Value]


@dataclass
class ExtractedCase:
    """A case as extracted: case-level values and one value map per count, paths as in records.md."""

    pages: list[int]
    values: dict[str, Value]
    counts: list[ExtractedCount]


def _text(words: list[OcrWord] | tuple[OcrWord, ...]) -> str:
    return " ".join(w.text for w in words)


def _line_spans(doc: Doc, key: str) -> dict[int, list[Span]]:
    sentence_of = {sent.start: i for i, sent in enumerate(doc.sents)}
    starts = sorted(sentence_of)
    by_line: dict[int, list[Span]] = {}
    for span in doc.spans.get(key, []):
        line = max(i for s, i in sentence_of.items() if s <= span.start) if starts else 0
        by_line.setdefault(line, []).append(span)
    return by_line


@dataclass
class PageView:
    """A page's lines with the pipeline's spans looked up by line."""

    page: int
    lines: list[Line]
    doc: Doc
    labels: dict[int, list[Span]]
    dates: dict[int, list[Span]]
    case_numbers: dict[int, list[Span]]

    @classmethod
    def of(cls, doc: Doc, lines: list[Line]) -> PageView:
        return cls(doc._.page, lines, doc, _line_spans(doc, c.LABELS), _line_spans(doc, c.DATES), _line_spans(doc, c.CASE_NUMBERS))

    def label(self, line: int, name: str) -> Span | None:
        return next((s for s in self.labels.get(line, []) if s.label_ == name), None)

    def has_label(self, line: int, *names: str) -> bool:
        return any(s.label_ in names for s in self.labels.get(line, []))

    def date_after(self, line: int, label: Span) -> Span | None:
        """The date the label gives: the first after it, before the line's next label and before
        any number that is no date. A birth date read past parsing (`10-21-5393`, `94708 152 2`)
        leaves no date of its own, not the arrest or print date printed after it (seed 7262)."""
        following = [s.start for s in self.labels.get(line, []) if s.start >= label.end]
        unparsed = [t.i for t in self.doc[label.end :] if sum(ch.isdigit() for ch in t.text) >= 2]
        stop = min(following + unparsed, default=len(self.doc))
        return next((d for d in self.dates.get(line, []) if label.end <= d.start and d.start <= stop), None)

    @cached_property
    def right_edge_cells(self) -> float:
        """Where the page's longest typed lines end, in cells from its text margin."""
        ends = sorted((_end_cells(line) for line in self.lines if line.fields), reverse=True)
        return ends[min(_RIGHT_EDGE_RANK, len(ends)) - 1] if ends else 0.0

    def line_start(self, line: int) -> int:
        return list(self.doc.sents)[line].start

    @cached_property
    def prints_dotted_zeros(self) -> bool:
        """Whether some 0 of the page was read as a 6, 8 or 9 first (digitize restored it, keeping
        the digit as an alternative): the face's zeros are ones Tesseract confuses, so a 6 that
        contradicts the statute may be a zero it never weighed."""
        return any(
            word.text[index] == "0" and any(d in chars for d in DOTTED_ZERO_DIGITS)
            for word in (token._.ocr for token in self.doc)
            for index, chars in word.alternatives
            if index < len(word.text)
        )


def _value_from_span(span: Span, page: int, extractor: str, value: Any = None) -> Value:
    normalized = span._.normalized
    return Value(
        value if value is not None else (normalized.value if normalized else span.text),
        normalized,
        tuple(t._.ocr for t in span),
        page,
        extractor,
        span.text,
    )


def _words_value(words: list[OcrWord] | tuple[OcrWord, ...], normalized: Normalized, page: int, extractor: str) -> Value:
    return Value(normalized.value, normalized, tuple(words), page, extractor, _text(words))


# --- splitting pages into cases -------------------------------------------------------------


def _end_cells(line: Line) -> float:
    last = line.fields[-1]
    return last.start_cell + len(last.text)


def _case_header(view: PageView, line: int) -> Span | None:
    spans = view.case_numbers.get(line, [])
    return spans[0] if spans else None


def _is_continuation_page(view: PageView) -> bool:
    for line in range(min(4, len(view.lines))):
        label = view.label(line, "PAGE_OF")
        if label is not None:
            numbers = re.findall(r"[0-9OolI]+", label.text)
            if numbers and repair_digits(numbers[0])[0] not in ("1",):
                return True
    return False


def split_cases(views: list[PageView]) -> tuple[list[tuple[CaseDraft, list[tuple[PageView, int]]]], dict[int, list[int]]]:
    """Group the lines of a document into cases.

    Returns (case, its (page, line) list) pairs in reading order, and for each page the lines
    before its first case header (page headers: the court, a rap sheet's name and birth date).
    """
    cases: list[tuple[CaseDraft, list[tuple[PageView, int]]]] = []
    preamble: dict[int, list[int]] = {}
    for view in views:
        continuation = _is_continuation_page(view)
        current = cases[-1] if cases and continuation else None
        disposed = False
        for line in range(len(view.lines)):
            header = _case_header(view, line)
            if header is None and disposed and view.has_label(line, "COURT_NAME", "ARREST_DATE"):
                # A rap sheet's arrest or court line after a disposition opens the next case even
                # when its "CASE ..." was too damaged to read: read without a number, rather than
                # the next case's counts and entries read into this one.
                current, disposed = (CaseDraft(), []), False
                cases.append(current)
            if header is not None:
                number = header._.normalized.value
                previous = cases[-1][0].case_number if cases else None
                same = previous is not None and number is not None and (number == previous or fuzz.ratio(number, previous) >= _SAME_CASE_RATIO)
                if (continuation or same) and cases and current is cases[-1]:
                    if number is not None:
                        add_reading(current[0], "case_number", _value_from_span(header, view.page, c.CASE_NUMBER_READER))
                elif same and cases and view.page not in cases[-1][0].pages:
                    current = cases[-1]
                    add_reading(current[0], "case_number", _value_from_span(header, view.page, c.CASE_NUMBER_READER))
                else:
                    draft = CaseDraft()
                    if number is not None:
                        add_reading(draft, "case_number", _value_from_span(header, view.page, c.CASE_NUMBER_READER))
                    current = (draft, [])
                    cases.append(current)
            if current is None:
                preamble.setdefault(view.page, []).append(line)
                continue
            if view.page not in current[0].pages:
                current[0].pages.append(view.page)
            current[1].append((view, line))
            disposed = header is None and (disposed or view.has_label(line, "DISP"))
    if not cases and any(view.lines for view in views):
        # No case number could be read: the document is still one case, read without it.
        draft = CaseDraft(pages=[v.page for v in views])
        cases.append((draft, [(v, i) for v in views for i in range(len(v.lines))]))
        preamble = {}
    return cases, preamble


# --- case-level values ----------------------------------------------------------------------


def add_reading(draft: CaseDraft, path: str, value: Value) -> None:
    """Keep the first reading of `path` as its value and every reading for `vote_repeated` (the
    same printed words found by two labels count once)."""
    draft.values.setdefault(path, value)
    readings = draft.readings.setdefault(path, [])
    if not any(set(r.words) & set(value.words) for r in readings):
        readings.append(value)


def _reading_weight(value: Value) -> float:
    confidences = value.ocr_confidences
    score = value.normalized.confidence if value.normalized else 1.0
    return score * (sum(confidences) / len(confidences) if confidences else 0.5)


def vote_repeated(draft: CaseDraft, path: str) -> None:
    """One value from several printed readings of it (the case number on each page, the name in
    the caption and the rap-sheet lines).

    Readings of one length vote character by character, each weighted by its normalizer score
    times its words' mean OCR confidence; otherwise the heaviest reading stands. Readings that all
    agree are a check passed (`repeated_agrees`); any disagreement is flagged
    (`repeated_disagrees`), which the confidence reads as doubt.
    """
    readings = [r for r in draft.readings.get(path, []) if r.value]
    if len(readings) < 2:
        return
    texts = [str(r.value) for r in readings]
    first = draft.values[path]
    if len(set(texts)) == 1:
        first.flags += ("repeated_agrees",)
        return
    weights = [_reading_weight(r) for r in readings]
    if len({len(t) for t in texts}) == 1:
        voted = ""
        for chars in zip(*texts):
            tally: dict[str, float] = {}
            for ch, weight in zip(chars, weights):
                tally[ch] = tally.get(ch, 0.0) + weight
            voted += max(tally, key=lambda ch: tally[ch])
    else:
        voted = texts[max(range(len(texts)), key=lambda i: weights[i])]
    source = next((r for r, t in zip(readings, texts) if t == voted), first)
    normalized = source.normalized
    if normalized is not None and voted != str(source.value):
        normalized = Normalized(voted, normalized.confidence * 0.85, "voted", (*normalized.notes, "repeated_voted"), normalized.detail)
    draft.values[path] = Value(voted, normalized, source.words, source.page, source.extractor, source.text, source.flags + ("repeated_disagrees",))

_NAME_FIELD = re.compile(r"^[A-Z0-9'\-]+(?:\s[A-Z0-9'\-]+)*\s?,\s?[A-Z0-9][A-Z0-9'\-.]*(?:\s[A-Z0-9][A-Z0-9'\-.]*)*$")


def _looks_like_name(text: str) -> bool:
    """`LAST, FIRST M` once OCR specks ("$", "|") are set aside."""
    return bool(_NAME_FIELD.match(re.sub(r"[^A-Z0-9,'\-. ]", "", text.upper()).strip()))


def _name_from_words(words: list[OcrWord], page: int, extractor: str) -> Value | None:
    words = [w for w in words if is_name_word(w.text)]
    if not any(any(ch.isalnum() for ch in w.text) for w in words):
        return None
    text, letters_repaired = name_text(words)
    parsed = normalize_name(text, letters_repaired=letters_repaired)
    return _words_value(words, parsed, page, extractor) if parsed.ok else None


def _words_after(view: PageView, line: int, label: Span) -> list[OcrWord]:
    """The words of the label's field that follow the label."""
    field_index = label[-1]._.field
    sent = list(view.doc.sents)[line]
    return [t._.ocr for t in sent if t.i >= label.end and t._.field == field_index]


def read_case_values(draft: CaseDraft, lines: list[tuple[PageView, int]], header_lines: list[tuple[PageView, int]]) -> None:
    """Defendant, birth date, arrest and offense dates and court of one case."""
    values = draft.values
    for view, line in header_lines + lines:
        page = view.page
        dob = view.label(line, "DOB")
        if dob is not None and "defendant.date_of_birth" not in values:
            date = view.date_after(line, dob)
            if date is not None:
                values["defendant.date_of_birth"] = _value_from_span(date, page, c.DATES_READER)
            # Half-sheet captions type the name and the birth date on one line.
            name_field = view.lines[line].fields[0]
            if (
                not view.has_label(line, "DEFENDANT")
                and dob[0]._.ocr not in name_field.words
                and _looks_like_name(name_field.text)
            ):
                name = _name_from_words(list(name_field.words), page, "court.defendant.v1")
                if name is not None:
                    add_reading(draft, "defendant.name", name)
        for label_name in ("DEFENDANT", "PEOPLE_V"):
            label = view.label(line, label_name)
            if label is not None:
                name = _name_from_words(_words_after(view, line, label), page, "court.defendant.v1")
                if name is not None:
                    add_reading(draft, "defendant.name", name)
        versus = view.label(line, "VERSUS")
        if versus is not None and line + 1 < len(view.lines):
            following = view.lines[line + 1].fields[0]
            if _looks_like_name(following.text):
                name = _name_from_words(list(following.words), page, "court.defendant.v1")
                if name is not None:
                    add_reading(draft, "defendant.name", name)
    # The case's own arrest line outranks one above its first case: on a rap sheet that is a case
    # whose CASE label OCR lost, and its arrest date was every case's (seed 7246).
    for view, line in lines + header_lines:
        page = view.page
        arrest = view.label(line, "ARREST_DATE")
        if arrest is not None and "arrest_date" not in values:
            date = view.date_after(line, arrest)
            if date is not None:
                values["arrest_date"] = _value_from_span(date, page, c.DATES_READER)
        offense = view.label(line, "OFFENSE_DATE")
        if offense is not None and "offense_date" not in values:
            date = view.date_after(line, offense)
            if date is not None:
                values["offense_date"] = _value_from_span(date, page, c.DATES_READER)
        branch = view.label(line, "BRANCH")
        if branch is not None and "court" not in values:
            values["court"] = Value(
                " ".join(repair_digits(t.text)[0] if i else t.text.upper() for i, t in enumerate(branch)),
                Normalized(branch.text, 1.0, "exact"),
                tuple(t._.ocr for t in branch),
                page,
                c.LABELS_READER,
                branch.text,
            )


_CASE_YEAR = re.compile(r"^(\d{4})(?=[A-Z])|^(\d{2})(?=[A-Z]|\d{9}$)")


def _case_number_year(value: Value | None) -> int | None:
    """The filing year a normalized case number starts with (spec §11: an upper bound on arrest)."""
    if value is None or value.normalized is None:
        return None
    match = _CASE_YEAR.match(value.value or "")
    if not match:
        return None
    # A repaired number's year counts only when printed as read ("1990CRO167003": the O repaired).
    if value.normalized.confidence < 1.0 and not re.sub(r"\s", "", value.text or "").startswith(match.group(0)):
        return None
    year = int(match.group(1) or match.group(2))
    return year if year > 1900 else 1900 + year


# Digits a worn ribbon or a dot-matrix head prints so that OCR reads another (printed → meant).
_DIGIT_CONFUSIONS = frozenset({("5", "9"), ("5", "8"), ("3", "9"), ("3", "8"), ("3", "5"), ("6", "0"), ("8", "0"), ("9", "0"), ("8", "9"), ("6", "8")})


def _add_century(day: dt.date) -> dt.date | None:
    try:
        return day.replace(year=day.year + 100)
    except ValueError:
        return None


# A two-digit year read into the 2000s only when that lands near the docket's other dates.
_CENTURY_REFIT_YEARS = 15


# A faded typewritten 8 that lost its waist reads as 0 ("JAN 12 1907" for 1987, seed 7665): a date
# out of the docket's order is read again so; a case number's year is not.
_FADED_EIGHT = ("0", "8")


def _confused_digit_variants(text: str) -> list[str]:
    """`text` with one digit read as the digit a worn or dot-matrix face makes it look like."""
    variants = []
    for i, ch in enumerate(text):
        for printed, meant in sorted(_DIGIT_CONFUSIONS | {_FADED_EIGHT}):
            if ch == printed:
                variants.append(text[:i] + meant + text[i + 1 :])
    return variants


def refit_date(
    value: Value, *, earliest: dt.date | None = None, latest: dt.date | None = None, near: dt.date | None = None, only_weighed: bool = False
) -> Value:
    """A date outside what the docket allows, read again with dotted zeros (6, 8, 9 as 0), with
    a digit a worn face makes look like another, or with a digit Tesseract weighed (with
    `only_weighed`, that last alone).

    An arrest after the case was filed, or a birth ten years before the arrest, is a misreading;
    the reading that fits is kept, flagged, and calibrates lower. Of the fitting readings the one
    with fewest changes wins, then the one nearest `near` ("10/12/96" on a case filed in 1990 is
    "10/12/90", not "10/12/06"). A two-digit year before the arrest by a century ("01/24/00")
    is the 2000s.
    """
    day = value.value

    def fits(candidate: dt.date) -> bool:
        return (earliest is None or candidate >= earliest) and (latest is None or candidate <= latest)

    if day is None or fits(day) or not value.text:
        return value
    readings: list[tuple[int, float, dt.date, Normalized]] = []
    next_century = _add_century(day)
    if (
        not only_weighed
        and next_century is not None
        and fits(next_century)
        and re.search(r"[-/]\d{2}$", value.text.strip())
        and (near is None or abs(next_century.year - near.year) <= _CENTURY_REFIT_YEARS)
    ):
        readings.append((0, 0.0, next_century, Normalized(next_century, value.normalized.confidence if value.normalized else 1.0, "century_refit", ("century_refit",))))
    # A date read as one word may be one digit Tesseract weighed away from the right reading.
    weighed = list(weighed_digit_readings(value.text, [(0, value.words[0])])) if len(value.words) == 1 and value.words[0].text == value.text else []
    guessed = [] if only_weighed else zero_variants(value.text, max_changes=2) + _confused_digit_variants(value.text)
    for variant in guessed + weighed:
        parsed = parse_docket_date(variant)
        if parsed.ok and fits(parsed.value):
            changes = sum(a != b for a, b in zip(variant, value.text))
            distance = abs((parsed.value - near).days) if near is not None else 0.0
            readings.append((changes, distance, parsed.value, parsed))
    if readings:
        changes, _, refit, parsed = min(readings, key=lambda reading: reading[:2])
        flag = "date_refit" if changes else "century_refit"
        return Value(refit, parsed, value.words, value.page, value.extractor, value.text, value.flags + (flag,))
    return Value(day, value.normalized, value.words, value.page, value.extractor, value.text, value.flags + ("date_out_of_order",))


def _weighed_at_start(words: tuple[OcrWord, ...], printed: str) -> dict[int, str]:
    """The characters Tesseract weighed at each place of `printed`, when the first word begins
    with it (a case number's year is the start of its first word), letters read for digits
    included ("7OCRO8668" begins with the year 70)."""
    if not words or not words[0].text.translate(DIGIT_LOOKALIKES).startswith(printed):
        return {}
    return dict(words[0].alternatives)


def _first_entry_date(draft: CaseDraft) -> dt.date | None:
    return min((e.day for e in draft.entries if e.day is not None), default=None)


def check_case_number_year(draft: CaseDraft) -> None:
    """The case number's filing year against the arrest date (spec §11: filed the year of the
    arrest or the next).

    A year one confusable digit away from the arrest's ("S3CR27941" with an arrest in 1993,
    "1999MC…" with one in 1990) is read again as the arrest's year, flagged; a year that agrees
    is flagged too, which the confidence reads as a check passed.
    """
    number, arrest = draft.values.get("case_number"), draft.values.get("arrest_date")
    if number is None or arrest is None or not number.value or arrest.value is None or "date_out_of_order" in arrest.flags:
        return
    match = _CASE_YEAR.match(number.value)
    if not match:
        return
    printed = match.group(1) or match.group(2)
    allowed = [str(year)[-len(printed):] for year in (arrest.value.year, arrest.value.year + 1)]
    if printed in allowed:
        number.flags += ("case_number_agrees_with_arrest",)
        return
    # The arrest date may be the misread one: a year the docket's own entries precede is no fix.
    first_entry = _first_entry_date(draft)
    weighed = _weighed_at_start(number.words, printed)
    for year in allowed:
        differences = [(i, a, b) for i, (a, b) in enumerate(zip(printed, year)) if a != b]
        full_year = int(year) if len(year) == 4 else (arrest.value.year // 100) * 100 + int(year)
        too_late = first_entry is not None and full_year > first_entry.year
        # A digit Tesseract weighed as the arrest year's is confusable too ("1904" with 9 weighed
        # at its zero: a 9 that digitize read as the dotted zero).
        confusable = len(differences) == 1 and (differences[0][1:] in _DIGIT_CONFUSIONS or differences[0][2] in weighed.get(differences[0][0], ""))
        if confusable and not too_late:
            value = year + number.value[len(printed):]
            normalized = Normalized(value, (number.normalized.confidence if number.normalized else 1.0) * 0.85, "year_refit", ("case_number_year_refit",))
            draft.values["case_number"] = Value(value, normalized, number.words, number.page, number.extractor, number.text, number.flags + ("case_number_year_refit",))
            return


# Ages and spans a docket's dates usually keep: a check passed, not a rule (a value outside them
# is not changed, only not counted as checked).
_YOUNGEST_DEFENDANT, _OLDEST_DEFENDANT = 15, 80
_USUAL_CASE_YEARS = 4
# An arrest this many years before its case was filed is a misreading ("02/28/30" on a 1990
# case is 02/28/90): a case is filed the year of its arrest or the next (spec §11).
_ARREST_BEFORE_FILING_YEARS = 10


# The Circuit Court of Cook County sat from 1 January 1964 (the Judicial Article of 1962): no entry
# of its dockets is older.
_COURT_OPENED = dt.date(1964, 1, 1)
# A case filed on the court's first day may have begun with an arrest the year before.
_ARREST_BEFORE_COURT = dt.timedelta(days=366)


def _after_court_opened(value: Value, *, near: dt.date | None) -> Value:
    earliest = _COURT_OPENED - _ARREST_BEFORE_COURT
    if value.value is None or value.value >= earliest:
        return value
    return refit_date(value, earliest=earliest, near=near)


def apply_date_order(draft: CaseDraft) -> None:
    """Birth before arrest before filing year before every entry (spec §11; docket chronology)."""
    values = draft.values
    year = _case_number_year(values.get("case_number"))
    arrest = values.get("arrest_date")
    if arrest is not None and year is not None:
        arrest = values["arrest_date"] = refit_date(
            arrest, earliest=dt.date(year - _ARREST_BEFORE_FILING_YEARS, 1, 1), latest=dt.date(year, 12, 31), near=dt.date(year, 1, 1)
        )
        if arrest.value is not None and arrest.value.year not in (year - 1, year):
            # An arrest years before its filing that a digit Tesseract weighed puts in the year
            # of filing or the one before is that misread ("03/08/85" on case 89C208080, its 5
            # weighed as 9).
            refit = refit_date(arrest, earliest=dt.date(year - 1, 1, 1), latest=dt.date(year, 12, 31), only_weighed=True)
            if refit.flags[-1:] == ("date_refit",):
                arrest = values["arrest_date"] = refit
    if arrest is not None and arrest.value is not None and year is not None and arrest.value.year in (year - 1, year):
        arrest.flags += ("date_in_order",)
    dob = values.get("defendant.date_of_birth")
    first_entry = _first_entry_date(draft)
    if year is None and arrest is not None and arrest.value is not None and dob is not None and dob.value is not None and first_entry is not None:
        # No filing year to bound the arrest, but an arrest before the defendant was ten is a
        # misreading of one of the two ("09/12/1901" with 9 weighed at its 0): the arrest is read
        # again between that age and the first entry, and kept only if a digit reading fits.
        grown = dob.value + dt.timedelta(days=365 * 10)
        if arrest.value < grown <= first_entry:
            refit = refit_date(arrest, earliest=grown, latest=first_entry)
            if refit.flags[-1:] == ("date_refit",):
                arrest = values["arrest_date"] = refit
    # An arrest or offense before the court sat is a misreading whatever else was read ("1904"
    # for 1994, "12-01-00" read as 1900, seeds 7008 and 7096): read again after it, or doubted.
    if arrest is not None:
        arrest = values["arrest_date"] = _after_court_opened(arrest, near=first_entry)
    near = arrest.value if arrest is not None and arrest.value is not None else first_entry
    if values.get("offense_date") is not None:
        values["offense_date"] = _after_court_opened(values["offense_date"], near=near)
    for count in draft.counts:
        if count.offense_date is not None:
            count.offense_date = _after_court_opened(count.offense_date, near=near)
    if arrest is not None and arrest.value is not None and first_entry is not None:
        # An arrest decades before the docket's first entry is a misreading, whatever a misread
        # case number says ("07/08/1902" for 1982, "1930" on case "30CR..." for 90CR, entries
        # in 1990): read again near the entries, or doubted.
        earliest = first_entry - dt.timedelta(days=365 * _ARREST_BEFORE_FILING_YEARS)
        if arrest.value < earliest:
            arrest = values["arrest_date"] = refit_date(arrest, earliest=earliest, latest=first_entry, near=first_entry)
    if dob is not None and arrest is not None and arrest.value is not None:
        dob = values["defendant.date_of_birth"] = refit_date(dob, latest=arrest.value - dt.timedelta(days=365 * 10))
        if dob.value is not None and _YOUNGEST_DEFENDANT <= (arrest.value - dob.value).days / 365.25 <= _OLDEST_DEFENDANT:
            dob.flags += ("date_in_order",)
    if arrest is None or arrest.value is None:
        for entry in draft.entries:
            if entry.date is not None and entry.date.value is not None and entry.date.value < _COURT_OPENED:
                # With no arrest to read it near, an entry before the court sat is read again
                # after that, and doubted ("04-22-02" for 1982 went out as 1902 at 0.997 on seed
                # 7664, whose arrest date and case number were lost; 2002 is as likely a reading).
                entry.date = refit_date(entry.date, earliest=_COURT_OPENED)
                if entry.date.flags[-1:] in (("date_refit",), ("century_refit",)):
                    entry.date.flags += ("date_unanchored",)
    else:
        for entry in draft.entries:
            if entry.date is not None:
                entry.date = refit_date(entry.date, earliest=arrest.value, near=arrest.value)
                if entry.date.value is not None and arrest.value <= entry.date.value <= arrest.value + dt.timedelta(days=365 * _USUAL_CASE_YEARS):
                    entry.date.flags += ("date_in_order",)


# --- counts ---------------------------------------------------------------------------------


def _field_kind(text: str) -> str:
    # "= 1.3 GRAMS", "(0.2 GR": a speck read as "=" or "(" in front of the field (a draft
    # face's, a noisy scan's: seed 7121).
    upper = text.upper().lstrip("=( ")
    if re.match(r"^(?:CL|CLASS|CL\.)\b", upper):
        return "class"
    if normalize_enhancements(upper).value:
        return "enhancement"
    if re.match(r"^(?:STATUTE:?)", upper) or c._CITATION_HINT.search(upper) or re.search(r"\bORD\b|VILL", upper):
        parsed = normalize_citation(text)
        if parsed.ok or parsed.reason in ("ordinance", "unknown_statute") or c._CITATION_HINT.search(upper):
            return "citation"
    amount = normalize_amount(text)
    if amount.ok and re.match(r"^(?:APPROX|APX|ABOUT|~|\+|NET|GROSS|[<>]|\d|[OolI]\d|\.\d|&[.,]?\d|[IL|]{1,2}\s)", upper):
        return "amount"
    if amount.detail is not None and amount.detail.plant_count and re.match(r"^\d", upper):
        return "amount"
    return "description"


# The first word of a citation, a speck or two in front: "CH", "Ill.", "720-550/4", "=6CH", "CCA".
_CITATION_START = re.compile(r"(?i)^[=~_]*\d?(?:ch\b|ch[.,]|ill\b|ill[.,]|\d{3}\b|\d{3}-|cca\b)")


def _split_at_specks(words: list[OcrWord]) -> list[list[OcrWord]]:
    """A field split where specks join two fields: on draft dot-matrix lines a speck read as "="
    fills the gap between a citation and an amount ("PAR. 703(A) = 1.3 GRAMS"), and a stamp's
    ink runs a class into the citation after it ("CLASS B MISNfsramme = =6CH 56 1/2 PAR 704 (B)")."""
    for i, word in enumerate(words[1:], start=1):
        if word.text.startswith("=") and _field_kind(_text(words[:i])) == "citation" and _field_kind(_text(words[i:])) == "amount":
            return [words[:i], words[i:]]
        if _CITATION_START.match(word.text) and _field_kind(_text(words[:i])) == "class" and normalize_citation(_text(words[i:])).reason in (n.EXACT, n.REPAIRED, n.FUZZY):
            return [words[:i], words[i:]]
    return [words]


def _weighed_texts(words: list[OcrWord] | tuple[OcrWord, ...]) -> Iterator[str]:
    """The words' text with one character read as one Tesseract weighed for it."""
    for position, word in enumerate(words):
        for index, others in word.alternatives:
            for other in others:
                changed = word.text[:index] + other + word.text[index + 1 :]
                yield " ".join([*(w.text for w in words[:position]), changed, *(w.text for w in words[position + 1 :])])


def _read_amount(words: list[OcrWord]) -> Normalized:
    """The amount the words print; failing that, one they print with a character Tesseract
    weighed ("2.60" whose 0 the page's glyphs voted, from the 6 Tesseract read for a G), as a
    repair noted read_as_weighed."""
    parsed = normalize_amount(_text(words))
    if parsed.ok or (parsed.detail is not None and parsed.detail.plant_count):
        return parsed
    weighed = next((p for p in map(normalize_amount, _weighed_texts(words)) if p.ok), None)
    if weighed is None:
        return parsed
    return replace(weighed, confidence=min(weighed.confidence, REPAIR_SCORE), reason=n.REPAIRED, notes=(*weighed.notes, "read_as_weighed"))


# A subsection alone in brackets: "(c)" parted from "720 ILCS 550/4" by a gap a speck widened.
_LONE_SUBSECTION = re.compile(r"^\(\s*[A-Ga-g]\s*\)$")


def _assign_fields(draft: CountDraft, fields: list[list[OcrWord]]) -> None:
    kind = None
    for words in (piece for field_words in fields for piece in _split_at_specks(field_words)):
        if not words:
            continue
        if kind == "citation" and _LONE_SUBSECTION.match(_text(words)):
            # The subsection of the citation before it (damaged 7269: the section went out alone at 0.996).
            draft.citation.extend(words)
            continue
        kind = _field_kind(_text(words))
        if kind == "description" and not draft.amount and re.match(r"^[\d.]+$", words[0].text):
            # A number whose unit Tesseract read as a digit ("2.66" for 2.6G) is an amount when a
            # character it weighed makes one.
            kind = "amount" if any(_field_kind(text) == "amount" for text in _weighed_texts(words)) else kind
        target = getattr(draft, "offense_class" if kind == "class" else kind)
        if kind == "description" and draft.description and (draft.citation or draft.amount or draft.offense_class):
            # Text after the citation or amount is a remark, not more of the description.
            continue
        target.extend(words)


_COUNT_WORD = re.compile(r"^(?i:[cfg][tr1li7])\.?$")


def _is_unread_count_line(line: Line) -> bool:
    """A line that starts like "CT n" with the number unreadable, and goes on to name a charge."""
    words = line.words
    return (
        len(words) >= 3
        and len(line.fields) >= 2
        and _COUNT_WORD.match(words[0].text) is not None
        and len(words[1].text) <= 3
        and line.indent_cells < _CONTINUATION_INDENT_CELLS + 1
    )


_LABELS_OF_OTHER_LINES = ("CASE_NO", "DOB", "ARREST_DATE", "OFFENSE_DATE", "DEFENDANT", "AGENCY", "COURT", "PAGE_OF", "CAPTION", "STATUTE", "END")


def _starts_with_date(view: PageView, line: int) -> bool:
    dates = view.dates.get(line, [])
    return bool(dates) and dates[0].start == view.line_start(line)


def _reads_as_charge(view: PageView, line: int) -> bool:
    """A line of the charges whose "CT n" OCR garbled: it prints a class, a citation or an amount."""
    printed = view.lines[line]
    if len(printed.fields) < 2 or printed.indent_cells >= _CONTINUATION_INDENT_CELLS or view.has_label(line, *_LABELS_OF_OTHER_LINES):
        return False
    if _field_kind(printed.fields[0].text) == "citation":
        # A line that starts with its citation continues a count; a count line starts "CT n".
        return False
    return any(_field_kind(f.text) in ("class", "citation", "amount") for f in printed.fields[1:])


def _count_number(text: str) -> int | None:
    digits = repair_digits(text)[0]
    return int(digits) if digits.isdigit() and 0 < int(digits) < 100 else None


def _has_one_digit_too_many(number: int, expected: int) -> bool:
    """Whether the count number read is the expected one with a digit added: Tesseract reads a
    typewritten "CT 1" as "CT 21" (it weighs the 1 and a 2 for the same stroke)."""
    read = str(number)
    return any(read[:i] + read[i + 1 :] == str(expected) for i in range(len(read)))


def _printout_count_number(text: str) -> int | None:
    """The number in a printout row's CT column, where a lone 1 read as "i" or "l" is still 1."""
    return 1 if text in ("i", "l", "I", "|", "!") else _count_number(text)


# A header word OCR garbled by a letter or two ('SESCRIPTION') still names its column.
_HEADER_WORD_SIMILARITY = 80


def _is_printout_table_header(view: PageView, line: int) -> bool:
    """'CT DESCRIPTION CLASS AMOUNT OFF DATE', however OCR read it; not the continuation
    layout's 'CHARGES' heading, which has no columns."""
    header = view.label(line, "CHARGES_HEADER")
    return header is not None and not header.text.upper().startswith("CHARGES")


def _printout_columns(view: PageView, line: int) -> list[tuple[str, int]]:
    """(column name, left pixel) of the printout's charges table header."""
    columns = []
    for index, word in enumerate(view.lines[line].words):
        name = word.text.upper().strip(":.,")
        if fuzz.ratio(name, "DESCRIPTION") >= _HEADER_WORD_SIMILARITY:
            name = "DESCRIPTION"
        if name in ("CT", "DESCRIPTION", "CLASS", "AMOUNT", "OFF"):
            columns.append((name, word.left))
        elif index == 0 and name != "DESCRIPTION":
            # The header's first word, left of DESCRIPTION, is CT however it was read ("Cv").
            columns.append(("CT", word.left))
    return columns


def _column_of(word: OcrWord, columns: list[tuple[str, int]], cell: float) -> str:
    name = columns[0][0]
    for column, left in columns:
        if word.left + cell >= left:
            name = column
    return name


def _by_column(words: list[OcrWord], columns: list[tuple[str, int]]) -> dict[str, list[OcrWord]]:
    """A printout row's words by the header column each stands under."""
    cell = max(1.0, words[0].width / max(1, len(words[0].text))) if words else 1.0
    by_column: dict[str, list[OcrWord]] = {}
    for word in words:
        by_column.setdefault(_column_of(word, columns, cell), []).append(word)
    return by_column


def _is_unnumbered_row(view: PageView, line: int, by_column: dict[str, list[OcrWord]]) -> bool:
    """A printout row whose CT number Tesseract read into a block of its own (clean seed 7876:
    `CT`, `1` and `DATE` above the table, the rows starting at DESCRIPTION): it starts under
    DESCRIPTION and prints a class, an amount or an offense date in their columns.

    Args:
        by_column: `_by_column` of the line's words.
    """
    words = view.lines[line].words
    if not words or view.has_label(line, "STATUTE") or _starts_with_date(view, line):
        return False
    return words[0] in by_column.get("DESCRIPTION", []) and any(by_column.get(name) for name in ("CLASS", "AMOUNT", "OFF"))


def _is_count_without_label_column(view: PageView, line: int, indent: float | None) -> bool:
    """A count line whose whole "CT n" column Tesseract left out (clean seed 8071: the column
    made no block at all, and every count line starts at its description, indented like a
    continuation). The first such line (`indent` None) starts with a charge the vocabulary
    knows; later ones stand at its `indent` and name a charge by their text or by a class,
    citation or amount after it.
    """
    printed = view.lines[line]
    if printed.indent_cells < _CONTINUATION_INDENT_CELLS or view.has_label(line, *_LABELS_OF_OTHER_LINES) or _starts_with_date(view, line):
        return False
    if _field_kind(printed.fields[0].text) == "citation":
        return False
    if classify_charge_text(printed.fields[0].text) is not None:
        return indent is None or abs(printed.indent_cells - indent) <= 1
    # Only beside counts read so: on a damaged caption "BRANCH" read "BRAN CH" looks like a
    # citation, and a misread header's CLASS like a class.
    return indent is not None and abs(printed.indent_cells - indent) <= 1 and any(_prints_charge_detail(f.text) for f in printed.fields[1:])


def _prints_charge_detail(text: str) -> bool:
    """Whether a field is a count's citation, amount or class (a class as a value, not a header)."""
    kind = _field_kind(text)
    return kind in ("citation", "amount") or (kind == "class" and normalize_offense_class(text).ok)


def _next_count_number(draft: CaseDraft) -> int:
    """The number of a count read without its own: counts run 1, 2, 3 in order."""
    return draft.counts[-1].number + 1 if draft.counts else 1


def _start_count(draft: CaseDraft, number: int, view: PageView, printed: Line) -> CountDraft:
    count = CountDraft(number, view.page, list(printed.words), dotted_zeros=view.prints_dotted_zeros)
    draft.counts.append(count)
    return count


def read_counts(draft: CaseDraft, lines: list[tuple[PageView, int]]) -> None:
    """The counts of a case: "CT n" lines with their continuation lines, or printout rows."""
    current: CountDraft | None = None
    columns: list[tuple[str, int]] = []
    entries_started = False
    # The indent of count lines read without their "CT n" column, once the first one was.
    unlabelled_indent: float | None = None
    for view, line in lines:
        printed = view.lines[line]
        if view.has_label(line, "ENTRIES_HEADER", "DISP") or _starts_with_date(view, line):
            entries_started = True
        if _is_printout_table_header(view, line):
            columns = _printout_columns(view, line)
            current = None
            continue
        label = view.label(line, "COUNT")
        unread = label is None and not columns and (
            _is_unread_count_line(printed) or (not entries_started and _reads_as_charge(view, line))
        )
        if label is not None and entries_started and _count_number(label[-1].text) in {c.number for c in draft.counts}:
            # "CT 3 FG. FINE & COSTS" under the entries continues an entry about a count already read.
            label = None
            unread = False
        unlabelled = (
            label is None
            and not columns
            and not entries_started
            and (unlabelled_indent is not None or not draft.counts)
            and _is_count_without_label_column(view, line, unlabelled_indent)
        )
        if unlabelled:
            unlabelled_indent = printed.indent_cells
            current = _start_count(draft, _next_count_number(draft), view, printed)
            _assign_fields(current, [list(f.words) for f in printed.fields])
            continue
        if unread or (label is not None and label.start == view.line_start(line)):
            # "CT ft." is a count line whose number OCR lost: counts run 1, 2, 3 in order.
            number = None if unread else _count_number(label[-1].text)
            expected = _next_count_number(draft)
            if number is None or _has_one_digit_too_many(number, expected):
                number = expected
            current = _start_count(draft, number, view, printed)
            if unread:
                first = printed.fields[0]
                # The garbled "CT n" is the first field when it is short; otherwise its first two words.
                label_end = view.line_start(line) + (len(first.words) if len(first.text) <= 8 else 2)
            else:
                label_end = label.end
            rest = [t._.ocr for t in list(view.doc.sents)[line] if t.i >= label_end]
            fields: list[list[OcrWord]] = []
            for f in printed.fields:
                kept = [w for w in f.words if w in rest]
                if kept:
                    fields.append(kept)
            _assign_fields(current, fields)
            continue
        row_number = _printout_count_number(printed.words[0].text) if columns and printed.fields else None
        numbered = row_number is not None and printed.indent_cells < 2
        by_column = _by_column(printed.words[1:] if numbered else printed.words, columns) if columns else {}
        unnumbered = not numbered and bool(columns) and not entries_started and _is_unnumbered_row(view, line, by_column)
        if numbered or unnumbered:
            current = _start_count(draft, _next_count_number(draft) if unnumbered else row_number, view, printed)
            current.description.extend(by_column.get("DESCRIPTION", []) + by_column.get("CT", []))
            current.offense_class.extend(by_column.get("CLASS", []))
            current.amount.extend(by_column.get("AMOUNT", []))
            off = by_column.get("OFF", [])
            if off:
                parsed = parse_docket_date(_text(off))
                if parsed.ok:
                    current.offense_date = _words_value(off, parsed, view.page, c.DATES_READER)
            continue
        # "STATUTE: CH 56-1/2 PAR 1402(C)" and a wrapped "CH 56 1/2 PAR 1402 (C) 1/4 OZ" hold
        # something date-shaped ("56-1/2", "1/4") and are still no entry.
        statute_line = view.has_label(line, "STATUTE") or _field_kind(printed.fields[0].text) == "citation"
        # A count's citation line whose indent a speck in the margin hid ("TLL. REV. STAT. ..."
        # at the margin, seed 7669) still belongs to the count when it has none yet.
        continues = printed.indent_cells >= _CONTINUATION_INDENT_CELLS or (statute_line and current is not None and not current.citation)
        if current is not None and continues and (statute_line or not view.dates.get(line)):
            current.words.extend(printed.words)
            statute = view.label(line, "STATUTE")
            if statute is not None:
                current.citation.extend(w for w in printed.words if w not in [t._.ocr for t in statute])
                continue
            _assign_fields(current, [list(f.words) for f in printed.fields])
            continue
        current = None


# Subsection letters a dot-matrix or worn typewriter face makes hard to tell apart.
_ROUND_LETTERS = {"a": "ce", "c": "ae", "e": "ac", "b": "dh", "d": "b"}
# A subsequent offense raises the class of §4(c) and §4(d) by one (spec §7.2).
_SUBSEQUENT_CLASS = {("4", "c"): "4", ("4", "d"): "3"}


def _subsection_class(section: str, subsection: str, when: dt.date | None) -> str | None:
    from extract.vocabulary import statute_table

    entry = statute_table()["statutes"].get(f"720 ILCS 550/{section}({subsection})")
    if not entry:
        return None
    day = (when or dt.date(1990, 1, 1)).isoformat()
    for version in entry.get("versions", []):
        if version["from"] <= day and (version["to"] is None or day <= version["to"]):
            return version["class"]
    return None


def check_subsection_amount(parsed: Normalized, grams: float, when: dt.date | None) -> Normalized:
    """A §4/§5 subsection whose bracket the written weight contradicts, when a round letter read
    for another ("704(a)" for "704(c)") would agree with it.

    Dockets whose weight truly contradicts the subsection name the next bracket up or down (a and
    b, b and c); round-letter misreadings are two brackets apart, so the two never mix.
    """
    citation = parsed.detail
    if citation is None or not citation.is_cca or citation.section not in ("4", "5") or len(citation.subsections) != 1:
        return parsed
    letter = citation.subsections[0]
    fits = [
        other
        for other in _ROUND_LETTERS.get(letter, "")
        if _subsection_class(citation.section, other, when) is not None
        and check_amount(grams, f"720 ILCS 550/{citation.section}({other})", None, when) is None
    ]
    if len(fits) != 1:
        return parsed
    repaired = replace(citation, subsections=(fits[0],))
    return Normalized(repaired.canonical, parsed.confidence * 0.8, "amount_repaired", (*parsed.notes, "subsection_refit"), repaired)


def _implied_class(parsed: Normalized, when: dt.date | None) -> str | None:
    """The class a §4/§5 subsection carries (spec §7.2, §7.3), if the citation names one."""
    citation = parsed.detail
    if citation is None or not citation.is_cca or citation.section not in ("4", "5") or len(citation.subsections) != 1:
        return None
    return _subsection_class(citation.section, citation.subsections[0], when)


CLASS_FROM_STATUTE = "class_from_statute"
CLASS_FROM_STATUTE_SCORE = 0.6


def _class_from_statute(text: str, citation: Normalized, when: dt.date | None) -> Normalized:
    """A printed class whose code OCR lost ("CLASS MISD") read from the statute's subsection,
    when that subsection's class is of the printed level; a reading, not a check, so it is
    flagged and scored low."""
    level = class_level_without_code(text)
    implied = _implied_class(citation, when)
    if level is None or implied is None or (implied in "ABC") != (level == "misdemeanor"):
        return Normalized(None, 0.0, "unparsed")
    return Normalized(implied, CLASS_FROM_STATUTE_SCORE, "from_statute", (CLASS_FROM_STATUTE,), level)


def check_subsection_class(parsed: Normalized, offense_class: str, when: dt.date | None) -> Normalized:
    """A §4/§5 subsection whose class contradicts the printed class, read again (spec §7.2, §7.3).

    "CLASS A MISD" with "704(a)" (a Class C bracket) is most likely "704(c)" with a round letter
    misread: the one confusable letter whose class agrees is taken, and flagged. With none, the
    citation stands, flagged for review.
    """
    citation = parsed.detail
    if citation is None or not citation.is_cca or citation.section not in ("4", "5") or len(citation.subsections) != 1:
        return parsed
    section, letter = citation.section, citation.subsections[0]
    implied = _subsection_class(section, letter, when)
    if implied is None or implied == offense_class or _SUBSEQUENT_CLASS.get((section, letter)) == offense_class:
        return parsed
    fits = [other for other in _ROUND_LETTERS.get(letter, "") if _subsection_class(section, other, when) == offense_class]
    if len(fits) == 1:
        repaired = replace(citation, subsections=(fits[0],))
        return Normalized(repaired.canonical, parsed.confidence * 0.8, "class_repaired", (*parsed.notes, "subsection_refit"), repaired)
    return Normalized(parsed.value, parsed.confidence * 0.6, parsed.reason, (*parsed.notes, "class_conflict"), citation)


CITATION_UNREAD = "citation_unread"
# What is left of a citation OCR garbled past reading: "CH", "PAR", "ILCS", "56 1/2", a
# paragraph "704", an act "550/", a subsection "4(a)".
_CITATION_DEBRIS = re.compile(r"(?i)\bch\b|\bpar\b|ilcs|\b56\b|\b7\d\d\b|\b1?4\d\d\b|\b\d{3}\s*/|\d\s*\(\s*[a-g]\s*\)")


# Letters and digits a count's lines hold beyond its "CT n", description, class and amount
# that say it printed something more: a citation OCR read as noise ("FOO TLOS 5599/5 (ce)",
# seed 7612; "Ta a Sa tt OT Oh FD", seed 7686).
_UNREAD_TEXT_CHARACTERS = 6


def _holds_citation_debris(count: CountDraft) -> bool:
    """Whether a count's words, apart from its class, amount and enhancement, hold pieces of a
    citation, or text that was read as none of its parts."""
    claimed = {id(w) for w in (*count.offense_class, *count.amount, *count.enhancement)}
    text = _text([w for w in count.words if id(w) not in claimed])
    if _CITATION_DEBRIS.search(text) is not None:
        return True
    read = claimed | {id(w) for w in (*count.description, *(count.offense_date.words if count.offense_date else ()))}
    unread = [w.text for w in count.words[1:] if id(w) not in read and not w.text.isdigit()]
    return sum(ch.isalnum() for word in unread for ch in word) >= _UNREAD_TEXT_CHARACTERS


def finish_count(count: CountDraft, case_values: dict[str, Value]) -> ExtractedCount:
    """Normalize the printed pieces of a count into records.md values (with provenance)."""
    values: dict[str, Value] = {}
    page = count.page
    description = _text(count.description) or None
    if description:
        values["description"] = Value(description, Normalized(description, 1.0, "exact"), tuple(count.description), page, "court.count.v1", description)
    citation_text = _text(count.citation) or None
    parsed_citation = normalize_citation(citation_text, charge_text=description)
    words = tuple(count.citation or count.description)
    agreement = ("citation_agrees_with_text",) if agrees_with_charge_text(parsed_citation, description) else ()
    values["statute"] = Value(parsed_citation.value, parsed_citation, words, page, c.CITATION_READER, citation_text, agreement)
    if citation_text is None and parsed_citation.value and _holds_citation_debris(count):
        # The statute is the description's, but the line printed a citation OCR could not read:
        # the printed one may name a subsection (or another section) the description does not.
        values["statute"].flags += (CITATION_UNREAD,)
    offense_date = count.offense_date or case_values.get("offense_date")
    if count.offense_class:
        parsed = normalize_offense_class(_text(count.offense_class))
        if not parsed.ok:
            parsed = _class_from_statute(_text(count.offense_class), parsed_citation, offense_date.value if offense_date else None)
        if parsed.ok:
            values["offense_class"] = _words_value(count.offense_class, parsed, page, c.OFFENSE_CLASS_READER)
    offense_class = values.get("offense_class")
    if offense_class is not None and parsed_citation.value and CLASS_FROM_STATUTE not in offense_class.normalized.notes:
        when = offense_date.value if offense_date else None
        checked = check_subsection_class(parsed_citation, offense_class.value, when)
        if checked is not parsed_citation:
            parsed_citation = checked
            values["statute"] = Value(checked.value, checked, words, page, c.CITATION_READER, citation_text, checked.notes[-1:])
        elif _implied_class(parsed_citation, when) == offense_class.value:
            values["statute"].flags += ("class_agrees_with_statute",)
            offense_class.flags += ("class_agrees_with_statute",)
    if offense_date is not None:
        values["offense_date"] = offense_date
    if count.amount:
        parsed = _read_amount(count.amount)
        if parsed.detail is not None and parsed.detail.plant_count:
            values["plant_count"] = Value(parsed.detail.plant_count, parsed, tuple(count.amount), page, c.AMOUNT_READER, _text(count.amount))
        elif parsed.ok:
            amount = _words_value(count.amount, parsed, page, c.AMOUNT_READER)
            offense_class = values.get("offense_class")
            when = offense_date.value if offense_date else None
            statute_value, class_value = parsed_citation.value, offense_class.value if offense_class else None
            conflict = check_amount(parsed.value, statute_value, class_value, when)
            if conflict:
                # "6.4 G" on a 4(a) count is likely "0.4 G" with a dotted zero, on a page whose
                # zeros Tesseract misreads: read it again. Elsewhere the conflict is the docket's.
                variants = zero_variants(_text(count.amount), max_changes=1) if count.dotted_zeros else []
                refit = next(
                    (
                        candidate
                        for candidate in map(normalize_amount, variants)
                        if candidate.ok and check_amount(candidate.value, statute_value, class_value, when) is None
                    ),
                    None,
                )
                resubsection = check_subsection_amount(parsed_citation, parsed.value, when) if class_value is None else parsed_citation
                # A reading that resolves the conflict is still the reviewer's to confirm (spec §7.6).
                if refit is not None:
                    amount = Value(refit.value, refit, tuple(count.amount), page, c.AMOUNT_READER, _text(count.amount), ("amount_refit", conflict))
                elif resubsection is not parsed_citation:
                    parsed_citation = resubsection
                    values["statute"] = Value(resubsection.value, resubsection, words, page, c.CITATION_READER, citation_text, ("subsection_refit", conflict))
                else:
                    amount.flags += (conflict,)
            elif implied_brackets(parsed_citation.value, offense_class.value if offense_class else None, when):
                amount.flags += ("amount_agrees_with_statute",)
            values["amount_grams"] = amount
            if parsed.detail.basis:
                values["weight_basis"] = Value(parsed.detail.basis, parsed, tuple(count.amount), page, c.AMOUNT_READER, _text(count.amount))
    enhancements = normalize_enhancements(_text(count.enhancement) or description)
    if enhancements.value:
        values["enhancements"] = Value(enhancements.value, enhancements, tuple(count.enhancement or count.description), page, "court.count.v1", _text(count.enhancement))
    return ExtractedCount(count.number, values)


# --- docket entries and dispositions ----------------------------------------------------------


def read_entries(draft: CaseDraft, lines: list[tuple[PageView, int]]) -> None:
    """Dated docket entries: a line that starts with a date (after "DISP" on a rap sheet), and
    the wrapped lines under it. A judge's name typed in its own column is left out."""
    current: Entry | None = None
    above: Line | None = None  # the last line of the current entry
    for view, line in lines:
        printed = view.lines[line]
        sent = list(view.doc.sents)[line]
        dates = view.dates.get(line, [])
        disp = view.label(line, "DISP")
        first = dates[0] if dates else None
        starts_with_date = first is not None and (first.start == sent.start or (disp is not None and first.start == disp.end))
        other_line = view.has_label(line, "DOB", "ARREST_DATE", "OFFENSE_DATE", "CASE_NO", "COUNT")
        if starts_with_date and not other_line:
            rest = [t._.ocr for t in sent if t.i >= first.end]
            current = _entry(draft, _value_from_span(first, view.page, c.DATES_READER), _drop_judge(rest, printed), view.page)
            above = printed
            continue
        if disp is not None and disp.start == sent.start and not other_line:
            # "DISP 02/15/9990 SUPV TERM SATIS": a rap sheet's disposition whose date OCR garbled
            # is still an entry, undated, read where it was printed (seed 7110).
            rest = [t._.ocr for t in sent if t.i >= disp.end]
            if rest and sum(ch.isdigit() for ch in rest[0].text) >= 2:
                rest = rest[1:]
            current = _entry(draft, None, rest, view.page)
            above = printed
            continue
        labels = {span.label_ for span in view.labels.get(line, [])}
        if current is not None and printed.indent_cells >= _CONTINUATION_INDENT_CELLS and labels <= {"COUNT"}:
            if above is not None and _had_room_for(view, above, printed):
                # "FAILS TO APPEAR. BOND FORFEITURE WARRANT" under "CONT ... TO 12-16-81": the
                # entry of 12-09-81 with its date lost, not the end of the entry above (seed 7395).
                current = _entry(draft, None, _drop_judge(list(printed.words), printed), view.page)
            else:
                # A wrapped line may start with the count it concerns ("CT 3 FG. FINE & COSTS").
                current.text = f"{current.text} {printed.text}"
                current.words += printed.words
            if any(sum(ch.isalnum() for ch in word.text) >= 2 for word in printed.words):
                # A speck read as "7" between a line and its wrap is no line the wrap follows (seed 8173).
                above = printed
            continue
        current = None


def _had_room_for(view: PageView, above: Line, printed: Line) -> bool:
    """Whether the line's first word would have fitted at the end of the line above it."""
    first_word = len(printed.words[0].text)
    return _end_cells(above) + 1 + first_word + _WRAP_SPARE_CELLS <= view.right_edge_cells


def _drop_judge(words: list[OcrWord], line: Line) -> list[OcrWord]:
    """Leave out a judge's name typed in its own column between the date and the entry."""
    text_words = [w for w in words if any(ch.isalnum() for ch in w.text)]
    if len(text_words) < 2:
        return words
    field_of = {id(w): i for i, f in enumerate(line.fields) for w in f.words}
    first = text_words[0]
    same_field = [w for w in text_words if field_of.get(id(w)) == field_of.get(id(first))]
    if len(same_field) == 1 and first.text.isalpha() and len(text_words) > 1 and field_of.get(id(text_words[1])) != field_of.get(id(first)):
        return words[words.index(first) + 1 :]
    return words


@dataclass
class CountEntry:
    """The part of one entry that concerns one count (or every count)."""

    entry: Entry
    text: str
    all_counts: bool


def _entry(draft: CaseDraft, date: Value | None, words: list[OcrWord], page: int) -> Entry:
    """A new entry of the case, after the entries printed above it."""
    entry = Entry(date, _text(words), tuple(words), page, len(draft.entries), draft.entries[-1] if draft.entries else None)
    draft.entries.append(entry)
    return entry


def split_by_count(entries: list[Entry]) -> dict[int | None, list[CountEntry]]:
    """Entry text per count number ("CT 2 NOLLE"); None holds text naming no count or all counts."""
    by_count: dict[int | None, list[CountEntry]] = {}
    for entry in entries:
        text = _COUNT_WORD_MISREAD.sub("CT", entry.text).upper()
        marks = [(m.start(), _count_number(m.group(1))) for m in _COUNT_REF.finditer(text)]
        marks += [(m.start(), None) for m in _ALL_COUNTS.finditer(text)]
        marks.sort(key=lambda item: item[0])
        if not marks or marks[0][0] > 0:
            head = text[: marks[0][0]] if marks else text
            if head.strip():
                by_count.setdefault(None, []).append(CountEntry(entry, head, True))
        for i, (start, number) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
            piece = text[start:end]
            by_count.setdefault(number, []).append(CountEntry(entry, piece, number is None))
    return by_count


def read_disposition(pieces: list[CountEntry], *, level: str | None, cca_count: bool) -> tuple[DispositionReading | None, list[CountEntry]]:
    """The chronology of one count's entry pieces, composed into its disposition (spec §8.3)."""
    ordered = sorted(pieces, key=lambda p: p.entry.chronology)
    tokens: list[DispositionToken] = []
    for index, piece in enumerate(ordered):
        tokens.extend(find_tokens(piece.text, entry_index=index, weighed=weighed_codes(piece.entry.words)))
    return compose(tokens, level=level, cca_count=cca_count), ordered


def _clause(text: str, token: DispositionToken) -> str:
    """The clause of an entry ("FINE $100 + COSTS") that holds a token."""
    words = entry_words(text)
    target = " ".join(words[token.start : token.end])
    for clause in _CLAUSE_END.split(text.upper()):
        if target and target in " ".join(entry_words(clause)):
            cleaned = re.sub(r"^\s*(?:CTS?|COUNTS?)\s*\d+\s*", "", clause.strip().rstrip("."))
            return cleaned.strip()
    return target


def _disposition_date(date: Value) -> Value:
    """The deciding entry's date as a value of its own, doubted if it was read again ("04-22-02"
    refit to 1982). That it falls in the docket's order says nothing of whether its entry is the
    one that decided the count, so that check is not passed on."""
    return replace(date, flags=tuple(flag for flag in date.flags if flag != "date_in_order"))


def disposition_values(reading: DispositionReading | None, pieces: list[CountEntry], page_fallback: int) -> dict[str, Value]:
    if reading is None:
        normalized = Normalized("UNKNOWN", 0.0, "unparsed")
        words = tuple(w for p in pieces for w in p.entry.words)
        page = pieces[-1].entry.page if pieces else page_fallback
        return {"disposition": Value("UNKNOWN", normalized, words, page, "court.disposition.v1", None)}
    fuzzy = any(t.fuzzy for t in reading.tokens)
    normalized = Normalized(reading.disposition, reading_score(reading), "ocr_repaired" if fuzzy else "exact", reading.notes, reading)
    deciding = [pieces[t.entry_index] for t in reading.decided_by if t.entry_index < len(pieces)]
    last = deciding[-1] if deciding else pieces[-1]
    words = tuple(w for p in deciding for w in p.entry.words) or last.entry.words
    # An outcome composed from several dated entries (a finding, then what ended the sentence)
    # rests on the chronology being read right, each entry's date and count included.
    flags = ("disposition_from_chronology",) if len({t.entry_index for t in reading.decided_by}) > 1 else ()
    values = {
        "disposition": Value(reading.disposition, normalized, words, last.entry.page, "court.disposition.v1", reading.text, flags),
    }
    if last.entry.date is not None:
        date = _disposition_date(last.entry.date)
        if OUTCOMES_DISAGREE in reading.notes:
            # Which outcome is the count's is in doubt, and so is whose entry dates it (seed 7053).
            date = replace(date, flags=(*date.flags, OUTCOMES_DISAGREE))
        values["disposition_date"] = date
    if reading.sentence_kind:
        # A felony finding with no sentence read: the kind is not known, however clear the finding.
        unread = ("sentence_unread",) if reading.sentence_kind == "UNKNOWN" else ()
        values["sentence_kind"] = Value(reading.sentence_kind, normalized, words, last.entry.page, "court.disposition.v1", reading.text, unread)
    if reading.sentence is not None and reading.sentence.entry_index < len(pieces):
        piece = pieces[reading.sentence.entry_index]
        sentence_text = _clause(piece.text, reading.sentence)
        values["sentence_text"] = Value(sentence_text, normalized, piece.entry.words, piece.entry.page, "court.disposition.v1", sentence_text)
    return values


def _count_level(values: dict[str, Value]) -> str | None:
    offense_class = values.get("offense_class")
    if offense_class is not None and offense_class.normalized is not None:
        return offense_class.normalized.detail
    statute = values.get("statute")
    brackets_level = None
    if statute is not None and statute.value:
        from extract.vocabulary import statute_table

        entry = statute_table()["statutes"].get(statute.value)
        if entry and entry.get("versions"):
            brackets_level = entry["versions"][0].get("level")
    return brackets_level


# Outcomes that take a count out of the case: a later entry naming no count (a violation, a
# revocation, a judgment) concerns the counts still open, not this one.
_CLOSES_COUNT = frozenset({"NOLLE", "NOLLE_PLEA_TO_OTHER_COUNT", "DISMISSED", "ACQUITTED", "ACQUITTED_INSANITY", "NO_PROBABLE_CAUSE", "SUPERSEDED"})


def _shared_while_open(shared: list[CountEntry], own: list[CountEntry], *, level: str | None, cca_count: bool) -> list[CountEntry]:
    """The case-wide entries that concern a count: all of them, unless the count's own entries
    close it (nolle, dismissal, acquittal), when those dated after its closing are left out."""
    reading, ordered = read_disposition(own, level=level, cca_count=cca_count)
    if reading is None or reading.disposition not in _CLOSES_COUNT or not reading.decided_by:
        return shared
    closed = ordered[reading.decided_by[-1].entry_index].entry.chronology[0]
    if closed == dt.date.min:
        return shared
    return [p for p in shared if p.entry.chronology[0] <= closed]


def _named_last_and_cut(own: list[CountEntry]) -> CountEntry | None:
    """The entry piece that names the count last with nothing read after it ("... CT 2" at the
    end of an entry whose end OCR lost): the count's own disposition was printed there, but not
    read."""
    for piece in own:
        named = _COUNT_REF.match(piece.text)
        rest = piece.text[named.end() :] if named else piece.text
        if named and not rest.strip(" .,;:-") and piece.entry.text.upper().rstrip(" .,;:-").endswith(piece.text.rstrip(" .,;:-")):
            return piece
    return None


def _decided_by_own(reading: DispositionReading, pieces: list[CountEntry], own: list[CountEntry]) -> bool:
    """Whether an entry piece naming the count itself decided its outcome."""
    return any(t.entry_index < len(pieces) and any(pieces[t.entry_index] is piece for piece in own) for t in reading.decided_by)


def assemble(draft: CaseDraft) -> ExtractedCase:
    """Normalize a case's counts and compose each count's disposition from the entries."""
    counts = [finish_count(count, draft.values) for count in draft.counts]
    by_count = split_by_count(draft.entries)
    shared = by_count.get(None, [])
    readings: dict[int, tuple[DispositionReading | None, list[CountEntry]]] = {}
    for count in counts:
        statute = count.values["statute"].value
        cca = bool(statute and statute.startswith("720 ILCS 550/"))
        own = by_count.get(count.number, [])
        pieces = _shared_while_open(shared, own, level=_count_level(count.values), cca_count=cca) + own
        readings[count.number] = read_disposition(pieces, level=_count_level(count.values), cca_count=cca)
    fallback_page = draft.pages[-1] if draft.pages else 1
    for count in counts:
        # A count no entry decides stays unknown, though others were decided: where the entries
        # name counts, the part naming this one was lost ("CT 1 PG ... CT 2 NP" under a stamp),
        # and the first decided count's outcome was the wrong one for it twice in three times
        # on the damaged dockets 7000-7299.
        reading, pieces = readings[count.number]
        flags: tuple[str, ...] = ()
        own = by_count.get(count.number, [])
        cut = _named_last_and_cut(own)
        if cut is not None and reading is not None and _decided_by_own(reading, pieces, own):
            cut = None
        if cut is not None:
            # Decided, if at all, by later entries naming no count, which the lost outcome may
            # have taken it out of (seed 7145: "... CT 2 NOL PROS. CT 3", then a probation
            # revoked that was count 1's).
            flags = ("disposition_unread",)
        values = disposition_values(reading, pieces, fallback_page)
        if cut is not None and reading is None and cut.entry.date is not None:
            # Whatever was decided for the count, the entry naming it dates it.
            values["disposition_date"] = _disposition_date(cut.entry.date)
        for value in values.values():
            value.flags += flags
        count.values.update(values)
    case_values = {k: v for k, v in draft.values.items() if k != "offense_date"}
    return ExtractedCase(draft.pages, case_values, counts)


def extract_cases(views: list[PageView]) -> list[ExtractedCase]:
    """Every case of a document's analysed pages, in reading order."""
    groups, preamble = split_cases(views)
    by_page = {view.page: view for view in views}
    cases = []
    for draft, lines in groups:
        header = [(by_page[page], line) for page in draft.pages[:1] for line in preamble.get(page, [])]
        read_case_values(draft, lines, header)
        read_counts(draft, lines)
        read_entries(draft, lines)
        if not draft.counts and draft.entries:
            # Entries dispose of something: a count whose line OCR could not read at all.
            draft.counts.append(CountDraft(1, draft.pages[0] if draft.pages else 1))
        vote_repeated(draft, "case_number")
        vote_repeated(draft, "defendant.name")
        check_case_number_year(draft)
        apply_date_order(draft)
        cases.append(assemble(draft))
    return cases
