"""Docket vocabulary of spec §8.2 to canonical codes, and the chronology rules of §8.3."""

import pytest

from extract.dispositions import find_tokens, normalize_disposition, sentence_kind_of, weighed_codes
from models.pages import OcrWord


@pytest.mark.parametrize(
    ("entries", "canonical"),
    [
        ("NP", "NOLLE"),
        ("N.P.", "NOLLE"),
        ("NOL PROS", "NOLLE"),
        ("Nolle Prosequi", "NOLLE"),
        ("NOLLE - PG TO OTHER COUNT", "NOLLE_PLEA_TO_OTHER_COUNT"),
        ("SOL", "STRICKEN_WITH_LEAVE"),
        ("STRICKEN OFF W/ LEAVE TO REINSTATE", "STRICKEN_WITH_LEAVE"),
        ("BF-SOL", "STRICKEN_WITH_LEAVE"),
        ("DWP", "DISMISSED"),
        ("CASE DISMISSED", "DISMISSED"),
        ("PRELIM HRG. FNPC. DEFT DISCHARGED", "NO_PROBABLE_CAUSE"),
        ("RWOC", "NOT_CHARGED"),
        ("BENCH TRIAL. JW FNG. DEFT DISCHARGED", "ACQUITTED"),
        ("JT VNG", "ACQUITTED"),
        ("FNG REASON INSANITY", "ACQUITTED_INSANITY"),
        ("CHARGE VACATED", "VACATED"),
        ("PG. TASC PROB 12 MOS", "TASC"),
        ("PG. 1410 PROB 18 MOS", "ICSA_PROBATION_ON_CANNABIS"),
        ("CE", "CONVICTED_CE"),
        ("DEFT FAILS TO APPEAR. BFW $5000", "NO_FINAL_DISPOSITION"),
        ("SUPERCEDED BY DIRECT INDICTMENT", "SUPERSEDED"),
        ("ALL CTS TRANSFERRED-MISD CRI", "SUPERSEDED"),
        ("PRE-JANO DISPOSITION", "UNKNOWN"),
        ("", "UNKNOWN"),
    ],
)
def test_docket_vocabulary_reads_as_its_canonical_code(entries, canonical):
    assert normalize_disposition(entries).value == canonical


@pytest.mark.parametrize(
    ("entries", "sentence_kind"),
    [
        ("PG. FINE $100 + COSTS", "FINE"),
        ("FG. F&C $150", "FINE"),
        ("PLEA OF GUILTY. CD 1 YR", "CONDITIONAL_DISCHARGE"),
        ("FG. PROBATION 18 MOS", "PROBATION"),
        ("JW FG. CCDOC 30 DAYS", "JAIL"),
        ("VG. IDOC 2 YRS", "PRISON"),
        ("PG JW FINDING GUILTY. TCS", "TIME_SERVED"),
        ("JW FG. IOC 1 YR", "PRISON"),
    ],
)
def test_a_guilty_finding_with_a_sentence_is_a_conviction(entries, sentence_kind):
    result = normalize_disposition(entries)
    assert (result.value, result.detail.sentence_kind) == ("CONVICTED", sentence_kind)


@pytest.mark.parametrize(
    ("entries", "canonical", "note"),
    [
        (["PLEA OF GUILTY. COURT SUPV 18 MOS", "SUPV TERM SATIS"], "SUPERVISION_COMPLETED", None),
        (["FG. SUPV 1 YR"], "SUPERVISION_ORDERED", "completion_inferred"),
        (["FG. SUPV 6 MOS", "PET TO REVOKE SUPV FILED", "SUPV REVOKED. JUDGMENT ENTERED ON VIOLATION. FINE $100 + COSTS"], "SUPERVISION_REVOKED", None),
        (["FG. SUPV 6 MOS", "VOP FILED"], "SUPERVISION_ORDERED", "R_SUPERVISION_OUTCOME_UNCLEAR"),
        (["PG. SEC 10 PROB 18 MOS", "PROB TERM SATIS"], "QUALIFIED_PROBATION_COMPLETED", None),
        (["PG SEC 10 PROB 18 MOS ... 03-02-88 PROB TERM SATIS"], "QUALIFIED_PROBATION_COMPLETED", None),
        (["PG. 710-1410 PROBATION 2 YRS"], "QUALIFIED_PROBATION_ORDERED", "completion_inferred"),
        (["PG. 710 PROB 2 YRS", "VOP FILED", "710 REVOKED. JUDGMENT ENTERED ON VIOLATION. IDOC 1 YR"], "QUALIFIED_PROBATION_REVOKED", None),
        (["SOL", "MOTION STATE TO REINSTATE - ALLOWED", "PG. FINE & COSTS"], "CONVICTED", None),
        (["DEFT FAILS TO APPEAR. BFW $2500", "DEFT IN CUSTODY. BFW QUASHED AND RECALLED", "NOLLE PROS"], "NOLLE", None),
        (["PG. FINE $50", "CHARGE VACATED"], "VACATED", None),
        (["PLEA OF GUILTY. 3 6 MOS", "SUPV TERMINATED UNSATISFACTORILY. JUDGMENT ENTERED ON VIOLATION. CONDITIONAL DISCHARGE 1 YR"], "SUPERVISION_REVOKED", None),
    ],
    ids=[
        "supervision-then-satisfactory",
        "supervision-no-later-entry",
        "supervision-revoked",
        "supervision-violation-without-outcome",
        "710-then-satisfactory",
        "clerk-string-in-one-entry",
        "710-1410-is-qualified",
        "710-revoked",
        "sol-reinstated-then-guilty",
        "warrant-quashed-then-nolle",
        "conviction-later-vacated",
        "supervision-revoked-whose-order-was-not-read",
    ],
)
def test_the_chronology_decides_the_final_disposition(entries, canonical, note):
    result = normalize_disposition(entries)
    assert result.value == canonical
    if note:
        assert note in result.notes


def test_one_entry_that_finds_a_count_guilty_and_clears_it_is_doubted():
    # Seed 7277: "CT 1 FINDING GUILTY. PROB 1 YR. CT 2 NP" with the "2" unread gives count 1
    # both outcomes; whichever is taken, a person must look.
    lost_count = normalize_disposition("CT 1 FINDING GUILTY. PROB 1 YR. CT NP")
    assert "outcomes_disagree" in lost_count.notes
    assert lost_count.confidence == 0.5
    # Cleared in a later entry, the count was not convicted then cleared by a misreading.
    later = normalize_disposition(["FG. PROB 1 YR", "NOLLE PROS"])
    assert "outcomes_disagree" not in later.notes and later.confidence == 1.0


def test_one_entry_that_clears_a_count_and_then_convicts_it_is_doubted():
    # Seed 7007: "DWP" with a speck at the line's end that Tesseract weighed as "CE".
    cleared_first = normalize_disposition("DWP CE")
    assert "outcomes_disagree" in cleared_first.notes
    assert cleared_first.confidence == 0.5
    later = normalize_disposition(["NOLLE PROS", "FG. FINE"])
    assert "outcomes_disagree" not in later.notes


def test_what_an_entry_says_before_a_nolle_on_a_plea_to_another_count_still_counts():
    # Damaged 8129: "CT 1 PLEA OF GUILTY. ... CT 2 NOLLE PROS - PG TO OTHER COUNT" with the CT of
    # count 2 read as "a": the whole entry was count 1's nolle at 0.97, the plea unread.
    lost_count = normalize_disposition("CT 1 PLEA OF GUILTY. CONT FOR SENTENCING. a 2 NOLLE PROS - PG TO OTHER COUNT")
    assert "outcomes_disagree" in lost_count.notes and lost_count.confidence == 0.5
    alone = normalize_disposition("STATE MOTION NOLLE PROS - PG TO OTHER COUNT")
    assert (alone.value, alone.notes, alone.confidence) == ("NOLLE_PLEA_TO_OTHER_COUNT", (), 1.0)


def test_satisfactory_alone_ends_an_order_and_nothing_else():
    # Damaged 8080: "SUPV TERM SATIS" read "$ SATIS"; the supervision went out as ordered at 0.97.
    assert normalize_disposition(["FG. SUPERVISION 18 MOS", "$ SATIS"]).value == "SUPERVISION_COMPLETED"
    assert normalize_disposition(["FG. FINE $100 + COSTS", "SATISFACTORY"]).value == "CONVICTED"


def test_a_fine_with_supervision_is_a_condition_not_a_conviction():
    assert normalize_disposition("FG. SUPV 1 YR FINE $100").value == "SUPERVISION_ORDERED"


def test_a_guilty_finding_with_no_sentence_depends_on_the_level():
    assert normalize_disposition("FG", level="felony").detail.sentence_kind == "UNKNOWN"
    misdemeanor = normalize_disposition("FG. CONT FOR SENTENCING", level="misdemeanor")
    assert misdemeanor.value == "CONVICTED"
    assert "R_SENTENCE_MISSING" in misdemeanor.notes


def test_trial_mode_words_and_an_arraignment_plea_are_no_disposition():
    assert normalize_disposition("COMPLAINT FILED. DEFT ARRAIGNED. PLEA NG. I-BOND $1000").value == "UNKNOWN"
    assert normalize_disposition("JW").value == "UNKNOWN"


def test_cs_in_a_disposition_field_is_court_supervision():
    assert normalize_disposition("PG. CS 6 MOS").value == "SUPERVISION_ORDERED"


def test_410_probation_on_a_controlled_substance_count_is_that_acts_qualified_probation():
    assert normalize_disposition("PG. 1410 PROB 18 MOS", cca_count=False).value == "QUALIFIED_PROBATION_ORDERED"


def test_supervision_on_a_felony_is_flagged():
    assert "R_DISPOSITION_COUNT_MISMATCH" in normalize_disposition("FG. SUPV 1 YR", level="felony").notes


@pytest.mark.parametrize(
    ("entries", "canonical"),
    [
        ("NOLIE", "NOLLE"),
        ("P6. FINE $100", "CONVICTED"),
        ("5UPV 1 YR", "SUPERVISION_ORDERED"),
        # Clean 8195: the S of 1ST read as 5.
        ("PLEA OF GUILTY. 15T OFF PROB 12 MOS", "QUALIFIED_PROBATION_ORDERED"),
        # Damaged 7175 and 8032: dotted zeros in both sections read as 6.
        ("FINDING OF GUILTY. 716-1416 PROBATION 18 MOS", "QUALIFIED_PROBATION_ORDERED"),
        ("FINDING GUILTY, 716-1410 PROBATION 1 YR", "QUALIFIED_PROBATION_ORDERED"),
    ],
)
def test_ocr_damaged_vocabulary_is_repaired_at_a_lower_score(entries, canonical):
    result = normalize_disposition(entries)
    assert result.value == canonical
    assert result.confidence < 1.0


def test_sentence_kind_of_a_sentence_text():
    assert sentence_kind_of("FINE $100 + COSTS") == "FINE"
    assert sentence_kind_of("COND DISCH 12 MOS") == "CONDITIONAL_DISCHARGE"


@pytest.mark.parametrize(
    ("printed", "code"),
    [("CT 2 NLP.", "NOLLE"), ("DISP 11/21/92 OwP", "DISMISSED"), ("ALL CTS WOL PROS. DEFT DISCHARGED", "NOLLE"), ("CT 2 W.P.", "NOLLE")],
    ids=["period-read-as-L", "draft-D-read-as-O", "N-read-as-W", "N-read-as-W-in-two-letters"],
)
def test_draft_misreadings_of_short_codes_are_repaired_at_a_lower_score(printed, code):
    result = normalize_disposition(printed)
    assert result.value == code
    assert result.confidence < 1.0 and result.reason == "ocr_repaired"


def test_a_draft_d_read_as_o_and_an_o_read_as_zero_read_a_sentence_code():
    # Seed 7769's "FINDING OF GUILTY. DOC 1 YR" read "... O0C 1 YR".
    result = normalize_disposition("FINDING OF GUILTY. O0C 1 YR")
    assert (result.value, result.detail.sentence_kind, result.reason) == ("CONVICTED", "PRISON", "ocr_repaired")


def test_a_draft_c_read_as_e_reads_a_sentence_code():
    # Seed 5207: "PG. TCS" read "PG. TES".
    result = normalize_disposition("PG. TES")
    assert (result.value, result.detail.sentence_kind, result.reason) == ("CONVICTED", "TIME_SERVED", "ocr_repaired")


@pytest.mark.parametrize("printed", ["CT 2 NLX", "OOA", "L"])
def test_words_no_repair_makes_a_code_stay_unread(printed):
    assert normalize_disposition(printed).value == "UNKNOWN"


def test_a_letter_tesseract_weighed_reads_a_code_it_misread():
    # Draft print: "DWP" read "Dwr", with P weighed for the r.
    misread = OcrWord("Dwr", 0, 0, 60, 20, 0.9, alternatives=((1, "W"), (2, "ePRF")))
    tokens = find_tokens("Dwr", weighed=weighed_codes([misread]))
    assert [(t.entry.canonical, t.fuzzy) for t in tokens] == [("DISMISSED", True)]
    assert find_tokens("Dwr", weighed=weighed_codes([OcrWord("Dwr", 0, 0, 60, 20, 0.9)])) == []
