"""County policy overlays: named prosecutor practices that add policy flags only (spec §12).

An overlay never changes an outcome, a relief path, MCO status or needs_review: the statutory
result is computed first and stays as it is.
"""

from __future__ import annotations

from eligibility.illinois.count import CountOutcome
from eligibility.illinois.rules.disposition import conviction_status
from eligibility.illinois.rules.violent_crime import VIOLENT, VIOLENT_IF_FACTS
from eligibility.illinois.statutes import FELONY, MCO_MAX_GRAMS, level_of, normalize_class
from models.records import Charge

STATUTORY = "statutory"
CCSAO_STYLE = "ccsao_style"
MCHENRY_STYLE = "mchenry_style"
WILL_STYLE = "will_style"
POLICIES = (STATUTORY, CCSAO_STYLE, MCHENRY_STYLE, WILL_STYLE)

# §12.1: the classes of the CCSAO's public criteria ("Class A misdemeanor, Class B misdemeanor, Class 4 felony").
CCSAO_LISTED_CLASSES = frozenset({"A", "B", "4"})
POSSESSION_SECTIONS = frozenset({"4"})
CANNABIS_SECTIONS = frozenset({"4", "5", "6"})


def overlay_flags(
    policy: str, counts: list[CountOutcome], charges: tuple[Charge, ...], cocharge_classes: list[str]
) -> tuple[str, ...]:
    """The flags `policy` adds to a case whose counts were decided under the statute.

    Flags are descriptive: which of this case's convictions a prosecutor following that practice
    would skip. They are raised only for cases with a cannabis conviction.
    """
    if policy == STATUTORY:
        return ()
    convictions = [c for c in counts if c.cca and c.section in CANNABIS_SECTIONS and c.conviction is not False]
    if not convictions:
        return ()
    flags: list[str] = []

    def raise_flag(flag: str) -> None:
        if flag not in flags:
            flags.append(flag)

    levels = [level_of(normalize_class(c.offense_class)) if c.offense_class else None for c in charges]
    convicted = [conviction_status(c.disposition, c.sentence_kind) is True for c in charges]
    for count in convictions:
        others = [c for c in counts if c is not count]
        other_indexes = [i for i, c in enumerate(counts) if c is not count]
        if policy == CCSAO_STYLE:
            if any(not (o.cca and o.section in ("4", "5")) for o in others):
                raise_flag("ccsao_not_standalone")
            if any(convicted[i] for i in other_indexes):
                raise_flag("ccsao_other_conviction_in_case")
            if count.section == "4":
                if count.offense_class not in CCSAO_LISTED_CLASSES:
                    raise_flag("ccsao_class_not_listed")
                if count.max_grams is None or count.max_grams > MCO_MAX_GRAMS:
                    raise_flag("ccsao_amount_not_listed")
            if count.section in ("5", "6"):
                raise_flag("ccsao_delivery_not_listed")
        elif policy == MCHENRY_STYLE:
            if count.section in ("5", "6"):
                raise_flag("mchenry_delivery_not_listed")
            if level_of(count.offense_class) != "misdemeanor":
                raise_flag("mchenry_not_misdemeanor")
            if any(levels[i] == FELONY for i in other_indexes):
                raise_flag("mchenry_felony_cocharge")
            if any(cocharge_classes[i] in (VIOLENT, VIOLENT_IF_FACTS) for i in other_indexes):
                raise_flag("mchenry_violent_cocharge")
        elif policy == WILL_STYLE:
            if count.section in ("5", "6"):
                raise_flag("will_delivery_not_listed")
    return tuple(flags)
