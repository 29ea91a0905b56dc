"""Association with a violent crime defeats Minor Cannabis Offense status (spec §4)."""

from __future__ import annotations

import re
from functools import lru_cache

from eligibility.illinois.statutes import CRIM_CODE, DRUG_ACTS, FELONY, IVC, level_of, normalize_class, parse_statute

RULE_ID = "violent_crime"
CITATION = "725 ILCS 120/3(c)"
SUMMARY = (
    "A violent-crime arrest, conviction or other disposition in the same case (whatever its outcome) "
    "defeats MCO status; an unclear co-charge, or a violent charge in another case on the same "
    "date, gives both readings; a co-charged simple battery is not violent but is flagged."
)
EVIDENCE = "verified"

VIOLENT = "VIOLENT"
VIOLENT_IF_FACTS = "VIOLENT_IF_FACTS"
NOT_VIOLENT_FLAG = "NOT_VIOLENT_FLAG"
NOT_VIOLENT = "NOT_VIOLENT"
UNCLEAR = "UNKNOWN"

# The engine's reading of the definition (spec §4.2 examples; unverified as a classification).
_VIOLENT_TEXT = re.compile(
    r"(?i)MURDER|\bROBB|HOME\s+INV|KIDNAP|HIJACK|SEX(?:UAL)?\s*(?:ASS|ABUSE)|CRIM(?:INAL)?\s+SEX|CHILD\s+PORN"
    r"|\bAGG(?:RAVATED|\.)?\s+BAT|\bAGG(?:RAVATED|\.)?\s+DISCH|DOM(?:ESTIC|\.)?\s*BAT|ORDER\s+OF\s+PROT|\bVOOP\b"
    r"|\bVIOL\w*\s+(?:OF\s+)?O\.?\s*P\b|STALK|MANSL|RECKLESS\s+HOMICIDE|HOMICIDE"
)
_INJURY_TEXT = re.compile(r"(?i)INJUR|\bGBH\b|GREAT\s+BODILY|DEATH|\bHARM\b")
_IF_FACTS_TEXT = re.compile(r"(?i)\bAGG(?:RAVATED|\.)?\s+ASS|MOB\s+ACTION|PROSTITUT|SOLICIT|PANDER|PIMP")
# Sexual-conduct offenses are violent-if-facts whatever their class (§4.1 item 2).
_SEXUAL_CONDUCT_TEXT = re.compile(r"(?i)PROSTITUT|SOLICIT|PANDER|PIMP")
_BATTERY_TEXT = re.compile(r"(?i)\bBAT(?:TERY|T)?\b")
_NOT_VIOLENT_TEXT = re.compile(
    r"(?i)ASSAULT|THEFT|BURG|TRESP|\bTRES\b|DAMAGE|\bDMG\b|\bCRIM\w*\s+DAM|DISORDERLY|\bDIS\.?\s*CON\b|RESIST|OBSTRUCT|\bU\.?U\.?W\b|AUUW"
    r"|UNLAWFUL\s+USE|WEAPON|GAMBL|CANN|MARIJ|\bPOC\b|\bPCS\b|CONT\w*\s+SUB|PARA(?:PHERNALIA)?\b|\bDUI\b"
    r"|DRIV|TRAFFIC|SPEED|LICENSE|\bDWLS\b|NARC|HEROIN|COCAINE|DRUG"
)
# Criminal Code sections the spec names (§4.1, §4.2, §10 row 6).
_VIOLENT_SECTIONS = frozenset({"12-3.2", "11-20.1", "11-20.3", "11-23.5", "9-3"})
_SIMPLE_BATTERY = "12-3"
_NOT_VIOLENT_SECTIONS = frozenset({"24-1.6"})


@lru_cache(maxsize=16384)
def classify_cocharge(statute: str | None, description: str | None, offense_class: str | None) -> str:
    """VIOLENT, VIOLENT_IF_FACTS, NOT_VIOLENT_FLAG, NOT_VIOLENT or UNKNOWN (spec §4.2)."""
    cited = parse_statute(statute) if statute else None
    text = description or ""
    level = level_of(normalize_class(offense_class)) if offense_class else None
    injury = bool(_INJURY_TEXT.search(text))
    if cited is not None and cited.act in DRUG_ACTS:
        return NOT_VIOLENT
    if cited is not None and cited.act == IVC:
        return VIOLENT_IF_FACTS if injury else NOT_VIOLENT
    if cited is not None and cited.act == CRIM_CODE:
        if cited.section in _VIOLENT_SECTIONS:
            return VIOLENT
        if cited.section == _SIMPLE_BATTERY:
            return VIOLENT_IF_FACTS if injury else NOT_VIOLENT_FLAG
        if cited.section in _NOT_VIOLENT_SECTIONS:
            return NOT_VIOLENT
    if not text.strip():
        return UNCLEAR
    if _VIOLENT_TEXT.search(text):
        return VIOLENT
    if _IF_FACTS_TEXT.search(text):
        if level is not None and level != FELONY and not _SEXUAL_CONDUCT_TEXT.search(text):
            return NOT_VIOLENT
        return VIOLENT_IF_FACTS
    if injury:
        return VIOLENT_IF_FACTS
    if _BATTERY_TEXT.search(text):
        return NOT_VIOLENT_FLAG
    if _NOT_VIOLENT_TEXT.search(text):
        return NOT_VIOLENT
    return UNCLEAR


def violent_readings(cocharge_classes: tuple[str, ...], same_date_violence: bool) -> tuple[tuple[bool, ...], str | None, str | None]:
    """Returns (readings of "associated with a violent crime", readings reason, flag)."""
    flag = "R_SIMPLE_BATTERY_COCHARGE" if NOT_VIOLENT_FLAG in cocharge_classes else None
    if VIOLENT in cocharge_classes:
        return (True,), None, flag
    if VIOLENT_IF_FACTS in cocharge_classes or UNCLEAR in cocharge_classes:
        return (False, True), "R_VIOLENT_COCHARGE_UNCLEAR", flag
    if same_date_violence:
        return (False, True), "R_ASSOCIATION_SCOPE", flag
    return (False,), None, flag
