"""A small real database for the analysts' outputs: Illinois cases stored with `save_case`,
decided by the real engine and saved as versioned decisions, with corrections, review-queue
items and a digitization batch. Every person and address here is invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eligibility.evaluate import evaluate_database
from models.corrections import Correction
from models.database import open_database
from models.records import CaseRecord, Charge, Defendant, FieldInfo
from models.store import finish_run, record_correction, save_case, start_run

AS_OF = dt.date(2026, 1, 15)
THRESHOLD = 0.9
RULE_SET = "illinois-crta"
CASES = 42
UNDECIDED_TEMPLATE = 8
STALE_TEMPLATE = 11
# The arrest year a reviewer's correction gives the cases of template 12.
CORRECTED_YEAR = 1980


def _charges(template: int, when: dt.date) -> tuple[Charge, ...]:
    later = when + dt.timedelta(days=60)

    def charge(count: int = 1, **values) -> Charge:
        values.setdefault("offense_date", when)
        if values.get("disposition") not in (None, "NO_FINAL_DISPOSITION"):
            values.setdefault("disposition_date", later)
        return Charge(count=count, **values)

    if template in (0, 9):
        return (charge(statute="720 ILCS 550/4(b)", description="POSS CANN", disposition="NOLLE"),)
    if template in (1, 10):
        return (charge(statute="720 ILCS 550/4(d)", amount_grams=45.0, weight_basis="net", disposition="CONVICTED",
                       sentence_kind="PROBATION", sentence_text="PROB 1 YR"),)
    if template == 2:
        return (charge(statute="720 ILCS 550/5(c)", amount_grams=20.0, weight_basis="net", disposition="CONVICTED",
                       sentence_kind="JAIL", sentence_text="CCDOC 30 DAYS"),)
    if template == 3:
        return (
            charge(1, statute="720 ILCS 550/4(b)", disposition="CONVICTED", sentence_kind="FINE"),
            charge(2, statute="720 ILCS 5/12-3", statute_text="ch. 38 par. 12-3", description="BATTERY",
                   offense_class="A", disposition="NOLLE"),
        )
    if template == 4:
        return (charge(statute="720 ILCS 550/4", description="POSS CANNABIS", offense_class="4", disposition="CONVICTED",
                       sentence_kind="PRISON", sentence_text="IDOC 1 YR"),)
    if template == 5:
        return (charge(statute="720 ILCS 570/402(c)", statute_text="720-570/402(C)", description="PCS",
                       disposition="CONVICTED", sentence_kind="PROBATION"),)
    if template in (6, 11, 12):
        return (charge(statute="720 ILCS 550/4(c)", amount_grams=15.0, weight_basis="net", disposition="CONVICTED",
                       sentence_kind="FINE"),)
    if template == 7:
        return (charge(statute="720 ILCS 550/4(a)", disposition="CONVICTED", sentence_kind="FINE"),)
    if template == UNDECIDED_TEMPLATE:
        return (charge(statute="720 ILCS 550/4(b)", disposition="NOLLE"),)
    return (charge(statute="720 ILCS 550/4(b)", disposition="NO_FINAL_DISPOSITION"),)


def _case_number(i: int, year: int) -> str:
    if i % 2:
        return f"{year % 100:02d}CR{i:05d}01"
    return f"{year}MC1{i:06d}"


def make_records() -> list[CaseRecord]:
    records = []
    for i in range(CASES):
        template = i % 14
        year = 2005 if template == 9 else 1975 + (i * 7) % 25
        when = dt.date(year, 3 + i % 9, 1 + i % 27)
        person = i - 1 if template == 10 else i  # template 10 is a second case of the person before it
        statute_status = "needs_review" if template == 6 else ("reviewed" if i % 4 == 0 else "auto")
        fields = {
            "case_number": FieldInfo(confidence=0.99, status="auto", text=_case_number(i, year)),
            "defendant.name": FieldInfo(confidence=0.85 + (i % 10) / 100, status="auto" if i % 6 else "reviewed"),
            "charges.0.statute": FieldInfo(confidence=0.9 + (i % 10) / 100, status=statute_status),
            # Every eleventh disposition was hard to read: the engine weighs its alternatives.
            "charges.0.disposition": FieldInfo(
                confidence=0.55 if i % 11 == 5 else 0.91 + (i % 9) / 100, status="needs_review" if i % 11 == 5 else "auto"
            ),
        }
        # Template 6: the statute is sure enough for the engine but still waits for a person.
        if template == 6:
            fields["charges.0.statute"] = FieldInfo(confidence=0.95, status="needs_review")
        records.append(
            CaseRecord(
                case_id=f"c-{i:04d}",
                case_number=_case_number(i, year),
                defendant=Defendant(
                    name=f"TESTER{person:02d}, ALEX Q",
                    date_of_birth=dt.date(1950 + person % 20, 1 + person % 12, 1 + person % 28),
                    address=None if person % 3 == 0 else f"{100 + person} W MADISON ST\nCHICAGO IL 60602",
                ),
                arrest_date=when,
                charges=_charges(template, when),
                court="Branch 46" if i % 5 == 0 else None,
                fields=fields,
            )
        )
    return records


def _add_scan_batch(db) -> None:
    run_id = start_run(db, "scan", options={"dpi": 300})
    for d in range(3):
        sha = f"{d:064x}"
        status = "failed" if d == 2 else "done"
        db["documents"].insert({"sha256": sha, "path": f"box1/scan_{d}.pdf", "pages": 2, "status": status, "run_id": run_id})
        for page in (1, 2):
            failed = d == 2 and page == 2
            db["pages"].insert({"document_sha256": sha, "page_number": page, "status": "failed" if failed else "done",
                                "seconds": 4.0 + page + d})
    finish_run(db, run_id, {"documents": 3})
    db["runs"].update(run_id, {"started_at": "2025-12-01T10:00:00+00:00", "finished_at": "2025-12-01T10:12:00+00:00"})


def _add_review_items(db, records: list[CaseRecord]) -> None:
    for n, record in enumerate(records):
        for path, info in record.fields.items():
            if info.status != "needs_review":
                continue
            db["review_items"].insert({
                "case_id": record.case_id, "path": path, "docket": record.case_id, "kind": "routed", "tier": n % 2,
                "rank": n, "routed_because": "[]", "question": "?", "confidence": info.confidence, "status": "open",
                "skips": 0, "created_at": (dt.datetime(2025, 9, 1) + dt.timedelta(days=3 * n)).isoformat() + "+00:00",
            })


def build(path: Path) -> Path:
    """Store, correct and decide the cases at `path`; returns `path`."""
    db = open_database(path)
    records = make_records()
    undecided = [r for r in records if int(r.case_id[2:]) % 14 == UNDECIDED_TEMPLATE]
    for n, record in enumerate(records):
        if record in undecided:
            continue
        save_case(db, record, origin="digitized", extractor_version="test")
        if int(record.case_id[2:]) % 14 == 12:
            record_correction(db, Correction(
                case_id=record.case_id, field_path="arrest_date", action="edit", old_value=record.arrest_date.isoformat(),
                new_value=f"{CORRECTED_YEAR}-05-05", reviewer="rev", at=dt.datetime(2025, 12, 1, 9, 0), seconds_spent=12.0))
    for policy in ("statutory", "ccsao_style", "statutory"):
        # Deciding statutory twice leaves versioned decisions that are no longer current.
        evaluate_database(db, as_of=AS_OF, rule_set=RULE_SET, policy=policy, confidence_threshold=THRESHOLD)
    # Cases stored after the run have no decision yet.
    for record in undecided:
        save_case(db, record, origin="digitized", extractor_version="test")
    for n, record in enumerate(records):
        db["cases"].update(record.case_id, {"updated_at": (dt.datetime(2025, 10, 1) + dt.timedelta(days=2 * n)).isoformat() + "+00:00"})
    _add_scan_batch(db)
    _add_review_items(db, records)
    # A correction after the decision makes it stale.
    for record in records:
        if int(record.case_id[2:]) % 14 == STALE_TEMPLATE:
            record_correction(db, Correction(
                case_id=record.case_id, field_path="charges.0.disposition", action="accept", old_value="CONVICTED",
                new_value="CONVICTED", reviewer="rev", at=dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1),
                seconds_spent=30.0))
    db.close()
    return path
