import datetime as dt

from models.records import CaseRecord, Charge

EXAMPLE = {
    "case_id": "c-000123",
    "jurisdiction": "IL-COOK",
    "case_number": "93C660123",
    "case_number_text": "93 C 660123",
    "defendant": {"name": "PUBLIC, JOHN Q", "date_of_birth": "1961-04-03"},
    "arrest_date": "1993-07-14",
    "charges": [
        {
            "count": 1,
            "statute": "720 ILCS 550/4(c)",
            "statute_text": "ILL REV STAT CH 56 1/2 PAR 704(c)",
            "description": "POSS CANNABIS 10-30 GR",
            "offense_class": "A",
            "amount_grams": 12.4,
            "amount_text": "12.4 GRMS",
            "weight_basis": None,
            "plant_count": None,
            "offense_date": "1993-07-14",
            "disposition": "CONVICTED",
            "disposition_text": "FG",
            "sentence_kind": "FINE",
            "sentence_text": "FINE $100 + COSTS",
            "disposition_date": "1993-09-02",
            "enhancements": [],
        }
    ],
    "source": {
        "documents": [
            {
                "file": "box17/scan_0001.pdf",
                "sha256": "ab" * 32,
                "pages": [{"page": 1, "skew_degrees": -3.2, "rotation": 0, "mean_confidence": 0.91}],
            }
        ]
    },
    "fields": {
        "charges.0.amount_grams": {
            "confidence": 0.97,
            "status": "auto",
            "page": 1,
            "bbox": [412, 880, 530, 910],
            "text": "12.4 GRMS",
            "extractor": "amount_regex.v1",
        }
    },
}


def test_records_md_example_round_trips_exactly():
    record = CaseRecord.from_dict(EXAMPLE)
    assert record.charges[0].disposition_date == dt.date(1993, 9, 2)
    assert record.to_dict() == EXAMPLE


def test_unknown_charge_field_is_rejected_by_name():
    try:
        Charge.from_dict({"count": 1, "statue": "720 ILCS 550/4(c)"})
    except ValueError as error:
        assert "statue" in str(error)
    else:
        raise AssertionError("a misspelt field must not be dropped silently")


def test_a_defendant_address_round_trips_and_is_written_only_when_set():
    with_address = dict(EXAMPLE, defendant={**EXAMPLE["defendant"], "address": "1 MAIN ST\nCHICAGO IL 60601"})
    record = CaseRecord.from_dict(with_address)
    assert record.defendant.address == "1 MAIN ST\nCHICAGO IL 60601"
    assert record.to_dict()["defendant"]["address"] == "1 MAIN ST\nCHICAGO IL 60601"
    assert "address" not in CaseRecord.from_dict(EXAMPLE).to_dict()["defendant"]


def test_a_court_round_trips_and_is_written_only_when_set():
    record = CaseRecord.from_dict(dict(EXAMPLE, court="Branch 46"))
    assert record.court == "Branch 46"
    assert record.to_dict()["court"] == "Branch 46"
    assert "court" not in CaseRecord.from_dict(EXAMPLE).to_dict()
