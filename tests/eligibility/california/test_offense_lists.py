"""The super-strike and PC 290 lists (spec §4.4): which subdivisions match."""

import pytest

from eligibility.california.offense_lists import is_pc290_offense, is_super_strike
from eligibility.california.sections import find_code_sections

SUPER_STRIKE_CASES = [
    ("PC 286", True),
    ("PC 286(c)(2)", True),
    ("PC 286(c)(1)(A)", True),
    ("PC 286(b)(1)", False),
    ("PC 288(b)(2)", True),
    ("PC 288(c)(1)", False),
    ("PC 289(j)", True),
    ("PC 289(b)", False),
    ("PC 190.05", True),
    ("PC 1901", False),
    ("11418(b)(1) PC", True),
    ("11418(c) PC", False),
    ("VC 187", False),
]


@pytest.mark.parametrize(("printed", "listed"), SUPER_STRIKE_CASES, ids=[c[0] for c in SUPER_STRIKE_CASES])
def test_super_strike_list(printed, listed):
    sections = find_code_sections(printed)
    assert is_super_strike(sections, sections) is listed


PC290_CASES = [("PC 286(b)(1)", True), ("PC 311.2(b)", True), ("PC 311.2(a)", False), ("PC 314(1)", True),
               ("PC 653f(b)", True), ("PC 653f(a)", False), ("PC 459", False)]


@pytest.mark.parametrize(("printed", "listed"), PC290_CASES, ids=[c[0] for c in PC290_CASES])
def test_pc290_list(printed, listed):
    assert is_pc290_offense(find_code_sections(printed)) is listed


def test_gang_enhancement_needs_both_in_the_case():
    offense = find_code_sections("PC 246")
    assert not is_super_strike(offense, offense)
    assert is_super_strike(offense, offense + find_code_sections("186.22(B)(4) PC"))
