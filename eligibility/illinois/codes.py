"""The stable identifiers of spec/illinois-crta.md: outcome codes (§13.3), review reasons (§14),
notes (§2.2) and the question a person answers for each review reason.

Reports and tests use these strings, so renaming one is a breaking change.
"""

from __future__ import annotations

AUTO_EXPUNGE = "IL_AUTO_EXPUNGE_ARREST"
PARDON = "IL_PARDON_PATH"
VACATE = "IL_VACATE_MOTION"
NOT_ELIGIBLE = "IL_NOT_ELIGIBLE_CRTA"
NOT_CANNABIS = "IL_NOT_CANNABIS"
NO_FINAL_DISPOSITION = "IL_NO_FINAL_DISPOSITION"
MANUAL_REVIEW = "IL_MANUAL_REVIEW"

OUTCOMES = (AUTO_EXPUNGE, PARDON, VACATE, NOT_ELIGIBLE, NOT_CANNABIS, NO_FINAL_DISPOSITION, MANUAL_REVIEW)
# §2.2: relief_paths are listed in this order.
RELIEF_PATH_ORDER = (PARDON, VACATE, AUTO_EXPUNGE)
# §13.2 rules 3-7: how a case picks its headline among its cannabis counts.
CASE_HEADLINE_ORDER = (PARDON, VACATE, AUTO_EXPUNGE, MANUAL_REVIEW, NOT_ELIGIBLE)

READINGS = "readings"
BLOCK = "block"
FLAG = "flag"

# §14: reason code -> kind. `readings` reasons are raised only when their readings disagree.
REVIEW_REASONS: dict[str, str] = {
    "R_ACT_DATE_BOUNDARY": BLOCK,
    "R_SIMPLE_BATTERY_COCHARGE": FLAG,
    "R_ASSOCIATION_SCOPE": READINGS,
    "R_I3_MISD_DELIVERY": BLOCK,
    "R_S7_I3_UNCLEAR": BLOCK,
    "R_MIXED_DISPOSITION": BLOCK,
    "R_SOL_REINSTATED": BLOCK,
    "R_BOND_FORFEITURE": BLOCK,
    "R_SUPERVISION_OUTCOME_UNCLEAR": READINGS,
    "R_ORDINANCE_VIOLATION": BLOCK,
    "R_PRE_CCA_UNDA": BLOCK,
    "R_AMOUNT_UNKNOWN": READINGS,
    "R_CLASS4_S4_AMBIGUOUS": READINGS,
    "R_GROSS_WEIGHT": READINGS,
    "R_WEIGHT_CONFLICT": FLAG,
    "R_REDUCED_FROM_OVER_30": BLOCK,
    "R_JUVENILE": BLOCK,
    "R_DISPOSITION_UNKNOWN": BLOCK,
    "R_TASC": BLOCK,
    "R_CERTIFICATE_OF_ELIGIBILITY": BLOCK,
    "R_INSANITY_ACQUITTAL": BLOCK,
    "R_ICSA_PROBATION_ON_CANNABIS": BLOCK,
    "R_S5_CLASS_MISMATCH": READINGS,
    "R_AMOUNT_STRADDLES_BOUNDARY": READINGS,
    "R_SENTENCE_MISSING": READINGS,
    "R_SENTENCE_CLASS_CONFLICT": FLAG,
    "R_DISPOSITION_COUNT_MISMATCH": BLOCK,
    "R_DEGREE_UNKNOWN": READINGS,
    "R_CITATION_UNPARSED": BLOCK,
    "R_CITATION_TEXT_CONFLICT": READINGS,
    "R_CITATION_DATE_CONFLICT": BLOCK,
    "R_VERSION_BOUNDARY": READINGS,
    "R_TIER_DATE_UNKNOWN": FLAG,
    "R_SUCCESSOR_CASE_MISSING": BLOCK,
    "R_S7_UNATTACHED": READINGS,
    "R_VIOLENT_COCHARGE_UNCLEAR": READINGS,
    "R_LOW_CONFIDENCE_FIELD": READINGS,
}

NOTES = (
    "court_file_needs_petition",
    "expunge_deadline_passed",
    "tier_from_filing_date",
    "general_5_2_may_apply",
    "sa_may_object_class4",
    "i3_misd_delivery_unclear",
    "completion_inferred",
    "sol_could_be_reinstated",
    "version_date_fallback",
    "citation_repaired",
    "ilcs_cite_pre_1993",
    "weight_basis_unknown",
)

# One question per reason, phrased for the reviewer; "{count}" is the count number.
QUESTIONS: dict[str, str] = {
    "R_ACT_DATE_BOUNDARY": "Count {count}: the offense date is 25 Jun 2019, the day the Act took effect. Was the offense committed before the Act?",
    "R_SIMPLE_BATTERY_COCHARGE": "Count {count}: a simple battery is charged in the same case. Confirm it caused no death or great bodily harm (the statute then treats it as non-violent).",
    "R_ASSOCIATION_SCOPE": "Count {count}: another case of this person has a violent charge on the same date. Was it the same arrest?",
    "R_I3_MISD_DELIVERY": "Count {count}: does the (i)(3) motion cover this misdemeanour delivery conviction, which is not a Minor Cannabis Offense?",
    "R_S7_I3_UNCLEAR": "Count {count}: is a Section 7-enhanced Class 4 delivery conviction eligible for the (i)(3) motion?",
    "R_MIXED_DISPOSITION": "Count {count}: this cannabis count was not a conviction but another count of the case was (or may have been). Can the arrest record be expunged?",
    "R_SOL_REINSTATED": "Count {count}: the count was stricken with leave to reinstate and the case shows later activity. Was it reinstated?",
    "R_BOND_FORFEITURE": "Count {count}: stricken with leave after a bond forfeiture. Is a warrant still outstanding?",
    "R_SUPERVISION_OUTCOME_UNCLEAR": "Count {count}: was the supervision or Section 10 probation completed satisfactorily or revoked?",
    "R_ORDINANCE_VIOLATION": "Count {count}: a municipal-ordinance cannabis charge. Does CRTA relief reach it?",
    "R_PRE_CCA_UNDA": "Count {count}: a marihuana charge from before the Cannabis Control Act (16 Aug 1971). Which law and relief apply?",
    "R_AMOUNT_UNKNOWN": "Count {count}: how many grams of cannabis, or which subsection or class, does the docket show?",
    "R_CLASS4_S4_AMBIGUOUS": "Count {count}: is this Class 4 possession a subsequent offense under 4(c) (not more than 30 g) or a first offense under 4(d) (30-500 g)?",
    "R_GROSS_WEIGHT": "Count {count}: the weight is gross (with packaging) and over 30 g. What was the net weight or subsection?",
    "R_WEIGHT_CONFLICT": "Count {count}: the written weight lies outside the subsection of conviction. Confirm the subsection (it governs).",
    "R_REDUCED_FROM_OVER_30": "Count {count}: the arrest concerned more than 30 g before the charge was reduced. Does (i)(1) reach this arrest record?",
    "R_JUVENILE": "Count {count}: is this a juvenile-court record?",
    "R_DISPOSITION_UNKNOWN": "Count {count}: what was the disposition?",
    "R_TASC": "Count {count}: TASC disposition. Was the conviction vacated on completion?",
    "R_CERTIFICATE_OF_ELIGIBILITY": "Count {count}: certificate of eligibility (CE). What relief applies?",
    "R_INSANITY_ACQUITTAL": "Count {count}: acquitted by reason of insanity. What relief applies?",
    "R_ICSA_PROBATION_ON_CANNABIS": "Count {count}: ICSA 410/1410 probation recorded on a cannabis count. Was it Section 10 (710) probation, and was it completed?",
    "R_S5_CLASS_MISMATCH": "Count {count}: the class is one step above the Section 5 subsection. Is this a school-zone (Section 5.2) charge?",
    "R_AMOUNT_STRADDLES_BOUNDARY": "Count {count}: the approximate amount is near a bracket boundary. Which side of the boundary was it?",
    "R_SENTENCE_MISSING": "Count {count}: guilty finding with no sentence. Was it a conviction or supervision that was completed?",
    "R_SENTENCE_CLASS_CONFLICT": "Count {count}: the sentence does not fit the class. Confirm the class or subsection.",
    "R_DISPOSITION_COUNT_MISMATCH": "Count {count}: the disposition (supervision or Section 10 probation) is not available for this count. Which was misread?",
    "R_DEGREE_UNKNOWN": "Count {count}: what is the class or degree of this count?",
    "R_CITATION_UNPARSED": "Count {count}: which statute is charged?",
    "R_CITATION_TEXT_CONFLICT": "Count {count}: the citation and the charge text name different Acts. Which is right?",
    "R_CITATION_DATE_CONFLICT": "Count {count}: a Cannabis Control Act citation with an offense date before 16 Aug 1971. Which date or statute is right?",
    "R_VERSION_BOUNDARY": "Count {count}: when was the offense committed? The statute version or the Act's effective date depends on it.",
    "R_TIER_DATE_UNKNOWN": "Count {count}: when was the arrest? The expungement deadline tier depends on it.",
    "R_SUCCESSOR_CASE_MISSING": "Count {count}: the count was superseded or transferred. Which case continued it, and how did it end?",
    "R_S7_UNATTACHED": "Count {count}: a Section 7 (delivery to a minor) enhancement appears in the case. Does it attach to this count?",
    "R_VIOLENT_COCHARGE_UNCLEAR": "Count {count}: is a co-charge in this case a violent crime (force used, injury, or sexual conduct)?",
    "R_LOW_CONFIDENCE_FIELD": "Count {count}: check the value(s) read with low confidence; the result depends on them.",
}
