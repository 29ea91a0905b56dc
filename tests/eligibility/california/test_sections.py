"""Code-section normalisation (spec §5): what counts as HS 11357-11360."""

import pytest

from eligibility.california.sections import read_section
from models.records import Charge

CASES = [
    # printed, kind, normalised, attempt, letters corrected
    ("HS 11357(a)", "prop64", "HS 11357(a)", False, False),
    ("11357(A) HS", "prop64", "HS 11357(a)", False, False),
    ("11357 (b)", "prop64", "HS 11357(b)", False, False),
    ("H&S 11359", "prop64", "HS 11359", False, False),
    ("HS11359", "prop64", "HS 11359", False, False),
    ("66411357(A) HS", "prop64", "HS 11357(a)", True, False),
    ("664/11359 HS", "prop64", "HS 11359", True, False),
    ("PC 664 HS 11360(a)(3)(D)", "prop64", "HS 11360(a)(3)(d)", True, False),
    ("11358 PC", "prop64", "HS 11358", False, True),
    ("11360(A) BP", "prop64", "HS 11360(a)", False, True),
    ("CASE 93C11357 POSS", "unrecognised", None, False, False),
    ("POSS 113571", "unrecognised", None, False, False),
    ("11357A HS", "unrecognised", None, False, False),
    ("POSS MARIJUANA", "unrecognised", None, False, False),
    ("11362.1 HS", "lawful_conduct", "HS 11362.1", False, False),
    ("11357.5 HS", "other", "HS 11357.5", False, False),
    ("PC 187(a)", "other", "PC 187(a)", False, False),
    ("4060 BP", "other", "BP 4060", False, False),
    ("HS 11364", "other", "HS 11364", False, False),
]


@pytest.mark.parametrize(("printed", "kind", "normalised", "attempt", "corrected"), CASES, ids=[c[0] for c in CASES])
def test_read_section(printed, kind, normalised, attempt, corrected):
    reading = read_section(Charge(count=1, statute_text=printed))
    assert reading.kind == kind
    assert (reading.section.normalised if reading.section else None) == normalised
    assert reading.attempt is attempt
    assert reading.letters_corrected is corrected


def test_normalised_statute_is_preferred_to_the_printed_text():
    reading = read_section(Charge(count=1, statute="HS 11358", statute_text="CULT MARIJ 11359"))
    assert reading.section.normalised == "HS 11358"


def test_missing_statute_is_unrecognised():
    assert read_section(Charge(count=1)).kind == "unrecognised"
