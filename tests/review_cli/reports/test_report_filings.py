"""Motion lists and notice letters: who goes in, who is withheld and why, and what the PDFs say."""

import csv
import datetime as dt
import json
import os
import shutil
import subprocess

import pytest
from reports_db import AS_OF, RULE_SET
from typer.testing import CliRunner

from models.database import open_database
from models.store import load_case
from review_cli.app import app

VACATE = "IL_VACATE_MOTION"
runner = CliRunner()
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def _when(stamp: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def ready_and_waiting(db, paths):
    """Cases that may go on a list (needing no review, not corrected since, nothing printed waiting)
    and the cases that would be there but for review, computed from the tables."""
    waiting_fields = {row[0] for row in db.execute("select case_id from fields where status = 'needs_review'")}
    ready, held = {}, set()
    for case_id, decision, decided_at in db.execute(
        "select case_id, decision, decided_at from decisions where current = 1 and rule_set = ? and policy = 'statutory'",
        [RULE_SET],
    ):
        decision = json.loads(decision)
        if not set(decision["relief_paths"]) & set(paths) and decision["outcome"] != "IL_MANUAL_REVIEW":
            continue
        corrected = [_when(row[0]) for row in db.execute("select at from corrections where case_id = ?", [case_id])]
        if decision["needs_review"] or case_id in waiting_fields or any(at > _when(decided_at) for at in corrected):
            held.add(case_id)
        else:
            ready[case_id] = decision
    held |= {row[0] for row in db.execute("select case_id from cases where case_id not in (select case_id from decisions)")}
    return ready, held


def test_motion_lists_hold_exactly_the_ready_counts_per_court_and_withhold_the_rest(reports_db_path, tmp_path):
    out = tmp_path / "filings"
    result = runner.invoke(app, ["motions", "--db", str(reports_db_path), "--out", str(out), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    db = open_database(reports_db_path)
    ready, held = ready_and_waiting(db, [VACATE])
    expected = set()
    for case_id, decision in ready.items():
        record = load_case(db, case_id)
        court = record.court or (
            "Criminal Division (from case number)" if "CR" in record.case_number
            else "Municipal Department, District 1 (Chicago) (from case number)"
        )
        for charge in decision["charges"]:
            if VACATE in charge["relief_paths"]:
                expected.add((court, record.case_number, record.defendant.name, str(charge["count"])))
    listed = set()
    for path in out.glob("motions-*.csv"):
        rows = list(csv.DictReader(path.open()))
        assert {(r["rule_set"], r["policy"], r["as_of"], r["cleardocket_version"]) for r in rows} == {
            (RULE_SET, "statutory", AS_OF.isoformat(), "0.1.0")
        }
        assert {r["citation"] for r in rows} == {"20 ILCS 2630/5.2(i)(3)"}
        listed |= {(r["court"], r["case_number"], r["name"], r["count"]) for r in rows}
        text = pdf_text(path.with_suffix(".pdf"))
        for row in rows:
            assert row["case_number"] in text and row["name"] in text and row["statute"] in text
        assert "20 ILCS 2630/5.2(i)(3)" in text
        assert f"as of {AS_OF.isoformat()}" in text and "illinois-crta" in text and "cleardocket 0.1.0" in text
    assert listed == expected
    assert len({court for court, *_ in listed}) == 3
    withheld = {r["case_id"]: r["reason"] for r in csv.DictReader((out / "withheld.csv").open())}
    assert set(withheld) == held
    reasons = " | ".join(withheld.values())
    for reason in ("decision needs review: R_", "values awaiting review: charges.0.statute", "corrected after it was decided",
                   "not decided under illinois-crta / statutory"):
        assert reason in reasons
    held_numbers = {load_case(db, case_id).case_number for case_id in held}
    all_text = " ".join(pdf_text(p) for p in out.glob("*.pdf"))
    assert not any(number in all_text for number in held_numbers)
    assert os.stat(out).st_mode & 0o777 == 0o700
    assert {os.stat(p).st_mode & 0o777 for p in out.iterdir()} == {0o600}


def test_one_letter_per_person_with_a_ready_case_at_the_last_known_address(reports_db_path, tmp_path):
    out = tmp_path / "letters"
    result = runner.invoke(
        app,
        ["notices", "--db", str(reports_db_path), "--out", str(out), "--sender", "Test Legal Aid", "--as-of", AS_OF.isoformat()],
    )
    assert result.exit_code == 0, result.output
    db = open_database(reports_db_path)
    ready, held = ready_and_waiting(db, ["IL_PARDON_PATH", VACATE, "IL_AUTO_EXPUNGE_ARREST"])
    people = {}
    for case_id in ready:
        record = load_case(db, case_id)
        people.setdefault(record.defendant.name, []).append(record)
    index = {r["name"]: r for r in csv.DictReader((out / "notices.csv").open())}
    assert set(index) == set(people)
    assert any(len(cases) > 1 for cases in people.values()), "the test data has a person with two ready cases"
    for name, cases in people.items():
        row = index[name]
        assert set(row["case_numbers"].split(";")) == {c.case_number for c in cases}
        address = next((c.defendant.address for c in cases if c.defendant.address), None)
        if address is None:
            assert (row["status"], row["reason"], row["file"]) == ("withheld", "no address", "")
            continue
        assert row["status"] == "written"
        text = pdf_text(out / row["file"])
        last, first = name.split(", ")
        assert f"{first} {last}" in text
        for line in address.splitlines():
            assert line in text
        for case in cases:
            assert case.case_number in text
        assert "Test Legal Aid" in text and "January 15, 2026" in text and "illinois-crta" in text
    letters = [p.name for p in out.glob("notice-*.pdf")]
    assert sorted(letters) == sorted(r["file"] for r in index.values() if r["status"] == "written")
    assert set(r["case_id"] for r in csv.DictReader((out / "withheld.csv").open())) == held
    assert {os.stat(p).st_mode & 0o777 for p in out.iterdir()} == {0o600}
    assert "TESTER" not in result.output
