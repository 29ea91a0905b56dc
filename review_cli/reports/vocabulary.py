"""Plain-language meanings of the stable outcome codes, for readers of reports and letters.

The codes are the specs' (illinois-crta.md §13.3, california-prop64.md §9); the wording here is
for analysts and for the people the records belong to.
"""

OUTCOME_MEANINGS = {
    "IL_AUTO_EXPUNGE_ARREST": "non-conviction record: automatic expungement by law enforcement, 20 ILCS 2630/5.2(i)(1)",
    "IL_PARDON_PATH": "minor cannabis conviction: pardon authorizing expungement, 20 ILCS 2630/5.2(i)(2)",
    "IL_VACATE_MOTION": "conviction: motion to vacate and expunge, 20 ILCS 2630/5.2(i)(3)",
    "IL_NOT_ELIGIBLE_CRTA": "cannabis record outside the CRTA paths (general 5.2 relief may apply)",
    "IL_NOT_CANNABIS": "not a cannabis offense",
    "IL_NO_FINAL_DISPOSITION": "case or count still open",
    "IL_MANUAL_REVIEW": "an open question decides the result: a person must review",
    "CA_DISMISS_AND_SEAL": "dismissal and sealing, HS 11361.8",
    "CA_REDESIGNATE_REDUCE": "redesignation to a lesser offense, HS 11361.8",
    "CA_RECALL_RESENTENCE": "recall and resentencing while serving, HS 11361.8(a)-(c)",
    "CA_NOT_ELIGIBLE": "no Prop 64 relief",
    "CA_NOT_PROP64": "not an HS 11357-11360 offense",
    "CA_COUNTY_DISMISS": "county policy dismisses (overlay only)",
    "CA_HAND_REVIEW": "a person must decide",
}

# What the letter tells a person happens next, per relief path. Worded as "may": not legal advice.
NEXT_STEPS = {
    "IL_AUTO_EXPUNGE_ARREST": (
        "Law enforcement agencies and the Illinois State Police must expunge the record of this arrest "
        "automatically. That duty does not reach the court file kept by the Clerk of the Circuit Court: "
        "you may petition the court to expunge it."
    ),
    "IL_PARDON_PATH": (
        "This conviction is for a minor cannabis offense. The Illinois State Police and the Prisoner "
        "Review Board review such convictions for a Governor's pardon that authorizes expungement; "
        "you do not need to apply to start that review."
    ),
    "IL_VACATE_MOTION": (
        "You, a legal aid organization on your behalf, or the State's Attorney may ask the court to "
        "vacate and expunge this conviction by motion."
    ),
    "CA_DISMISS_AND_SEAL": "The conviction may be dismissed and sealed by the court.",
    "CA_REDESIGNATE_REDUCE": "The conviction may be redesignated by the court as a lesser offense.",
    "CA_RECALL_RESENTENCE": "The sentence may be recalled and the person resentenced by the court.",
}

# How a letter names each relief path to the person it concerns.
PATH_LABELS = {
    "IL_AUTO_EXPUNGE_ARREST": "automatic expungement of the arrest record",
    "IL_PARDON_PATH": "pardon authorizing expungement",
    "IL_VACATE_MOTION": "motion to vacate and expunge",
    "CA_DISMISS_AND_SEAL": "dismissal and sealing",
    "CA_REDESIGNATE_REDUCE": "redesignation as a lesser offense",
    "CA_RECALL_RESENTENCE": "recall and resentencing",
}

MOTION_TITLES = {
    "IL_VACATE_MOTION": "Counts for a motion to vacate and expunge",
    "CA_DISMISS_AND_SEAL": "Counts for dismissal and sealing",
    "CA_REDESIGNATE_REDUCE": "Counts for redesignation",
    "CA_RECALL_RESENTENCE": "Counts for recall and resentencing",
}


def motion_title(paths: tuple[str, ...]) -> str:
    titles = [MOTION_TITLES.get(path, path) for path in paths]
    return titles[0] if len(titles) == 1 else "Counts for relief: " + ", ".join(paths)
