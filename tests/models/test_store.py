import datetime as dt

from models.corrections import Correction
from models.database import open_database
from models.records import CaseRecord, Charge, FieldInfo
from models.store import iter_cases, load_case, record_correction, save_case

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
