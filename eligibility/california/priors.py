"""Which earlier convictions count as "prior" to the evaluated one (spec §2.4, §4.3; K3).

Default reading: a conviction in another case disposed strictly before the evaluated
conviction's disposition date (People v. Smit: the same case is never prior). A prior disposed
after the evaluated offense but before its disposition, or one that cannot be dated, is a timing
question for a person; an undated one is presumed not to disqualify (HS 11361.8 presumption).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eligibility.california.facts import CountContext, read_value
from eligibility.california.person import Conviction


@dataclass(frozen=True)
class Priors:
    counted: tuple[Conviction, ...]
    undated: tuple[Conviction, ...]
    timing_unclear: bool

    @property
    def events(self) -> set[str]:
        return {c.event for c in self.counted}

    def facts(self) -> dict[str, object]:
        return {
            "prior_dispositions": sorted(c.disposition_date.isoformat() for c in self.counted if c.disposition_date),
            "undated_candidates": len(self.undated),
            "reference_date": "evaluated disposition_date",
        }


def find_priors(count: CountContext, qualifies: Callable[[Conviction], bool]) -> Priors:
    disposed = count.charge.disposition_date
    offense = count.charge.offense_date
    # Dates read with a low confidence are used as read, but cannot settle the timing.
    dates_uncertain = any(
        read_value(count, count.path(name), getattr(count.charge, name)).uncertainty == "low_confidence"
        for name in ("disposition_date", "offense_date")
    )
    counted, undated, unclear = [], [], False
    for conviction in count.person.in_other_events(count.event):
        if not qualifies(conviction):
            continue
        unclear = unclear or dates_uncertain
        if disposed is None or conviction.disposition_date is None:
            undated.append(conviction)
            unclear = True
        elif conviction.disposition_date < disposed:
            counted.append(conviction)
            if offense is not None and conviction.disposition_date >= offense:
                unclear = True
    return Priors(tuple(counted), tuple(undated), unclear)
