"""What reviewers' answers say about the machine: agreement per field, the audit error rate,
suggested confidence thresholds, and the answers as labelled data for recalibration."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from models.database import create_private_file
from review_cli.review.checks import field_name

# A threshold suggested from fewer answers than this would be noise.
DEFAULT_MIN_ANSWERS = 20
DEFAULT_TARGET_ERROR = 0.02

_FINAL_ANSWERS = """
select l.correction_id, l.item_id, l.reviewer, l.at, l.action, l.confidence, l.item_kind, l.extractor_version,
       c.case_id, c.path, c.new_value, c.extractor, f.value as machine_value, f.text as printed_text
from review_log l
join corrections c on c.id = l.correction_id
left join fields f on f.case_id = c.case_id and f.path = c.path
where l.action in ('accept', 'edit', 'blank')
  and l.correction_id not in (select undoes from review_log where undoes is not null)
  and l.correction_id = (
      select max(l2.correction_id) from review_log l2 join corrections c2 on c2.id = l2.correction_id
      where c2.case_id = c.case_id and c2.path = c.path and l2.action in ('accept', 'edit', 'blank')
        and l2.correction_id not in (select undoes from review_log where undoes is not null))
order by l.correction_id
"""


@dataclass(frozen=True)
class LabelledValue:
    """One value a person settled: what the machine read, how sure it was, and the answer."""

    case_id: str
    path: str
    field: str
    item_kind: str
    machine_value: Any
    label: Any
    confidence: float | None
    printed_text: str | None
    extractor: str | None
    extractor_version: str | None
    action: str

    @property
    def machine_was_right(self) -> bool:
        return self.machine_value == self.label

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "path": self.path,
            "field": self.field,
            "printed_text": self.printed_text,
            "machine_value": self.machine_value,
            "label": self.label,
            "machine_was_right": self.machine_was_right,
            "confidence": self.confidence,
            "extractor": self.extractor,
            "extractor_version": self.extractor_version,
            "item_kind": self.item_kind,
            "action": self.action,
        }


@dataclass(frozen=True)
class FieldAgreement:
    field: str
    answered: int
    agreed: int
    audited: int
    audit_errors: int
    suggested_threshold: float | None

    @property
    def agreement(self) -> float | None:
        return self.agreed / self.answered if self.answered else None


@dataclass(frozen=True)
class ReviewStats:
    fields: tuple[FieldAgreement, ...]
    audited: int
    audit_errors: int
    flagged: int
    skipped: int

    @property
    def audit_error_rate(self) -> float | None:
        return self.audit_errors / self.audited if self.audited else None


def labelled_values(db: Database) -> list[LabelledValue]:
    """The latest standing answer for every value a person settled (undone answers left out)."""
    out = []
    for row in db.query(_FINAL_ANSWERS):
        out.append(
            LabelledValue(
                case_id=row["case_id"],
                path=row["path"],
                field=field_name(row["path"]),
                item_kind=row["item_kind"],
                machine_value=json.loads(row["machine_value"]) if row["machine_value"] is not None else None,
                label=json.loads(row["new_value"]),
                confidence=row["confidence"],
                printed_text=row["printed_text"],
                extractor=row["extractor"],
                extractor_version=row["extractor_version"],
                action=row["action"],
            )
        )
    return out


def suggest_threshold(
    answers: list[LabelledValue], *, target_error: float = DEFAULT_TARGET_ERROR, min_answers: int = DEFAULT_MIN_ANSWERS
) -> float | None:
    """The lowest confidence at and above which the machine's values were wrong at most
    `target_error` of the time; None with too few answers or when no cut reaches the target."""
    scored = sorted((a for a in answers if a.confidence is not None), key=lambda a: a.confidence, reverse=True)
    if len(scored) < min_answers:
        return None
    best = None
    wrong = 0
    for count, answer in enumerate(scored, start=1):
        wrong += not answer.machine_was_right
        is_last_of_its_confidence = count == len(scored) or scored[count].confidence != answer.confidence
        if is_last_of_its_confidence and count >= min_answers and wrong / count <= target_error:
            best = answer.confidence
    return best


def review_stats(
    db: Database, *, target_error: float = DEFAULT_TARGET_ERROR, min_answers: int = DEFAULT_MIN_ANSWERS
) -> ReviewStats:
    answers = labelled_values(db)
    by_field: dict[str, list[LabelledValue]] = {}
    for answer in answers:
        by_field.setdefault(answer.field, []).append(answer)
    fields = []
    for name in sorted(by_field):
        group = by_field[name]
        audits = [a for a in group if a.item_kind == "audit"]
        fields.append(
            FieldAgreement(
                field=name,
                answered=len(group),
                agreed=sum(a.machine_was_right for a in group),
                audited=len(audits),
                audit_errors=sum(not a.machine_was_right for a in audits),
                suggested_threshold=suggest_threshold(group, target_error=target_error, min_answers=min_answers),
            )
        )
    counts = {
        row["status"]: row["n"] for row in db.query("select status, count(*) as n from review_items group by status")
    }
    skipped = db.execute(
        "select count(*) from review_log where action = 'skip'"
        " and correction_id not in (select undoes from review_log where undoes is not null)"
    ).fetchone()[0]
    audits = [a for a in answers if a.item_kind == "audit"]
    return ReviewStats(
        fields=tuple(fields),
        audited=len(audits),
        audit_errors=sum(not a.machine_was_right for a in audits),
        flagged=counts.get("flagged", 0),
        skipped=skipped,
    )


def export_labels(db: Database, path: Path) -> int:
    """Write every settled value as one JSON line (mode 0600: these are court records); returns the count."""
    answers = labelled_values(db)
    create_private_file(path)
    with path.open("w", encoding="utf-8") as out:
        for answer in answers:
            out.write(json.dumps(answer.to_dict(), default=str) + "\n")
    return len(answers)
