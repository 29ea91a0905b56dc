"""Which values need a person, and why: the engine's questions, hard checks, low confidence that
matters to the outcome, and a small random audit of values the machine accepted."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlite_utils import Database

from models.records import CaseRecord
from models.store import current_decision, get_path, load_case, set_path
from review_cli.review.checks import failed_checks
from review_cli.review.queue import (
    AUDIT,
    ROUTED,
    TIER_AUDIT,
    TIER_OUTCOME,
    TIER_ROUTED,
    Routing,
    rerank,
    store_routings,
)

DEFAULT_AUDIT_RATE = 0.03


class Decider(Protocol):
    """The eligibility engine as routing uses it (see review_cli/review/engine.py)."""

    rule_set: str
    policy: str
    as_of: dt.date
    confidence_threshold: float

    def decide(self, cases: Sequence[CaseRecord]) -> dict[str, dict[str, Any]]:
        """Decide one person's cases without saving; case_id → records.md `eligibility` dict."""
        ...


@dataclass(frozen=True)
class RefreshSummary:
    cases: int
    added: int
    updated: int
    moot: int
    reopened: int
    open_items: int


def is_audit_draw(case_id: str, path: str, *, rate: float, seed: int) -> bool:
    """A fixed draw per value and seed, so a refresh never re-rolls the sample."""
    digest = hashlib.sha256(f"{seed}\0{case_id}\0{path}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def review_fields(decision: dict[str, Any]) -> dict[str, list[str]]:
    """Field path → the engine's questions about it, from `review_fields` of a decision.

    The engine names the paths either as a list (every question concerns them) or as a mapping
    from a question or reason code to paths.
    """
    named = decision.get("review_fields") or []
    questions = [q for q in decision.get("questions") or [] if q]
    out: dict[str, list[str]] = {}
    if isinstance(named, dict):
        for question, paths in named.items():
            for path in [paths] if isinstance(paths, str) else paths:
                out.setdefault(path, []).append(question)
    else:
        for path in named:
            out.setdefault(path, []).extend(questions)
    return out


def _asked(decision: dict[str, Any] | None) -> dict[str, list[str]]:
    return review_fields(decision) if decision and decision.get("needs_review") else {}


def _questions_for(record: CaseRecord, path: str, questions: list[str]) -> list[str]:
    """The questions about the count a path belongs to, when the engine says which count it asks
    about ("Count 2: …"); all of them otherwise."""
    parts = path.split(".")
    if len(parts) < 3 or parts[0] != "charges" or not parts[1].isdigit() or int(parts[1]) >= len(record.charges):
        return questions
    prefix = f"Count {record.charges[int(parts[1])].count}:"
    own = [q for q in questions if q.startswith(prefix)]
    return own or questions


def _outcome_key(decision: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if decision is None:
        return None
    return (decision.get("outcome"), tuple(decision.get("relief_paths") or ()), bool(decision.get("needs_review")))


def _blanked(record: CaseRecord, path: str) -> CaseRecord:
    data = record.to_dict()
    value = get_path(data, path)
    set_path(data, path, [] if isinstance(value, list) else None)
    return CaseRecord.from_dict(data)


def _outcome_depends_on(
    decider: Decider, cases: Sequence[CaseRecord], index: int, path: str, baseline: dict[str, Any] | None
) -> bool:
    """Whether the case's decision changes when the value at `path` is taken as unknown.

    `baseline` must come from the same decider: a saved decision made at another confidence
    threshold would differ for that reason alone.
    """
    altered = list(cases)
    altered[index] = _blanked(cases[index], path)
    decided = decider.decide(altered).get(cases[index].case_id or "")
    return _outcome_key(decided) != _outcome_key(baseline)


def route_person(
    cases: Sequence[CaseRecord],
    field_rows: dict[str, list[dict[str, Any]]],
    decisions: dict[str, dict[str, Any] | None],
    dockets: dict[str, str],
    *,
    decider: Decider,
    audit_rate: float,
    seed: int,
) -> list[Routing]:
    """The routings of every value of one person's cases (cases sharing a defendant)."""
    routings: list[Routing] = []
    fresh: dict[str, dict[str, Any]] = {}
    for index, record in enumerate(cases):
        case_id = record.case_id or ""
        decision = decisions.get(case_id)
        asked = _asked(decision)
        failures = failed_checks(record, as_of=decider.as_of)
        for row in field_rows.get(case_id, []):
            path = row["path"]
            if row["status"] == "reviewed":
                continue
            confidence = row["confidence"]
            reasons: list[str] = []
            tier = TIER_ROUTED
            question = "; ".join(dict.fromkeys(_questions_for(record, path, asked.get(path, [])))) or None
            if path in asked:
                codes = [r for r in (decision or {}).get("review_reasons") or []]
                reasons.append("engine needs review" + (f": {', '.join(codes)}" if codes else ""))
                tier = TIER_OUTCOME
            if path in failures:
                reasons.append(failures[path])
            is_doubtful = row["status"] == "needs_review" or (
                confidence is not None and confidence < decider.confidence_threshold
            )
            if is_doubtful or reasons:
                if tier != TIER_OUTCOME and not fresh:
                    # The saved decision may come from another threshold: ask the engine again at ours.
                    fresh = decider.decide(cases)
                if tier != TIER_OUTCOME and (
                    path in _asked(fresh.get(case_id))
                    or _outcome_depends_on(decider, cases, index, path, fresh.get(case_id))
                ):
                    tier = TIER_OUTCOME
                    if is_doubtful:
                        shown = "unknown" if confidence is None else f"{confidence:.2f}"
                        # A confident value extraction still sent to review: a conflict it could
                        # not settle, or a page whose orientation digitize could only guess.
                        low = confidence is None or confidence < decider.confidence_threshold
                        why = "low confidence" if low else "marked for review when it was read"
                        reasons.append(f"{why} ({shown}) and the outcome depends on this value")
                        # What extraction doubted, in its words (a conflict, a refit, a guessed page).
                        reasons.extend(json.loads(row["doubts"]) if row.get("doubts") else ())
            if reasons:
                routings.append(
                    Routing(case_id, path, dockets.get(case_id, case_id), ROUTED, tier, tuple(reasons), question, confidence)
                )
            elif row["status"] == "auto" and is_audit_draw(case_id, path, rate=audit_rate, seed=seed):
                shown = "unknown" if confidence is None else f"{confidence:.2f}"
                routings.append(
                    Routing(
                        case_id,
                        path,
                        dockets.get(case_id, case_id),
                        AUDIT,
                        TIER_AUDIT,
                        (f"audit sample: the machine accepted this value at confidence {shown}",),
                        None,
                        confidence,
                    )
                )
    return routings


def _persons(db: Database, case_ids: Iterable[str] | None) -> list[list[str]]:
    """Case ids grouped by person (shared defendant key); a case with no key stands alone."""
    if case_ids is None:
        rows = db.query("select case_id, defendant_key from cases order by defendant_key, case_id")
    else:
        wanted = list(dict.fromkeys(case_ids))
        keys = {
            row["defendant_key"]
            for start in range(0, len(wanted), 500)
            for row in db.query(
                f"select defendant_key from cases where case_id in ({','.join('?' * len(wanted[start:start + 500]))})",
                wanted[start : start + 500],
            )
            if row["defendant_key"]
        }
        rows = list(
            db.query(
                f"select case_id, defendant_key from cases where defendant_key in ({','.join('?' * len(keys))})"
                " order by defendant_key, case_id",
                list(keys),
            )
        ) if keys else []
        keyed = {row["case_id"] for row in rows}
        rows = rows + [{"case_id": c, "defendant_key": None} for c in wanted if c not in keyed]
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["defendant_key"] or f"\0{row['case_id']}", []).append(row["case_id"])
    return list(groups.values())


def _dockets(db: Database, case_ids: Sequence[str]) -> dict[str, str]:
    """The scanned document each case came from (its first), for grouping a docket's items."""
    marks = ",".join("?" * len(case_ids))
    out: dict[str, str] = {}
    for row in db.query(
        f"select case_id, min(document_sha256) as sha from case_documents where case_id in ({marks}) group by case_id",
        list(case_ids),
    ):
        out[row["case_id"]] = row["sha"]
    return out


def refresh_queue(
    db: Database,
    *,
    decider: Decider,
    now: dt.datetime,
    audit_rate: float = DEFAULT_AUDIT_RATE,
    seed: int = 0,
    case_ids: Iterable[str] | None = None,
) -> RefreshSummary:
    """Build or bring up to date the review queue from `fields` and the current decisions.

    Answered items stay answered; open items whose reason is gone leave the queue (moot).

    Args:
        audit_rate: share of machine-accepted values drawn for the audit sample (0.03 = 3%).
        seed: picks the audit sample; the same seed draws the same values on every refresh.
        case_ids: refresh only these cases' persons (after a correction); None refreshes all.
    """
    if not 0 <= audit_rate <= 1:
        raise ValueError(f"audit rate must be between 0 and 1, not {audit_rate}")
    totals = {"added": 0, "updated": 0, "moot": 0, "reopened": 0}
    seen = 0
    for person in _persons(db, case_ids):
        cases = [load_case(db, case_id) for case_id in person]
        field_rows: dict[str, list[dict[str, Any]]] = {}
        marks = ",".join("?" * len(person))
        for row in db.query(f"select * from fields where case_id in ({marks}) order by case_id, path", person):
            field_rows.setdefault(row["case_id"], []).append(row)
        decisions = {
            case_id: current_decision(db, case_id, rule_set=decider.rule_set, policy=decider.policy)
            for case_id in person
        }
        routings = route_person(
            cases,
            field_rows,
            decisions,
            _dockets(db, person),
            decider=decider,
            audit_rate=audit_rate,
            seed=seed,
        )
        counts = store_routings(db, routings, case_ids=person, now=now)
        for key in totals:
            totals[key] += counts[key]
        seen += len(person)
    if case_ids is None:
        rerank(db)
    open_count = db.execute("select count(*) from review_items where status = 'open'").fetchone()[0]
    return RefreshSummary(cases=seen, open_items=open_count, **totals)
