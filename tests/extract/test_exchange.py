"""Export and import of records.md: round trips, printed-form normalization, bad rows, file modes."""

import datetime as dt
import io
import json
import stat

import pytest

from extract.document import extract_document
from extract.exchange import export_records, export_to_file, import_records, meta_path_for, read_records
from models.database import open_database
from models.decisions import CaseDecision, ChargeDecision
from models.errors import InputError
from models.records import CaseRecord, Charge, Defendant
from models.store import iter_cases, save_case, save_decision
from tests.extract.conftest import docket_sha, printed_pages

AS_OF = dt.date(2026, 1, 15)
DIGITAL = CaseRecord(
    case_id="i-clerk-1",
    case_number="93C660123",
    case_number_text="93 C 660123",
    defendant=Defendant(name="PUBLIC, JOHN Q", date_of_birth=dt.date(1961, 4, 3)),
    arrest_date=dt.date(1993, 7, 14),
    court="BRANCH 46",
    charges=(
        Charge(count=1, statute="720 ILCS 550/4(c)", statute_text="720-550/4(C)", description="POSS CANNABIS", offense_class="A",
               amount_grams=12.4, amount_text="12.4 GRMS", disposition="CONVICTED", disposition_text="FG", sentence_kind="FINE",
               sentence_text="FINE $100 + COSTS", disposition_date=dt.date(1993, 9, 2), offense_date=dt.date(1993, 7, 14)),
        Charge(count=2, statute="720 ILCS 5/12-3", description="BATTERY", disposition="NOLLE", disposition_text="NP",
               disposition_date=dt.date(1993, 9, 2), enhancements=()),
    ),
)


def _decision() -> CaseDecision:
    return CaseDecision(
        rule_set="illinois-crta", rule_set_version="test-1", policy="statutory", as_of=AS_OF, outcome="IL_PARDON_PATH",
        relief_paths=("IL_PARDON_PATH", "IL_VACATE_MOTION"),
        charges=(ChargeDecision(count=1, outcome="IL_PARDON_PATH", relief_paths=("IL_PARDON_PATH", "IL_VACATE_MOTION")),),
    )


def _export(db, fmt: str) -> str:
    out = io.StringIO()
    export_records(db, out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_import_export_gives_the_same_records(tmp_path, fmt):
    first = open_database(tmp_path / "first.db")
    save_case(first, DIGITAL, origin="imported")
    save_decision(first, DIGITAL.case_id, _decision())
    exported = tmp_path / f"cases.{fmt}"
    exported.write_text(_export(first, fmt))
    second = open_database(tmp_path / "second.db")
    import_records(second, exported)
    again = _export(second, fmt)
    if fmt == "jsonl":
        # The decision is not imported (it is the engine's), so compare the records themselves.
        before = [{k: v for k, v in json.loads(line).items() if k != "eligibility"} for line in exported.read_text().splitlines()]
        after = [json.loads(line) for line in again.splitlines()]
        assert after == before
    else:
        strip = lambda text: [line.split(",")[:-10] for line in text.splitlines()]  # noqa: E731  eligibility columns
        assert strip(again) == strip(exported.read_text())
    assert list(iter_cases(second)) == list(iter_cases(first))


def test_a_digitized_record_round_trips_without_its_provenance(tmp_path, docket_of):
    docket = docket_of(22, "rap_sheet")
    first = open_database(tmp_path / "first.db")
    for record in extract_document(printed_pages(docket), document_sha256=docket_sha(docket), file="box1/rap.pdf"):
        save_case(first, record, origin="digitized")
    exported = tmp_path / "cases.jsonl"
    exported.write_text(_export(first, "jsonl"))
    second = open_database(tmp_path / "second.db")
    import_records(second, exported)
    strip = lambda d: {k: v for k, v in d.items() if k not in ("source", "fields")}  # noqa: E731
    before = [strip(json.loads(line)) for line in exported.read_text().splitlines()]
    after = [json.loads(line) for line in _export(second, "jsonl").splitlines()]
    assert after == before
    assert all(row["origin"] == "imported" for row in second.query("select origin from cases"))
    assert second.execute("select count(*) from fields").fetchone()[0] == 0


def test_export_names_what_made_it_and_is_private(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, DIGITAL, origin="imported")
    save_decision(db, DIGITAL.case_id, _decision())
    path = tmp_path / "out" / "cases.csv"
    summary = export_to_file(db, path, "csv")
    meta = json.loads(meta_path_for(path).read_text())
    assert summary.rows == 2
    assert meta["decisions"] == [{"rule_set": "illinois-crta", "rule_set_version": "test-1", "policy": "statutory", "as_of": "2026-01-15", "cases": 1}]
    assert meta["software"] == "cleardocket" and meta["version"]
    for written in (path, meta_path_for(path)):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_jsonl_export_carries_the_current_decision(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, DIGITAL, origin="imported")
    save_decision(db, DIGITAL.case_id, _decision())
    record = json.loads(_export(db, "jsonl"))
    assert record["eligibility"]["outcome"] == "IL_PARDON_PATH"
    assert record["eligibility"]["as_of"] == "2026-01-15"


def test_printed_forms_alone_are_normalized_with_the_extractor_code(tmp_path):
    line = {
        "case_number_text": "88 CR 12345-01",
        "defendant": {"name": "DOE, JANE", "date_of_birth": "1960-01-02"},
        "charges": [
            {"count": 1, "statute_text": "720-550/4(C)", "description": "POSS CANN", "amount_text": "1/2 OZ",
             "disposition_text": "PG SEC 10 PROB 18 MOS ... 03-02-88 PROB TERM SATIS", "offense_class": "Class A Misdemeanor"},
            {"count": 2, "statute_text": "CH 56 1/2 PAR 1402(C)", "description": "PCS", "disposition_text": "FG", "sentence_text": "IDOC 2 YRS"},
        ],
    }
    path = tmp_path / "clerk.jsonl"
    path.write_text(json.dumps(line) + "\n")
    records, normalized = read_records(path)
    first, second = records[0].charges
    assert records[0].case_number == "88CR1234501"
    assert (first.statute, first.disposition, first.offense_class) == ("720 ILCS 550/4(c)", "QUALIFIED_PROBATION_COMPLETED", "A")
    assert first.amount_grams == pytest.approx(14.1747615625)
    assert (second.statute, second.disposition, second.sentence_kind) == ("720 ILCS 570/402(c)", "CONVICTED", "PRISON")
    assert normalized >= 6


def test_a_given_value_wins_over_its_printed_form(tmp_path):
    path = tmp_path / "clerk.jsonl"
    path.write_text(json.dumps({"case_number": "X1", "charges": [{"count": 1, "statute": "720 ILCS 550/4(a)", "statute_text": "720-550/4(C)"}]}) + "\n")
    assert read_records(path)[0][0].charges[0].statute == "720 ILCS 550/4(a)"


BAD_LINES = [
    ('{"case_number": "A1", "arrest_date": "07/14/93", "charges": []}', "line 1: arrest_date: not an ISO date"),
    ('{"case_number": "A1", "charges": [{"count": 1, "amount_grams": "lots"}]}', "line 1: charges.0.amount_grams: not a number"),
    ('{"case_number": "A1", "charges": [{"count": 1, "disposition": "GUILTY-ISH"}]}', "line 1: charges.0.disposition: not a canonical disposition"),
    ('{"case_number": "A1", "charges": [{"count": 0}]}', "line 1: charges.0.count: must be a whole number from 1"),
    ('{"case_number": "A1", "colour": "red"}', "line 1: colour: unknown field"),
    ('{"case_number": "A1", "charges": [{"count": 1, "weight": 3}]}', "line 1: charges.0.weight: unknown field"),
    ('{"case_number": "A1", "charges": [{"count": 1}, {"count": 1}]}', "line 1: charges: count numbers repeat"),
    ("{not json", "line 1: record: not valid JSON"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=[m.split(": ")[1] for _, m in BAD_LINES])
def test_a_bad_row_is_named_by_line_and_field(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        read_records(path)


def test_nothing_is_imported_when_one_row_is_bad(tmp_path):
    good = DIGITAL.to_dict()
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(good) + "\n" + '{"case_number": "B2", "arrest_date": "1993-13-45"}' + "\n")
    db = open_database(tmp_path / "d.db")
    with pytest.raises(InputError, match="line 2: arrest_date"):
        import_records(db, path)
    assert db.execute("select count(*) from cases").fetchone()[0] == 0


def test_a_bad_csv_row_is_named_by_line_and_column(tmp_path):
    db = open_database(tmp_path / "d.db")
    save_case(db, DIGITAL, origin="imported")
    text = _export(db, "csv").replace("12.4,", "twelve,")
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(InputError, match="line 2: charges.0.amount_grams: not a number"):
        read_records(path)


def test_importing_the_same_file_twice_updates_instead_of_duplicating(tmp_path):
    path = tmp_path / "clerk.jsonl"
    path.write_text(json.dumps({"case_number": "93C1", "defendant": {"name": "DOE, JANE"}, "charges": []}) + "\n")
    db = open_database(tmp_path / "d.db")
    import_records(db, path)
    import_records(db, path)
    assert db.execute("select count(*) from cases").fetchone()[0] == 1
