"""What a rule sees and what it answers, for one reading of one count."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eligibility.california.facts import Reading
from eligibility.california.sections import CodeSection

# Ranks for comparing a conviction with its AUMA equivalent (§4.1 step 6).
LEVEL_RANK = {"lawful": 0, "infraction": 1, "misdemeanor": 2, "felony": 3}


@dataclass(frozen=True)
class Assessment:
    """What the rules have established so far for one reading."""

    reading: Reading
    section: CodeSection | None
    # What the conduct would be under AUMA: lawful, infraction, misdemeanor or felony.
    auma_level: str | None = None
    # The AUMA form keeps a felony for disqualified persons: 11358(d), 11359(c)/(d), 11360(a)(3).
    felony_retention: bool = False


@dataclass(frozen=True)
class Finding:
    """A rule's answer: a short result for the trace and, when it decides, the outcome."""

    result: str
    facts: dict[str, Any] = field(default_factory=dict)
    outcome: str | None = None
    assessment: Assessment | None = None
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    remedy_citation: str | None = None
    exclusion: bool = False
