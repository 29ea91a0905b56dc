"""(i)(2): Minor Cannabis Offense convictions go to the Prisoner Review Board for pardon (spec §5.2)."""

from __future__ import annotations

RULE_ID = "pardon"
CITATION = "20 ILCS 2630/5.2(i)(2)"
SUMMARY = (
    "Every MCO conviction takes the pardon path (ISP -> Prisoner Review Board -> Governor -> Attorney "
    "General's expungement petition); the State's Attorney may object to Class 4 felonies."
)
EVIDENCE = "secondary"


def pardon_path(mco: bool, conviction: bool) -> bool:
    return mco and conviction


def pardon_notes(offense_class: str | None) -> tuple[str, ...]:
    return ("sa_may_object_class4",) if offense_class == "4" else ()
