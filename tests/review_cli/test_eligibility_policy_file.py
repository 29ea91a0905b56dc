"""`cleardocket evaluate --policy-file`: a California county's own configurable policy, validated
against the spec's ranges, decides the California cases of a real database file."""

import datetime as dt

from typer.testing import CliRunner

from models.database import open_database
from models.records import CaseRecord, Charge, Defendant
from models.store import current_decision, save_case
from review_cli.app import app
from review_cli.exit_codes import ExitCode

runner = CliRunner()
POLICY = """\
id: alameda_2026
version: "3"
county: ALAMEDA
baseline: {dismiss: ["11357"], reduce: ["11359"]}
age_threshold: 50
"""


def _database(path):
    db = open_database(path)
    # 56 on 2026-01-15: the policy's age threshold of 50 dismisses the felony sale it would reduce.
    older = Defendant(name="DOE, JANE", date_of_birth=dt.date(1970, 1, 1))
    younger = Defendant(name="ROE, RICHARD", date_of_birth=dt.date(1990, 1, 1))
    for case_id, defendant in (("ca-1", older), ("ca-2", younger)):
        sale = Charge(count=1, statute="HS 11359", level="felony", conduct=("sale",), disposition="CONVICTED",
                      offense_date=dt.date(2010, 3, 1), disposition_date=dt.date(2010, 6, 1),
                      sentence_end_date=dt.date(2011, 1, 1))
        save_case(db, CaseRecord(case_id=case_id, jurisdiction="CA-ALAMEDA", case_number=case_id.upper(),
                                 defendant=defendant, charges=(sale,)), origin="imported")
    save_case(db, CaseRecord(case_id="il-1", case_number="87C123456", defendant=older, arrest_date=dt.date(1987, 5, 1),
                             charges=(Charge(count=1, statute="720 ILCS 550/4(b)", disposition="NOLLE",
                                             offense_date=dt.date(1987, 5, 1)),)), origin="imported")
    db.close()


def _evaluate(tmp_path, policy_text, *extra):
    db_path = tmp_path / "d.db"
    _database(db_path)
    policy = tmp_path / "alameda.yaml"
    policy.write_text(policy_text)
    result = runner.invoke(app, ["evaluate", "--db", str(db_path), "--as-of", "2026-01-15", "--workers", "0",
                                 "--policy-file", str(policy), *extra])
    return result, db_path


def test_a_county_policy_file_decides_the_california_cases(tmp_path):
    result, db_path = _evaluate(tmp_path, POLICY)
    assert result.exit_code == 0, result.output
    assert "1 cases skipped" in result.stdout
    db = open_database(db_path)
    older = current_decision(db, "ca-1", rule_set="california-prop64")
    younger = current_decision(db, "ca-2", rule_set="california-prop64")
    assert older["policy"] == "alameda_2026"
    assert older["county_profile"] == {"id": "alameda_2026", "version": "3"}
    assert (older["county_overlay"], older["county_reason"]) == ("CA_COUNTY_DISMISS", "50 years or older")
    assert (younger["county_overlay"], younger["county_reason"]) == (
        "CA_REDESIGNATE_REDUCE",
        "Reduce all HS 11359 convictions",
    )
    assert current_decision(db, "il-1", rule_set="illinois-crta") is None
    db.close()


def test_a_policy_outside_the_spec_ranges_is_refused_with_every_problem(tmp_path):
    broken = POLICY.replace("age_threshold: 50", "age_threshold: 30\nyears_crime_free: 20")
    result, db_path = _evaluate(tmp_path, broken)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "between 40 and 65" in result.output and "between 1 and 15" in result.output
    db = open_database(db_path)
    assert current_decision(db, "ca-1", rule_set="california-prop64") is None
    db.close()


def test_the_policy_file_cannot_take_a_presets_name_or_another_rule_set(tmp_path):
    result, _ = _evaluate(tmp_path, POLICY.replace("alameda_2026", "los_angeles_2019"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "already taken" in result.output
    result, _ = _evaluate(tmp_path, POLICY, "--rule-set", "illinois-crta")
    assert result.exit_code == ExitCode.USAGE
    result, _ = _evaluate(tmp_path, POLICY, "--policy", "statutory")
    assert result.exit_code == ExitCode.USAGE


def test_a_missing_policy_file_is_named(tmp_path):
    db_path = tmp_path / "d.db"
    _database(db_path)
    result = runner.invoke(app, ["evaluate", "--db", str(db_path), "--policy-file", str(tmp_path / "none.yaml")])
    assert result.exit_code == ExitCode.INPUT_NOT_FOUND
