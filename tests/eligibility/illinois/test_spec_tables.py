"""The engine's tables agree with ../shared/spec/illinois-crta-rules.yaml (the spec says a
disagreement is a bug). The project never reads the spec at run time; this test does."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from eligibility.illinois import codes
from eligibility.illinois.rules import auto_expunge, disposition, sentence_hints
from eligibility.illinois.statutes import (
    CCA_BRACKETS,
    OUNCE_GRAMS,
    POUND_GRAMS,
    S4_BEFORE_2016,
    S4_FROM_2016,
    S5_ALL_VERSIONS,
    classify_text,
)

SPEC = Path(__file__).resolve().parents[3] / ".." / "shared" / "spec" / "illinois-crta-rules.yaml"
pytestmark = pytest.mark.skipif(not SPEC.is_file(), reason=f"the spec is not at {SPEC}")


@pytest.fixture(scope="module")
def spec():
    return yaml.safe_load(SPEC.read_text())


def _i3(value):
    return None if value == "unclear" else value


def _num(value):
    return None if value is None else float(value)


def test_statute_brackets(spec):
    for key, rule in spec["statutes"].items():
        section, subsection = rule["section"], rule["subsection"]
        if (section, subsection) not in CCA_BRACKETS:
            continue
        ours = CCA_BRACKETS[(section, subsection)]
        theirs = rule["versions"]
        assert len(ours) == len(theirs), key
        for bracket, version in zip(ours, theirs):
            assert bracket.version == version["version"], key
            assert bracket.start == dt.date.fromisoformat(version["from"]), key
            assert bracket.end == (dt.date.fromisoformat(version["to"]) if version["to"] else None), key
            assert (bracket.offense_class, bracket.level) == (version["class"], version["level"]), key
            assert (bracket.grams_gt, bracket.grams_le) == (_num(version["grams_gt"]), _num(version["grams_le"])), key
            assert bracket.i3 == _i3(version["i3"]), key
            subsequent = version.get("subsequent_offense")
            if subsequent:
                assert (bracket.subsequent.offense_class, bracket.subsequent.level, bracket.subsequent.i3) == (
                    subsequent["class"], subsequent["level"], subsequent["i3"]), key
            else:
                assert bracket.subsequent is None, key
    cited = {(r["section"], r["subsection"]) for r in spec["statutes"].values() if r["subsection"]}
    assert set(CCA_BRACKETS) == cited


@pytest.mark.parametrize(
    ("table", "ours"), [("s4_before_2016-07-29", S4_BEFORE_2016), ("s4_from_2016-07-29", S4_FROM_2016), ("s5_all_versions", S5_ALL_VERSIONS)]
)
def test_class_inference(spec, table, ours):
    theirs = spec["class_inference"][table]
    assert set(ours) == set(theirs)
    for klass, value in theirs.items():
        readings = value.get("readings", [value])
        assert [(r.grams_gt, r.grams_le, r.i3) for r in ours[klass]] == [
            (_num(r["grams_gt"]), _num(r["grams_le"]), _i3(r["i3"])) for r in readings
        ], klass


def test_codes(spec):
    assert set(codes.OUTCOMES) == set(spec["outcome_codes"])
    assert tuple(spec["relief_path_order"]) == codes.RELIEF_PATH_ORDER
    assert tuple(spec["headline_precedence"][2:]) == codes.CASE_HEADLINE_ORDER
    assert {code: r["kind"] for code, r in spec["review_reasons"].items()} == codes.REVIEW_REASONS
    assert set(codes.NOTES) == set(spec["notes"])
    assert set(codes.QUESTIONS) == set(codes.REVIEW_REASONS)


def test_deadline_tiers(spec):
    tiers = spec["crta"]["paths"]["auto_expunge"]["tiers"]
    assert [(t["created_to"], t["expunge_by"]) for t in tiers] == [
        (last.isoformat(), expunge_by.isoformat()) for _, last, expunge_by in auto_expunge.TIERS
    ]


def test_dispositions(spec):
    canonical = spec["dispositions"]["canonical"]
    assert set(canonical) == disposition.CANONICAL
    assert tuple(canonical["CONVICTED"]["sentence_kinds"]) == disposition.SENTENCE_KINDS
    for code, row in canonical.items():
        if row["conviction"] is False:
            assert disposition.conviction_status(code) is False, code


def test_units_and_sentence_ranges(spec):
    assert (OUNCE_GRAMS, POUND_GRAMS) == (spec["units"]["oz_to_g"], spec["units"]["lb_to_g"])
    assert {k: tuple(v) for k, v in spec["sentence_hints"]["felony_ranges_years"].items()} == sentence_hints.FELONY_YEARS


_ACTS = {
    "cannabis_possession": ("CCA", "4"),
    "cannabis_delivery": ("CCA", "5"),
    "casual_delivery": ("CCA", "6"),
    "controlled_substance": ("ICSA", None),
    "paraphernalia": ("DPCA", "3.5"),
    "dui": ("IVC", "11-501"),
}


def test_charge_text_examples(spec):
    for name, examples in spec["citations"]["charge_text"]["examples"].items():
        for text in examples:
            statute = classify_text(text)
            assert (statute.act, statute.section) == _ACTS[name], text
