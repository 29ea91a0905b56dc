"""One digitized document in, its cases out: the extract stage for a document, read top to bottom."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from extract.assemble import ExtractedCase, PageView, Value, extract_cases
from extract.confidence import TYPICAL_ZERO_SHARE, Curve, ScoreModel, calibrated, evidence, field_kind, load_score_models, page_zero_share, raw_score, torn_digit_share
from extract.layout import page_lines, union_box
from extract.pipeline import analyse_page, load_pipeline
from models.errors import InputError
from models.pages import PageText
from models.records import CaseRecord, Charge, Defendant, FieldInfo, SourceDocument, SourcePage

# Bumped whenever extraction logic changes; stored with every case and run.
EXTRACTOR_VERSION = "extract-17"

# What a value's flags and notes say to the person reviewing it (stored with the value as its
# `doubts`). Review codes (R_*) name spec conflicts; the others are readings that needed another
# look. A flag not listed here (an OCR repair, an agreement) is no reason to look.
DOUBTS = {
    "R_WEIGHT_CONFLICT": "the amount does not fit the subsection or class of the charge (spec §7.6)",
    "R_CITATION_TEXT_CONFLICT": "the citation and the charge description name different offences",
    "R_CITATION_UNPARSED": "no statute could be read for the charge",
    "R_DISPOSITION_COUNT_MISMATCH": "supervision recorded on a felony count",
    "R_ORDINANCE_VIOLATION": "a municipal ordinance, not a state statute",
    "R_SENTENCE_MISSING": "a finding of guilty with no sentence read after it",
    "R_SUPERVISION_OUTCOME_UNCLEAR": "supervision was ordered and its outcome is unclear",
    "class_conflict": "the class printed does not fit the statute",
    "amount_refit": "the amount was read otherwise than printed to fit the statute",
    "subsection_refit": "the subsection was read otherwise than printed to fit the amount or class",
    "date_refit": "the date was read otherwise than printed to fit the docket's other dates",
    "date_out_of_order": "the date comes before a date that must precede it",
    "century_refit": "the date's century was chosen to fit the docket",
    "date_unanchored": "the date was read before the court sat, and nothing on the docket dates the case to read it by",
    "case_number_year_refit": "the case number's year was read to fit the arrest date",
    "citation_completed_from_text": "the citation was completed from the charge description",
    "citation_unread": "the citation was unreadable; the statute comes from the charge description",
    "citation_truncated": "the citation was cut short on the page",
    "subsection_unread": "a subsection was printed but could not be read; the section is given without it",
    "charge_text_repaired": "the statute comes from a misread charge description",
    "class_from_statute": "the class was not read; it is the one the statute sets",
    "disposition_unread": "an entry names this count last, and what follows it was not read",
    "sentence_unread": "the count was found guilty, but no sentence was read",
    "completion_inferred": "supervision or probation was ordered and nothing read says how it ended",
    "outcomes_disagree": "one entry reads the count both found guilty and cleared (another count's number unread?)",
    "repeated_disagrees": "the value is printed more than once and the readings differ",
    "read_as_weighed": "read as the character Tesseract weighed, not the one it chose",
}
ORIENTATION_GUESSED = "digitize could only guess which way up the page is"


@dataclass(frozen=True)
class ExtractOptions:
    """How extraction decides what a person must look at.

    Args:
        review_threshold: a value whose calibrated confidence is below this gets status
            `needs_review`.
    """

    review_threshold: float = 0.9

    def __post_init__(self) -> None:
        if not 0.0 <= self.review_threshold <= 1.0:
            raise InputError(f"review_threshold must be within 0..1, got {self.review_threshold}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocumentPage:
    """A digitized page as extraction reads it, with what digitize measured about it."""

    page_number: int
    text: PageText
    skew_degrees: float | None = None
    rotation: int | None = None
    mean_confidence: float | None = None
    # Digitize could not tell which way up the page is (models.pages.ORIENTATION_UNSURE).
    orientation_unsure: bool = False


def case_id_for(document_sha256: str, index: int) -> str:
    """Stable across re-runs of extraction, so reviewers' corrections stay attached."""
    return f"c-{document_sha256[:16]}-{index + 1:03d}"


def _field_info(
    path: str,
    value: Value,
    *,
    document_sha256: str,
    options: ExtractOptions,
    curves: dict[str, Curve] | None,
    models: dict[str, ScoreModel] | None,
    page_confidences: dict[int, float | None],
    zero_shares: dict[int, float],
    unsure_pages: frozenset[int],
    evidence_sink: dict[str, dict[str, float]] | None,
) -> FieldInfo:
    normalized = value.normalized
    kind = field_kind(path)
    score = normalized.confidence if normalized else None
    flags = value.flags + (normalized.notes if normalized else ())
    features = evidence(
        score,
        normalized.reason if normalized else None,
        value.ocr_confidences,
        flags,
        page_confidences.get(value.page),
        value.text,
        value.value,
        zero_shares.get(value.page, TYPICAL_ZERO_SHARE),
        torn_digit_share(value.words),
    )
    if evidence_sink is not None:
        evidence_sink[path] = features
    model = (load_score_models() if models is None else models).get(kind)
    raw = model(features) if model is not None else raw_score(score, value.ocr_confidences, value.flags, page_confidences.get(value.page))
    confidence = calibrated(kind, raw, curves, flags)
    needs_review = confidence < options.review_threshold or any(f.startswith("R_") for f in value.flags) or value.page in unsure_pages
    doubts = [DOUBTS[flag] for flag in flags if flag in DOUBTS]
    if value.page in unsure_pages:
        doubts.append(ORIENTATION_GUESSED)
    return FieldInfo(
        confidence=confidence,
        status="needs_review" if needs_review else "auto",
        page=value.page,
        bbox=union_box(value.words) if value.words else None,
        text=value.text,
        extractor=value.extractor,
        document_sha256=document_sha256,
        doubts=tuple(dict.fromkeys(doubts)),
    )


def _charge(number: int, values: dict[str, Value]) -> Charge:
    def get(name: str) -> Any:
        value = values.get(name)
        return value.value if value is not None else None

    def printed(name: str) -> str | None:
        value = values.get(name)
        return value.text if value is not None else None

    return Charge(
        count=number,
        statute=get("statute"),
        statute_text=printed("statute"),
        description=get("description"),
        offense_class=get("offense_class"),
        amount_grams=get("amount_grams"),
        amount_text=printed("amount_grams") or printed("plant_count"),
        weight_basis=get("weight_basis"),
        plant_count=get("plant_count"),
        offense_date=get("offense_date"),
        disposition=get("disposition"),
        disposition_text=printed("disposition"),
        sentence_kind=get("sentence_kind"),
        sentence_text=get("sentence_text"),
        disposition_date=get("disposition_date"),
        enhancements=tuple(get("enhancements") or ()),
    )


# Values kept in the record without a `fields` entry of their own: they restate another value.
_NO_FIELD = ("sentence_text", "weight_basis")


def to_record(
    case: ExtractedCase,
    index: int,
    *,
    document_sha256: str,
    file: str,
    pages: Sequence[DocumentPage],
    options: ExtractOptions,
    curves: dict[str, Curve] | None = None,
    models: dict[str, ScoreModel] | None = None,
    evidence_sink: dict[str, dict[str, float]] | None = None,
) -> CaseRecord:
    """A records.md case with one `fields` entry per extracted value."""
    values = case.values
    page_confidences = {p.page_number: p.mean_confidence for p in pages}
    fields: dict[str, FieldInfo] = {}
    zero_shares = {p.page_number: page_zero_share(w.text for w in p.text.words) for p in pages}
    unsure_pages = frozenset(p.page_number for p in pages if p.orientation_unsure)
    scoring = {"curves": curves, "models": models, "page_confidences": page_confidences, "zero_shares": zero_shares, "unsure_pages": unsure_pages, "evidence_sink": evidence_sink}
    for path, value in values.items():
        fields[path] = _field_info(path, value, document_sha256=document_sha256, options=options, **scoring)
    charges = []
    for position, count in enumerate(sorted(case.counts, key=lambda c: c.number)):
        charges.append(_charge(count.number, count.values))
        for name, value in count.values.items():
            if name not in _NO_FIELD:
                path = f"charges.{position}.{name}"
                fields[path] = _field_info(path, value, document_sha256=document_sha256, options=options, **scoring)
    number = values.get("case_number")
    by_number = {p.page_number: p for p in pages}
    source_pages = tuple(
        SourcePage(page=n, skew_degrees=by_number[n].skew_degrees, rotation=by_number[n].rotation, mean_confidence=by_number[n].mean_confidence)
        for n in case.pages
        if n in by_number
    )
    name = values.get("defendant.name")
    dob = values.get("defendant.date_of_birth")
    arrest = values.get("arrest_date")
    court = values.get("court")
    return CaseRecord(
        case_id=case_id_for(document_sha256, index),
        case_number=number.value if number else None,
        case_number_text=number.text if number else None,
        defendant=Defendant(name=name.value if name else None, date_of_birth=dob.value if dob else None),
        arrest_date=arrest.value if arrest else None,
        charges=tuple(charges),
        court=court.value if court else None,
        source=(SourceDocument(file=file, sha256=document_sha256, pages=source_pages),),
        fields=fields,
    )


def extract_document(
    pages: Sequence[DocumentPage],
    *,
    document_sha256: str,
    file: str,
    options: ExtractOptions | None = None,
    curves: dict[str, Curve] | None = None,
    models: dict[str, ScoreModel] | None = None,
    evidence_sinks: list[dict[str, dict[str, float]]] | None = None,
) -> list[CaseRecord]:
    """Read every case of one digitized document (its pages in order).

    Args:
        curves: calibration curves per field kind; None uses the shipped ones, {} gives raw
            scores (what the calibration fit needs).
        models: score models per field kind; None uses the shipped ones, {} the fixed
            `raw_score` product.
        evidence_sinks: when given, one dict per returned case is appended, mapping each field
            path to the evidence its score was computed from (what the calibration fit reads).
    """
    options = options or ExtractOptions()
    nlp = load_pipeline()
    views = []
    for page in sorted(pages, key=lambda p: p.page_number):
        lines = page_lines(page.text, page=page.page_number)
        views.append(PageView.of(analyse_page(lines, page=page.page_number, nlp=nlp), lines))
    cases = [case for case in extract_cases(views) if case.counts or case.values]
    records = []
    for i, case in enumerate(cases):
        sink: dict[str, dict[str, float]] | None = {} if evidence_sinks is not None else None
        records.append(to_record(case, i, document_sha256=document_sha256, file=file, pages=pages, options=options, curves=curves, models=models, evidence_sink=sink))
        if evidence_sinks is not None and sink is not None:
            evidence_sinks.append(sink)
    return records


def mean_confidence(text: PageText) -> float | None:
    confidences = [w.confidence for w in text.words]
    return round(statistics.fmean(confidences), 4) if confidences else None
