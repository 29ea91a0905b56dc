"""`cleardocket rules` and `cleardocket evaluate` on a real database file."""

import datetime as dt
import json

from typer.testing import CliRunner

from eligibility.illinois.rules import RULES
from models.database import open_database
from models.records import CaseRecord, Charge, Defendant
from models.store import save_case
from review_cli.app import app
from review_cli.exit_codes import ExitCode

runner = CliRunner()


def _database(path):
    db = open_database(path)
    defendant = Defendant(name="DOE, JANE", date_of_birth=dt.date(1960, 1, 1))
    save_case(
        db,
        CaseRecord(
            case_id="c-1",
            case_number="87C123456",
            defendant=defendant,
            arrest_date=dt.date(1987, 5, 1),
            charges=(Charge(count=1, statute="720 ILCS 550/4(b)", disposition="NOLLE", offense_date=dt.date(1987, 5, 1)),),
        ),
        origin="imported",
    )
    save_case(
        db,
        CaseRecord(
            case_id="c-2",
            case_number="93C660123",
            defendant=defendant,
            arrest_date=dt.date(1993, 7, 14),
            charges=(Charge(count=1, statute="720 ILCS 570/402(c)", description="PCS", disposition="CONVICTED",
                            sentence_kind="FINE", offense_date=dt.date(1993, 7, 14)),),
        ),
        origin="imported",
    )
    db.close()


def test_rules_prints_every_illinois_rule_with_its_citation():
    result = runner.invoke(app, ["rules", "--rule-set", "illinois-crta"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.RULE_ID in result.stdout
        assert rule.CITATION in result.stdout


def test_rules_refuses_an_unknown_rule_set():
    result = runner.invoke(app, ["rules", "--rule-set", "oregon"])
    assert result.exit_code == ExitCode.USAGE


def test_evaluate_decides_every_case_and_prints_counts_only(tmp_path):
    path = tmp_path / "d.db"
    _database(path)
    result = runner.invoke(app, ["evaluate", "--db", str(path), "--as-of", "2026-01-15"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "IL_AUTO_EXPUNGE_ARREST" in result.stdout and "IL_NOT_CANNABIS" in result.stdout
    assert "DOE" not in result.output and "87C123456" not in result.output
    db = open_database(path)
    rows = {r["case_id"]: r for r in db.query("select case_id, outcome, decision from decisions where current = 1")}
    assert rows["c-1"]["outcome"] == "IL_AUTO_EXPUNGE_ARREST"
    assert json.loads(rows["c-1"]["decision"])["as_of"] == "2026-01-15"


def test_evaluate_again_keeps_the_earlier_decisions(tmp_path):
    path = tmp_path / "d.db"
    _database(path)
    for policy in ("statutory", "statutory"):
        result = runner.invoke(app, ["evaluate", "--db", str(path), "--as-of", "2026-01-15", "--policy", policy])
        assert result.exit_code == 0, result.output
    db = open_database(path)
    counts = [tuple(r) for r in db.execute("select current, count(*) from decisions where case_id = 'c-1' group by current")]
    assert counts == [(0, 1), (1, 1)]


def test_evaluate_names_a_missing_database(tmp_path):
    result = runner.invoke(app, ["evaluate", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == ExitCode.INPUT_NOT_FOUND


def test_evaluate_refuses_an_unknown_policy_before_deciding(tmp_path):
    path = tmp_path / "d.db"
    _database(path)
    result = runner.invoke(app, ["evaluate", "--db", str(path), "--policy", "lenient"])
    assert result.exit_code == ExitCode.USAGE
    db = open_database(path)
    assert db.execute("select count(*) from decisions").fetchone()[0] == 0


def test_both_commands_have_help_with_an_example():
    for command in ("rules", "evaluate"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert "Example: cleardocket " + command in result.stdout
