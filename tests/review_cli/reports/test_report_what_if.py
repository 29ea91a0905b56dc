"""What if: the backlog under several policies, decided in memory by the real engine."""

import csv
import json
import os
from collections import Counter

from reports_db import AS_OF, RULE_SET, THRESHOLD
from typer.testing import CliRunner

from eligibility.registry import get_rule_set
from models.database import open_database
from models.store import load_case
from review_cli.app import app
from review_cli.reports.what_if import compare_policies

POLICIES = ["statutory", "ccsao_style", "will_style"]
runner = CliRunner()


def _saved(db, policy):
    return {
        row[0]: json.loads(row[1])
        for row in db.execute(
            "select case_id, decision from decisions where current = 1 and rule_set = ? and policy = ?", [RULE_SET, policy]
        )
    }


def _undecided(db):
    ids = [row[0] for row in db.execute(
        "select case_id from cases where case_id not in (select case_id from decisions where current = 1)"
    )]
    return [load_case(db, case_id) for case_id in ids]


def test_policies_change_flags_never_the_statutory_result_and_nothing_is_saved(reports_db_path):
    db = open_database(reports_db_path)
    before = db.execute("select count(*), max(id) from decisions").fetchone()
    comparison = compare_policies(db, rule_set=RULE_SET, policies=POLICIES, as_of=AS_OF, confidence_threshold=THRESHOLD)
    assert db.execute("select count(*), max(id) from decisions").fetchone() == before
    assert comparison.statutory_differences == 0
    assert comparison.cases == db.execute("select count(*) from cases").fetchone()[0]
    results = {r.policy: r.counts for r in comparison.results}
    # The saved decisions were made by the same engine on the same day; the undecided cases are
    # decided here one by one (each is its person's only case).
    engine = get_rule_set(RULE_SET)
    fresh = [engine.decide([case], as_of=AS_OF, policy="statutory", confidence_threshold=THRESHOLD)[0] for case in _undecided(db)]
    assert fresh
    expected = Counter(d["outcome"] for d in _saved(db, "statutory").values()) + Counter(d.outcome for d in fresh)
    for policy in POLICIES:
        assert {k[len("outcome: "):]: v for k, v in results[policy].items() if k.startswith("outcome: ")} == dict(expected)
    ccsao = _saved(db, "ccsao_style")
    flagged = Counter(flag for d in ccsao.values() for flag in d["policy_flags"])
    assert flagged, "the test data should give the CCSAO overlay something to flag"
    assert {k[len("flag: "):]: v for k, v in results["ccsao_style"].items() if k.startswith("flag: ")} == dict(flagged)
    with_relief = sum(1 for d in ccsao.values() if d["relief_paths"]) + sum(1 for d in fresh if d.relief_paths)
    skipped = sum(1 for d in ccsao.values() if d["relief_paths"] and d["policy_flags"])
    assert results["ccsao_style"]["relief, policy would skip"] == skipped
    assert results["ccsao_style"]["relief, policy acts"] == with_relief - skipped
    assert results["statutory"]["relief, policy acts"] == with_relief
    assert "relief, policy would skip" not in results["statutory"]


def test_what_if_command_prints_the_side_by_side_table_and_an_owner_only_csv(reports_db_path, tmp_path):
    out = tmp_path / "what-if.csv"
    args = ["what-if", "--db", str(reports_db_path), "--as-of", AS_OF.isoformat(), "--csv", str(out)]
    for policy in POLICIES[:2]:
        args += ["--policy", policy]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "ccsao_not_standalone" in result.stdout
    assert os.stat(out).st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(out.open()))
    outcomes = {r["row"]: r for r in rows if r["row"].startswith("outcome: ")}
    assert outcomes["outcome: IL_PARDON_PATH"]["statutory"] == outcomes["outcome: IL_PARDON_PATH"]["ccsao_style"]
    assert {(r["rule_set"], r["as_of"], r["policy"]) for r in rows} == {(RULE_SET, AS_OF.isoformat(), "statutory, ccsao_style")}
    assert all(r["cleardocket_version"] == "0.1.0" and r["rule_set_version"] == "1.0.0" for r in rows)


def test_what_if_refuses_a_policy_the_rule_set_does_not_have(reports_db_path):
    result = runner.invoke(app, ["what-if", "--db", str(reports_db_path), "--policy", "statutory", "--policy", "lenient"])
    assert result.exit_code == 2
    assert "lenient" in result.output
