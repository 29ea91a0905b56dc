"""`cleardocket import`, `export` and `extract` from the command line: exit codes, files, help."""

import json
import stat

import pytest
from typer.testing import CliRunner

from fixtures.generator import generate_docket
from models.database import open_database
from models.store import save_case
from review_cli.app import app
from review_cli.exit_codes import ExitCode
from tests.extract.test_exchange import DIGITAL
from tests.extract.test_run import store_digitized

runner = CliRunner()


@pytest.fixture
def clerk_file(tmp_path):
    path = tmp_path / "clerk.jsonl"
    record = {"case_number_text": "93 C 660123", "defendant": {"name": "DOE, JANE"},
              "charges": [{"count": 1, "statute_text": "720-550/4(C)", "description": "POSS CANN", "disposition_text": "NP"}]}
    path.write_text(json.dumps(record) + "\n")
    return path


def test_import_creates_the_database_and_normalizes_printed_forms(tmp_path, clerk_file):
    db_path = tmp_path / "new.db"
    result = runner.invoke(app, ["import", str(clerk_file), "--db", str(db_path)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "Imported 1 cases" in result.output
    row = next(open_database(db_path).query("select record, origin from cases"))
    assert row["origin"] == "imported"
    assert json.loads(row["record"])["charges"][0]["statute"] == "720 ILCS 550/4(c)"
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_a_bad_row_exits_4_naming_line_and_field_and_writes_nothing(tmp_path, clerk_file):
    clerk_file.write_text(clerk_file.read_text() + '{"case_number": "B", "arrest_date": "July 4"}\n')
    db_path = tmp_path / "d.db"
    result = runner.invoke(app, ["import", str(clerk_file), "--db", str(db_path)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "line 2: arrest_date" in result.output
    assert open_database(db_path).execute("select count(*) from cases").fetchone()[0] == 0


def test_a_missing_import_file_exits_3(tmp_path):
    result = runner.invoke(app, ["import", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == ExitCode.INPUT_NOT_FOUND


def test_export_writes_a_private_file_and_its_sidecar(tmp_path):
    db_path = tmp_path / "d.db"
    save_case(open_database(db_path), DIGITAL, origin="imported")
    out = tmp_path / "cases.csv"
    result = runner.invoke(app, ["export", "--db", str(db_path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert out.read_text().splitlines()[0].startswith("case_id,jurisdiction,case_number")
    assert len(out.read_text().splitlines()) == 1 + len(DIGITAL.charges)
    assert json.loads((tmp_path / "cases.csv.meta.json").read_text())["format"] == "csv"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_to_stdout_is_jsonl_by_default(tmp_path):
    db_path = tmp_path / "d.db"
    save_case(open_database(db_path), DIGITAL, origin="imported")
    result = runner.invoke(app, ["export", "--db", str(db_path)])
    assert json.loads(result.stdout.splitlines()[0])["case_number"] == DIGITAL.case_number


@pytest.mark.parametrize("command", [["export"], ["extract"]])
def test_a_missing_database_exits_3(tmp_path, command):
    result = runner.invoke(app, [*command, "--db", str(tmp_path / "none.db")])
    assert result.exit_code == ExitCode.INPUT_NOT_FOUND


def test_a_bad_format_is_a_usage_error(tmp_path):
    db_path = tmp_path / "d.db"
    open_database(db_path).close()
    result = runner.invoke(app, ["export", "--db", str(db_path), "--format", "xml"])
    assert result.exit_code == ExitCode.USAGE


def test_extract_reports_counts_only(tmp_path):
    db_path = tmp_path / "d.db"
    db = open_database(db_path)
    docket = generate_docket(21, layout="half_sheet")
    store_digitized(db, docket)
    db.close()
    result = runner.invoke(app, ["extract", "--db", str(db_path)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "Extracted 1 documents: 1 cases" in result.output
    assert docket.truth["cases"][0]["defendant"]["name"] not in result.output


@pytest.mark.parametrize("command", ["import", "export", "extract"])
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: cleardocket {command}" in result.output
