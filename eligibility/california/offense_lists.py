"""The offense lists the rules look up (spec §4.4, §5.1).

Super-strike and PC 290 lists are the peer implementation's [verified as code: C15
`data/code_section_matchers.go`]; their legal completeness is unverified. Where the spec names
subdivisions, only those match; "plain" means the section printed with no subdivision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eligibility.california.sections import CodeSection

ANY = None


@dataclass(frozen=True)
class ListedOffense:
    code: str
    section: str
    # ANY: every subdivision; otherwise the subdivision prefixes that match, () meaning plain.
    subsections: tuple[tuple[str, ...], ...] | None = ANY
    # Also match decimal sub-sections (190 → 190.05, 190.2 …).
    with_decimals: bool = False

    def matches(self, found: CodeSection) -> bool:
        if not found.is_code(self.code):
            return False
        same_section = found.section == self.section or (
            self.with_decimals and found.section.startswith(self.section + ".")
        )
        if not same_section:
            return False
        if self.subsections is ANY:
            return True
        return any(found.subsections == subs if not subs else found.starts_with(subs) for subs in self.subsections)


def _pc(section: str, *subsections: tuple[str, ...], decimals: bool = False) -> ListedOffense:
    return ListedOffense("PC", section, tuple(subsections) if subsections else ANY, decimals)


PLAIN: tuple[str, ...] = ()

SUPER_STRIKES = (
    _pc("37"), _pc("128"), _pc("187"), _pc("188"), _pc("189"), _pc("189.1"), _pc("189.5"),
    _pc("190", decimals=True), _pc("191"), _pc("191.5"), _pc("205"), _pc("207"), _pc("209"), _pc("209.5"),
    _pc("217.1"), _pc("218"), _pc("219"), _pc("220"), _pc("245", ("d", "3")), _pc("261"), _pc("262"),
    _pc("264.1"), _pc("269"), _pc("273ab"),
    _pc("286", PLAIN, ("c", "1"), ("c", "2"), ("c", "3"), ("d", "1"), ("d", "2"), ("d", "3")),
    _pc("287"),
    _pc("288", PLAIN, ("a",), ("b", "1"), ("b", "2")),
    _pc("288a", PLAIN, ("c", "1"), ("c", "2", "a"), ("c", "2", "b"), ("c", "2", "c"), ("d",)),
    _pc("288.5", PLAIN, ("a",)),
    _pc("289", PLAIN, ("a", "1", "a"), ("a", "1", "b"), ("a", "1", "c"), ("a", "2", "c"), ("j",)),
    _pc("451.5"), _pc("653f"), _pc("667.61"), _pc("667.7"), _pc("667.71"), _pc("4500"),
    _pc("11418", ("a", "1"), ("b", "1"), ("b", "2")),
    _pc("12308"), _pc("12310"), _pc("18745"), _pc("18755"),
    ListedOffense("MV", "1672", (("a",),)),
)

# A super strike also when convicted together with the gang enhancement PC 186.22(b)(4).
GANG_ENHANCEABLE = (_pc("136.1"), _pc("215"), _pc("213", ("a", "1", "a")), _pc("246"), _pc("519"), _pc("12022.55"))
GANG_ENHANCEMENT = _pc("186.22", ("b", "4"))

PC290_OFFENSES = (
    _pc("236.1", ("b",), ("c",)), _pc("243.4"), _pc("261"), _pc("262", ("a",)), _pc("264.1"), _pc("266"),
    _pc("266c"), _pc("266h", ("b",)), _pc("266i", ("b",)), _pc("266j"), _pc("267"), _pc("269"), _pc("272"),
    _pc("285"), _pc("286"), _pc("287"), _pc("288"), _pc("288a"), _pc("288.2"), _pc("288.3"), _pc("288.4"),
    _pc("288.5"), _pc("288.7"), _pc("289"), _pc("311.1"), _pc("311.2", ("b",), ("c",), ("d",)), _pc("311.3"),
    _pc("311.4"), _pc("311.10"), _pc("311.11"), _pc("314", ("1",), ("2",)), _pc("451.5"), _pc("647.6"),
    _pc("647a"), _pc("653f", ("b",), ("c",)),
)

# Charges the San Joaquin and Contra Costa flows treat as related to Prop 64 [verified: C15 regex].
RELATED_CHARGES = (
    _pc("647", ("f",)), _pc("602"), _pc("466"), _pc("148.9"), _pc("148"),
    ListedOffense("HS", "11364"), ListedOffense("HS", "11550"),
    ListedOffense("BP", "4140"), ListedOffense("BP", "4149"), ListedOffense("BP", "4060"),
    ListedOffense("VC", "40508"), _pc("1320"),
)

# Codes a Prop 64 charge may have been pleaded down to [verified: C23 plea_bargain_classifier].
PLEA_BARGAIN_CODES = (_pc("32"), ListedOffense("HS", "11364"), ListedOffense("HS", "11366"))


def matches_any(found: CodeSection | None, offenses: Iterable[ListedOffense]) -> bool:
    return found is not None and any(offense.matches(found) for offense in offenses)


@lru_cache(maxsize=8192)
def _is_listed_super_strike(found: CodeSection) -> bool:
    return matches_any(found, SUPER_STRIKES)


@lru_cache(maxsize=8192)
def _is_listed_pc290(found: CodeSection) -> bool:
    return matches_any(found, PC290_OFFENSES)


def is_super_strike(sections_of_count: Sequence[CodeSection], sections_of_case: Sequence[CodeSection]) -> bool:
    """A listed super strike, or an enhanceable offense with 186.22(b)(4) in the same case."""
    if any(_is_listed_super_strike(s) for s in sections_of_count):
        return True
    enhanceable = any(matches_any(s, GANG_ENHANCEABLE) for s in sections_of_count)
    return enhanceable and any(GANG_ENHANCEMENT.matches(s) for s in sections_of_case)


def is_pc290_offense(sections_of_count: Sequence[CodeSection]) -> bool:
    return any(_is_listed_pc290(s) for s in sections_of_count)
