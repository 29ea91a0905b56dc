"""The clerk's one command: scan leaves decided cases in the database, and catches up after a crash."""

import pytest
from typer.testing import CliRunner

from fixtures.generator import generate_docket
from models.database import open_database
from models.store import current_decision, load_case
from review_cli.app import app

AS_OF = "2026-01-15"


@pytest.fixture(scope="module")
def docket(tmp_path_factory):
    folder = tmp_path_factory.mktemp("box")
    generated = generate_docket(11, damage="clean", layout="half_sheet")
    path = generated.save(folder, stem="docket", format="png")
    return path, generated.truth


def _scan(db_path, path, *extra):
    return CliRunner().invoke(app, ["scan", str(path), "--db", str(db_path), "--workers", "1", "--as-of", AS_OF, *extra])


@pytest.mark.slow
def test_scan_reads_extracts_and_decides(tmp_path, docket):
    path, truth = docket
    result = _scan(tmp_path / "d.db", path)
    assert result.exit_code == 0, result.output
    db = open_database(tmp_path / "d.db")
    case_ids = [row["case_id"] for row in db.query("select case_id from cases")]
    assert case_ids, "a docket page must yield at least one case"
    printed = {case["case_number"] for case in truth["cases"]}
    assert {load_case(db, case_id).case_number for case_id in case_ids} & printed
    for case_id in case_ids:
        decision = current_decision(db, case_id)
        assert decision is not None and decision["as_of"] == AS_OF
    assert "Cases by outcome" in result.output


@pytest.mark.slow
def test_a_scan_that_stopped_before_extraction_is_caught_up_by_the_next(tmp_path, docket):
    path, _ = docket
    db_path = tmp_path / "d.db"
    assert _scan(db_path, path, "--no-extract").exit_code == 0
    assert open_database(db_path)["cases"].count == 0
    again = _scan(db_path, path)
    assert again.exit_code == 0, again.output
    db = open_database(db_path)
    assert db["cases"].count > 0
    assert db["decisions"].count == db["cases"].count
    # The page was read once; only extraction and evaluation ran the second time.
    assert db["pages"].count == 1
