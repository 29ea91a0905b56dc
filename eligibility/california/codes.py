"""The stable identifiers of the California rule set (spec/california-prop64.md §9, §10).

Reports and tests use these strings, so renaming one is a breaking change.
"""

from __future__ import annotations

import datetime as dt

# Prop 64 (AUMA) took effect the day after the 8 Nov 2016 election (spec §0).
AUMA_EFFECTIVE = dt.date(2016, 11, 9)

# Outcome codes (§9). `outcome` uses the statutory ones plus CA_HAND_REVIEW.
CA_DISMISS_AND_SEAL = "CA_DISMISS_AND_SEAL"
CA_REDESIGNATE_REDUCE = "CA_REDESIGNATE_REDUCE"
CA_RECALL_RESENTENCE = "CA_RECALL_RESENTENCE"
CA_NOT_ELIGIBLE = "CA_NOT_ELIGIBLE"
CA_NOT_PROP64 = "CA_NOT_PROP64"
CA_COUNTY_DISMISS = "CA_COUNTY_DISMISS"
CA_HAND_REVIEW = "CA_HAND_REVIEW"

RELIEF_OUTCOMES = (CA_DISMISS_AND_SEAL, CA_REDESIGNATE_REDUCE, CA_RECALL_RESENTENCE)
OVERLAY_CODES = (CA_COUNTY_DISMISS, CA_REDESIGNATE_REDUCE, CA_RECALL_RESENTENCE, CA_HAND_REVIEW, CA_NOT_ELIGIBLE)

# Review reasons of §10.
R_CA_LA_UNDER21_REFERENCE = "R_CA_LA_UNDER21_REFERENCE"
R_CA_DISPOSED_AFTER_EFFECTIVE = "R_CA_DISPOSED_AFTER_EFFECTIVE"
R_CA_PRIOR_TIMING = "R_CA_PRIOR_TIMING"
R_CA_TWO_PRIORS_UNIT = "R_CA_TWO_PRIORS_UNIT"
R_CA_AMOUNT_UNKNOWN = "R_CA_AMOUNT_UNKNOWN"
R_CA_CONDUCT_UNKNOWN = "R_CA_CONDUCT_UNKNOWN"
R_CA_SUBSECTION_UNKNOWN = "R_CA_SUBSECTION_UNKNOWN"
R_CA_MINOR_AT_OFFENSE = "R_CA_MINOR_AT_OFFENSE"
R_CA_COUNTY_DISMISS_ON_EXCLUDED = "R_CA_COUNTY_DISMISS_ON_EXCLUDED"
R_CA_SENTENCE_UNKNOWN = "R_CA_SENTENCE_UNKNOWN"
R_CA_WINDOW_UNKNOWN = "R_CA_WINDOW_UNKNOWN"
R_CA_COUNTY_HAND_REVIEW = "R_CA_COUNTY_HAND_REVIEW"
R_CA_CODE_UNRECOGNISED = "R_CA_CODE_UNRECOGNISED"
R_LOW_CONFIDENCE_FIELD = "R_LOW_CONFIDENCE_FIELD"
# Added by this rule set where the spec asks for readings of an unknown fact but names no code:
# the age bands (§4.2 "age unknown"), the disposition and the level of a count.
R_CA_AGE_UNKNOWN = "R_CA_AGE_UNKNOWN"
R_CA_DISPOSITION_UNKNOWN = "R_CA_DISPOSITION_UNKNOWN"
R_CA_LEVEL_UNKNOWN = "R_CA_LEVEL_UNKNOWN"

# Informational notes.
NOTE_NO_CONVICTION = "no_conviction"
NOTE_CONVICTED_UNDER_AUMA = "convicted_under_auma"
NOTE_AB1793_POPULATION = "ab1793_population"
NOTE_ATTEMPT = "attempt"
NOTE_CODE_LETTERS_CORRECTED = "code_letters_corrected"
NOTE_EXCLUSION_FACTS_UNKNOWN = "exclusion_facts_unknown"
NOTE_SENTENCE_END_INFERRED = "sentence_end_inferred"
NOTE_COURT_MAY_DENY = "court_may_deny_public_safety"
NOTE_PRIOR_RELIEF_PC1203_4 = "prior_relief_pc1203_4"
NOTE_ALREADY_GRANTED = "already_granted"
NOTE_AGE_AT_OFFENSE_BOUNDED = "age_at_offense_bounded"
NOTE_COUNTY_BELOW_FLOOR = "county_policy_below_statutory_floor"
NOTE_COUNTY_NO_DETERMINATION = "county_policy_no_determination"
NOTE_COUNTY_OUT_OF_SCOPE = "county_policy_out_of_scope"

# The question a person must answer for each review reason; "{count}" is the count number.
QUESTIONS = {
    R_CA_LA_UNDER21_REFERENCE: (
        "Count {count}: LA's '21 years or younger' is met at one reference date and not the other "
        "(age on the evaluation date or at conviction): which does the District Attorney apply?"
    ),
    R_CA_DISPOSED_AFTER_EFFECTIVE: (
        "Count {count}: the offense was before 9 Nov 2016 but the conviction on or after it; "
        "confirm relief under HS 11361.8 (offense date) although peer tools treat it as not eligible."
    ),
    R_CA_PRIOR_TIMING: (
        "Count {count}: does the disqualifying prior conviction (or PC 290 registration) predate "
        "this conviction as HS 11358-11360 require?"
    ),
    R_CA_TWO_PRIORS_UNIT: (
        "Count {count}: were the two earlier convictions of this section under its misdemeanour "
        "subdivision (the statutory unit is unverified)?"
    ),
    R_CA_AMOUNT_UNKNOWN: "Count {count}: how much cannabis, concentrate or how many plants did it involve?",
    R_CA_CONDUCT_UNKNOWN: "Count {count}: was it a sale, or a gift or transport for personal use?",
    R_CA_SUBSECTION_UNKNOWN: "Count {count}: under which subdivision of HS 11357 was the person convicted?",
    R_CA_MINOR_AT_OFFENSE: "Count {count}: the offense may have been committed under 18; was it a juvenile matter?",
    R_CA_COUNTY_DISMISS_ON_EXCLUDED: (
        "Count {count}: the county policy dismisses a count the statute excludes; will the "
        "prosecutor dismiss it in their discretion?"
    ),
    R_CA_SENTENCE_UNKNOWN: "Count {count}: is the person still serving the sentence (probation and parole included)?",
    R_CA_WINDOW_UNKNOWN: "Count {count}: was the offense committed before 9 Nov 2016?",
    R_CA_COUNTY_HAND_REVIEW: "Count {count}: the county policy routes this count to a person.",
    R_CA_CODE_UNRECOGNISED: "Count {count}: which code section was the person convicted under?",
    R_LOW_CONFIDENCE_FIELD: "Count {count}: check the uncertain value(s) in review_fields against the scan.",
    R_CA_AGE_UNKNOWN: "Count {count}: how old was the person on the offense date (18-20 or 21 and over)?",
    R_CA_DISPOSITION_UNKNOWN: "Count {count}: was the person convicted on this count?",
    R_CA_LEVEL_UNKNOWN: "Count {count}: was the conviction a felony, a misdemeanour or an infraction?",
}
