"""The backlog report as data: every number the terminal summary and the HTML report show.

Every figure is a count straight from the database (one SQL query each), so a reader can check
any of them with the same query. Decisions are the current ones under one rule set and policy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from review_cli.reports.exports import Provenance, software_version

UNKNOWN_YEAR = "unknown"
NOT_DECIDED = "NOT_DECIDED"
CONFIDENCE_BINS = 10
# Age of a case in the review backlog, counted from when the machine stored it.
AGE_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("0-7 days", 7),
    ("8-30 days", 30),
    ("31-90 days", 90),
    ("91-365 days", 365),
    ("over a year", None),
)
# Relief paths whose deadline the decision carries (illinois-crta.md §5.1 deadline tiers).
DEADLINE_PATHS = ("IL_AUTO_EXPUNGE_ARREST",)


@dataclass(frozen=True)
class Count:
    label: str
    count: int


@dataclass(frozen=True)
class DeadlineTier:
    """Cases on an automatic-expungement path sharing one statutory deadline (None: tier unknown)."""

    deadline: dt.date | None
    cases: int
    passed: bool | None


@dataclass(frozen=True)
class FieldKindConfidence:
    """Extracted values of one kind (`charges.amount_grams` for every count) and how sure we are."""

    kind: str
    values: int
    mean_confidence: float | None
    needs_review: int
    reviewed: int


@dataclass(frozen=True)
class ScanBatch:
    """One digitization run and how fast it went."""

    run_id: int
    started_at: str | None
    finished_at: str | None
    documents: int
    documents_failed: int
    pages_done: int
    pages_failed: int
    ocr_seconds: float
    wall_seconds: float | None

    @property
    def pages_per_hour(self) -> float | None:
        if not self.wall_seconds:
            return None
        return self.pages_done * 3600.0 / self.wall_seconds

    @property
    def seconds_per_page(self) -> float | None:
        return self.ocr_seconds / self.pages_done if self.pages_done else None


@dataclass(frozen=True)
class ReviewBacklog:
    cases_waiting: int
    fields_waiting: int
    cases_with_fields_waiting: int
    decisions_needing_review: int
    # Waiting cases by days since the machine stored them.
    age_buckets: tuple[Count, ...]
    open_queue_items: int
    # Open review-queue items by tier (0: the answer could change the outcome) and by age.
    queue_items_by_tier: tuple[Count, ...]
    queue_age_buckets: tuple[Count, ...]
    review_reasons: tuple[Count, ...]
    fields_reviewed: int
    corrections: int
    median_seconds_per_correction: float | None


@dataclass(frozen=True)
class BacklogReport:
    provenance: Provenance
    decided_as_of: tuple[str, ...]
    total_cases: int
    cases_by_jurisdiction: tuple[Count, ...]
    decided_cases: int
    outcomes: tuple[Count, ...]
    relief_paths: tuple[Count, ...]
    # Arrest year → outcome → cases; NOT_DECIDED counts cases without a current decision.
    outcomes_by_arrest_year: dict[str, dict[str, int]]
    deadline_tiers: tuple[DeadlineTier, ...]
    backlog: ReviewBacklog
    # Status → ten counts of confidence in [0, 0.1), …, [0.9, 1.0].
    confidence_histogram: dict[str, tuple[int, ...]]
    fields_without_confidence: int
    confidence_by_kind: tuple[FieldKindConfidence, ...]
    scan_batches: tuple[ScanBatch, ...]
    documents_by_status: tuple[Count, ...]


_CURRENT_DECISIONS = "select * from decisions where current = 1 and rule_set = :rule_set and policy = :policy"


# The effective arrest date: the machine's value unless a reviewer's latest answer replaced it.
_EFFECTIVE_ARREST_DATE_SQL = """
select c.case_id,
       case when fix.case_id is not null then json_extract(fix.new_value, '$')
            else json_extract(c.record, '$.arrest_date') end as arrest_date
from cases c
left join (
    select case_id, new_value from corrections
    where id in (select max(id) from corrections
                 where path = 'arrest_date' and action in ('accept', 'edit', 'blank') group by case_id)
) fix on fix.case_id = c.case_id
"""


def _counts(db: Database, sql: str, params: dict | None = None) -> tuple[Count, ...]:
    return tuple(Count(str(label), int(n)) for label, n in db.execute(sql, params or {}).fetchall())


def _scalar(db: Database, sql: str, params: dict | None = None) -> int:
    value = db.execute(sql, params or {}).fetchone()[0]
    return int(value or 0)


def field_kind(path: str) -> str:
    """`charges.3.amount_grams` → `charges.amount_grams`: one kind for every count."""
    return re.sub(r"\.\d+(?=\.|$)", "", path)


def _date_of(timestamp: str | None) -> dt.date | None:
    if not timestamp:
        return None
    return dt.date.fromisoformat(timestamp[:10])


def _age_label(days: int) -> str:
    for label, limit in AGE_BUCKETS:
        if limit is None or days <= limit:
            return label
    raise AssertionError("the last bucket has no limit")


def _ages(as_of: dt.date, timestamps: list[str | None]) -> dict[str, int]:
    """How many of `timestamps` fall in each age bucket, counted in whole days to `as_of`."""
    ages = {label: 0 for label, _ in AGE_BUCKETS}
    for timestamp in timestamps:
        ages[_age_label((as_of - (_date_of(timestamp) or as_of)).days)] += 1
    return ages


def _outcomes_by_year(db: Database, scope: dict) -> dict[str, dict[str, int]]:
    sql = f"""
    with eff as ({_EFFECTIVE_ARREST_DATE_SQL}), d as ({_CURRENT_DECISIONS})
    select coalesce(substr(eff.arrest_date, 1, 4), :unknown) as year,
           coalesce(d.outcome, :not_decided) as outcome, count(*)
    from eff left join d on d.case_id = eff.case_id
    group by 1, 2
    """
    by_year: dict[str, dict[str, int]] = defaultdict(dict)
    for year, outcome, n in db.execute(sql, {**scope, "unknown": UNKNOWN_YEAR, "not_decided": NOT_DECIDED}):
        by_year[year][outcome] = n
    return dict(sorted(by_year.items(), key=lambda item: (item[0] == UNKNOWN_YEAR, item[0])))


def _deadline_tiers(db: Database, scope: dict, as_of: dt.date) -> tuple[DeadlineTier, ...]:
    marks = ",".join(f"'{path}'" for path in DEADLINE_PATHS)
    # The case carries the deadline when automatic expungement is its headline; otherwise the
    # count on that path does (every count of a case shares its arrest date, so its tier).
    sql = f"""
    with d as ({_CURRENT_DECISIONS})
    select coalesce(
             json_extract(d.decision, '$.auto_expunge_by'),
             (select min(json_extract(c.value, '$.auto_expunge_by')) from json_each(d.decision, '$.charges') c
              where exists (select 1 from json_each(c.value, '$.relief_paths') p where p.value in ({marks})))
           ) as deadline, count(*)
    from d
    where exists (select 1 from json_each(d.decision, '$.relief_paths') p where p.value in ({marks}))
    group by 1
    """
    tiers = []
    for deadline, n in db.execute(sql, scope):
        day = dt.date.fromisoformat(deadline) if deadline else None
        tiers.append(DeadlineTier(deadline=day, cases=n, passed=None if day is None else as_of >= day))
    return tuple(sorted(tiers, key=lambda t: (t.deadline is None, t.deadline or dt.date.min)))


def _review_backlog(db: Database, scope: dict, as_of: dt.date) -> ReviewBacklog:
    waiting_sql = f"""
    with d as ({_CURRENT_DECISIONS})
    select c.case_id, c.updated_at from cases c
    where c.case_id in (select case_id from fields where status = 'needs_review')
       or c.case_id in (select case_id from d where needs_review = 1)
    """
    ages = _ages(as_of, [row[1] for row in db.execute(waiting_sql, scope)])
    queue_ages = _ages(as_of, [row[0] for row in db.execute("select created_at from review_items where status = 'open'")])
    reasons: dict[str, int] = defaultdict(int)
    reason_sql = f"with d as ({_CURRENT_DECISIONS}) select d.decision from d where d.needs_review = 1"
    for (decision,) in db.execute(reason_sql, scope):
        for code in set(json.loads(decision).get("review_reasons", [])):
            reasons[code] += 1
    seconds = [
        row[0]
        for row in db.execute(
            "select seconds_spent from corrections where seconds_spent is not null order by seconds_spent"
        )
    ]
    median = None
    if seconds:
        middle = len(seconds) // 2
        median = seconds[middle] if len(seconds) % 2 else (seconds[middle - 1] + seconds[middle]) / 2
    return ReviewBacklog(
        cases_waiting=sum(ages.values()),
        fields_waiting=_scalar(db, "select count(*) from fields where status = 'needs_review'"),
        cases_with_fields_waiting=_scalar(
            db, "select count(distinct case_id) from fields where status = 'needs_review'"
        ),
        decisions_needing_review=_scalar(
            db, f"with d as ({_CURRENT_DECISIONS}) select count(*) from d where needs_review = 1", scope
        ),
        age_buckets=tuple(Count(label, n) for label, n in ages.items()),
        open_queue_items=sum(queue_ages.values()),
        queue_items_by_tier=_counts(
            db, "select 'tier ' || tier, count(*) from review_items where status = 'open' group by tier order by tier"
        ),
        queue_age_buckets=tuple(Count(label, n) for label, n in queue_ages.items()),
        review_reasons=tuple(Count(code, n) for code, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        fields_reviewed=_scalar(db, "select count(*) from fields where status = 'reviewed'"),
        corrections=_scalar(db, "select count(*) from corrections"),
        median_seconds_per_correction=median,
    )


def _confidence(db: Database) -> tuple[dict[str, tuple[int, ...]], int, tuple[FieldKindConfidence, ...]]:
    histogram: dict[str, list[int]] = defaultdict(lambda: [0] * CONFIDENCE_BINS)
    kinds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    sql = f"""
    select path, status, min(cast(confidence * {CONFIDENCE_BINS} as integer), {CONFIDENCE_BINS - 1}) as bin,
           count(*), sum(confidence)
    from fields where confidence is not null group by 1, 2, 3
    """
    for path, status, bin_index, n, total in db.execute(sql):
        histogram[status][max(0, bin_index)] += n
        kind = kinds[field_kind(path)]
        kind["with_confidence"] += n
        kind["confidence_sum"] += total
    for path, status, n in db.execute("select path, status, count(*) from fields group by 1, 2"):
        kind = kinds[field_kind(path)]
        kind["values"] += n
        kind[status] += n
    by_kind = tuple(
        FieldKindConfidence(
            kind=name,
            values=int(k["values"]),
            mean_confidence=k["confidence_sum"] / k["with_confidence"] if k["with_confidence"] else None,
            needs_review=int(k["needs_review"]),
            reviewed=int(k["reviewed"]),
        )
        for name, k in sorted(kinds.items())
    )
    without = _scalar(db, "select count(*) from fields where confidence is null")
    return {status: tuple(bins) for status, bins in sorted(histogram.items())}, without, by_kind


def _scan_batches(db: Database) -> tuple[ScanBatch, ...]:
    sql = """
    select r.id, r.started_at, r.finished_at,
           (select count(*) from documents d where d.run_id = r.id),
           (select count(*) from documents d where d.run_id = r.id and d.status = 'failed'),
           (select count(*) from pages p join documents d on d.sha256 = p.document_sha256
             where d.run_id = r.id and p.status = 'done'),
           (select count(*) from pages p join documents d on d.sha256 = p.document_sha256
             where d.run_id = r.id and p.status = 'failed'),
           (select coalesce(sum(p.seconds), 0) from pages p join documents d on d.sha256 = p.document_sha256
             where d.run_id = r.id)
    from runs r where r.kind = 'scan' order by r.id
    """
    batches = []
    for run_id, started, finished, documents, documents_failed, done, failed, ocr_seconds in db.execute(sql):
        wall = None
        if started and finished:
            wall = (dt.datetime.fromisoformat(finished) - dt.datetime.fromisoformat(started)).total_seconds()
        batches.append(
            ScanBatch(run_id, started, finished, documents, documents_failed, done, failed, float(ocr_seconds), wall)
        )
    return tuple(batches)


def summarize_backlog(db: Database, *, rule_set: str | None, policy: str | None, as_of: dt.date) -> BacklogReport:
    """Count the backlog `as_of` a date, under the current decisions of one rule set and policy.

    Args:
        as_of: the date deadlines are compared with and backlog ages are counted to.
    """
    scope = {"rule_set": rule_set, "policy": policy}
    versions = tuple(
        row[0]
        for row in db.execute(
            f"select distinct rule_set_version from ({_CURRENT_DECISIONS}) order by 1", scope
        )
    )
    decided_as_of = tuple(
        row[0] for row in db.execute(f"select distinct as_of from ({_CURRENT_DECISIONS}) order by 1", scope)
    )
    histogram, without_confidence, by_kind = _confidence(db)
    return BacklogReport(
        provenance=Provenance(rule_set, versions, policy, as_of, software_version()),
        decided_as_of=decided_as_of,
        total_cases=_scalar(db, "select count(*) from cases"),
        cases_by_jurisdiction=_counts(db, "select jurisdiction, count(*) from cases group by 1 order by 1"),
        decided_cases=_scalar(db, f"select count(*) from ({_CURRENT_DECISIONS})", scope),
        outcomes=_counts(
            db, f"select outcome, count(*) from ({_CURRENT_DECISIONS}) group by 1 order by 2 desc, 1", scope
        ),
        relief_paths=_counts(
            db,
            f"""select p.value, count(distinct d.case_id) from ({_CURRENT_DECISIONS}) d,
                json_each(d.decision, '$.relief_paths') p group by 1 order by 2 desc, 1""",
            scope,
        ),
        outcomes_by_arrest_year=_outcomes_by_year(db, scope),
        deadline_tiers=_deadline_tiers(db, scope, as_of),
        backlog=_review_backlog(db, scope, as_of),
        confidence_histogram=histogram,
        fields_without_confidence=without_confidence,
        confidence_by_kind=by_kind,
        scan_batches=_scan_batches(db),
        documents_by_status=_counts(db, "select status, count(*) from documents group by 1 order by 1"),
    )
