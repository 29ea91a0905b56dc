"""Court-ready lists: the counts for a motion per court, and the notice letters per person.

Only cases whose current decision needs no review, was made after the case's last correction,
and whose printed values are not awaiting review go in. Every other case that could belong is
listed as withheld, with the reason, so nothing drops out silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sqlite_utils import Database

from models.records import CaseRecord
from models.store import iter_cases
from review_cli.reports.exports import Provenance, software_version

# Outcomes that mean "a person must decide": such a case may belong on a list once reviewed.
REVIEW_OUTCOMES = ("IL_MANUAL_REVIEW", "CA_HAND_REVIEW")
# Cook County Municipal Department districts (illinois-crta.md §11, verified: S37).
_MUNICIPAL_DISTRICTS = {"1": "Chicago", "2": "Skokie", "3": "Rolling Meadows", "4": "Maywood", "5": "Bridgeview", "6": "Markham"}
NO_ADDRESS = "no address"
# The trace rule that asserts each relief path (eligibility/illinois/rules).
_PATH_RULES = {"IL_AUTO_EXPUNGE_ARREST": "auto_expunge", "IL_PARDON_PATH": "pardon", "IL_VACATE_MOTION": "vacate_motion"}


@dataclass(frozen=True)
class CountRow:
    """One count of a case with the relief path it gets and the law that gives it."""

    case_id: str
    case_number: str | None
    name: str | None
    count: int
    statute: str | None
    disposition: str | None
    disposition_date: dt.date | None
    relief_path: str
    citation: str


@dataclass(frozen=True)
class WithheldCase:
    case_id: str
    case_number: str | None
    name: str | None
    reason: str


@dataclass(frozen=True)
class MotionLists:
    provenance: Provenance
    relief_paths: tuple[str, ...]
    # Court → counts to list, in case-number order.
    courts: dict[str, tuple[CountRow, ...]]
    withheld: tuple[WithheldCase, ...]


@dataclass(frozen=True)
class NoticeCase:
    case_number: str | None
    arrest_date: dt.date | None
    # The court as printed on the record; a letter does not repeat a guess from the case number.
    printed_court: str | None
    auto_expunge_by: dt.date | None
    counts: tuple[CountRow, ...]


@dataclass(frozen=True)
class Notice:
    """One letter: a person, where to send it, and every ready case of theirs with relief."""

    number: int
    name: str | None
    address: str
    cases: tuple[NoticeCase, ...]


@dataclass(frozen=True)
class WithheldNotice:
    number: int
    name: str | None
    case_numbers: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class NoticeBatch:
    provenance: Provenance
    notices: tuple[Notice, ...]
    withheld_letters: tuple[WithheldNotice, ...]
    withheld_cases: tuple[WithheldCase, ...]


@dataclass(frozen=True)
class _Decided:
    """What a list needs of a decision, kept instead of its JSON (traces and all) for a big backlog."""

    needs_review: bool
    review_reasons: tuple[str, ...]
    decided_at: str
    last_correction: str | None
    auto_expunge_by: dt.date | None
    # Count number → the wanted relief paths it gets, each with its citation.
    paths_by_count: dict[int, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Assessed:
    record: CaseRecord
    auto_expunge_by: dt.date | None
    rows: tuple[CountRow, ...]
    withheld_because: str | None


def court_of(record: CaseRecord) -> str:
    """Where a motion is filed: the court printed on the record, else what the case number suggests.

    Case-number patterns are weak hints (illinois-crta.md §11), so a court read from them says so.
    """
    if record.court:
        return record.court
    if record.jurisdiction.startswith("CA-"):
        county = record.jurisdiction[3:].replace("_", " ").title()
        return f"Superior Court, {county} County"
    number = re.sub(r"[\s-]", "", (record.case_number or "").upper())
    if match := re.match(r"^\d{4}MC([1-6])\d", number):
        district = match.group(1)
        return f"Municipal Department, District {district} ({_MUNICIPAL_DISTRICTS[district]}) (from case number)"
    if re.match(r"^\d{2}(\d{2})?CR\d", number):
        return "Criminal Division (from case number)"
    return "Court not recorded"


def _parse_timestamp(value: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(value)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)


def _citation(charge_decision: dict, path: str) -> str:
    """The law the decision cites for `path` on this count.

    Illinois: the trace entry of the rule that asserted the path. California: the HS 11361.8
    subdivision the count relies on (california-prop64.md §2.2 `remedy_citation`).
    """
    rule = _PATH_RULES.get(path)
    for entry in charge_decision.get("trace", ()):
        if entry.get("rule") == rule and entry.get("result") is True:
            return entry["citation"]
    return charge_decision.get("remedy_citation") or ""


def _auto_expunge_by(decision: dict) -> dt.date | None:
    """The deadline of the case's automatic expungement: the case's, else its count's on that path."""
    deadline = decision.get("auto_expunge_by") or min(
        (
            c["auto_expunge_by"]
            for c in decision.get("charges", ())
            if c.get("auto_expunge_by") and "IL_AUTO_EXPUNGE_ARREST" in c.get("relief_paths", ())
        ),
        default=None,
    )
    return dt.date.fromisoformat(deadline) if deadline else None


def _decided(decision: dict, paths: Sequence[str], decided_at: str, last_correction: str | None) -> _Decided:
    return _Decided(
        needs_review=bool(decision.get("needs_review")) or decision.get("outcome") in REVIEW_OUTCOMES,
        review_reasons=tuple(sorted({str(r) for r in decision.get("review_reasons", ())})),
        decided_at=decided_at,
        last_correction=last_correction,
        auto_expunge_by=_auto_expunge_by(decision),
        paths_by_count={
            c["count"]: tuple((p, _citation(c, p)) for p in c.get("relief_paths", ()) if p in paths)
            for c in decision.get("charges", ())
        },
    )


def _count_rows(record: CaseRecord, decided: _Decided) -> tuple[CountRow, ...]:
    return tuple(
        CountRow(
            case_id=record.case_id or "",
            case_number=record.case_number,
            name=record.defendant.name,
            count=charge.count,
            statute=charge.statute or charge.statute_text,
            disposition=charge.disposition or charge.disposition_text,
            disposition_date=charge.disposition_date,
            relief_path=path,
            citation=citation,
        )
        for charge in record.charges
        for path, citation in decided.paths_by_count.get(charge.count, ())
    )


def _printed_paths(record: CaseRecord, rows: Iterable[CountRow], extra: Sequence[str]) -> set[str]:
    """Field paths whose values an output prints: identity, and every value of a listed count."""
    index_of = {charge.count: i for i, charge in enumerate(record.charges)}
    prefixes = {f"charges.{index_of[row.count]}." for row in rows}
    printed = {"case_number", "defendant.name", *extra}
    return printed | {path for path in record.fields if any(path.startswith(p) for p in prefixes)}


def _assess(
    db: Database,
    *,
    rule_set: str,
    policy: str,
    paths: Sequence[str],
    extra_printed: Sequence[str] = (),
) -> list[_Assessed]:
    """Every case that is, or after review could be, on a list, with why it is withheld if it is."""
    scope = {"rule_set": rule_set, "policy": policy}
    decisions: dict[str, _Decided] = {}
    for row in db.query(
        "select case_id, decision, decided_at,"
        " (select max(at) from corrections c where c.case_id = d.case_id) as last_correction"
        " from decisions d where current = 1 and rule_set = :rule_set and policy = :policy",
        scope,
    ):
        decision = json.loads(row["decision"])
        if set(decision.get("relief_paths", ())) & set(paths) or decision.get("outcome") in REVIEW_OUTCOMES:
            decisions[row["case_id"]] = _decided(decision, paths, row["decided_at"], row["last_correction"])
    # A temporary table (private to this connection, never in the file) selects the cases to load.
    with db.conn:
        db.execute("create temp table if not exists filing_candidates (case_id text primary key)")
        db.execute("delete from temp.filing_candidates")
        db.conn.executemany("insert into temp.filing_candidates values (?)", [(case_id,) for case_id in decisions])
        # Undecided cases of the jurisdictions this rule set decides may belong too, once decided.
        db.execute(
            "insert or ignore into temp.filing_candidates select c.case_id from cases c"
            " where c.jurisdiction in (select distinct k.jurisdiction from cases k join decisions d"
            "   on d.case_id = k.case_id and d.rule_set = :rule_set)"
            " and not exists (select 1 from decisions d where d.case_id = c.case_id and d.current = 1"
            "   and d.rule_set = :rule_set and d.policy = :policy)",
            scope,
        )
    waiting: dict[str, set[str]] = defaultdict(set)
    for case_id, path in db.execute(
        "select f.case_id, f.path from fields f join temp.filing_candidates c on c.case_id = f.case_id"
        " where f.status = 'needs_review'"
    ):
        waiting[case_id].add(path)
    assessed = []
    for record in iter_cases(db, where="case_id in (select case_id from temp.filing_candidates)"):
        decided = decisions.get(record.case_id or "")
        # The list prints none of the provenance; dropping it keeps a big backlog in memory.
        slim = replace(record, fields={}, source=())
        if decided is None:
            assessed.append(_Assessed(slim, None, (), f"not decided under {rule_set} / {policy}"))
            continue
        rows = _count_rows(record, decided)
        reasons = []
        if decided.needs_review:
            codes = decided.review_reasons
            reasons.append("decision needs review" + (f": {', '.join(codes)}" if codes else ""))
        if decided.last_correction and _parse_timestamp(decided.last_correction) > _parse_timestamp(decided.decided_at):
            reasons.append("corrected after it was decided: evaluate again")
        unreviewed = sorted(waiting.get(record.case_id or "", set()) & _printed_paths(record, rows, extra_printed))
        if unreviewed:
            reasons.append(f"values awaiting review: {', '.join(unreviewed)}")
        if not rows and not reasons:
            reasons.append("no count carries the relief path")
        assessed.append(_Assessed(slim, decided.auto_expunge_by, rows, "; ".join(reasons) or None))
    return assessed


def _withheld(item: _Assessed) -> WithheldCase:
    return WithheldCase(
        case_id=item.record.case_id or "",
        case_number=item.record.case_number,
        name=item.record.defendant.name,
        reason=item.withheld_because or "",
    )


def _provenance(db: Database, rule_set: str, policy: str, as_of: dt.date) -> Provenance:
    versions = tuple(
        row[0]
        for row in db.execute(
            "select distinct rule_set_version from decisions where current = 1 and rule_set = ? and policy = ?"
            " order by 1",
            [rule_set, policy],
        )
    )
    return Provenance(rule_set, versions, policy, as_of, software_version())


def _sort_key(case_number: str | None) -> str:
    return case_number or ""


def list_motions(
    db: Database, *, rule_set: str, policy: str, as_of: dt.date, paths: Sequence[str]
) -> MotionLists:
    """The counts to put before each court on a motion under `paths`, and the cases withheld.

    Args:
        as_of: the date the lists are prepared for; named on every page.
        paths: the relief paths a motion asks for (for Illinois, IL_VACATE_MOTION).
    """
    courts: dict[str, list[CountRow]] = defaultdict(list)
    withheld = []
    for item in _assess(db, rule_set=rule_set, policy=policy, paths=paths):
        if item.withheld_because:
            withheld.append(_withheld(item))
        else:
            courts[court_of(item.record)].extend(item.rows)
    return MotionLists(
        provenance=_provenance(db, rule_set, policy, as_of),
        relief_paths=tuple(paths),
        courts={
            court: tuple(sorted(rows, key=lambda r: (_sort_key(r.case_number), r.case_id, r.count)))
            for court, rows in sorted(courts.items())
        },
        withheld=tuple(sorted(withheld, key=lambda w: (_sort_key(w.case_number), w.case_id))),
    )


def _person_key(record: CaseRecord) -> tuple[str, str]:
    # A case without a name cannot be linked to others; it is a person of its own.
    return record.defendant.identity_key or ("", record.case_id or "")


def _latest_address(records: Sequence[CaseRecord]) -> str | None:
    dated = sorted(
        (r for r in records if r.defendant.address and r.defendant.address.strip()),
        key=lambda r: (r.arrest_date or dt.date.min, r.case_id or ""),
    )
    return dated[-1].defendant.address.strip() if dated else None


def list_notices(
    db: Database, *, rule_set: str, policy: str, as_of: dt.date, paths: Sequence[str]
) -> NoticeBatch:
    """One letter per person with a ready case on any of `paths`, sent to their last known address."""
    people: dict[tuple[str, str], list[_Assessed]] = defaultdict(list)
    for item in _assess(db, rule_set=rule_set, policy=policy, paths=paths, extra_printed=("arrest_date", "defendant.address")):
        people[_person_key(item.record)].append(item)
    notices, withheld_letters, withheld_cases = [], [], []
    for number, (_, items) in enumerate(sorted(people.items()), start=1):
        withheld_cases.extend(_withheld(i) for i in items if i.withheld_because)
        ready = [i for i in items if not i.withheld_because]
        if not ready:
            continue
        name = ready[0].record.defendant.name
        case_numbers = tuple(sorted(i.record.case_number or i.record.case_id or "" for i in ready))
        address = _latest_address([i.record for i in items])
        if address is None:
            withheld_letters.append(WithheldNotice(number, name, case_numbers, NO_ADDRESS))
            continue
        cases = tuple(
            NoticeCase(
                case_number=i.record.case_number,
                arrest_date=i.record.arrest_date,
                printed_court=i.record.court,
                auto_expunge_by=i.auto_expunge_by,
                counts=i.rows,
            )
            for i in sorted(ready, key=lambda i: (_sort_key(i.record.case_number), i.record.case_id or ""))
        )
        notices.append(Notice(number=number, name=name, address=address, cases=cases))
    return NoticeBatch(
        provenance=_provenance(db, rule_set, policy, as_of),
        notices=tuple(notices),
        withheld_letters=tuple(withheld_letters),
        withheld_cases=tuple(sorted(withheld_cases, key=lambda w: (_sort_key(w.case_number), w.case_id))),
    )
