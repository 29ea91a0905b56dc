"""Look-alikes never get a CRTA path (spec §10)."""

import datetime as dt

import pytest

from ..factories import convicted, decide_one, make_charge


@pytest.mark.parametrize(
    ("statute", "description"),
    [
        ("720 ILCS 570/402(c)", "PCS"),
        ("720 ILCS 570/404", "LOOK-ALIKE SUBSTANCE"),
        ("625 ILCS 5/11-501", "DUI CANNABIS"),
        ("720 ILCS 600/3.5", "POSS DRUG PARAPHERNALIA"),
        ("720 ILCS 5/24-1.6", "AUUW"),
        ("21 USC 844", "FEDERAL POSS MARIJUANA"),
        (None, "DRUG TAX STAMP CANNABIS"),
    ],
    ids=["pcs", "icsa-look-alike", "dui", "paraphernalia", "auuw", "federal", "tax-stamp"],
)
@pytest.mark.parametrize("disposition", ["NOLLE", "CONVICTED"])
def test_look_alikes_are_not_cannabis(statute, description, disposition):
    decision = decide_one(convicted(statute=statute, description=description, disposition=disposition))
    assert decision.outcome == "IL_NOT_CANNABIS"
    assert decision.relief_paths == ()
    assert decision.charges[0].minor_cannabis_offense is False
    assert not decision.needs_review


def test_an_ordinance_cannabis_charge_goes_to_a_person():
    decision = decide_one(make_charge(statute=None, description="VILLAGE ORD VIOL POSS CANNABIS"))
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_ORDINANCE_VIOLATION",)


def test_a_pre_cca_marihuana_charge_goes_to_a_person():
    charge = make_charge(statute=None, description="POSS MARIHUANA", offense_date=dt.date(1969, 3, 1))
    decision = decide_one(charge, arrest_date=dt.date(1969, 3, 1), case_number="69C1")
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_PRE_CCA_UNDA",)
