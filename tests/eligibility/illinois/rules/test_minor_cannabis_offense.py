"""The four elements of a Minor Cannabis Offense (20 ILCS 2630/5.2(a)(1); spec §3)."""

import pytest

from eligibility.illinois.rules.minor_cannabis_offense import is_minor_cannabis_offense


@pytest.mark.parametrize(
    ("section", "grams_le", "enhanced", "violent", "mco"),
    [
        ("4", 30.0, False, False, True),
        ("4", 30.01, False, False, False),
        ("5", 10.0, False, False, True),
        ("6", 10.0, False, False, True),
        ("5.2", 2.5, False, False, False),
        ("8", 1.0, False, False, False),
        ("4", None, False, False, False),
        ("5", 10.0, True, False, False),
        ("4", 2.5, False, True, False),
    ],
    ids=["exactly-30g", "30.01g", "delivery", "casual-delivery", "school-zone-is-not-4-or-5", "plants",
         "unbounded-amount", "section-7", "violent-association"],
)
def test_all_four_elements(section, grams_le, enhanced, violent, mco):
    assert is_minor_cannabis_offense(section, grams_le, enhanced=enhanced, violent=violent) is mco
