"""The court components of the extraction pipeline, registered by name and version.

Each component is a factory (`court_citations`) that declares what it reads and assigns, and a
versioned reader registered in spaCy's `misc` registry (`court.citation.v1`) that config.cfg
names. Readers work one printed line (a spaCy sentence) at a time and assign spans in
`doc.spans[key]` with the normalized value in `span._.normalized`. When a reader's logic changes
it gets a new version (`court.citation.v2`), and every extracted field records the name of the
reader that produced it, so old results stay explainable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from extract.amounts import AMOUNT, PLANTS, normalize_amount
from extract.case_numbers import REPAIR_SCORE as CASE_NUMBER_REPAIR_SCORE, normalize_case_number
from extract.citations import normalize_citation
from extract import normalized as n
from extract.dates import REPAIR_SCORE, find_dates
from extract.ocr_repair import weighed_digit_readings
from extract.offense_class import normalize_offense_class
from extract.vocabulary import load_patterns

# OCR provenance of every token, and the normalized value of every span.
Token.set_extension("ocr", default=None, force=True)
Token.set_extension("field", default=0, force=True)
Doc.set_extension("page", default=None, force=True)
Span.set_extension("normalized", default=None, force=True)

# The registered readers' names, which every value extracted with them records.
LABELS_READER = "court.labels.v1"
DATES_READER = "court.dates.v2"
CASE_NUMBER_READER = "court.case_number.v1"
CITATION_READER = "court.citation.v1"
AMOUNT_READER = "court.amount.v1"
OFFENSE_CLASS_READER = "court.offense_class.v1"

LABELS = "labels"
DATES = "dates"
CASE_NUMBERS = "case_numbers"
COUNTS = "counts"
CITATIONS = "citations"
AMOUNTS = "amounts"
CLASSES = "classes"

_CITATION_HINT = re.compile(
    r"(?i)ILCS|I\.L\.C\.S|\bCH\b|\bCH\.|\bCH\d|\bPAR\b|§|\d{2,3}\s*-\s*\d{1,4}(?:\.0)?\s*/|\d{3}\s+\d{1,4}/|\bCCA\b"
    # "720 T.L.C.8. 550/4": a chapter, a garbled "ILCS", then act/section.
    r"|\b\d{3}\b.{1,12}?\d{1,4}\s*/\s*\d|CONTROL\s+ACT|\d\s*1/2\s*-\s*7"
)
_CLASS_START = re.compile(r"^(?:CL|CLASS|CL\.)\b", re.IGNORECASE)


def _field_spans(sent: Span) -> list[Span]:
    """The gap-separated fields of a line as spans."""
    spans: list[Span] = []
    start = sent.start
    for token in sent[1:]:
        if token._.field != sent.doc[token.i - 1]._.field:
            spans.append(sent.doc[start : token.i])
            start = token.i
    spans.append(sent.doc[start : sent.end])
    return spans


def _char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


Reader = Callable[[Language], Callable[[Doc], Doc]]


@spacy.registry.misc(LABELS_READER)
def labels_v1(patterns: str = "labels") -> Reader:
    """Docket labels ("CASE NO.", "DATE OF ARREST", "CT 2") from `extract/patterns/<patterns>.jsonl`."""
    return lambda nlp: LabelMatcher(nlp, patterns)


class LabelMatcher:
    """A row's pattern may end in `context` tokens that must follow the label but are not part
    of it (the Matcher has no lookahead): "- CASE 89 C 527901" is a case line, "- CASE NO, 96"
    a page's caption."""

    def __init__(self, nlp: Language, patterns: str):
        self.matcher = Matcher(nlp.vocab)
        self.rows: dict[str, tuple[str, int]] = {}
        for index, row in enumerate(load_patterns(patterns)):
            key = f"{row['label']}#{index}"
            self.rows[key] = (row["label"], row.get("context", 0))
            self.matcher.add(key, [row["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, context = self.rows[doc.vocab.strings[match_id]]
            spans.append(Span(doc, start, end - context, label=label))
        doc.spans[LABELS] = sorted(spans, key=lambda s: (s.start, -len(s)))
        return doc


def _weighed_readings(span: Span, *, marks: bool = False, letters: str = "") -> Iterator[str]:
    """The span's text with one digit (or, with `marks`, a mark) read as a digit Tesseract
    weighed for it (a zero digitize restored from what was printed as a 9 reads as 9 again), or
    as one of `letters` it weighed."""
    placed = ((token.idx - span.start_char, token._.ocr) for token in span if token._.ocr is not None)
    return weighed_digit_readings(span.text, placed, marks=marks, letters=letters)


def find_date_spans(doc: Doc) -> Doc:
    """Every printed date (`07-14-93`, `JUL 14 1993`), with its `datetime.date`.

    Where no date reads, a reading with one digit Tesseract weighed may (`00/02/82` whose first
    0 Tesseract also weighed as 9): kept at the repaired score, noted `read_as_weighed`.
    """
    spans = []
    for sent in doc.sents:
        found = find_dates(sent.text)
        taken = [(start, end) for start, end, _ in found]
        for reading in _weighed_readings(sent):
            for start, end, parsed in find_dates(reading):
                if not any(start < other_end and other_start < end for other_start, other_end in taken):
                    taken.append((start, end))
                    notes = (*parsed.notes, "read_as_weighed")
                    found.append((start, end, replace(parsed, confidence=min(parsed.confidence, REPAIR_SCORE), reason=n.REPAIRED, notes=notes)))
        for start, end, parsed in found:
            span = _char_span(doc, sent.start_char + start, sent.start_char + end, "DATE")
            if span is not None:
                span._.normalized = parsed
                spans.append(span)
    doc.spans[DATES] = sorted(spans, key=lambda s: s.start)
    return doc


def _fits_a_form(parsed: n.Normalized) -> bool:
    return parsed.value is not None and parsed.reason in (n.EXACT, n.REPAIRED) and "case_number_form_loose" not in parsed.notes


def _case_number(span: Span) -> n.Normalized:
    """The case number as printed; failing a §11 form, the first reading with one digit
    Tesseract weighed that fits one (`$2CR18282` whose $ it also weighed as 9), or with the C of
    its code that it weighed for a digit."""
    parsed = normalize_case_number(span.text)
    if _fits_a_form(parsed):
        return parsed
    for reading in _weighed_readings(span, marks=True, letters="C"):
        weighed = normalize_case_number(reading)
        if _fits_a_form(weighed):
            notes = (*weighed.notes, "read_as_weighed")
            return replace(weighed, confidence=min(weighed.confidence, CASE_NUMBER_REPAIR_SCORE), reason=n.REPAIRED, notes=notes)
    return parsed


def find_case_numbers(doc: Doc) -> Doc:
    """The case number printed in the field after a CASE_NO label, normalized (spec §11)."""
    spans = []
    for label in doc.spans.get(LABELS, []):
        if label.label_ != "CASE_NO":
            continue
        field = label[-1]._.field
        end = label.end
        while end < len(doc) and doc[end]._.field == field and not doc[end].is_sent_start:
            end += 1
        if end == label.end:
            continue
        span = Span(doc, label.end, end, label="CASE_NUMBER")
        # Kept even when unreadable: the label still says a new case starts here.
        span._.normalized = _case_number(span)
        spans.append(span)
    doc.spans[CASE_NUMBERS] = spans
    return doc


def find_citations(doc: Doc) -> Doc:
    """Fields that hold a statute citation of any era (spec §9.2), read without the charge text.

    The assembler reads them again with the count's description, which can repair or contradict
    the citation (spec §9.2).
    """
    spans = []
    for sent in doc.sents:
        for field in _field_spans(sent):
            text = field.text
            if not _CITATION_HINT.search(text):
                continue
            start = 0
            label_text = re.match(r"(?i)^STATUTE:?\s*", text)
            if label_text:
                start = label_text.end()
            span = _char_span(doc, field.start_char + start, field.end_char, "CITATION")
            if span is not None and len(span):
                span._.normalized = normalize_citation(span.text)
                spans.append(span)
    doc.spans[CITATIONS] = spans
    return doc


def find_amounts(doc: Doc) -> Doc:
    """Fields that begin with an amount (`12.4 GRMS`, `APPROX 2 LBS`, `NET WT 5 G`, `6 PLANTS`).

    An amount inside a description ("POSS CANNABIS 10-30G") is the charged bracket, not a weight.
    """
    spans = []
    for sent in doc.sents:
        for field in _field_spans(sent):
            text = field.text
            match = AMOUNT.match(text) or re.match(r"(?i)(?:NET|GROSS)\s*WT\.?\s*", text) and AMOUNT.search(text)
            plants = PLANTS.match(text)
            if not match and not plants:
                continue
            span = Span(doc, field.start, field.end, label="AMOUNT")
            span._.normalized = normalize_amount(text)
            spans.append(span)
    doc.spans[AMOUNTS] = spans
    return doc


def find_offense_classes(doc: Doc) -> Doc:
    """Fields that print an offense class (`CL A MISD`, `CLASS 4 FELONY`), as §8.4 codes."""
    spans = []
    for sent in doc.sents:
        for field in _field_spans(sent):
            if not _CLASS_START.match(field.text):
                continue
            parsed = normalize_offense_class(field.text)
            if parsed.ok:
                span = Span(doc, field.start, field.end, label="CLASS")
                span._.normalized = parsed
                spans.append(span)
    doc.spans[CLASSES] = spans
    return doc


@spacy.registry.misc(DATES_READER)
def find_date_spans_v2() -> Reader:
    return lambda nlp: find_date_spans


@spacy.registry.misc(CASE_NUMBER_READER)
def find_case_numbers_v1() -> Reader:
    return lambda nlp: find_case_numbers


@spacy.registry.misc(CITATION_READER)
def find_citations_v1() -> Reader:
    return lambda nlp: find_citations


@spacy.registry.misc(AMOUNT_READER)
def find_amounts_v1() -> Reader:
    return lambda nlp: find_amounts


@spacy.registry.misc(OFFENSE_CLASS_READER)
def find_offense_classes_v1() -> Reader:
    return lambda nlp: find_offense_classes


def _factory(name: str, requires: list[str]) -> None:
    """A pipeline component that runs the versioned reader config.cfg names."""

    def make(nlp: Language, name: str, reader: Reader) -> Callable[[Doc], Doc]:
        return reader(nlp)

    Language.factory(name, requires=requires, assigns=["doc.spans"], func=make)


for _name, _requires in (
    ("court_labels", ["token.text"]),
    ("court_dates", ["token.text"]),
    ("court_case_numbers", ["doc.spans"]),
    ("court_citations", ["doc.sents"]),
    ("court_amounts", ["doc.sents"]),
    ("court_classes", ["doc.sents"]),
):
    _factory(_name, _requires)
