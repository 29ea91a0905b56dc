"""Which Act and section a count violates (spec §9, §9.4 collision hazards, §9.5 charge text)."""

import pytest

from eligibility.illinois.rules.citation import CitationReading, read_citation

from ..factories import decide_one, make_charge


@pytest.mark.parametrize(
    ("statute", "statute_text", "description", "expected"),
    [
        ("720 ILCS 550/4(c)", None, None, ("CCA", "4", "c", "citation")),
        ("720 ILCS 550/5(b)", None, "MFG/DEL CANN", ("CCA", "5", "b", "citation")),
        ("720 ILCS 550/5.1", None, None, ("CCA", "5.1", None, "citation")),
        ("720 ILCS 570/402(c)", None, "PCS", ("ICSA", "402", "c", "citation")),
        ("625 ILCS 5/11-501", None, "DUI CANNABIS", ("IVC", "11-501", None, "citation")),
        ("720 ILCS 5/24-1.6", None, "AUUW POSS CANN", ("CRIM_CODE", "24-1.6", None, "citation")),
        ("21 USC 841", None, None, ("OTHER", None, None, "citation")),
        (None, None, "POSS CANN", ("CCA", "4", None, "text")),
        (None, None, "CANNABIS-POSS", ("CCA", "4", None, "text")),
        (None, None, "PWID CANN", ("CCA", "5", None, "text")),
        (None, None, "CASUAL DEL CANN", ("CCA", "6", None, "text")),
        (None, None, "POSS CS", ("ICSA", None, None, "text")),
        (None, None, "POSS DRUG PARAPHERNALIA", ("DPCA", "3.5", None, "text")),
        (None, "56 1/2 ??? 7O4", "POSS CANNABIS", ("CCA", "4", None, "text")),
        (None, None, "AGG BATTERY", ("OTHER", None, None, "text")),
        (None, None, "VILLAGE ORD VIOL - CANNABIS", ("ORDINANCE", None, None, "text")),
        (None, None, "POSS MARIHUANA", ("UNDA", None, None, "text")),
        (None, None, "CANNABIS TRAFFICKING", ("CCA", "5.1", None, "text")),
        (None, None, "POSS/CULT CANN PLANTS", ("CCA", "8", None, "text")),
        (None, None, "CALC CRIM CANN CONSPIRACY", ("CCA", "9", None, "text")),
    ],
    ids=[
        "ilcs-cca", "ilcs-delivery", "trafficking", "icsa-pcs", "dui-with-cannabis-text", "auuw", "federal",
        "text-poss-cann", "text-cannabis-poss", "text-pwid", "text-casual-delivery", "cs-in-charge-is-controlled-substance",
        "text-paraphernalia", "unreadable-cite-completed-by-text", "text-other-offense", "text-ordinance", "text-marihuana",
        "text-trafficking", "text-plants", "text-conspiracy",
    ],
)
def test_a_count_is_read_by_citation_then_text(statute, statute_text, description, expected):
    readings, reason, block = read_citation(statute, statute_text, description)
    assert readings == (CitationReading(*expected),)
    assert (reason, block) == (None, None)


def test_a_cite_and_text_naming_different_drug_acts_give_both_readings():
    readings, reason, _ = read_citation("720 ILCS 570/402(c)", None, "POSS CANNABIS")
    assert [r.act for r in readings] == ["ICSA", "CCA"]
    assert reason == "R_CITATION_TEXT_CONFLICT"


def test_an_unreadable_cite_with_unknown_text_goes_to_a_person():
    readings, _, block = read_citation(None, "CH 38 ?? 1?", "QZX")
    assert readings[0].act == "UNKNOWN"
    assert block == "R_CITATION_UNPARSED"


@pytest.mark.parametrize(
    ("statute", "description", "outcome"),
    [
        ("720 ILCS 570/402(c)", "POSS CANNABIS", "IL_MANUAL_REVIEW"),
        ("720 ILCS 570/402(c)", "PCS", "IL_NOT_CANNABIS"),
        ("720 ILCS 570/410", "1410 PROB", "IL_NOT_CANNABIS"),
        ("720 ILCS 550/4(b)", "PCS", "IL_MANUAL_REVIEW"),
        ("720 ILCS 550/10", "SEC 10 PROB", "IL_MANUAL_REVIEW"),
    ],
    ids=["550-570-confusion-goes-to-review", "pcs-is-never-cannabis", "410-is-not-710",
         "cannabis-cite-pcs-text-goes-to-review", "section-10-is-a-disposition-not-an-offense"],
)
def test_collision_hazards_never_grant_relief(statute, description, outcome):
    decision = decide_one(make_charge(statute=statute, description=description, disposition="NOLLE"))
    assert decision.outcome == outcome
    assert decision.relief_paths == ()
