"""Whether a count ended in a conviction (spec §8.1 canonical dispositions, §8.3 conviction rules)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from eligibility.illinois.rules.sentence_hints import term_months
from eligibility.illinois.statutes import FELONY

RULE_ID = "disposition"
CITATION = "20 ILCS 2630/5.2(a)(1)"
SUMMARY = (
    "Dismissals, acquittals and completed supervision or Section 10 probation are not convictions; "
    "a guilty finding with a sentence, or a revoked supervision, is; a missing sentence on a "
    "misdemeanour or an unclear supervision outcome gives both readings."
)
EVIDENCE = "secondary"

NON_CONVICTIONS = frozenset({"NOT_CHARGED", "NOLLE", "DISMISSED", "NO_PROBABLE_CAUSE", "ACQUITTED", "VACATED"})
CONVICTIONS = frozenset({"SUPERVISION_REVOKED", "QUALIFIED_PROBATION_REVOKED"})
# Disposition -> the reason that blocks every path (§8.1 engine effect).
BLOCKING = {
    "ACQUITTED_INSANITY": "R_INSANITY_ACQUITTAL",
    "ICSA_PROBATION_ON_CANNABIS": "R_ICSA_PROBATION_ON_CANNABIS",
    "TASC": "R_TASC",
    "CONVICTED_CE": "R_CERTIFICATE_OF_ELIGIBILITY",
    "SUPERSEDED": "R_SUCCESSOR_CASE_MISSING",
    "UNKNOWN": "R_DISPOSITION_UNKNOWN",
}
CANONICAL = (
    NON_CONVICTIONS
    | CONVICTIONS
    | BLOCKING.keys()
    | {
        "NOLLE_PLEA_TO_OTHER_COUNT",
        "STRICKEN_WITH_LEAVE",
        "SUPERVISION_COMPLETED",
        "SUPERVISION_ORDERED",
        "QUALIFIED_PROBATION_COMPLETED",
        "QUALIFIED_PROBATION_ORDERED",
        "CONVICTED",
        "NO_FINAL_DISPOSITION",
    }
)
SENTENCE_KINDS = ("CONDITIONAL_DISCHARGE", "PROBATION", "FINE", "TIME_SERVED", "JAIL", "PRISON", "UNKNOWN")
SUPERVISIONS = frozenset({"SUPERVISION_COMPLETED", "SUPERVISION_ORDERED", "SUPERVISION_REVOKED"})
QUALIFIED_PROBATIONS = frozenset(
    {"QUALIFIED_PROBATION_COMPLETED", "QUALIFIED_PROBATION_ORDERED", "QUALIFIED_PROBATION_REVOKED"}
)
# §10 probation is available for these counts only (720 ILCS 550/10; §7.5).
SECTION_10_COUNTS = frozenset({("4", "a"), ("4", "b"), ("4", "c"), ("5", "a"), ("5", "b"), ("5", "c")})
# The term of supervision or §10 probation when the docket does not state it: 24 months, the
# current text of §10 (spec §7.5). An engine assumption for supervision.
DEFAULT_TERM_MONTHS = 24.0

_LATER_TROUBLE = re.compile(r"(?i)\b(?:VOP|VIOL\w*|WARRANT|BFW|PETITION|REVOC\w*|RE-?SENT\w*|JUDG(?:E)?MENT)\b")
_BOND_FORFEITURE = re.compile(r"(?i)\bBF\b|BOND\s+FORF")
# Later activity on a stricken case; "leave to reinstate" itself is the SOL entry, not activity.
_REINSTATED = re.compile(r"(?i)\bREINSTATED\b|MOTION\s+TO\s+REINSTATE|RE-?DOCKET|\bBFW\b|WARRANT|\bREOPEN")


class DispositionReading(NamedTuple):
    code: str
    conviction: bool | None  # None: the record does not say (TASC, unknown …)
    final: bool
    block: str | None = None
    note: str | None = None


@lru_cache(maxsize=4096)
def _matches(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(text))


def _texts(*texts: str | None) -> str:
    return " ".join(t for t in texts if t)


def conviction_status(code: str | None, sentence_kind: str | None = None) -> bool | None:
    """Whether a count of the case is (True), is not (False) or may be (None) a conviction."""
    if code in NON_CONVICTIONS or code in ("NOLLE_PLEA_TO_OTHER_COUNT", "STRICKEN_WITH_LEAVE", "NO_FINAL_DISPOSITION"):
        return False
    if code in ("SUPERVISION_COMPLETED", "SUPERVISION_ORDERED", "QUALIFIED_PROBATION_COMPLETED", "QUALIFIED_PROBATION_ORDERED", "ACQUITTED_INSANITY"):
        return False
    if code in CONVICTIONS or code == "CONVICTED_CE":
        return True
    if code == "CONVICTED":
        return True if sentence_kind not in (None, "UNKNOWN") else None
    return None


def disposition_readings(
    code: str | None,
    sentence_kind: str | None,
    *,
    level: str | None,
    section: str,
    subsection: str | None,
    disposition_text: str | None,
    sentence_text: str | None,
    term_start: dt.date | None,
    as_of: dt.date,
) -> tuple[tuple[DispositionReading, ...], str | None]:
    """Returns (readings, readings reason) for one count under one amount reading."""
    # Only an ordered term with no later trouble reads the dates; the rest depends on a few codes and texts.
    ended = (
        code in _ORDERED
        and not _matches(_LATER_TROUBLE, _texts(disposition_text, sentence_text))
        and _term_ended(term_start, sentence_text, as_of)
    )
    return _readings(code, sentence_kind, level, section, subsection, disposition_text, sentence_text, ended)


_ORDERED = frozenset({"SUPERVISION_ORDERED", "QUALIFIED_PROBATION_ORDERED"})


@lru_cache(maxsize=4096)
def _readings(
    code: str | None,
    sentence_kind: str | None,
    level: str | None,
    section: str,
    subsection: str | None,
    disposition_text: str | None,
    sentence_text: str | None,
    term_ended: bool,
) -> tuple[tuple[DispositionReading, ...], str | None]:
    if code is None or code not in CANONICAL:
        code = "UNKNOWN"
    if code == "NO_FINAL_DISPOSITION":
        return (DispositionReading(code, None, False),), None
    if code in NON_CONVICTIONS:
        return (DispositionReading(code, False, True),), None
    if code == "NOLLE_PLEA_TO_OTHER_COUNT":
        return (DispositionReading(code, False, True, "R_MIXED_DISPOSITION"),), None
    if code == "STRICKEN_WITH_LEAVE":
        text = _texts(disposition_text, sentence_text)
        block = None
        if text and _matches(_BOND_FORFEITURE, text):
            block = "R_BOND_FORFEITURE"
        elif text and _matches(_REINSTATED, text):
            block = "R_SOL_REINSTATED"
        return (DispositionReading(code, False, True, block, "sol_could_be_reinstated"),), None
    if code in BLOCKING:
        conviction = True if code == "CONVICTED_CE" else (False if code == "ACQUITTED_INSANITY" else None)
        return (DispositionReading(code, conviction, True, BLOCKING[code]),), None
    mismatch = _count_mismatch(code, level, section, subsection)
    if code in CONVICTIONS:
        return (DispositionReading(code, True, True, mismatch),), None
    if code in ("SUPERVISION_COMPLETED", "QUALIFIED_PROBATION_COMPLETED"):
        return (DispositionReading(code, False, True, mismatch),), None
    if code in ("SUPERVISION_ORDERED", "QUALIFIED_PROBATION_ORDERED"):
        completed = "SUPERVISION_COMPLETED" if code == "SUPERVISION_ORDERED" else "QUALIFIED_PROBATION_COMPLETED"
        revoked = "SUPERVISION_REVOKED" if code == "SUPERVISION_ORDERED" else "QUALIFIED_PROBATION_REVOKED"
        text = _texts(disposition_text, sentence_text)
        if not (text and _matches(_LATER_TROUBLE, text)) and term_ended:
            return (DispositionReading(code, False, True, mismatch, "completion_inferred"),), None
        return (
            DispositionReading(completed, False, True, mismatch),
            DispositionReading(revoked, True, True, mismatch),
        ), "R_SUPERVISION_OUTCOME_UNCLEAR"
    # CONVICTED
    if sentence_kind not in (None, "UNKNOWN") or level == FELONY:
        return (DispositionReading("CONVICTED", True, True),), None
    # Supervision is for misdemeanours only, so a felony with no sentence is a conviction (§8.3).
    return (
        DispositionReading("CONVICTED", True, True),
        DispositionReading("SUPERVISION_COMPLETED", False, True),
    ), "R_SENTENCE_MISSING"


def _count_mismatch(code: str, level: str | None, section: str, subsection: str | None) -> str | None:
    if code in SUPERVISIONS and level == FELONY:
        return "R_DISPOSITION_COUNT_MISMATCH"
    if code in QUALIFIED_PROBATIONS and subsection is not None and section in ("4", "5"):
        if (section, subsection) not in SECTION_10_COUNTS:
            return "R_DISPOSITION_COUNT_MISMATCH"
    return None


def _term_ended(term_start: dt.date | None, sentence_text: str | None, as_of: dt.date) -> bool:
    """Whether the supervision or probation term ended before `as_of` (ambiguity A9)."""
    if term_start is None:
        return False
    months = (term_months(sentence_text) if sentence_text else None) or DEFAULT_TERM_MONTHS
    return term_start + dt.timedelta(days=months * 30.5) < as_of
