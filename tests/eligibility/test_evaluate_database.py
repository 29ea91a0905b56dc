"""evaluate_database and evaluate_case on real SQLite files: persons together, corrections and
uncertain fields read from their tables, decisions versioned, the parallel path equal to the serial one."""

import datetime as dt
import json

import orjson
import pytest

from eligibility.evaluate import decision_json, evaluate_case, evaluate_database, record_from_row
from eligibility.registry import get_rule_set
from models.corrections import Correction
from models.database import open_database
from models.records import CaseRecord, Charge, Defendant, FieldInfo, SourceDocument, SourcePage
from models.store import current_decision, load_case, record_correction, save_case

AS_OF = dt.date(2026, 1, 15)
JANE = Defendant(name="DOE, JANE", date_of_birth=dt.date(1960, 1, 1))


def _case(case_id, *charges, defendant=JANE, arrest=dt.date(1987, 5, 1), jurisdiction="IL-COOK", **values):
    return CaseRecord(
        case_id=case_id,
        jurisdiction=jurisdiction,
        case_number=values.pop("case_number", "87C123456"),
        defendant=defendant,
        arrest_date=arrest,
        charges=charges or (Charge(count=1, statute="720 ILCS 550/4(b)", disposition="NOLLE", offense_date=arrest),),
        **values,
    )


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "d.db")
    yield database
    database.close()


def _current(db, case_id):
    return current_decision(db, case_id, rule_set="illinois-crta")


def test_a_violent_case_on_the_same_arrest_date_is_read_across_the_persons_cases(db):
    save_case(db, _case("c-1"), origin="imported")
    battery = Charge(count=1, statute=None, description="AGG BATTERY", offense_class="3", disposition="NOLLE",
                     offense_date=dt.date(1987, 5, 1))
    save_case(db, _case("c-2", battery, case_number="87C999999"), origin="imported")
    stranger = Defendant(name="ROE, RICHARD", date_of_birth=dt.date(1955, 2, 2))
    save_case(db, _case("c-3", defendant=stranger), origin="imported")
    summary = evaluate_database(db, as_of=AS_OF, workers=0)
    assert (summary.cases, summary.persons) == (3, 2)
    assert _current(db, "c-1")["review_reasons"] == ["R_ASSOCIATION_SCOPE"]
    assert _current(db, "c-1")["outcome"] == "IL_MANUAL_REVIEW"
    assert _current(db, "c-3")["outcome"] == "IL_AUTO_EXPUNGE_ARREST"


def test_a_reviewers_correction_is_decided_not_the_machines_reading(db):
    save_case(db, _case("c-1"), origin="digitized")
    record_correction(
        db,
        Correction(case_id="c-1", field_path="charges.0.disposition", action="edit", old_value="NOLLE",
                   new_value="CONVICTED", reviewer="ana", at=dt.datetime(2026, 1, 2, 9, 0)),
    )
    save_case(db, _case("c-1", fields={"charges.0.sentence_kind": FieldInfo(confidence=0.99)}), origin="digitized")
    evaluate_database(db, as_of=AS_OF, workers=0)
    decision = _current(db, "c-1")
    # Guilty with no sentence on a misdemeanour: conviction or completed supervision.
    assert decision["review_reasons"] == ["R_SENTENCE_MISSING"]


def test_a_low_confidence_value_that_matters_is_sent_to_review_with_its_path(db):
    uncertain = {"charges.0.disposition": FieldInfo(confidence=0.5, status="needs_review", text="NOLLE")}
    save_case(db, _case("c-1", fields=uncertain), origin="digitized")
    evaluate_database(db, as_of=AS_OF, workers=0)
    decision = _current(db, "c-1")
    assert decision["needs_review"] is True
    assert "R_LOW_CONFIDENCE_FIELD" in decision["review_reasons"]
    assert any("charges.0.disposition" in paths for paths in decision["review_fields"].values())


def test_a_low_confidence_value_that_cannot_matter_needs_no_person(db):
    pcs = Charge(count=1, statute="720 ILCS 570/402(c)", description="PCS", disposition="CONVICTED",
                 sentence_kind="FINE", offense_date=dt.date(1993, 2, 2))
    uncertain = {"charges.0.sentence_kind": FieldInfo(confidence=0.3, status="needs_review")}
    save_case(db, _case("c-1", pcs, fields=uncertain), origin="digitized")
    evaluate_database(db, as_of=AS_OF, workers=0)
    decision = _current(db, "c-1")
    assert (decision["outcome"], decision["needs_review"]) == ("IL_NOT_CANNABIS", False)


def test_a_reviewed_field_counts_as_certain_whatever_its_confidence(db):
    reviewed = {"charges.0.disposition": FieldInfo(confidence=0.2, status="reviewed")}
    save_case(db, _case("c-1", fields=reviewed), origin="digitized")
    evaluate_database(db, as_of=AS_OF, workers=0)
    assert _current(db, "c-1")["needs_review"] is False


def test_the_fast_record_reader_builds_what_load_case_builds(db):
    record = _case(
        "c-1",
        Charge(count=1, statute="720 ILCS 550/4(c)", amount_grams=12, enhancements=("x",), offense_date=dt.date(1990, 1, 2),
               disposition_date=dt.date(1990, 3, 3), disposition="CONVICTED"),
        source=(SourceDocument(file="a.pdf", sha256="ab", pages=(SourcePage(page=1, skew_degrees=1.5),)),),
    )
    save_case(db, record, origin="digitized")
    row = db.execute("select record from cases where case_id = 'c-1'").fetchone()
    assert record_from_row(row[0], [], []) == load_case(db, "c-1")


def test_decision_json_is_the_records_md_eligibility_block(db):
    rules = get_rule_set("illinois-crta")
    decision = rules.decide([_case("c-1")], as_of=AS_OF, policy="ccsao_style", confidence_threshold=0.9)[0]
    assert orjson.loads(decision_json(decision)) == json.loads(json.dumps(decision.to_dict()))


def test_evaluating_again_adds_a_current_decision_and_keeps_the_earlier_one(db):
    save_case(db, _case("c-1"), origin="imported")
    first = evaluate_database(db, as_of=AS_OF, workers=0)
    second = evaluate_database(db, as_of=dt.date(2026, 2, 1), workers=0)
    assert first.run_id != second.run_id
    rows = list(db.query("select as_of, current, run_id from decisions where case_id = 'c-1' order by id"))
    assert [(r["as_of"], r["current"]) for r in rows] == [("2026-01-15", 0), ("2026-02-01", 1)]
    assert rows[1]["run_id"] == second.run_id


def test_each_jurisdiction_goes_to_its_own_rule_set_unless_one_is_named(db):
    save_case(db, _case("c-1"), origin="imported")
    california = Charge(count=1, statute="HS 11357(a)", disposition="CONVICTED", offense_date=dt.date(2010, 1, 1))
    save_case(db, _case("c-2", california, jurisdiction="CA-LOS_ANGELES",
                        defendant=Defendant(name="ROE, R", date_of_birth=dt.date(1970, 1, 1))), origin="imported")
    by_default = evaluate_database(db, as_of=AS_OF, workers=0)
    assert by_default.rule_sets == {"illinois-crta": 1, "california-prop64": 1}
    only_illinois = evaluate_database(db, as_of=AS_OF, rule_set="illinois-crta", workers=0)
    assert (only_illinois.cases, only_illinois.skipped) == (1, 1)


def test_worker_processes_decide_exactly_what_one_process_decides(tmp_path):
    from bench.evaluate import generate_cases

    path = tmp_path / "g.db"
    generate_cases(path, 400, seed=11)
    db = open_database(path)
    serial = evaluate_database(db, as_of=AS_OF, workers=0)
    parallel = evaluate_database(db, as_of=AS_OF, workers=2, batch_size=50)
    assert (serial.outcomes, serial.needs_review, serial.persons) == (parallel.outcomes, parallel.needs_review, parallel.persons)
    pairs = db.execute(
        "select a.decision, b.decision from decisions a join decisions b on a.case_id = b.case_id"
        " where a.run_id = ? and b.run_id = ?",
        [serial.run_id, parallel.run_id],
    ).fetchall()
    assert len(pairs) == 400
    assert all(a == b for a, b in pairs)
    db.close()


def test_evaluate_case_re_decides_the_whole_person_at_once(db):
    save_case(db, _case("c-1"), origin="imported")
    save_case(db, _case("c-2", arrest=dt.date(1990, 1, 1), case_number="90C1"), origin="imported")
    decision = evaluate_case(db, "c-2", as_of=AS_OF)
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert {r[0] for r in db.execute("select case_id from decisions where current = 1")} == {"c-1", "c-2"}
    with pytest.raises(KeyError):
        evaluate_case(db, "c-404", as_of=AS_OF)


def test_decision_json_is_exact_for_every_registered_rule_set():
    from eligibility.registry import RULE_SETS

    california = _case(
        "c-ca",
        Charge(count=1, statute="HS 11357(a)", disposition="CONVICTED", offense_date=dt.date(2010, 1, 1), level="misdemeanor"),
        jurisdiction="CA-LOS_ANGELES",
    )
    for name, rules in RULE_SETS.items():
        record = california if name.startswith("california") else _case("c-il")
        for policy in rules.policies:
            decision = rules.decide([record], as_of=AS_OF, policy=policy, confidence_threshold=0.9)[0]
            assert orjson.loads(decision_json(decision)) == json.loads(json.dumps(decision.to_dict())), (name, policy)


def test_pages_never_split_a_person_and_miss_no_case(db):
    from eligibility.evaluate import PersonReader

    people = [Defendant(name=f"P{i}, X", date_of_birth=dt.date(1960, 1, 1)) for i in range(4)]
    shape = {0: 1, 1: 5, 2: 2, 3: 3}  # person 1 has more cases than a page holds
    for person, cases in shape.items():
        for n in range(cases):
            save_case(db, _case(f"c-{person}-{n}", defendant=people[person]), origin="imported")
    save_case(db, _case("c-anonymous", defendant=Defendant()), origin="imported")
    persons = list(PersonReader(db, confidence_threshold=0.9, page=3).persons())
    groups = sorted(sorted(case_id for case_id, _, _ in person) for person in persons)
    expected = sorted([[f"c-{p}-{n}" for n in range(k)] for p, k in shape.items()] + [["c-anonymous"]])
    assert groups == expected


def test_the_fast_record_reader_keeps_the_court_address_and_california_values(db):
    defendant = Defendant(name="DOE, JANE", date_of_birth=dt.date(1960, 1, 1), deceased=False, address="1 MAIN ST")
    charge = Charge(count=1, statute="HS 11359", level="felony", disposition="CONVICTED", offense_date=dt.date(2001, 3, 1),
                    sentence_end_date=dt.date(2003, 1, 1), concentrate_grams=4.5, conduct=("sale",), prior_relief=("x",))
    record = _case("c-1", charge, defendant=defendant, jurisdiction="CA-LOS_ANGELES", court="LAX BRANCH 4")
    save_case(db, record, origin="imported")
    row = db.execute("select record from cases where case_id = 'c-1'").fetchone()
    assert record_from_row(row[0], [], []) == load_case(db, "c-1")
