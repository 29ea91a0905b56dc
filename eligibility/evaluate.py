"""Decide every case of a database again: one person's cases together, every decision kept.

`evaluate_database` is the batch entry point (`cleardocket evaluate`); `evaluate_case` re-decides
one person at once for the review screen. Decisions are versioned: a new one becomes current and
the earlier ones stay (models.store.save_decision semantics).

The batch path reads the same tables as models.store, in pages of whole persons, and loads only
the field rows the engines read (values a person has not reviewed whose confidence is below the
threshold). Deciding runs in worker processes while this process reads and writes SQLite.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import orjson
from sqlite_utils import Database

from eligibility.frozen import builder, field_names
from eligibility.registry import RULE_SETS, get_rule_set
from eligibility.rule_set import RuleSet
from models.decisions import CaseDecision
from models.errors import InputError
from models.records import CaseRecord, Charge, Defendant, FieldInfo, SourceDocument, SourcePage
from models.store import apply_corrections, finish_run, load_case, start_run

DEFAULT_CONFIDENCE_THRESHOLD = 0.9
# Jurisdiction prefix of records.md (`IL-COOK`, `CA-LOS_ANGELES`) -> the rule set that decides it.
RULE_SET_BY_JURISDICTION = {"IL": "illinois-crta", "CA": "california-prop64"}
# Below this many cases, starting worker processes costs more than it saves.
PARALLEL_FROM = 20_000
_PAGE = 2_000
# Batches handed to the pool per worker before this process waits for the oldest: enough that the
# workers still have work while this process commits a batch of decisions.
_IN_FLIGHT_PER_WORKER = 4

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class EvaluateSummary:
    """Counts only: never a name, a date of birth or a case number."""

    run_id: int
    cases: int
    persons: int
    skipped: int  # cases of a jurisdiction no rule set of this run decides
    outcomes: dict[str, int] = field(default_factory=dict)
    needs_review: int = 0
    rule_sets: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1024)
def default_rule_set(jurisdiction: str | None) -> str | None:
    """The rule set named by a jurisdiction's prefix (IL-* -> illinois-crta, CA-* -> california-prop64)."""
    prefix = (jurisdiction or "IL").split("-", 1)[0].upper()
    return RULE_SET_BY_JURISDICTION.get(prefix)


def decision_json(decision: CaseDecision) -> bytes:
    """`decision.to_dict()` as JSON, built for speed (orjson writes the trace dataclasses itself)."""
    charges = []
    for c in decision.charges:
        out = {
            "count": c.count,
            "outcome": c.outcome,
            "relief_paths": c.relief_paths,
            "minor_cannabis_offense": c.minor_cannabis_offense,
            "conviction": c.conviction,
            "needs_review": c.needs_review,
            "review_reasons": c.review_reasons,
            "notes": c.notes,
            # TraceEntry.to_dict leaves out a missing result; orjson would write it as null.
            "trace": [t if t.result is not None else t.to_dict() for t in c.trace],
        }
        out.update(c.details)
        charges.append(out)
    out = {
        "rule_set": decision.rule_set,
        "rule_set_version": decision.rule_set_version,
        "policy": decision.policy,
        "as_of": decision.as_of,
        "outcome": decision.outcome,
        "relief_paths": decision.relief_paths,
        "auto_expunge_by": decision.auto_expunge_by,
        "needs_review": decision.needs_review,
        "review_reasons": decision.review_reasons,
        "questions": decision.questions,
        "policy_flags": decision.policy_flags,
        "notes": decision.notes,
        "charges": charges,
        "decided_by": decision.decided_by,
    }
    out.update(decision.details)
    return orjson.dumps(out)


_CHARGE_FIELDS = field_names(Charge)
_DEFENDANT_FIELDS = field_names(Defendant)
_CHARGE_DATES = ("offense_date", "disposition_date", "sentence_end_date")
_CHARGE_LISTS = ("enhancements", "conduct", "prior_relief")
_new_charge = builder(Charge)
_new_defendant = builder(Defendant)
_new_record = builder(CaseRecord)
_new_field = builder(FieldInfo)


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _charge(data: dict[str, Any]) -> Charge:
    """Charge.from_dict without its per-call reflection; anything unusual goes to it.

    Converts `data` in place: it is record_from_row's own parse of the row.
    """
    if not data.keys() <= _CHARGE_FIELDS or "count" not in data:
        return Charge.from_dict(data)
    for name in _CHARGE_DATES:
        if name in data:
            data[name] = _day(data[name])
    for name in _CHARGE_LISTS:
        if name in data:
            data[name] = tuple(data[name] or ())
    if data.get("amount_grams") is not None:
        data["amount_grams"] = float(data["amount_grams"])
    return _new_charge(data)


def _defendant(data: dict[str, Any] | None) -> Defendant:
    if not data:
        return _new_defendant({})
    if not data.keys() <= _DEFENDANT_FIELDS:
        return Defendant.from_dict(data)
    data["date_of_birth"] = _day(data.get("date_of_birth"))
    return _new_defendant(data)


def record_from_row(record_json: str | bytes, field_rows: list[tuple], corrections: list[dict[str, Any]]) -> CaseRecord:
    """The effective record of a stored case, as models.store.load_case builds it, with only the
    given field rows (path, confidence, status)."""
    data = orjson.loads(record_json)
    if corrections:
        apply_corrections(data, corrections)
    source = tuple(
        SourceDocument(file=d["file"], sha256=d["sha256"], pages=tuple(SourcePage(**p) for p in d.get("pages", ())))
        for d in (data.get("source") or {}).get("documents", ())
    )
    return _new_record(
        {
            "case_id": data.get("case_id"),
            "jurisdiction": data.get("jurisdiction") or "IL-COOK",
            "case_number": data.get("case_number"),
            "case_number_text": data.get("case_number_text"),
            "defendant": _defendant(data.get("defendant")),
            "arrest_date": _day(data.get("arrest_date")),
            "charges": tuple(_charge(c) for c in data.get("charges", ())),
            "court": data.get("court"),
            "source": source,
            "fields": {
                path: _new_field({"confidence": confidence, "status": status}) for path, confidence, status in field_rows
            },
        }
    )


# One case as it crosses to a worker: (case_id, record JSON, uncertain field rows, corrections).
_Case = tuple[str, str, list[tuple], list[dict[str, Any]]]
# One decided case: (case_id, outcome, needs_review, decision JSON).
_Decided = tuple[str, str, bool, bytes]
# A decisions row in the order of _INSERT's parameters: (case_id, rule_set, rule_set_version,
# policy, as_of, outcome, needs_review, decision JSON, decided_at, run_id).
_Row = tuple[str, str, str, str, str, str, int, str, str, int | None]
_INSERT = (
    "insert into decisions (case_id, rule_set, rule_set_version, policy, as_of, outcome, needs_review,"
    " decision, decided_by, decided_at, current, run_id) values (?, ?, ?, ?, ?, ?, ?, ?, 'engine', ?, 1, ?)"
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class _Job:
    rules: RuleSet
    policy: str
    as_of: dt.date
    confidence_threshold: float
    run_id: int | None = None


@dataclass
class _Batch:
    """A batch's decisions as rows ready to insert, and the counts the summary adds up."""

    rows: list[_Row]
    outcomes: Counter
    needs_review: int


def _decide_persons(job: _Job, persons: list[list[_Case]]) -> _Batch:
    # The rows are built here so that the process writing SQLite only inserts them: it is the one
    # part of a run that does not run in parallel.
    rules = job.rules
    name, version, policy, as_of, run_id = rules.name, rules.version, job.policy, job.as_of.isoformat(), job.run_id
    decided_at = _now()
    rows: list[_Row] = []
    outcomes: Counter = Counter()
    needs_review = 0
    for person in persons:
        records = [record_from_row(record_json, fields, corrections) for _, record_json, fields, corrections in person]
        decisions = rules.decide(records, as_of=job.as_of, policy=policy, confidence_threshold=job.confidence_threshold)
        for (case_id, *_), decision in zip(person, decisions):
            outcome, review = decision.outcome, int(decision.needs_review)
            outcomes[outcome] += 1
            needs_review += review
            payload = decision_json(decision).decode()
            rows.append((case_id, name, version, policy, as_of, outcome, review, payload, decided_at, run_id))
    return _Batch(rows, outcomes, needs_review)


def _init_worker() -> None:
    # Deciding creates no reference cycles (frozen records, tuples, dicts): reference counting frees
    # every batch, and the cycle collector would only rescan the rule tables and caches. Peak RSS
    # is reported by bench/evaluate.py.
    gc.disable()


class PersonReader:
    """Pages of whole persons from the cases table, with their uncertain fields and corrections."""

    def __init__(self, db: Database, *, confidence_threshold: float, page: int = _PAGE) -> None:
        self.conn = db.conn
        self.threshold = confidence_threshold
        self.page = page

    def persons(self) -> Iterator[list[tuple[str, str | None, str]]]:
        """Each person as [(case_id, jurisdiction, record JSON)]; a case with no defendant key alone."""
        last_rowid = 0
        while True:
            rows = self.conn.execute(
                "select rowid, case_id, jurisdiction, record from cases where defendant_key is null and rowid > ?"
                " order by rowid limit ?",
                [last_rowid, self.page],
            ).fetchall()
            if not rows:
                break
            for _, case_id, jurisdiction, record in rows:
                yield [(case_id, jurisdiction, record)]
            last_rowid = rows[-1][0]
        last_key = ""
        while True:
            rows = self.conn.execute(
                "select defendant_key, case_id, jurisdiction, record from cases where defendant_key > ?"
                " order by defendant_key limit ?",
                [last_key, self.page],
            ).fetchall()
            if not rows:
                return
            if len(rows) == self.page:
                tail = rows[-1][0]
                complete = [r for r in rows if r[0] != tail]
                if not complete:
                    # One person with a page's worth of cases or more: read all of them.
                    complete = self.conn.execute(
                        "select defendant_key, case_id, jurisdiction, record from cases where defendant_key = ?", [tail]
                    ).fetchall()
                rows = complete
            person: list[tuple[str, str | None, str]] = []
            key = None
            for row_key, case_id, jurisdiction, record in rows:
                if row_key != key and person:
                    yield person
                    person = []
                key = row_key
                person.append((case_id, jurisdiction, record))
            if person:
                yield person
            last_key = rows[-1][0]

    def extras(self, case_ids: list[str]) -> tuple[dict[str, list[tuple]], dict[str, list[dict[str, Any]]]]:
        """Uncertain field rows and corrections (oldest first) of these cases."""
        marks = ",".join("?" * len(case_ids))
        fields: dict[str, list[tuple]] = {}
        for case_id, path, confidence, status in self.conn.execute(
            f"select case_id, path, confidence, status from fields where case_id in ({marks}) and status != 'reviewed'"
            " and (confidence < ? or (confidence is null and status = 'needs_review'))",
            [*case_ids, self.threshold],
        ):
            fields.setdefault(case_id, []).append((path, confidence, status))
        corrections: dict[str, list[dict[str, Any]]] = {}
        for case_id, path, action, new_value in self.conn.execute(
            f"select case_id, path, action, new_value from corrections where case_id in ({marks}) order by id", case_ids
        ):
            corrections.setdefault(case_id, []).append({"path": path, "action": action, "new_value": new_value})
        return fields, corrections


class DecisionWriter:
    """Saves decisions a batch per transaction; earlier decisions stay, no longer current."""

    def __init__(self, db: Database, *, run_id: int | None, rule_set: RuleSet, policy: str, as_of: dt.date) -> None:
        self.conn = db.conn
        self.run_id = run_id
        self.rule_set = rule_set
        self.policy = policy
        self.as_of = as_of.isoformat()

    def write(self, decided: list[_Decided]) -> None:
        now = _now()
        name, version, policy, as_of = self.rule_set.name, self.rule_set.version, self.policy, self.as_of
        run_id = self.run_id
        self.save(
            [
                (case_id, name, version, policy, as_of, outcome, int(review), payload.decode(), now, run_id)
                for case_id, outcome, review, payload in decided
            ]
        )

    def save(self, rows: list[_Row]) -> None:
        """Insert rows made for this writer's rule set and policy (as _decide_persons makes them)."""
        if not rows:
            return
        with self.conn:
            for start in range(0, len(rows), 900):
                ids = [row[0] for row in rows[start : start + 900]]
                self.conn.execute(
                    f"update decisions set current = 0 where current = 1 and rule_set = ? and policy = ?"
                    f" and case_id in ({','.join('?' * len(ids))})",
                    [self.rule_set.name, self.policy, *ids],
                )
            self.conn.executemany(_INSERT, rows)


def _available(custom_rule_sets: Sequence[RuleSet]) -> dict[str, RuleSet]:
    return {**RULE_SETS, **{rules.name: rules for rules in custom_rule_sets}}


def resolve_rule_sets(
    db: Database, rule_set: str | None, policy: str | None, *, custom_rule_sets: Sequence[RuleSet] = ()
) -> dict[str, str]:
    """Rule set name -> policy for a run over `db`; InputError for an unknown rule set or policy."""
    available = _available(custom_rule_sets)
    if rule_set is not None:
        names = [available[rule_set].name if rule_set in available else get_rule_set(rule_set).name]
    else:
        jurisdictions = [row[0] for row in db.conn.execute("select distinct jurisdiction from cases")]
        names = sorted({n for n in map(default_rule_set, jurisdictions) if n in RULE_SETS})
    chosen = {}
    for name in names:
        rules = available[name]
        if policy is not None and policy not in rules.policies:
            raise InputError(f"rule set {name} has no policy {policy!r}; it has: {', '.join(rules.policies)}")
        chosen[name] = policy or rules.policies[0]
    return chosen


def _batches(reader: PersonReader, rule_sets: Collection[str], explicit: str | None, batch_size: int, counts: Counter):
    """(rule set, persons) batches of about `batch_size` cases, each with its fields and corrections."""
    pending: dict[str, list[list[tuple[str, str]]]] = {name: [] for name in rule_sets}
    sizes = Counter()

    def flush(name: str):
        persons = pending[name]
        pending[name] = []
        sizes[name] = 0
        ids = [case_id for person in persons for case_id, _ in person]
        fields, corrections = reader.extras(ids)
        return name, [
            [(case_id, record, fields.get(case_id, []), corrections.get(case_id, [])) for case_id, record in person]
            for person in persons
        ]

    for person in reader.persons():
        groups: dict[str, list[tuple[str, str]]] = {}
        for case_id, jurisdiction, record in person:
            name = default_rule_set(jurisdiction)
            if explicit is not None and (name is None or name not in RULE_SETS or name == explicit):
                name = explicit
            if name not in rule_sets:
                counts["skipped"] += 1
                continue
            groups.setdefault(name, []).append((case_id, record))
        for name, cases in groups.items():
            pending[name].append(cases)
            sizes[name] += len(cases)
            counts["persons"] += 1
            if sizes[name] >= batch_size:
                yield flush(name)
    for name in rule_sets:
        if pending[name]:
            yield flush(name)


def evaluate_database(
    db: Database,
    *,
    as_of: dt.date,
    rule_set: str | None = None,
    policy: str | None = None,
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD,
    workers: int | None = None,
    batch_size: int = 2_000,
    on_progress: ProgressCallback | None = None,
    custom_rule_sets: Sequence[RuleSet] = (),
) -> EvaluateSummary:
    """Decide every case again, the cases of one person together, and save the decisions.

    Args:
        rule_set: decide every case with this rule set (except cases whose jurisdiction belongs to
            another known rule set, which are skipped); by default each case's jurisdiction chooses.
        policy: a policy every rule set used has; by default each rule set's first (statutory).
        workers: deciding processes; by default one per core for large databases, none for small.
        on_progress: called with (cases done, cases in the database) after each batch.
        custom_rule_sets: used instead of the registered rule sets of the same name (a California
            rule set that also knows a county policy read from a file).
    """
    available = _available(custom_rule_sets)
    rule_sets = resolve_rule_sets(db, rule_set, policy, custom_rule_sets=custom_rule_sets)
    synchronous = db.conn.execute("PRAGMA synchronous").fetchone()[0]
    # In WAL mode NORMAL never corrupts the database; a crash may lose the last batches, which a
    # re-run decides again.
    db.conn.execute("PRAGMA synchronous = NORMAL")
    # As in the workers (_init_worker): reading, deciding and writing batches make no reference
    # cycles, and the cycle collector would rescan every object of this process again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(db, {name: (available[name], chosen) for name, chosen in rule_sets.items()},
                         as_of=as_of, rule_set=rule_set, policy=policy,
                         confidence_threshold=confidence_threshold, workers=workers, batch_size=batch_size,
                         on_progress=on_progress)
    finally:
        if collecting:
            gc.enable()
        db.conn.execute(f"PRAGMA synchronous = {int(synchronous)}")


def _evaluate(
    db: Database,
    rule_sets: dict[str, tuple[RuleSet, str]],
    *,
    as_of: dt.date,
    rule_set: str | None,
    policy: str | None,
    confidence_threshold: float,
    workers: int | None,
    batch_size: int,
    on_progress: ProgressCallback | None,
) -> EvaluateSummary:
    total = db.conn.execute("select count(*) from cases").fetchone()[0]
    run_id = start_run(
        db,
        "evaluate",
        options={
            "rule_set": rule_set,
            "policy": policy,
            "as_of": as_of.isoformat(),
            "confidence_threshold": confidence_threshold,
        },
        tool_versions={name: rules.version for name, (rules, _) in rule_sets.items()},
    )
    writers = {
        name: DecisionWriter(db, run_id=run_id, rule_set=rules, policy=chosen, as_of=as_of)
        for name, (rules, chosen) in rule_sets.items()
    }
    jobs = {name: _Job(rules, chosen, as_of, confidence_threshold, run_id) for name, (rules, chosen) in rule_sets.items()}
    reader = PersonReader(db, confidence_threshold=confidence_threshold)
    counts: Counter = Counter()
    outcomes: Counter = Counter()
    by_rule_set: Counter = Counter()
    done = 0

    def record(name: str, batch: _Batch) -> None:
        nonlocal done
        writers[name].save(batch.rows)
        outcomes.update(batch.outcomes)
        counts["needs_review"] += batch.needs_review
        by_rule_set[name] += len(batch.rows)
        done += len(batch.rows)
        if on_progress:
            on_progress(done, total)

    batches = _batches(reader, rule_sets.keys(), rule_set, batch_size, counts)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 0
    if workers <= 0:
        for name, persons in batches:
            record(name, _decide_persons(jobs[name], persons))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
            in_flight: deque[tuple[str, Future]] = deque()
            try:
                for name, persons in batches:
                    in_flight.append((name, pool.submit(_decide_persons, jobs[name], persons)))
                    if len(in_flight) >= _IN_FLIGHT_PER_WORKER * workers:
                        finished, future = in_flight.popleft()
                        record(finished, future.result())
                while in_flight:
                    finished, future = in_flight.popleft()
                    record(finished, future.result())
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    summary = EvaluateSummary(
        run_id=run_id,
        cases=done,
        persons=counts["persons"],
        skipped=counts["skipped"],
        outcomes=dict(outcomes),
        needs_review=counts["needs_review"],
        rule_sets=dict(by_rule_set),
    )
    finish_run(db, run_id, {"cases": summary.cases, "persons": summary.persons, "skipped": summary.skipped,
                            "outcomes": summary.outcomes, "needs_review": summary.needs_review})
    return summary


def evaluate_case(
    db: Database,
    case_id: str,
    *,
    as_of: dt.date,
    rule_set: str | None = None,
    policy: str | None = None,
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD,
) -> CaseDecision:
    """Re-decide the person a case belongs to (every case of theirs), save, and return this case's decision.

    For the review screen: after a correction the person's decisions are current at once.
    Raises KeyError for an unknown case.
    """
    row = db.conn.execute("select defendant_key, jurisdiction from cases where case_id = ?", [case_id]).fetchone()
    if row is None:
        raise KeyError(case_id)
    key, jurisdiction = row
    name = rule_set or default_rule_set(jurisdiction)
    if name is None:
        raise InputError(f"no rule set decides jurisdiction {jurisdiction!r}; name one")
    rules = get_rule_set(name)
    chosen = policy or rules.policies[0]
    if chosen not in rules.policies:
        raise InputError(f"rule set {name} has no policy {chosen!r}; it has: {', '.join(rules.policies)}")
    if key is None:
        ids = [case_id]
    else:
        ids = [
            r[0]
            for r in db.conn.execute("select case_id, jurisdiction from cases where defendant_key = ? order by case_id", [key])
            if r[0] == case_id or default_rule_set(r[1]) in (None, name)
        ]
    records: Sequence[CaseRecord] = [load_case(db, each) for each in ids]
    decisions = rules.decide(records, as_of=as_of, policy=chosen, confidence_threshold=confidence_threshold)
    writer = DecisionWriter(db, run_id=None, rule_set=rules, policy=chosen, as_of=as_of)
    writer.write([(each, d.outcome, d.needs_review, decision_json(d)) for each, d in zip(ids, decisions)])
    return decisions[ids.index(case_id)]
