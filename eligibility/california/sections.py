"""Code-section normalisation (spec §5): what a charge's printed code section means.

The peers matched an unanchored `(11357|11358|11359|11360)`, which catches attempts
(`66411357(A) HS`) and wrong code letters (`11358 PC`) but also case numbers inside the charge text.
Here a section must stand alone, except behind the PC 664 attempt prefix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from models.records import Charge

PROP64_SECTIONS = ("11357", "11358", "11359", "11360")
LAWFUL_CONDUCT_SECTION = "11362.1"
ATTEMPT_PREFIX = "664"

# Written forms of the code names, folded to the two-letter form the records use.
_CODE_SPELLINGS = (
    ("HS", r"H\s*&\s*S\s*C?|H\s*/\s*S|HSC|HS"),
    ("BP", r"B\s*&\s*P\s*C?|BPC|BP"),
    ("WI", r"W\s*&\s*I\s*C?|WIC|WI"),
    ("PC", r"P\.\s*C\.?|PC"),
    ("VC", r"V\.\s*C\.?|VC"),
    ("MV", r"M\s*&\s*V\s*C?|MV"),
)
_CODE_RE = re.compile(
    "|".join(rf"(?P<{name}>(?<![A-Z]){spelling}(?![A-Z]))" for name, spelling in _CODE_SPELLINGS)
)
# A section number may carry a decimal part and a letter suffix (288A, 653F, 273AB), then
# parenthesised subsections. It must not continue a longer alphanumeric token.
_SECTION_RE = re.compile(
    r"(?<![0-9A-Z.])(?P<number>\d+(?:\.\d+)?)(?P<suffix>[A-Z]{1,2}(?![A-Z]))?"
    r"(?P<subs>(?:\s*\(\s*[0-9A-Z]{1,4}\s*\))*)"
)
_TOKEN_RE = re.compile(r"[0-9A-Z]+")
# Code letters glued to the number ("HS11359", "11357HS") are split off before parsing.
_GLUED_BEFORE_RE = re.compile(r"(?<![A-Z])(HSC|HS|PC|BP|VC|WI|MV)(?=\d)")
_GLUED_AFTER_RE = re.compile(r"(?<=\d)(HSC|HS|PC|BP|VC|WI|MV)(?![A-Z])")
_SUBSECTION_RE = re.compile(r"\(\s*([0-9A-Z]{1,4})\s*\)")


@dataclass(frozen=True)
class CodeSection:
    """One code section: `HS 11360(a)(3)(d)` is code HS, section 11360, subsections (a, 3, d)."""

    code: str | None
    section: str
    subsections: tuple[str, ...] = ()

    @property
    def normalised(self) -> str:
        subs = "".join(f"({s})" for s in self.subsections)
        return f"{self.code + ' ' if self.code else ''}{self.section}{subs}"

    @property
    def is_prop64(self) -> bool:
        return self.code == "HS" and self.section in PROP64_SECTIONS

    def starts_with(self, subsections: tuple[str, ...]) -> bool:
        return self.subsections[: len(subsections)] == subsections

    def is_code(self, code: str) -> bool:
        """A section printed without its code letters is taken to be of any code."""
        return self.code is None or self.code == code


SectionKind = Literal["prop64", "lawful_conduct", "other", "unrecognised"]


@dataclass(frozen=True)
class SectionReading:
    """What the charge's code section says, with the corrections made to read it."""

    kind: SectionKind
    section: CodeSection | None
    raw: str | None
    attempt: bool = False
    letters_corrected: bool = False

    @property
    def is_prop64(self) -> bool:
        return self.kind == "prop64"


def parse_subsections(text: str) -> tuple[str, ...]:
    return tuple(s.lower() for s in _SUBSECTION_RE.findall(text.upper()))


# Records repeat the same few hundred code texts; parsing each once keeps batches fast.
@lru_cache(maxsize=8192)
def find_code_sections(text: str) -> tuple[CodeSection, ...]:
    """Every code section written in `text`, each with the code letters printed next to it."""
    upper = _separate_glued_codes(text)
    codes = [(m.start(), m.end(), m.lastgroup) for m in _CODE_RE.finditer(upper)]
    matches = [m for m in _SECTION_RE.finditer(upper) if not _is_code_letters_only(m)]
    sections = []
    for index, match in enumerate(matches):
        gap_after_end = matches[index + 1].start() if index + 1 < len(matches) else len(upper)
        gap_before_start = matches[index - 1].end() if index else 0
        code = _nearest_code(codes, after=(match.end(), gap_after_end), before=(gap_before_start, match.start()))
        number = match.group("number") + (match.group("suffix") or "").lower()
        sections.append(CodeSection(code, number, parse_subsections(match.group("subs"))))
    return tuple(sections)


def read_section(charge: Charge) -> SectionReading:
    """The code section of a count, normalised as spec §5 says."""
    return read_section_text(charge.statute if charge.statute else charge.statute_text)


@lru_cache(maxsize=8192)
def read_section_text(raw: str | None) -> SectionReading:
    if not raw or not raw.strip():
        return SectionReading("unrecognised", None, raw)
    sections = find_code_sections(raw)
    has_attempt_token = any(s.section == ATTEMPT_PREFIX for s in sections)
    for found in sections:
        number = found.section
        attempt = has_attempt_token
        if number.startswith(ATTEMPT_PREFIX) and number[len(ATTEMPT_PREFIX) :] in PROP64_SECTIONS:
            number, attempt = number[len(ATTEMPT_PREFIX) :], True
        if number in PROP64_SECTIONS:
            corrected = found.code not in (None, "HS")
            return SectionReading(
                "prop64", CodeSection("HS", number, found.subsections), raw, attempt=attempt, letters_corrected=corrected
            )
    if _has_embedded_prop64_number(_separate_glued_codes(raw)):
        return SectionReading("unrecognised", None, raw)
    for found in sections:
        if found.section == LAWFUL_CONDUCT_SECTION:
            return SectionReading("lawful_conduct", CodeSection("HS", found.section, found.subsections), raw)
    meaningful = [s for s in sections if s.section != ATTEMPT_PREFIX]
    if meaningful:
        return SectionReading("other", meaningful[0], raw)
    return SectionReading("unrecognised", None, raw)


def _is_code_letters_only(match: re.Match[str]) -> bool:
    return not match.group("number")


def _nearest_code(codes: list[tuple[int, int, str | None]], *, after: tuple[int, int], before: tuple[int, int]) -> str | None:
    # The peers' records print the code after the number ("11357(A) HS"); statute citations
    # print it before ("HS 11357(a)"). The code right after wins, then the nearest before.
    for start, end, name in codes:
        if after[0] <= start and end <= after[1]:
            return name
    preceding = [name for start, end, name in codes if before[0] <= start and end <= before[1]]
    return preceding[-1] if preceding else None


def _separate_glued_codes(text: str) -> str:
    upper = text.upper()
    return _GLUED_AFTER_RE.sub(r" \1", _GLUED_BEFORE_RE.sub(r"\1 ", upper))


def _has_embedded_prop64_number(upper: str) -> bool:
    """A case or docket number such as 93C11357 contains a Prop 64 number without citing it."""
    for token in _TOKEN_RE.findall(upper):
        if token in PROP64_SECTIONS:
            continue
        if token.startswith(ATTEMPT_PREFIX) and token[len(ATTEMPT_PREFIX) :] in PROP64_SECTIONS:
            continue
        if any(section in token for section in PROP64_SECTIONS):
            return True
    return False
