"""Which Act and section a count violates (spec §9 citations, §9.5 charge text)."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from eligibility.illinois.rules.violent_crime import UNCLEAR, classify_cocharge
from eligibility.illinois.statutes import CCA, DRUG_ACTS, OTHER, UNKNOWN, classify_text, mentions_cannabis, parse_statute

RULE_ID = "citation"
CITATION = "720 ILCS 550/4, 550/5 (ch. 56 1/2, pars. 704, 705)"
SUMMARY = (
    "A count is read by its normalized citation; charge text completes only a citation that could "
    "not be read, and a citation and text naming different drug Acts give both readings."
)
EVIDENCE = "secondary"


class CitationReading(NamedTuple):
    act: str
    section: str | None
    subsection: str | None
    source: str  # citation | text | none


@lru_cache(maxsize=16384)
def read_citation(
    statute: str | None, statute_text: str | None, description: str | None
) -> tuple[tuple[CitationReading, ...], str | None, str | None]:
    """Returns (readings, readings reason, blocking reason)."""
    cited = parse_statute(statute) if statute else None
    from_text = classify_text(description) if description else None
    if cited is None and from_text is None and statute_text:
        from_text = classify_text(statute_text)
    if cited is not None:
        reading = CitationReading(cited.act, cited.section, cited.subsection, "citation")
        if (
            from_text is not None
            and cited.act != from_text.act
            and cited.act in DRUG_ACTS
            and from_text.act in DRUG_ACTS
            and CCA in (cited.act, from_text.act)
        ):
            # OCR confuses 550 and 570 (§9.4 hazard 3): neither reading is taken on trust.
            other = CitationReading(from_text.act, from_text.section, None, "text")
            return (reading, other), "R_CITATION_TEXT_CONFLICT", None
        return (reading,), None, None
    if from_text is not None:
        return (CitationReading(from_text.act, from_text.section, None, "text"),), None, None
    if description and not mentions_cannabis(description) and classify_cocharge(None, description, None) != UNCLEAR:
        # Text naming another offense ("AGG BATTERY", "THEFT") is no cannabis charge.
        return (CitationReading(OTHER, None, None, "text"),), None, None
    return (CitationReading(UNKNOWN, None, None, "none"),), None, "R_CITATION_UNPARSED"
