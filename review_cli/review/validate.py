"""Check a reviewer's typed value as it is typed, with the same normalizers extraction uses.

`check_edit(path, text)` says whether the text is usable, the normalized value it gives (the
value stored, in records.md form), a preview line, and suggestions where the normalizer has them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extract import normalized
from extract.normalize import (
    normalize_amount,
    normalize_case_number,
    normalize_citation,
    normalize_disposition,
    normalize_enhancements,
    normalize_name,
    normalize_offense_class,
    parse_docket_date,
    suggest_statutes,
)
from review_cli.review.checks import field_name

# spec/illinois-crta.md §8.1 sentence kinds kept with CONVICTED.
SENTENCE_KINDS = ("CONDITIONAL_DISCHARGE", "PROBATION", "FINE", "TIME_SERVED", "JAIL", "PRISON", "UNKNOWN")
OFFENSE_CLASSES = ("X", "1", "2", "3", "4", "A", "B", "C", "civil")
WEIGHT_BASES = ("net", "gross")


@dataclass(frozen=True)
class EditCheck:
    ok: bool
    value: Any
    preview: str
    suggestions: tuple[str, ...] = ()


def _from_normalized(result: Any, *, show: Callable[[Any], str] = str) -> EditCheck:
    if result.value is None:
        return EditCheck(False, None, f"not readable ({result.reason})")
    notes = f", {', '.join(result.notes)}" if result.notes else ""
    return EditCheck(True, result.value, f"→ {show(result.value)}  ({result.reason}, {result.confidence:.2f}{notes})")


def _statute(text: str) -> EditCheck:
    checked = _from_normalized(normalize_citation(text))
    suggestions = tuple(f"{citation}" for citation, _score in suggest_statutes(text, limit=4))
    return EditCheck(checked.ok, checked.value, checked.preview, suggestions)


def _amount(text: str) -> EditCheck:
    result = normalize_amount(text)
    if result.value is None:
        return EditCheck(False, None, "type a weight with its unit: 12.4 G, 1.1 OZ, 1 LB")
    return _from_normalized(result, show=lambda grams: f"{grams:g} g")


def _date(text: str) -> EditCheck:
    checked = _from_normalized(parse_docket_date(text))
    if not checked.ok:
        return checked
    value: dt.date = checked.value
    return EditCheck(True, value.isoformat(), checked.preview)


def _case_number(text: str) -> EditCheck:
    return _from_normalized(normalize_case_number(text))


def _disposition(text: str) -> EditCheck:
    result = normalize_disposition(text)
    if result.reason in (normalized.EMPTY, normalized.UNPARSED):
        return EditCheck(False, None, "not a disposition the docket vocabulary knows (NOLLE, FG + FINE, SUPV …)")
    return _from_normalized(result)


def _choice(choices: tuple[str, ...]) -> Callable[[str], EditCheck]:
    def check(text: str) -> EditCheck:
        folded = {c.upper(): c for c in choices}
        value = folded.get(text.strip().upper().replace(" ", "_"))
        if value is None:
            starts = tuple(c for c in choices if c.upper().startswith(text.strip().upper()))
            return EditCheck(False, None, f"one of {', '.join(choices)}", starts or choices)
        return EditCheck(True, value, f"→ {value}")

    return check


def _count(text: str) -> EditCheck:
    stripped = text.strip()
    if not stripped.isdigit():
        return EditCheck(False, None, "a whole number")
    return EditCheck(True, int(stripped), f"→ {int(stripped)}")


def _words(text: str) -> EditCheck:
    value = " ".join(text.split())
    if not value:
        return EditCheck(False, None, "empty: use blank (b) for an illegible value")
    return EditCheck(True, value, f"→ {value}")


def _name(text: str) -> EditCheck:
    return _from_normalized(normalize_name(text))


def _offense_class(text: str) -> EditCheck:
    result = normalize_offense_class(text)
    # A bare code ("A", "4") is how a reviewer types a class; the normalizer reads docket wording.
    return _from_normalized(result) if result.value is not None else _choice(OFFENSE_CLASSES)(text)


def _enhancements(text: str) -> EditCheck:
    result = normalize_enhancements(text)
    if not text.strip():
        return EditCheck(True, [], "→ none")
    if not result.value:
        return EditCheck(False, None, "name the enhancement as printed (SEC 7, 550/7), or leave empty for none")
    return EditCheck(True, list(result.value), f"→ {', '.join(result.value)}")


CHECKS: dict[str, Callable[[str], EditCheck]] = {
    "statute": _statute,
    "amount_grams": _amount,
    "concentrate_grams": _amount,
    "offense_date": _date,
    "disposition_date": _date,
    "sentence_end_date": _date,
    "arrest_date": _date,
    "date_of_birth": _date,
    "case_number": _case_number,
    "disposition": _disposition,
    "sentence_kind": _choice(SENTENCE_KINDS),
    "offense_class": _offense_class,
    "weight_basis": _choice(WEIGHT_BASES),
    "count": _count,
    "plant_count": _count,
    "name": _name,
    "enhancements": _enhancements,
}


def check_edit(path: str, text: str) -> EditCheck:
    """Validate `text` typed for the value at `path`; free text for fields with no normalizer."""
    name = field_name(path).rsplit(".", 1)[-1]
    return CHECKS.get(name, _words)(text)
