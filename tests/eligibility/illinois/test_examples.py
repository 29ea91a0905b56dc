"""Every illustrative example of spec §13.5, read with as_of 2026-01-15 and no overlay."""

import datetime as dt

from .factories import AS_OF, decide, make_case, make_charge


def test_x1_nolle_possession_by_paragraph_is_auto_expunged_by_2025():
    case = make_case(
        make_charge(
            statute="720 ILCS 550/4(b)",
            statute_text="Ill. Rev. Stat. 1987, ch. 56 1/2, par. 704(b)",
            description="POSS CANN",
            disposition="NOLLE",
            offense_date=dt.date(1987, 3, 2),
        )
    )
    decision = decide(case)
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert decision.auto_expunge_by == dt.date(2025, 1, 1)
    assert decision.charges[0].minor_cannabis_offense is True
    assert decision.notes == ("court_file_needs_petition", "expunge_deadline_passed")
    assert not decision.needs_review


def test_x2_45_grams_class_4_first_offense_is_vacate_motion_only():
    case = make_case(
        make_charge(statute="720 ILCS 550/4(d)", amount_grams=45.0, weight_basis="net", disposition="CONVICTED",
                    sentence_kind="PROBATION", sentence_text="PROB 1 YR", offense_date=dt.date(1995, 4, 4))
    )
    decision = decide(case)
    assert decision.outcome == "IL_VACATE_MOTION"
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
    assert decision.charges[0].minor_cannabis_offense is False
    assert not decision.needs_review


def test_x3_class_4_possession_without_subsection_is_vacate_with_mco_unknown():
    case = make_case(
        make_charge(statute="720 ILCS 550/4", description="POSS CANNABIS", offense_class="4", disposition="CONVICTED",
                    sentence_kind="PRISON", sentence_text="IDOC 1 YR", offense_date=dt.date(1991, 6, 1))
    )
    decision = decide(case)
    assert decision.outcome == "IL_VACATE_MOTION"
    assert decision.relief_paths == ("IL_VACATE_MOTION",)
    assert decision.charges[0].minor_cannabis_offense is None
    assert decision.needs_review
    assert decision.review_reasons == ("R_CLASS4_S4_AMBIGUOUS",)


def test_x4_violent_co_charge_nolle_still_defeats_mco():
    case = make_case(
        make_charge(1, statute="720 ILCS 550/4(a)", description="POSS CANN", disposition="NOLLE",
                    offense_date=dt.date(1989, 8, 1)),
        make_charge(2, statute=None, description="AGG BATTERY", offense_class="3", disposition="NOLLE",
                    offense_date=dt.date(1989, 8, 1)),
    )
    decision = decide(case)
    assert decision.outcome == "IL_NOT_ELIGIBLE_CRTA"
    assert decision.charges[0].minor_cannabis_offense is False
    assert "general_5_2_may_apply" in decision.notes
    assert not decision.needs_review


def test_x5_pcs_is_not_cannabis():
    case = make_case(
        make_charge(statute="720 ILCS 570/402(c)", statute_text="720-570/402(C)", description="PCS",
                    disposition="CONVICTED", sentence_kind="PROBATION", offense_date=dt.date(1993, 2, 2))
    )
    assert decide(case).outcome == "IL_NOT_CANNABIS"


def test_x6_completed_section_10_probation_is_auto_expunged():
    case = make_case(
        make_charge(statute="720 ILCS 550/4(c)", disposition="QUALIFIED_PROBATION_COMPLETED",
                    sentence_text="SEC 10 PROB", disposition_text="FG; Probation Terminated- Satisfactory",
                    offense_date=dt.date(1984, 9, 9))
    )
    decision = decide(case)
    assert decision.outcome == "IL_AUTO_EXPUNGE_ARREST"
    assert decision.charges[0].conviction is False
    assert not decision.needs_review


def test_x7_icsa_probation_on_cannabis_goes_to_a_person():
    case = make_case(
        make_charge(statute="720 ILCS 550/4(b)", disposition="ICSA_PROBATION_ON_CANNABIS", sentence_text="1410 PROB",
                    offense_date=dt.date(1996, 1, 5))
    )
    decision = decide(case)
    assert decision.outcome == "IL_MANUAL_REVIEW"
    assert decision.review_reasons == ("R_ICSA_PROBATION_ON_CANNABIS",)


def test_x8_class_4_delivery_of_20_grams_has_both_conviction_paths():
    case = make_case(
        make_charge(statute="720 ILCS 550/5(c)", description="MFG/DEL CANN", amount_grams=20.0, weight_basis="net",
                    disposition="CONVICTED", sentence_kind="JAIL", sentence_text="CCDOC 30 DAYS",
                    offense_date=dt.date(1998, 3, 3))
    )
    decision = decide(case)
    assert decision.outcome == "IL_PARDON_PATH"
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert "sa_may_object_class4" in decision.notes
    assert not decision.needs_review


def test_x9_subsection_governs_a_conflicting_written_weight():
    case = make_case(
        make_charge(statute="720 ILCS 550/4(c)", amount_text="1.1 OZ", amount_grams=31.18447533750, weight_basis="net",
                    disposition="CONVICTED", sentence_kind="FINE", offense_date=dt.date(1992, 7, 7))
    )
    decision = decide(case)
    assert decision.outcome == "IL_PARDON_PATH"
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert decision.charges[0].minor_cannabis_offense is True
    assert decision.review_reasons == ("R_WEIGHT_CONFLICT",)


def _x10():
    return make_case(
        make_charge(1, statute="720 ILCS 550/4(b)", disposition="CONVICTED", sentence_kind="FINE",
                    offense_date=dt.date(1990, 10, 10)),
        make_charge(2, statute="720 ILCS 5/12-3", statute_text="ch. 38 par. 12-3", description="BATTERY",
                    offense_class="A", disposition="NOLLE", offense_date=dt.date(1990, 10, 10)),
    )


def test_x10_simple_battery_co_charge_is_not_violent_but_flagged():
    decision = decide(_x10())
    assert decision.outcome == "IL_PARDON_PATH"
    assert decision.relief_paths == ("IL_PARDON_PATH", "IL_VACATE_MOTION")
    assert decision.charges[0].minor_cannabis_offense is True
    assert decision.review_reasons == ("R_SIMPLE_BATTERY_COCHARGE",)
    assert decision.policy_flags == ()


def test_x10_with_ccsao_overlay_flags_the_case_as_not_standalone_and_keeps_the_result():
    statutory = decide(_x10())
    overlay = decide(_x10(), policy="ccsao_style")
    assert overlay.policy_flags == ("ccsao_not_standalone",)
    assert (overlay.outcome, overlay.relief_paths, overlay.needs_review) == (
        statutory.outcome,
        statutory.relief_paths,
        statutory.needs_review,
    )


def test_as_of_is_echoed_in_every_decision():
    assert decide(make_case()).as_of == AS_OF
