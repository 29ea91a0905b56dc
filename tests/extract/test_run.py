"""Extraction over a database: cases stored with provenance, re-runs that keep reviewed values."""

import datetime as dt
import json

import pytest

from extract.document import ORIENTATION_GUESSED, case_id_for
from extract.run import extract_documents
from models.corrections import Correction
from models.database import open_database
from models.pages import ORIENTATION_UNSURE
from models.store import load_case, record_correction
from tests.extract.conftest import docket_sha, printed_pages

REVIEWER_TIME = dt.datetime(2026, 11, 21, 9, 0)


def store_digitized(db, docket, *, path="box1/docket.pdf", steps=()):
    """Write a docket's pages and words the way digitize does, and return its hash."""
    sha = docket_sha(docket)
    db["documents"].insert({"sha256": sha, "path": path, "pages": len(docket.pages), "status": "done"}, pk="sha256", replace=True)
    for page in printed_pages(docket):
        page_id = db["pages"].insert(
            {
                "document_sha256": sha,
                "page_number": page.page_number,
                "status": "done",
                "rotation": 0,
                "skew_degrees": 0.0,
                "width": page.text.width,
                "height": page.text.height,
                "mean_confidence": page.mean_confidence,
                "word_count": len(page.text.words),
                "steps": json.dumps(list(steps)),
            }
        ).last_pk
        db["words"].insert_all(
            {"page_id": page_id, "seq": i, "text": w.text, "left": w.left, "top": w.top, "width": w.width, "height": w.height,
             "confidence": w.confidence, "block": 0, "paragraph": 0, "line": 0, "word": i}
            for i, w in enumerate(page.text.words)
        )
    return sha


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "dockets.db")
    yield database
    database.close()


def test_every_case_of_every_document_is_stored_with_its_page(db, docket_of):
    rap, two_pages = docket_of(22, "rap_sheet"), docket_of(22, "multi_page")
    store_digitized(db, rap, path="box1/rap.pdf")
    store_digitized(db, two_pages, path="box1/two.pdf")
    progress = []
    summary = extract_documents(db, on_progress=lambda done, total: progress.append((done, total)))
    assert summary.documents == 2
    assert summary.cases == len(rap.truth["cases"]) + 1
    assert progress[-1] == (2, 2)
    record = load_case(db, case_id_for(docket_sha(two_pages), 0))
    assert record.case_number == two_pages.truth["cases"][0]["case_number"]
    assert record.fields["charges.0.disposition"].page == 2
    linked = db.execute("select count(*) from fields where case_id = ? and page_id is not null", [record.case_id]).fetchone()[0]
    assert linked == len(record.fields)
    run = next(db.query("select * from runs where kind = 'extract'"))
    assert "court.citation.v1" in run["tool_versions"]
    # Criminal records: a run's log holds counts, never a name or a case number.
    logged = run["options"] + run["stats"] + run["tool_versions"]
    assert record.defendant.name.split(",")[0] not in logged and record.case_number not in logged


def test_a_rerun_never_overwrites_a_reviewed_value(db, docket_of):
    docket = docket_of(21, "half_sheet")
    sha = store_digitized(db, docket)
    extract_documents(db)
    case_id = case_id_for(sha, 0)
    machine = load_case(db, case_id).charges[0].amount_grams
    record_correction(
        db,
        Correction(case_id=case_id, field_path="charges.0.amount_grams", action="edit", old_value=machine,
                   new_value=17.5, reviewer="ana", at=REVIEWER_TIME),
    )
    # A new extractor version reads the same document again.
    summary = extract_documents(db, [sha])
    record = load_case(db, case_id)
    assert summary.cases == 1
    assert record.charges[0].amount_grams == 17.5
    assert record.fields["charges.0.amount_grams"].status == "reviewed"
    assert record.fields["charges.0.statute"].status in ("auto", "needs_review")


def test_case_ids_stay_the_same_across_runs(db, docket_of):
    sha = store_digitized(db, docket_of(23, "rap_sheet"))
    first = extract_documents(db).case_ids
    second = extract_documents(db, [sha]).case_ids
    assert first == second
    assert db.execute("select count(*) from cases").fetchone()[0] == len(first)


def test_a_case_the_new_run_no_longer_finds_is_removed_unless_a_person_touched_it(db, docket_of):
    sha = store_digitized(db, docket_of(23, "rap_sheet"))
    ids = extract_documents(db).case_ids
    ghost, kept = "c-ghost-untouched", "c-ghost-reviewed"
    for case_id in (ghost, kept):
        db.execute("insert into cases (case_id, origin, record) values (?, 'digitized', '{}')", [case_id])
        db.execute("insert into case_documents (case_id, document_sha256) values (?, ?)", [case_id, sha])
    db.conn.commit()
    record_correction(db, Correction(case_id=kept, field_path="case_number", action="edit", old_value=None, new_value="X", reviewer="ana", at=REVIEWER_TIME))
    summary = extract_documents(db, [sha])
    remaining = {row["case_id"] for row in db.query("select case_id from cases")}
    assert summary.removed_cases == 1
    assert remaining == set(ids) | {kept}


def test_values_below_the_review_threshold_are_marked_for_review(db, docket_of):
    from extract.document import ExtractOptions

    store_digitized(db, docket_of(21, "printout"))
    strict = extract_documents(db, options=ExtractOptions(review_threshold=1.0))
    assert strict.needs_review == strict.fields
    lenient = extract_documents(db, options=ExtractOptions(review_threshold=0.0))
    statuses = {row["status"] for row in db.query("select status from fields")}
    assert lenient.needs_review < lenient.fields
    assert "auto" in statuses


def test_every_value_from_a_page_whose_orientation_is_a_guess_goes_to_review(db, docket_of):
    # Digitize marks a page it read too poorly either way up to tell which is up.
    store_digitized(db, docket_of(21, "half_sheet"), steps=("deskew +0.40°", ORIENTATION_UNSURE))
    summary = extract_documents(db)
    assert summary.fields > 0
    assert summary.needs_review == summary.fields
    assert {row["status"] for row in db.query("select status from fields")} == {"needs_review"}
    # Each value says why, in the database and in the record loaded from it.
    assert all(ORIENTATION_GUESSED in json.loads(row["doubts"]) for row in db.query("select doubts from fields"))
    case_id = next(iter(db.query("select case_id from cases")))["case_id"]
    assert all(ORIENTATION_GUESSED in info.doubts for info in load_case(db, case_id).fields.values())


def test_a_page_digitize_was_sure_of_keeps_its_confident_values(db, docket_of):
    store_digitized(db, docket_of(21, "half_sheet"), steps=("deskew +0.40°",))
    summary = extract_documents(db)
    assert summary.needs_review < summary.fields
    assert not any(ORIENTATION_GUESSED in (row["doubts"] or "") for row in db.query("select doubts from fields"))
