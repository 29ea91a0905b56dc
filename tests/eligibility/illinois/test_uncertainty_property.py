"""No change to a low-confidence value can turn what the engine asserted into a wrong grant.

The engine decides a record whose chosen values are uncertain. Then each uncertain value is
replaced by an arbitrary value (the truth might have been anything) and that record is decided
with every value certain. Whatever the truth:
  * every path the engine asserted for a count is a path the truth gives that count;
  * when the engine said no review was needed, the truth gives exactly the same paths.
"""

import datetime as dt
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eligibility.illinois.case import case_number_year
from eligibility.illinois.rules.disposition import CANONICAL, SENTENCE_KINDS
from models.records import Charge

from .factories import AS_OF, decide, low_confidence, make_case

STATUTES = [
    None,
    "720 ILCS 550/4",
    "720 ILCS 550/5",
    "720 ILCS 550/6",
    "720 ILCS 550/7",
    "720 ILCS 550/8",
    "720 ILCS 550/10",
    "720 ILCS 550/5.2",
    *(f"720 ILCS 550/4({s})" for s in "abcdefg"),
    *(f"720 ILCS 550/5({s})" for s in "abcdefg"),
    "720 ILCS 570/402(c)",
    "720 ILCS 5/12-3",
    "720 ILCS 5/12-3.2",
    "625 ILCS 5/11-501",
    "garbled",
]
DESCRIPTIONS = [
    None,
    "POSS CANN",
    "POSS CANNABIS 2ND",
    "MFG/DEL CANNABIS",
    "CASUAL DEL CANN",
    "DEL CANN TO MINOR",
    "DEL CANN ON SCHOOL GRNDS",
    "CANNABIS PLANTS",
    "DIS CON",
    "PCS",
    "AGG BATTERY",
    "AGG ASSAULT",
    "BATTERY",
    "RETAIL THEFT",
    "VILLAGE ORD CANNABIS",
    "MARIHUANA",
    "QZX",
]
CLASSES = [None, "A", "B", "C", "1", "2", "3", "4", "X", "N", "Class 4 Felony"]
_EDGES = [
    dt.date(1971, 8, 16), dt.date(1973, 1, 1), dt.date(2000, 1, 1), dt.date(2013, 1, 1), dt.date(2016, 7, 29),
    dt.date(2019, 6, 25), dt.date(2019, 6, 26), AS_OF.replace(year=AS_OF.year - 1),
    *(edge + dt.timedelta(days=366) for edge in (dt.date(1971, 8, 16), dt.date(2016, 7, 29), dt.date(2019, 6, 25))),
    AS_OF - dt.timedelta(days=732), AS_OF - dt.timedelta(days=366),
]
# Arbitrary dates, and the days on each side of every boundary the rules draw.
dates = st.one_of(
    st.none(),
    st.dates(dt.date(1968, 1, 1), AS_OF),
    st.sampled_from([edge + dt.timedelta(days=shift) for edge in _EDGES for shift in (-1, 0, 1)]),
)
grams = st.one_of(st.none(), st.floats(0.01, 20000, allow_nan=False), st.sampled_from([2.5, 10.0, 30.0, 30.01, 100.0, 500.0]))
VALUES = {
    "statute": st.sampled_from(STATUTES),
    "description": st.sampled_from(DESCRIPTIONS),
    "offense_class": st.sampled_from(CLASSES),
    "amount_grams": grams,
    "weight_basis": st.sampled_from([None, "net", "gross"]),
    "offense_date": dates,
    "disposition": st.sampled_from([None, "GARBLED", *sorted(CANONICAL)]),
    "sentence_kind": st.sampled_from([None, *SENTENCE_KINDS]),
    "disposition_date": dates,
    "enhancements": st.sampled_from([(), ("720 ILCS 550/7",), ("SCHOOL ZONE",)]),
}
CASE_VALUES = {"arrest_date": dates, "case_number": st.sampled_from([None, "87C123456", "1998CR1234501", "05C1"])}


@st.composite
def charges(draw, count):
    values = {name: draw(strategy) for name, strategy in VALUES.items()}
    values["amount_text"] = draw(st.sampled_from([None, "APPROX 12 GRMS", "1.1 OZ"]))
    values["sentence_text"] = draw(st.sampled_from([None, "SUPV 1 YR", "IDOC 2 YRS", "VOP FILED"]))
    values["disposition_text"] = draw(st.sampled_from([None, "BF-SOL", "FG"]))
    return Charge(count=count, **values)


@st.composite
def uncertain_cases(draw):
    n = draw(st.integers(1, 3))
    case = make_case(
        *(draw(charges(i + 1)) for i in range(n)),
        arrest_date=draw(CASE_VALUES["arrest_date"]),
        case_number=draw(CASE_VALUES["case_number"]),
    )
    paths = [f"charges.{i}.{name}" for i in range(n) for name in VALUES] + list(CASE_VALUES)
    chosen = draw(st.lists(st.sampled_from(paths), min_size=1, max_size=2, unique=True))
    truth = case
    for path in chosen:
        parts = path.split(".")
        if parts[0] == "charges":
            index, name = int(parts[1]), parts[2]
            charges_ = list(truth.charges)
            charges_[index] = replace(charges_[index], **{name: draw(VALUES[name])})
            truth = replace(truth, charges=tuple(charges_))
        else:
            truth = replace(truth, **{path: draw(CASE_VALUES[path])})
    # A possible world only: the case-number year is an upper bound on the arrest year
    # (spec §5.1), so a case filed in 1987 was not begun by an arrest in 2025.
    filed = case_number_year(truth.case_number, as_of=AS_OF)
    assume(truth.arrest_date is None or filed is None or truth.arrest_date.year <= filed)
    return low_confidence(case, *chosen), truth


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uncertain_cases())
def test_no_change_to_an_uncertain_value_turns_an_assertion_into_a_wrong_grant(pair):
    uncertain, truth = pair
    decided = decide(uncertain)
    actual = decide(truth)
    for engine_count, true_count in zip(decided.charges, actual.charges):
        assert set(engine_count.relief_paths) <= set(true_count.relief_paths)
        if not decided.needs_review:
            assert engine_count.relief_paths == true_count.relief_paths
