import datetime as dt
import sqlite3
from contextlib import closing
from dataclasses import replace

import pytest

from models.corrections import Correction
from models.database import open_database
from models.decisions import CaseDecision
from models.records import CaseRecord, Charge, FieldInfo
from models.store import iter_cases, load_case, record_correction, save_case, save_decision

RECORD = CaseRecord(
    case_id="c-1",
    case_number="93C660123",
    charges=(Charge(count=1, statute="720 ILCS 550/4(c)", amount_grams=12.4),),
    fields={"charges.0.amount_grams": FieldInfo(confidence=0.4, status="needs_review", text="12.4 GRMS")},
)


def test_a_correction_survives_a_rerun_of_extraction(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, RECORD, origin="digitized", extractor_version="v1")
    record_correction(
        db,
        Correction(
            case_id="c-1",
            field_path="charges.0.amount_grams",
            action="edit",
            old_value=12.4,
            new_value=17.4,
            reviewer="ana",
            at=dt.datetime(2026, 11, 21, 9, 0),
        ),
    )
    # A new extractor version reads the same scan again and stores its own record.
    save_case(db, RECORD, origin="digitized", extractor_version="v2")
    record = load_case(db, "c-1")
    assert record.charges[0].amount_grams == 17.4
    assert record.fields["charges.0.amount_grams"].status == "reviewed"
    assert [r.case_id for r in iter_cases(db)] == ["c-1"]


def _fail_on(db, event: str, table: str) -> None:
    # What a crash, a full disk or a lost lock does halfway through a write.
    db.execute(f"create trigger fail_{table} before {event} on {table} begin select raise(abort, 'disk full'); end")


def _fresh_count(path, table: str) -> int:
    with closing(sqlite3.connect(path)) as fresh:
        return fresh.execute(f"select count(*) from {table}").fetchone()[0]


def test_a_case_lands_with_its_fields_or_not_at_all(tmp_path):
    db = open_database(tmp_path / "d.db")
    _fail_on(db, "insert", "fields")
    with pytest.raises(sqlite3.IntegrityError):
        save_case(db, RECORD, origin="digitized", extractor_version="v1")
    assert _fresh_count(tmp_path / "d.db", "cases") == 0


def test_a_correction_lands_with_its_field_marked_reviewed_or_not_at_all(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, RECORD, origin="digitized", extractor_version="v1")
    _fail_on(db, "update", "fields")
    with pytest.raises(sqlite3.IntegrityError):
        record_correction(db, Correction(case_id="c-1", field_path="charges.0.amount_grams", action="edit",
                                         old_value=12.4, new_value=17.4, reviewer="ana", at=dt.datetime(2026, 11, 21, 9)))
    # A correction stored without its field marked reviewed would be overwritten by the next run.
    assert _fresh_count(tmp_path / "d.db", "corrections") == 0


def test_a_new_decision_replaces_the_current_one_or_not_at_all(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, RECORD, origin="digitized", extractor_version="v1")
    first = CaseDecision("illinois-crta", "1", "default", dt.date(2026, 11, 21), "automatic_expungement")
    save_decision(db, "c-1", first)
    _fail_on(db, "insert", "decisions")
    with pytest.raises(sqlite3.IntegrityError):
        save_decision(db, "c-1", replace(first, outcome="not_eligible"))
    with closing(sqlite3.connect(tmp_path / "d.db")) as fresh:
        assert fresh.execute("select outcome from decisions where current = 1").fetchall() == [("automatic_expungement",)]
