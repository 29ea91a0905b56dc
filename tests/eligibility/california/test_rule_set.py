"""The RuleSet contract (eligibility/rule_set.py) as the California rule set fulfils it."""

import datetime as dt
import json
import pkgutil
import re
from pathlib import Path

import pytest

import eligibility.california
import eligibility.california.rules as rules_package
from eligibility.california import CALIFORNIA_PROP64, codes
from eligibility.california.rules import RULES
from eligibility.registry import get_rule_set
from models.corrections import Correction
from models.database import open_database
from models.errors import InputError
from models.store import current_decision, load_case, record_correction, save_case, save_decision

from .factory import AS_OF, THRESHOLD, case, charge, decide, felony, low_confidence

SPEC_PRESETS = ("los_angeles_2019", "san_francisco_2018", "sacramento_2019", "san_joaquin_2019", "contra_costa_2019",
                "bear_sample_pilots", "bear_sample_gogen", "dismiss_all_prop64", "dismiss_all_prop64_and_related")


def test_identity_and_policies():
    assert CALIFORNIA_PROP64.name == "california-prop64"
    assert CALIFORNIA_PROP64.version
    assert CALIFORNIA_PROP64.policies == ("statutory", *SPEC_PRESETS)


def test_rules_list_every_rule_module_once_with_citation_and_evidence():
    modules = {name for _, name, _ in pkgutil.iter_modules(rules_package.__path__)}
    assert {rule.__name__.rsplit(".", 1)[1] for rule in RULES} == modules
    infos = CALIFORNIA_PROP64.rules()
    assert [i.rule_id for i in infos] == [r.RULE_ID for r in RULES]
    for info in infos:
        assert info.citation and info.summary
        assert info.evidence in ("verified", "secondary", "unverified")


def test_one_decision_per_case_in_order():
    cases = [case(charge("HS 11357(b)"), number="A1"), case(felony("PC 459"), number="A2")]
    decisions = decide(*cases)
    assert [d.outcome for d in decisions] == [codes.CA_DISMISS_AND_SEAL, codes.CA_NOT_PROP64]
    assert all(d.rule_set == "california-prop64" and d.policy == "statutory" and d.as_of == AS_OF for d in decisions)


def test_case_headline_is_the_best_count_and_review_is_any_count():
    record = case(felony("PC 459"), charge("HS 11357(b)", count=2), felony("HS 11357(a)", count=3))
    decision = decide(record)[0]
    assert decision.outcome == codes.CA_DISMISS_AND_SEAL
    assert decision.relief_paths == (codes.CA_DISMISS_AND_SEAL, codes.CA_REDESIGNATE_REDUCE)
    assert decision.needs_review
    assert decision.review_reasons == (codes.R_CA_AMOUNT_UNKNOWN,)


def test_case_without_counts_goes_to_a_person():
    record = case(charge())
    empty = type(record)(case_id="c-empty", jurisdiction="CA-LOS_ANGELES", defendant=record.defendant)
    decision = decide(empty)[0]
    assert decision.outcome == codes.CA_HAND_REVIEW
    assert decision.needs_review


def test_unknown_policy_is_an_input_error():
    with pytest.raises(InputError, match="unknown California policy"):
        decide(case(), policy="alameda_2030")


@pytest.mark.parametrize(
    ("counts", "cleared"),
    [((felony("HS 11359", conduct=("sale",)),), True),
     ((felony("HS 11359", conduct=("sale",)), felony("PC 459", count=2)), False),
     ((charge("HS 11357(b)"),), None)],
    ids=["only-reducible-felony", "other-felony", "no-felony"],
)
def test_all_felonies_cleared(counts, cleared):
    assert decide(case(*counts))[0].details["all_felonies_cleared"] is cleared


def test_as_of_decides_and_nothing_reads_the_clock():
    serving = charge("HS 11357(b)", sentence_end_date=dt.date(2030, 1, 1))
    assert decide(case(serving))[0].outcome == codes.CA_RECALL_RESENTENCE
    assert decide(case(serving), as_of=dt.date(2030, 1, 2))[0].outcome == codes.CA_DISMISS_AND_SEAL
    package = Path(eligibility.california.__file__).parent
    for source in package.rglob("*.py"):
        assert not re.search(r"\b(date\.today|datetime\.now|time\.time)\(", source.read_text()), source


def test_decision_follows_the_records_md_eligibility_shape():
    out = decide(case(felony("HS 11357(a)", concentrate_grams=1.0, offense_date=dt.date(2000, 1, 1),
                             disposition_date=dt.date(2000, 6, 1))), policy="los_angeles_2019")[0].to_dict()
    json.dumps(out)
    count = out["charges"][0]
    assert out["rule_set"] == "california-prop64" and out["county_profile"] == {"id": "los_angeles_2019", "version": "1"}
    for key in ("prop64_offense", "outcome", "remedy_citation", "county_overlay", "county_reason", "county_profile",
                "needs_review", "review_reasons", "notes", "trace"):
        assert key in count
    assert count["county_overlay"] == codes.CA_COUNTY_DISMISS
    assert (out["county_overlay"], out["remedy_citation"]) == (codes.CA_COUNTY_DISMISS, "HS 11361.8(e)-(f)")
    assert all({"rule", "citation", "evidence", "facts"} <= set(entry) for entry in count["trace"])


def test_decided_stored_corrected_and_decided_again(tmp_path):
    db = open_database(tmp_path / "ca.db")
    record = case(felony("HS 11357(a)", concentrate_grams=2.0), fields=low_confidence("charges.0.concentrate_grams"))
    save_case(db, record, origin="digitized", extractor_version="test")
    first = CALIFORNIA_PROP64.decide([load_case(db, record.case_id)], as_of=AS_OF, policy="statutory",
                                     confidence_threshold=THRESHOLD)[0]
    save_decision(db, record.case_id, first)
    stored = current_decision(db, record.case_id, rule_set="california-prop64")
    assert stored == json.loads(json.dumps(first.to_dict()))
    assert stored["outcome"] == codes.CA_REDESIGNATE_REDUCE and stored["needs_review"]

    record_correction(db, Correction(case_id=record.case_id, field_path="charges.0.concentrate_grams", action="accept",
                                     old_value=2.0, new_value=2.0, reviewer="rev", at=dt.datetime(2026, 1, 15, 9, 0)))
    second = CALIFORNIA_PROP64.decide([load_case(db, record.case_id)], as_of=AS_OF, policy="statutory",
                                      confidence_threshold=THRESHOLD)[0]
    assert second.outcome == codes.CA_DISMISS_AND_SEAL
    assert not second.needs_review


def test_registered_under_its_name():
    assert get_rule_set("california-prop64") is CALIFORNIA_PROP64
