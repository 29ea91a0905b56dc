"""California: county presets side by side, and motion lists that cite the HS 11361.8 remedy."""

import csv
import datetime as dt
from collections import Counter

import pytest
from typer.testing import CliRunner

from eligibility.evaluate import evaluate_database
from eligibility.registry import get_rule_set
from models.database import open_database
from models.records import CaseRecord, Charge, Defendant
from models.store import load_case, save_case, save_decision
from review_cli.app import app
from review_cli.reports.what_if import compare_policies

AS_OF = dt.date(2026, 1, 15)
THRESHOLD = 0.9
RULE_SET = "california-prop64"
PRESET = "los_angeles_2019"
runner = CliRunner()


def _count(statute, level="felony", **values):
    values.setdefault("offense_date", dt.date(1995, 3, 1))
    values.setdefault("disposition_date", dt.date(1995, 6, 1))
    return Charge(count=1, statute=statute, level=level, disposition="CONVICTED", **values)


CHARGES = [
    _count("HS 11357(a)", amount_grams=5.0),
    _count("HS 11359", amount_grams=200.0),
    _count("HS 11357(b)", level="misdemeanor", amount_grams=10.0),
    _count("HS 11360(a)", conduct=("sale",), sentence_end_date=dt.date(1997, 1, 1)),
    _count("HS 11358", plant_count=20, sentence_end_date=dt.date(1997, 1, 1)),
    _count("PC 487"),
]


def _records():
    return [
        CaseRecord(
            case_id=f"ca-{n}",
            jurisdiction="CA-LOS_ANGELES",
            case_number=f"BA{100 + n}",
            defendant=Defendant(name=f"PERSON{n}, PAT", date_of_birth=dt.date(1960 + n, 2, 2)),
            charges=(charge,),
            court="Dept. 100" if n % 2 else None,
        )
        for n, charge in enumerate(CHARGES)
    ]


@pytest.fixture
def california_db(tmp_path):
    db = open_database(tmp_path / "california.db")
    for record in _records():
        save_case(db, record, origin="imported")
    evaluate_database(db, as_of=AS_OF, rule_set=RULE_SET, confidence_threshold=THRESHOLD)
    db.close()
    return tmp_path / "california.db"


def test_a_county_preset_adds_its_overlay_and_keeps_the_statutory_outcomes(california_db):
    db = open_database(california_db)
    comparison = compare_policies(db, rule_set=RULE_SET, policies=["statutory", PRESET], as_of=AS_OF, confidence_threshold=THRESHOLD)
    assert comparison.statutory_differences == 0
    statutory, preset = (r.counts for r in comparison.results)
    direct = [get_rule_set(RULE_SET).decide([r], as_of=AS_OF, policy=PRESET, confidence_threshold=THRESHOLD)[0] for r in _records()]
    overlays = Counter(code for d in direct for code in {c.details["county_overlay"] for c in d.charges} if code)
    assert {k[len("county overlay: "):]: v for k, v in preset.items() if k.startswith("county overlay: ")} == dict(overlays)
    assert overlays["CA_COUNTY_DISMISS"] >= 2 and overlays["CA_HAND_REVIEW"] >= 1
    assert not any(k.startswith("county overlay") for k in statutory)
    relief = sum(1 for d in direct if d.relief_paths)
    acting = sum(1 for d in direct if d.relief_paths and any(c.details["county_overlay"] == "CA_COUNTY_DISMISS" for c in d.charges))
    assert (preset["relief, policy acts"], preset["relief, policy would skip"]) == (acting, relief - acting)
    assert {k: v for k, v in statutory.items() if k.startswith("outcome")} == {
        k: v for k, v in preset.items() if k.startswith("outcome")
    }


def test_california_motion_lists_cite_the_remedy_per_court(california_db, tmp_path):
    out = tmp_path / "filings"
    result = runner.invoke(app, ["motions", "--db", str(california_db), "--out", str(out), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    rows = [row for path in out.glob("motions-*.csv") for row in csv.DictReader(path.open())]
    db = open_database(california_db)
    expected = {
        (case_id, outcome)
        for case_id, outcome in db.execute("select case_id, outcome from decisions where current = 1 and needs_review = 0")
        if outcome.startswith(("CA_DISMISS", "CA_REDESIGNATE", "CA_RECALL"))
    }
    assert {(r["case_id"], r["relief_path"]) for r in rows} == expected
    assert {r["citation"] for r in rows} == {"HS 11361.8(e)-(f)"}
    assert {r["court"] for r in rows} == {"Dept. 100", "Superior Court, Los Angeles County"}
    assert {r["rule_set"] for r in rows} == {RULE_SET}


def test_a_database_decided_under_two_rule_sets_asks_which_one(california_db):
    db = open_database(california_db)
    record = load_case(db, "ca-0")
    save_decision(db, "ca-0", get_rule_set("illinois-crta").decide([record], as_of=AS_OF, policy="statutory", confidence_threshold=THRESHOLD)[0])
    db.close()
    result = runner.invoke(app, ["report", "--db", str(california_db)])
    assert result.exit_code == 2
    assert "--rule-set" in result.output
    chosen = runner.invoke(app, ["report", "--db", str(california_db), "--rule-set", RULE_SET, "--as-of", AS_OF.isoformat()])
    assert chosen.exit_code == 0, chosen.output
    assert "CA_DISMISS_AND_SEAL" in chosen.stdout
