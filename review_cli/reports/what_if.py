"""What if: the same backlog decided under several policies, side by side.

Decisions are made in memory and never saved, so a comparison leaves the database as it was.
A policy overlay writes only flags (illinois-crta.md §12) or a county overlay
(california-prop64.md §1); the statutory result must not change with the policy, and the
comparison counts any case where it does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from eligibility.registry import get_rule_set
from models.decisions import CaseDecision
from models.records import CaseRecord
from models.store import iter_cases
from review_cli.reports.exports import Provenance, software_version, write_private_csv

# Cases of about this many people are loaded and decided at a time, so memory stays flat.
PEOPLE_PER_BATCH = 1000
RELIEF_ACTED_ON = "relief, policy acts"
RELIEF_SKIPPED = "relief, policy would skip"
NEEDS_REVIEW = "needs review"
# County overlay codes under which the prosecutor moves for relief (california-prop64.md §9).
ACTING_OVERLAYS = ("CA_COUNTY_DISMISS", "CA_REDESIGNATE_REDUCE", "CA_RECALL_RESENTENCE")


@dataclass(frozen=True)
class PolicyResult:
    policy: str
    # Row label ("outcome: IL_PARDON_PATH", "flag: ccsao_not_standalone" …) → cases.
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PolicyComparison:
    provenance: Provenance
    people: int
    cases: int
    results: tuple[PolicyResult, ...]
    # Cases whose outcome or relief paths differ between policies (should always be 0).
    statutory_differences: int

    def row_labels(self) -> list[str]:
        labels: dict[str, None] = {}
        for result in self.results:
            labels.update(dict.fromkeys(result.counts))
        return sorted(labels, key=_row_order)

    def write_csv(self, path: Path) -> Path:
        columns = self.provenance.csv_columns()
        return write_private_csv(
            path,
            ("row", *(r.policy for r in self.results), *columns),
            (
                (label, *(r.counts.get(label, 0) for r in self.results), *columns.values())
                for label in self.row_labels()
            ),
        )


def _row_order(label: str) -> tuple[int, str]:
    kind = label.split(":")[0]
    order = {"outcome": 0, "relief path": 1, NEEDS_REVIEW: 2, RELIEF_ACTED_ON: 3, RELIEF_SKIPPED: 4, "flag": 5}
    return (order.get(kind, 6), label)


def _rows(decision: CaseDecision) -> list[str]:
    """The comparison rows one case decision counts in."""
    rows = [f"outcome: {decision.outcome}"]
    rows += [f"relief path: {path}" for path in decision.relief_paths]
    if decision.needs_review:
        rows.append(NEEDS_REVIEW)
    rows += [f"flag: {flag}" for flag in decision.policy_flags]
    # California overlays are per count (california-prop64.md §1); a case counts once per code.
    overlays = {c.details["county_overlay"] for c in decision.charges if c.details.get("county_overlay")}
    rows += [f"county overlay: {code}" for code in sorted(overlays)]
    if decision.relief_paths:
        has_overlay = decision.details.get("county_profile") is not None
        skipped = bool(decision.policy_flags) or (has_overlay and not overlays & set(ACTING_OVERLAYS))
        rows.append(RELIEF_SKIPPED if skipped else RELIEF_ACTED_ON)
    return rows


def _statutory(decision: CaseDecision) -> tuple[str, tuple[str, ...]]:
    return (decision.outcome, decision.relief_paths)


def iter_people(db: Database, *, people_per_batch: int = PEOPLE_PER_BATCH) -> Iterator[list[CaseRecord]]:
    """Every person's cases (linked by name and date of birth), a batch of people at a time."""
    keys = [row[0] for row in db.execute("select distinct defendant_key from cases where defendant_key is not null order by 1")]
    for start in range(0, len(keys), people_per_batch):
        batch = keys[start : start + people_per_batch]
        marks = ",".join("?" * len(batch))
        key_of = dict(db.execute(f"select case_id, defendant_key from cases where defendant_key in ({marks})", batch))
        people: dict[str, list[CaseRecord]] = {}
        for record in _load(db, list(key_of)):
            people.setdefault(key_of[record.case_id], []).append(record)
        yield from people.values()
    # A case without a name links to no other: it is a person of its own.
    unnamed = [row[0] for row in db.execute("select case_id from cases where defendant_key is null order by 1")]
    for start in range(0, len(unnamed), people_per_batch):
        for record in _load(db, unnamed[start : start + people_per_batch]):
            yield [record]


def _load(db: Database, case_ids: Sequence[str]) -> Iterator[CaseRecord]:
    # A temporary table (this connection only, never in the file) selects the cases to load.
    with db.conn:
        db.execute("create temp table if not exists what_if_cases (case_id text primary key)")
        db.execute("delete from temp.what_if_cases")
        db.conn.executemany("insert into temp.what_if_cases values (?)", [(i,) for i in case_ids])
    return iter_cases(db, where="case_id in (select case_id from temp.what_if_cases)")


def compare_policies(
    db: Database,
    *,
    rule_set: str,
    policies: Sequence[str],
    as_of: dt.date,
    confidence_threshold: float,
) -> PolicyComparison:
    """Decide every case under each policy `as_of` a date, in memory, and count the results."""
    engine = get_rule_set(rule_set)
    counts = {policy: Counter() for policy in policies}
    people = cases = differences = 0
    for person in iter_people(db):
        people += 1
        cases += len(person)
        decided = {
            policy: engine.decide(person, as_of=as_of, policy=policy, confidence_threshold=confidence_threshold)
            for policy in policies
        }
        for policy, decisions in decided.items():
            for decision in decisions:
                counts[policy].update(_rows(decision))
        for i in range(len(person)):
            if len({_statutory(decided[policy][i]) for policy in policies}) > 1:
                differences += 1
    return PolicyComparison(
        provenance=Provenance(rule_set, (engine.version,), ", ".join(policies), as_of, software_version()),
        people=people,
        cases=cases,
        results=tuple(PolicyResult(policy, dict(counts[policy])) for policy in policies),
        statutory_differences=differences,
    )
