"""§5.1, §5.2, §8 and §9 are cannabis offenses outside CRTA relief (spec §6)."""

import pytest

from ..factories import convicted, decide_one


@pytest.mark.parametrize("statute", ["720 ILCS 550/5.1", "720 ILCS 550/5.2", "720 ILCS 550/8", "720 ILCS 550/9"],
                         ids=["trafficking", "school-zone", "plants", "conspiracy"])
@pytest.mark.parametrize("disposition", ["NOLLE", "CONVICTED"])
def test_excluded_sections_are_never_eligible(statute, disposition):
    decision = decide_one(convicted(statute=statute, disposition=disposition, amount_grams=2.0))
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"
    assert decision.charges[0].minor_cannabis_offense is False
    assert "general_5_2_may_apply" in decision.notes


def test_a_school_zone_enhancement_makes_a_delivery_a_section_5_2_count():
    decision = decide_one(convicted(statute="720 ILCS 550/5(a)", enhancements=("SCHOOL ZONE",), amount_grams=1.0))
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"


def test_school_grounds_in_the_charge_text_make_a_delivery_a_section_5_2_count():
    decision = decide_one(convicted(statute=None, description="DEL CANN ON SCHOOL GRNDS", offense_class="4"))
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"
