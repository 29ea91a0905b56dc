"""`cleardocket review --plain` and `cleardocket review-stats` through typer's CliRunner."""

import json
import stat
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent / "review"))

from review_dockets import build_review_db, field_value  # noqa: E402

from review_cli.app import app  # noqa: E402
from review_cli.exit_codes import ExitCode  # noqa: E402

CASES = [
    dict(case_id="c-000001", name="DOE, JANE", grams=12.4, grams_text="12.4 GRMS", grams_confidence=0.41,
         disposition="CONVICTED", disposition_text="FG FINE", statute="720 ILCS 550/4", statute_text="720-550/4"),
    dict(case_id="c-000002", name="ROE, RICHARD", grams=2.0, grams_text="2.0 GRMS", grams_confidence=0.99,
         disposition="NOLLE", disposition_text="NOLLE", disposition_confidence=0.45,
         statute="720 ILCS 550/4(a)", statute_text="720-550/4(A)"),
]
AS_OF = ["--as-of", "2026-01-15"]


@pytest.fixture
def db_path(tmp_path):
    build_review_db(tmp_path / "cli.db", CASES).close()
    return tmp_path / "cli.db"


def _review(db_path, keys: str, *extra: str):
    args = ["review", "--db", str(db_path), "--reviewer", "ana", "--plain", "--audit-rate", "0", *AS_OF, *extra]
    return CliRunner().invoke(app, args, input=keys)


def test_plain_mode_edits_with_validation_and_quits(db_path):
    result = _review(db_path, "e\n45\n45 G\nq\n")
    assert result.exit_code == 0, result.output
    assert "type a weight with its unit" in result.output
    assert "Saved edit (12.4 → 45.0)" in result.output
    from models.database import open_database

    assert field_value(open_database(db_path), "c-000001", "charges.0.amount_grams") == 45.0


def test_plain_mode_skip_then_undo_and_end_of_input(db_path):
    result = _review(db_path, "s\nneed the file\nu\n")
    assert result.exit_code == 0, result.output
    assert "Saved skip" in result.output and "Saved undo" in result.output
    from models.database import open_database

    actions = [r[0] for r in open_database(db_path).execute("select action from review_log order by correction_id")]
    assert actions == ["skip", "undo"]


def test_plain_mode_never_shows_an_item_once_nothing_is_left(db_path):
    result = _review(db_path, "a\na\na\nq\n")
    assert result.exit_code == 0, result.output
    assert "Nothing left to review" in result.output
    assert "No item on screen" in result.output


def test_missing_database_exits_with_input_not_found(tmp_path):
    result = _review(tmp_path / "absent.db", "q\n")
    assert result.exit_code == ExitCode.INPUT_NOT_FOUND


def test_bad_as_of_is_a_usage_error(db_path):
    result = CliRunner().invoke(app, ["review", "--db", str(db_path), "--reviewer", "ana", "--plain", "--as-of", "soon"])
    assert result.exit_code == ExitCode.USAGE


def test_review_stats_reports_agreement_and_exports_private_labels(db_path, tmp_path):
    assert _review(db_path, "e\n45 G\na\nq\n").exit_code == 0
    labels = tmp_path / "labels.jsonl"
    result = CliRunner().invoke(app, ["review-stats", "--db", str(db_path), "--labels", str(labels)])
    assert result.exit_code == 0, result.output
    assert "amount_grams" in result.output and "disposition" in result.output
    assert stat.S_IMODE(labels.stat().st_mode) == 0o600
    rows = [json.loads(line) for line in labels.read_text().splitlines()]
    by_field = {row["field"]: row for row in rows}
    assert by_field["amount_grams"]["machine_value"] == 12.4 and by_field["amount_grams"]["label"] == 45.0
    assert by_field["amount_grams"]["machine_was_right"] is False
    assert by_field["disposition"]["machine_was_right"] is True


@pytest.mark.parametrize("command", ["review", "review-stats"])
def test_commands_have_help_with_an_example(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("option", [["--rule-set", "atlantis"], ["--policy", "lenient"]], ids=["rule-set", "policy"])
def test_unknown_rule_set_or_policy_is_a_usage_error(db_path, option):
    result = CliRunner().invoke(app, ["review", "--db", str(db_path), "--reviewer", "ana", "--plain", *AS_OF, *option])
    assert result.exit_code == ExitCode.USAGE
