"""Statute citations of every era read into the canonical ILCS form (spec §9).

`Ill. Rev. Stat. 1987, ch. 56 1/2, par. 704(c)`, `CH56.5 PAR704-C`, `720 ILCS 550/4(c)`,
`720-550/4(C)` and `CCA 4(c)` all become `720 ILCS 550/4(c)`. Charge text without a citation
(`POSS CANN`) gives the section only. The collision hazards of §9.4 are kept: a paragraph 14xx is
the Controlled Substances Act, never cannabis; text never upgrades a cited non-CCA Act to the CCA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations

from rapidfuzz import fuzz, process

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import DIGIT_LOOKALIKES, clean_spaces, repair_digits, zero_variants
from extract.vocabulary import compiled_patterns, statute_table

# (ILCS chapter, act number) → act code of spec §9.3.
ACTS = {
    ("720", "550"): "CCA",
    ("720", "570"): "ICSA",
    ("720", "600"): "DPCA",
    ("625", "5"): "IVC",
    ("720", "5"): "CRIM_CODE",
    ("730", "5"): "UCC",
    ("20", "2630"): "CIA",
    ("725", "120"): "RCVWA",
    ("35", "520"): "CCSTA",
}
CCA = ("720", "550")
ICSA = ("720", "570")

# Sections known beyond the CCA table; OCR-damaged numbers are repaired only towards these.
_OTHER_KNOWN_SECTIONS = {
    ICSA: ("401", "402", "404", "407", "410"),
    ("720", "600"): ("3.5",),
    ("625", "5"): ("11-501", "6-303"),
    ("720", "5"): ("12-3", "12-3.2", "24-1.6"),
}
# Codes that number every section Article-Section ("5/12-3", "5/11-501"): a section read without
# a dash lost it.
_DASHED_CODES = frozenset({("720", "5"), ("625", "5")})
_CANNABIS_WORDS = re.compile(r"(?i)CANN|MARIJ|MARIH")
_SUBSECTION = re.compile(r"\(\s*([A-Za-z0-9]{1,4})\s*\)|-([A-Za-z0-9]{1,3})")
# A subsection whose closing parenthesis OCR lost, right after a matched citation: "704(c",
# or "704(6" with the letter read as a digit too (mapped by _SUBSECTION_DIGITS below).
_TRAILING_OPEN_SUBSECTION = re.compile(r"^\s*\(\s*([A-Ga-g]|[345680](?!\d))\b")
# A subsection parted from its section by a speck or a space: "$704! (D)", "704- A".
_PARTED_SUBSECTION = re.compile(r"^(?:[^\s\w]{1,2}\s*\(\s*([A-Ga-g])\s*\)|-\s+([A-Ga-g])(?!\w))")
# Subsection letters OCR reads as digits: A as 4, B as 8, 6, 5 or 3, D as 0.
_SUBSECTION_DIGITS = {"4": "a", "8": "b", "6": "b", "5": "b", "3": "b", "0": "d"}
_OPENING = re.compile(r"[\[{\\](?=[A-Za-z0-9]{1,3}\s*[\])}])")
# "704[(A)": a speck read as a bracket in front of the real one.
_SPECK_BEFORE_BRACKET = re.compile(r"[\[{](?=\()")
_CLOSING = re.compile(r"(?<=\([A-Za-z0-9])[\]}]|(?<=\([A-Za-z0-9]{2})[\]}]")


# "3.5fa)", "4ic)", "402 tc)": the opening bracket of "(a)" read as an f, i or t ("4fab": both brackets).
_F_FOR_BRACKET = re.compile(r"(?<=\d)(\s?)[fit]([a-g])(?:\)|b(?=\s|$))")
# "704 f(a)": a speck before a subsection's bracket read as a letter.
_LETTER_BEFORE_BRACKET = re.compile(r"(?<=\d)(\s?)[fit](?=\([A-Ga-g]\))")
# "(0)": a d whose stem faded; no statute numbers a subsection 0.
_ZERO_SUBSECTION = re.compile(r"\(0\)")
# "=6720-550/4-A", "=6CH 56 1/2": a speck read as "=" and a digit glued to the front of an ILCS
# chapter or of "CH".
_SPECK_BEFORE_CHAPTER = re.compile(r"^=+\d?(?=(?:625|720|730)-\d|(?i:ch)\b)")
# "600/3 .5(a)": the point of a section number spaced off on fixed-pitch print, read as the
# start of a word of its own.
_SPLIT_SECTION = re.compile(r"(?<=/\d)\s+(?=\.\d)|(?<=/\d\d)\s+(?=\.\d)")


def _subsection_brackets(text: str) -> str:
    """"[a)", "(c]", "{b}": subsection brackets OCR read as square or curly ones."""
    return _CLOSING.sub(")", _OPENING.sub("(", _SPECK_BEFORE_BRACKET.sub("", text)))


# "720-5/26=1": the dash of a section number between two digits read as "=" or "~" (seed 7685,
# which went out as section 26 at 0.99).
_MARK_FOR_DASH = re.compile(r"(?<=\d)[=~](?=\d)")


def _clear_specks(text: str) -> str:
    """"fa)", "f(a)", "4ic)", "(0)", "705=-D", "56~-1/2", "3 .5", "26=1": a bracket read as a
    letter, a speck read as one, a faded d, specks, a split section number, a dash read as a mark."""
    text = _SPECK_BEFORE_CHAPTER.sub("", _F_FOR_BRACKET.sub(r"\1(\2)", _LETTER_BEFORE_BRACKET.sub(r"\1", text)))
    text = _MARK_FOR_DASH.sub("-", text)
    return _SPLIT_SECTION.sub("", _ZERO_SUBSECTION.sub("(d)", text.replace("=-", "-").replace("~", "")))


# A dot-matrix 6 read as G inside a number: "G00/3.5" (600/3.5), "5G-1/2" (56-1/2).
_G_FOR_SIX = re.compile(r"(?<![A-Za-z])G(?=\d{2}\s*/)|(?<=\b5)G(?=\s*[-<]?\s*1\s*/\s*2)")
# "(CA 5.2" or "CGA 5": the Cannabis Control Act's initials with one of them misread.
_GARBLED_CCA = re.compile(r"(?:(?<=\s)|^)[(C][CG]?A(?=\s+\d)")


# "$70/402", "$50/5", "720 $/31-1": the 5 of an act number read as a dollar sign ("570", "550",
# the Criminal Code's 5; the demo's rap sheet).
_DOLLAR_FOR_FIVE = re.compile(r"\$(?=[05]0\s*/|/)")
# "600/3,5(a)": the point of a section number read as a comma.
_COMMA_IN_SECTION = re.compile(r"(?<=/\d),(?=\d)")
# "1.1.C.S.", "T.L.C.S8.", "1.L.0.5.", "1,4.C.S.": I.L.C.S. with its letters misread, or a speck read as one more.
_GARBLED_ILCS = re.compile(r"(?<=\d\s)[I1l|T][.,]\s?[1Il|L4][.,]\s?[C0O][.,]\s?[S58$]{1,2}[.,]{0,2}")
# "par. 1L-501": the second 1 of a vehicle-code paragraph read as an L.
_L_FOR_ONE = re.compile(r"(?<=\b1)L(?=-\d)")
# "par, 1LL-SOl(a)": a paragraph number read mostly as look-alike letters; after "par" only a
# number can stand, so every look-alike in it is read back as its digit.
_PARAGRAPH_LOOKALIKES = {**DIGIT_LOOKALIKES, ord("L"): "1"}
_LETTERED_PARAGRAPH = re.compile(r"(?i)(?<=\bpar)([.,]?\s*)([0-9OoQlIi|SsBZz]+(?:-[0-9OoQlIi|SsBZz]+)+)(?=[\s(]|$)")
# "56 1,'2": the slash of a half read as a comma and a quote.
_GARBLED_HALF = re.compile(r"(?<=\b56\s)1\s?[,'’]{1,2}\s?2\b")
# "1/2,-par.": a speck between the chapter's comma and "par".
_DASH_BEFORE_PAR = re.compile(r"(?i),-(?=\s?par\b)")
# "720-5/12%3.2": the dash of a Criminal Code section read as a percent sign.
_PERCENT_FOR_DASH = re.compile(r"(?<=/\d)%(?=\d)|(?<=/\d\d)%(?=\d)")
# "SEC 4CA)": the opening bracket of a subsection read as a C.
_C_FOR_BRACKET = re.compile(r"(?<=\b\d)C([A-Ga-g])\)")
# "CH 56-1/2 FAR 705(C)": the P of PAR read as an F, between a chapter and its paragraph.
_F_FOR_P_OF_PAR = re.compile(r"(?i)(?<=\d\s)F(?=AR[.,]?\s*\d)")


def _repair_letters(text: str) -> str:
    text = _GARBLED_ILCS.sub("ILCS", _COMMA_IN_SECTION.sub(".", _DOLLAR_FOR_FIVE.sub("5", _L_FOR_ONE.sub("1", text))))
    text = _LETTERED_PARAGRAPH.sub(lambda m: m.group(1) + m.group(2).translate(_PARAGRAPH_LOOKALIKES), text)
    text = _PERCENT_FOR_DASH.sub("-", _DASH_BEFORE_PAR.sub(", ", _GARBLED_HALF.sub("1/2", text)))
    text = _F_FOR_P_OF_PAR.sub("P", text)
    return _C_FOR_BRACKET.sub(r"(\1)", _GARBLED_CCA.sub("CCA", _G_FOR_SIX.sub("6", text)))


# "PAR 7TO4", "7O04", "7@4": a dot-matrix paragraph number with specks read as letters.
_SPECKLED_PARAGRAPH = re.compile(r"(?i)(?<=PAR)([.,]?\s*)(7[0-9OTQ@D]{2,4}|1[0-9OTQ@D]{3,5})(?=[\s(\-]|$)")


def _despeckle_paragraph(text: str) -> str:
    def clean(match: re.Match[str]) -> str:
        digits = re.sub(r"[T]", "", match.group(2).upper())
        digits = re.sub(r"[OQ@D]", "0", digits)
        if digits.startswith("7") and len(digits) == 4 and digits[1:3] == "00":
            digits = digits[0] + digits[2:]
        elif digits.startswith("14") and len(digits) == 5 and digits[2:4] == "00":
            # "14002": the zero of 1402 read twice.
            digits = digits[:2] + digits[3:]
        return match.group(1) + digits

    return _SPECKLED_PARAGRAPH.sub(clean, text.replace("=-", "-"))

EXACT_SCORE = 1.0
REPAIR_SCORE = 0.85
TEXT_ONLY_SCORE = 0.9
CONFLICT_SCORE = 0.5
NO_CITATION_SCORE = 0.9
FUZZY_CUTOFF = 80.0
SECTION_CUTOFF = 66.0


@dataclass(frozen=True)
class Citation:
    """A citation parsed to (act, section, subsections), with the form it was printed in."""

    chapter: str
    act_number: str
    section: str
    subsections: tuple[str, ...] = ()
    form: str = "ilcs"

    @property
    def act(self) -> str | None:
        return ACTS.get((self.chapter, self.act_number))

    @property
    def is_cca(self) -> bool:
        return (self.chapter, self.act_number) == CCA

    @property
    def canonical(self) -> str:
        subs = "".join(f"({s})" for s in self.subsections)
        return f"{self.chapter} ILCS {self.act_number}/{self.section}{subs}"


@dataclass(frozen=True)
class ChargeTextMatch:
    """What a charge description says the offense is (spec §9.5); `repaired` when it was read
    only after OCR-confused letters of its words were read back."""

    pattern: str
    act: str
    section: str | None
    cca: bool
    repaired: bool = False

    @property
    def citation(self) -> Citation | None:
        if self.act == "CCA" and self.section:
            return Citation("720", "550", self.section, form="charge_text")
        if self.act == "ICSA":
            return Citation("720", "570", self.section or "402", form="charge_text")
        if self.act == "IVC":
            return Citation("625", "5", self.section or "11-501", form="charge_text")
        if self.act == "DPCA":
            return Citation("720", "600", self.section or "3.5", form="charge_text")
        return None


def mentions_cannabis(text: str | None) -> bool:
    return bool(text and _CANNABIS_WORDS.search(text))


# Words of the charge-text patterns, and the letter pairs Tesseract confuses on worn or
# dot-matrix print: a charge word one such letter away ("BOSS CANN", "DEI CANN") is read back.
_CHARGE_WORDS = frozenset(
    "POSS POSSESSION CANN CANNABIS DEL DELIVERY MFG MAN CASUAL SCHOOL GRNDS CONT CONTROLLED SUB SUBSTANCE DRUG PARA PARAPHERNALIA PWID PCANN PCS UPCS DUI".split()
)
_CONFUSED_LETTERS = frozenset(
    frozenset(pair) for pair in ("BP", "OD", "OQ", "O0", "S5", "I1", "L1", "IL", "EF", "CG", "HN", "MN", "UV", "RP", "AR")
)


def _charge_word(token: str) -> str:
    letters = re.sub(r"^[^A-Z0-9]+|[^A-Z0-9]+$", "", token.upper())
    if letters in _CHARGE_WORDS or len(letters) < 3:
        return token if letters not in _CHARGE_WORDS else letters
    for word in _CHARGE_WORDS:
        if len(word) == len(letters):
            differences = [frozenset((a, b)) for a, b in zip(word, letters) if a != b]
            if len(differences) == 1 and differences[0] in _CONFUSED_LETTERS:
                return word
    # "=ODEL": a speck before the word read as a letter.
    if len(letters) >= 4 and letters[1:] in _CHARGE_WORDS:
        return letters[1:]
    return token


def repair_charge_words(text: str) -> str:
    """The description with each word one confused letter (or a leading speck) from a charge word
    read as that word (`OUI-DRUGS` is `DUI-DRUGS`); other words are left as printed."""
    return " ".join("".join(_charge_word(part) for part in re.split(r"([-/])", token)) for token in text.split())


def _match_charge_text(text: str) -> tuple[dict, str] | None:
    for row, pattern in compiled_patterns("charge_text"):
        if pattern.search(text):
            section = row.get("section")
            if row["act"] == "ICSA":
                # Delivery or intent forms are §401; plain possession (PCS) is §402.
                section = "401" if re.search(r"(?i)W/?\s*INT|\bDCS\b|MFG|DEL", text) else "402"
            return row, section
    return None


def classify_charge_text(text: str | None) -> ChargeTextMatch | None:
    """The first §9.5 charge-text pattern the description matches, in the spec's order; failing
    that, the first the description matches once its OCR-confused charge words are read back."""
    if not text:
        return None
    found = _match_charge_text(text)
    repaired = False
    if found is None:
        repaired_text = repair_charge_words(text)
        found = _match_charge_text(repaired_text) if repaired_text != text else None
        repaired = True
    if found is None:
        return None
    row, section = found
    return ChargeTextMatch(row["id"], row["act"], section, bool(row["cca"]), repaired)


@cache
def known_cca_statutes() -> tuple[str, ...]:
    """Every CCA citation of the statute table, with and without subsection."""
    keys = set(statute_table()["statutes"])
    keys.update({"720 ILCS 550/4", "720 ILCS 550/5"})
    return tuple(sorted(keys))


@cache
def known_statutes() -> tuple[str, ...]:
    """Canonical citations the normalizer can repair towards (CCA and the look-alike Acts)."""
    others = [
        f"{chapter} ILCS {number}/{section}"
        for (chapter, number), sections in _OTHER_KNOWN_SECTIONS.items()
        for section in sections
    ]
    return known_cca_statutes() + tuple(others)


def _subsections(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The subsections of a citation's tail, and the repair note when one was cut to its letter."""
    subs, notes = [], ()
    for paren, dash in _SUBSECTION.findall(raw or ""):
        sub = (paren or dash).lower()
        # Statutes letter their subsections singly; "(DB)" is "(D)" with a speck read as a
        # letter, but "(ad)" may as well be "(d)": a guess either way.
        if sub.isalpha() and len(sub) > 1 and sub not in ("ii", "iii", "iv", "vi"):
            sub, notes = sub[0], ("citation_repaired",)
        subs.append(sub)
    return tuple(subs), notes


def _paragraph_citation(chapter: str, half: bool, paragraph: str, subs: tuple[str, ...], cannabis: bool) -> tuple[Citation | None, tuple[str, ...]]:
    """Map an Ill. Rev. Stat. chapter and paragraph to its ILCS citation (spec §9.3)."""
    notes: tuple[str, ...] = ()
    par_to_section = statute_table()["cca_par_to_section"]
    # A citation ending its sentence ("PAR. 31-1."): sections hold dots ("3.5"), never at the end.
    paragraph = paragraph.rstrip(".")
    if half and len(chapter) == 3 and chapter.endswith("56"):
        # "CH. 356 1/2": a speck read as a digit in front of chapter 56½, the only half chapter
        # with a 56 (95½ is the vehicle code).
        chapter, notes = "56", ("citation_repaired",)
    if chapter == "56" and not half:
        # A lost "1/2" must not silently turn a non-drug chapter into the CCA (§9.4 hazard 4).
        if paragraph in par_to_section and cannabis:
            half, notes = True, ("citation_repaired",)
        elif re.fullmatch(r"14\d\d", paragraph):
            half, notes = True, ("citation_repaired",)
        else:
            return None, ()
    if chapter == "56" and half:
        base, dash, letter = paragraph.partition("-")
        if dash and base in par_to_section and letter in _SUBSECTION_DIGITS and not subs:
            # "PAR 705-4": the subsection letter of "705-A" read as a digit.
            paragraph, subs, notes = base, (_SUBSECTION_DIGITS[letter],), notes + ("citation_repaired",)
        if paragraph in par_to_section:
            return Citation("720", "550", par_to_section[paragraph], subs, "ill_rev_stat"), notes
        if re.fullmatch(r"1[1-6]\d\d(\.\d+)?", paragraph):
            return Citation("720", "570", str(int(paragraph[:2]) - 10) + paragraph[2:], subs, "ill_rev_stat"), notes
        if re.fullmatch(r"4\d\d", paragraph):
            # A paragraph 14xx whose faint leading "1" was lost is still ICSA, never CCA 7xx.
            return Citation("720", "570", paragraph, subs, "ill_rev_stat"), notes + ("citation_repaired",)
        if re.fullmatch(r"21\d\d(\.\d+)?", paragraph):
            return Citation("720", "600", str(float(paragraph) - 2100).removesuffix(".0"), subs, "ill_rev_stat"), notes
        return None, ()
    if chapter == "95" and half:
        return Citation("625", "5", paragraph, subs, "ill_rev_stat"), notes
    if chapter == "38":
        if paragraph.startswith("1005-"):
            return Citation("730", "5", paragraph[3:], subs, "ill_rev_stat"), notes
        if paragraph.startswith("206-"):
            return Citation("20", "2630", paragraph[4:], subs, "ill_rev_stat"), notes
        if paragraph == "1403":
            return Citation("725", "120", "3", subs, "ill_rev_stat"), notes
        if re.fullmatch(r"\d{1,2}-[\d.]+(-[\d.]+)*", paragraph):
            return Citation("720", "5", paragraph, subs, "ill_rev_stat"), notes
    return None, ()


# ILCS chapters a docket can cite; the ILCS pattern also matches "56 1/2", which is not one.
_ILCS_CHAPTERS = frozenset({"20", "35", "410", "625", "720", "725", "730"})


def _is_plausible(pattern_id: str, match: re.Match[str]) -> bool:
    return pattern_id != "ilcs" or match.group("chapter") in _ILCS_CHAPTERS


# Also "600/3,5(a)" matched as 600/3: a section's decimal read with a comma; and "PAR 1402-" at
# the end of the line, the subsection after its dash lost (seed 7773).
_GARBLED_SUBSECTION = re.compile(r"\s*(?:[(\[{\\]|\S{1,2}\))|[.,]\d|-\s*$")


@dataclass(frozen=True)
class _Parsed:
    citation: Citation
    notes: tuple[str, ...]
    # The match stopped in the middle of a word ("570/4" of "570/4O2"): OCR damage is likely.
    truncated: bool


def _parse(text: str, cannabis: bool) -> _Parsed | None:
    """The first citation form of spec §9.2 that `text` holds, in pattern-file order."""
    for row, pattern in compiled_patterns("citations"):
        match = next((m for m in pattern.finditer(text) if _is_plausible(row["id"], m)), None)
        if not match:
            continue
        groups = match.groupdict()
        subs, notes = _subsections(groups.get("sub") or "")
        rest = text[match.end():]
        if not subs:
            trailing = _TRAILING_OPEN_SUBSECTION.match(rest) or _PARTED_SUBSECTION.match(rest)
            if trailing:
                subs, notes = ((trailing.group(1) or trailing.group(2)).lower(),), ("citation_repaired",)
                rest = rest[trailing.end():]
        # A bracket left after the match is a subsection OCR garbled past reading ("704(#", "705\\#)").
        truncated = bool(rest[:1].isalnum()) or _GARBLED_SUBSECTION.match(rest) is not None
        citation: Citation | None = None
        if row["id"] in ("ill_rev_stat", "ill_rev_stat_compact"):
            half = bool(groups.get("half"))
            if half and re.search(r"[lI]", groups["half"]):
                notes += ("citation_repaired",)
            citation, more = _paragraph_citation(groups["ch"], half, groups["par"], subs, cannabis)
            notes += more
        elif row["id"] == "ilcs":
            section = groups["section"]
            base, dash, digit = section.partition("-")
            act = (groups["chapter"], groups["act"])
            lettered_section = (act == CCA and base in ("4", "5")) or base in _OTHER_KNOWN_SECTIONS.get(act, ())
            if lettered_section and dash and digit in _SUBSECTION_DIGITS and not subs:
                # "550/4-6", "570/404-6": the subsection letter of "4-B" read as a digit.
                section, subs, notes = base, (_SUBSECTION_DIGITS[digit],), notes + ("citation_repaired",)
            citation = Citation(groups["chapter"], groups["act"], section, subs, "ilcs")
        elif row["id"] == "act_name":
            section = groups["section"]
            if re.fullmatch(r"7\d\d(\.\d)?", section):
                # "CANN CONTROL ACT 704(b)" gives the paragraph, not a section 704.
                section = statute_table()["cca_par_to_section"].get(section)
            if section is not None:
                citation = Citation("720", "550", section, subs, "act_name")
        if citation is not None and len(citation.subsections) == 1 and citation.subsections[0] in _SUBSECTION_DIGITS:
            # "550/4 (5)", "600/3.5(4)": a statute's first subsections are letters (spec §9.2), so a
            # digit alone is a misread one (seeds 7323, 7397: the A of "(a)" read as 4).
            citation = Citation(citation.chapter, citation.act_number, citation.section, (_SUBSECTION_DIGITS[citation.subsections[0]],), citation.form)
            notes += ("citation_repaired",)
        if citation is not None:
            return _Parsed(citation, notes, truncated)
    return None


def _is_known(citation: Citation, *, strict: bool = False) -> bool:
    """Whether the statute table knows the citation; `strict` also asks it of the look-alike Acts."""
    key = (citation.chapter, citation.act_number)
    if strict and key in _OTHER_KNOWN_SECTIONS:
        return citation.section in _OTHER_KNOWN_SECTIONS[key]
    if key == CCA:
        base = f"720 ILCS 550/{citation.section}"
        full = f"{base}({citation.subsections[0]})" if citation.subsections else base
        return full in known_cca_statutes() or (not citation.subsections and base in statute_table()["statutes"])
    return key in ACTS


def _with_lost_dash(parsed: _Parsed) -> _Parsed:
    """A Criminal or Vehicle Code section read without its dash ("5/123"), with the dash where it
    makes a section the table knows (5/12-3); otherwise as read, and truncated: every section of
    those Codes has its dash, so one without it was read short ("5/31" for 5/31-1, "5/11" for
    5/11-501), which a person must complete."""
    citation = parsed.citation
    if (citation.chapter, citation.act_number) not in _DASHED_CODES or "-" in citation.section:
        return parsed
    for split in range(1, len(citation.section)):
        dashed = replace(citation, section=f"{citation.section[:split]}-{citation.section[split:]}")
        if _is_known(dashed, strict=True):
            return _Parsed(dashed, parsed.notes + ("citation_repaired",), parsed.truncated)
    return replace(parsed, truncated=True)


def _fuzzy_repair(citation: Citation, cannabis: bool) -> tuple[Citation | None, float]:
    """Repair an unknown act or section towards the statute table with rapidfuzz.

    Returns the repaired citation and the match score in 0..1. Within a known Act only the
    section is matched; a repair towards the CCA from another number needs the count text to
    mention cannabis (spec §9.2) and never starts from the Controlled Substances Act (§9.4).
    """
    key = (citation.chapter, citation.act_number)
    if key in ACTS:
        sections = sorted({c.split("/", 1)[1].split("(")[0] for c in known_statutes() if c.startswith(f"{key[0]} ILCS {key[1]}/")})
        best = process.extractOne(citation.section, sections, scorer=fuzz.ratio, score_cutoff=SECTION_CUTOFF)
        if best is None:
            return None, 0.0
        repaired = Citation(key[0], key[1], best[0], citation.subsections, citation.form)
    else:
        probe = f"{citation.chapter} ILCS {citation.act_number}/{citation.section}"
        bases = sorted({c.split("(")[0] for c in known_statutes()})
        best = process.extractOne(probe, bases, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None, 0.0
        chapter, rest = best[0].split(" ILCS ")
        act_number, section = rest.split("/", 1)
        if (chapter, act_number) == CCA and not cannabis:
            return None, 0.0
        repaired = Citation(chapter, act_number, section, citation.subsections, citation.form)
    if repaired.is_cca and repaired.subsections and not _is_known(repaired):
        repaired = Citation(repaired.chapter, repaired.act_number, repaired.section, (), citation.form)
    return repaired, best[1] / 100.0


def normalize_citation(text: str | None, *, charge_text: str | None = None) -> Normalized:
    """Read a printed citation (and, failing that, the charge text) into the canonical citation.

    Args:
        text: the citation as printed (`ch. 56 1/2, par. 704(c)`, `720-550/4(C)` …); may be empty.
        charge_text: the count's description (`POSS CANNABIS`), used to check the citation and to
            complete an unreadable one (spec §9.2, §9.5).

    Returns value = the canonical citation (`720 ILCS 550/4(c)`) or None, `detail` = `Citation`.
    """
    text_match = classify_charge_text(charge_text) or classify_charge_text(text)
    # "POC" names possession of cannabis without the word (spec §9.5).
    cannabis = mentions_cannabis(charge_text) or mentions_cannabis(text) or (text_match is not None and text_match.cca)
    bracketed = clean_spaces(_subsection_brackets(text or ""))
    raw = _clear_specks(bracketed)
    if text_match is not None and text_match.act == "ORDINANCE":
        # A village ordinance is no state statute, whatever its text says (spec §10 row 4).
        return Normalized(None, EXACT_SCORE, "ordinance", ("R_ORDINANCE_VIOLATION",))
    if not raw:
        return _from_charge_text(text_match, reason=n.EMPTY)
    parsed = _parse(raw, cannabis)
    repaired_text, changed = repair_digits(_despeckle_paragraph(_repair_letters(raw)))
    changed = changed or repaired_text != raw
    if changed and (parsed is None or parsed.truncated or not _is_known(parsed.citation, strict=True)):
        candidate = _parse(repaired_text, cannabis)
        # "S50" and "55O" are read as 550 only when the count mentions cannabis (spec §9.2).
        act_repaired = candidate is not None and candidate.citation.form == "ilcs" and candidate.citation.act_number not in raw
        # A reading the table knows is kept unless the repair makes one it knows better ("5/12%3.2").
        better = candidate is not None and (
            parsed is None or parsed.truncated or not _is_known(parsed.citation) or _is_known(candidate.citation, strict=True)
        )
        if better and not (act_repaired and candidate.citation.is_cca and not cannabis):
            parsed = _Parsed(candidate.citation, candidate.notes + ("citation_repaired",), candidate.truncated)
    if parsed is None or parsed.truncated or not _is_known(parsed.citation, strict=True):
        # Dotted zeros of dot-matrix printouts read as 6, 8 or 9 ("PAR 764-C", "11-561").
        readable: _Parsed | None = None
        for variant in zero_variants(repaired_text, max_changes=3):
            candidate = _parse(variant, cannabis)
            if candidate is None or candidate.truncated:
                continue
            if _is_known(candidate.citation, strict=True):
                parsed = _Parsed(candidate.citation, candidate.notes + ("citation_repaired",), False)
                break
            readable = readable or _Parsed(candidate.citation, candidate.notes + ("citation_repaired",), False)
        else:
            # No reading the table knows: one that parses at all beats none ("726-5/31-1").
            if parsed is None and readable is not None and _is_known(readable.citation):
                parsed = readable
    if parsed is not None and not _is_known(parsed.citation, strict=True):
        parsed = _with_lost_dash(parsed)
    if parsed is None or not _is_known(parsed.citation, strict=True):
        agreeing = _confusion_repair(repaired_text, text_match, cannabis)
        if agreeing is not None:
            parsed = agreeing
    if parsed is None:
        beside = _subsection_beside_paragraph(repaired_text, text_match)
        if beside is not None:
            return Normalized(beside.canonical, REPAIR_SCORE, n.REPAIRED, ("citation_repaired", "citation_agrees_with_text"), beside)
        if text_match is not None:
            return _from_charge_text(text_match, reason=n.FROM_TEXT, notes=("citation_completed_from_text",))
        return Normalized(None, 0.0, n.UNPARSED, ("R_CITATION_UNPARSED",))
    citation, notes = parsed.citation, parsed.notes + (("citation_repaired",) if raw != bracketed else ())
    score, reason = (REPAIR_SCORE, n.REPAIRED) if "citation_repaired" in notes else (EXACT_SCORE, n.EXACT)
    if parsed.truncated:
        # "550/4()", "704(#": the citation goes on past what could be read, its subsection likely.
        score *= REPAIR_SCORE
        notes += ("citation_truncated",)
    if not _is_known(citation):
        repaired, match_score = _fuzzy_repair(citation, cannabis)
        if repaired is not None:
            citation, notes = repaired, notes + ("citation_repaired",)
            score, reason = REPAIR_SCORE * match_score, n.FUZZY
            if parsed.citation.subsections and not repaired.subsections:
                # "704(2)": a subsection was printed, but none the section has; it decides the
                # class of a cannabis count, and the section alone is not what was charged.
                score *= REPAIR_SCORE
                notes += ("subsection_unread",)
        elif citation.act is None or citation.is_cca:
            # An Act we do not know, or a CCA section that is no offense: keep the text, not a guess.
            return Normalized(None, 0.0, n.UNKNOWN_STATUTE, notes, citation)
    notes = tuple(dict.fromkeys(notes))
    conflict = text_match is not None and (
        (text_match.act != "CCA" and citation.is_cca) or (text_match.act == "CCA" and citation.act == "ICSA")
    )
    if conflict:
        # Text never upgrades a cited Act, and a cited Act never overrides the text silently (§9.2).
        return Normalized(citation.canonical, CONFLICT_SCORE * score, n.TEXT_CONFLICT, notes + ("R_CITATION_TEXT_CONFLICT",), citation)
    return Normalized(citation.canonical, score, reason, notes, citation)


# Digits a dot-matrix face prints so that Tesseract reads another: a dotted zero as 6, 8, 9 or $,
# a 5 whose top stroke is faint as 3.
_CONFUSED_DIGITS = {"6": "0", "8": "0", "9": "0", "$": "0", "3": "5"}


def _confusion_repair(text: str, text_match: ChargeTextMatch | None, cannabis: bool) -> _Parsed | None:
    """An unreadable number ("PAR. 763(C)", "356/3(b)") read again with confused digits, kept only
    when the reading is a known statute that the count's own description names.

    The description decides between readings, so a repair never invents an offense the docket
    does not state: "763" on a "MFG/DEL CANNABIS" count is paragraph 705, and on a count whose
    text names no drug Act, nothing.
    """
    expected = text_match.citation if text_match is not None else None
    if expected is None:
        return None
    positions = [i for i, ch in enumerate(text) if ch in _CONFUSED_DIGITS]
    for changes in range(1, min(4, len(positions)) + 1):
        for chosen in combinations(positions, changes):
            chars = list(text)
            for i in chosen:
                chars[i] = _CONFUSED_DIGITS[chars[i]]
            candidate = _parse("".join(chars), cannabis)
            if candidate is None or candidate.truncated or not _is_known(candidate.citation, strict=True):
                continue
            found = candidate.citation
            if (found.chapter, found.act_number, found.section) == (expected.chapter, expected.act_number, expected.section):
                return _Parsed(found, candidate.notes + ("citation_repaired", "citation_agrees_with_text"), False)
    return None


def _subsection_beside_paragraph(text: str, text_match: ChargeTextMatch | None) -> Citation | None:
    """The subsection printed beside the section the count's description names, in a citation
    too garbled to parse ("eh 56 Ve, bars 704 (b)", "CH 56 1/2 PAR '.402(c)").

    The description gives the Act and section; the printed number of that section ("704",
    "1402", "550/4") followed by a bracketed letter gives its subsection. Nothing is read that
    the description does not name.
    """
    expected = text_match.citation if text_match is not None else None
    if expected is None or (expected.chapter, expected.act_number) not in (CCA, ICSA):
        return None
    section = expected.section
    if expected.is_cca:
        paragraphs = [par for par, sec in statute_table()["cca_par_to_section"].items() if sec == section]
        numbers = [*paragraphs, rf"550\s*/\s*{re.escape(section)}"]
    else:
        numbers = [rf"1?{re.escape(section)}", rf"570\s*/\s*{re.escape(section)}"]
    pattern = re.compile(rf"(?<![\d/])(?:{'|'.join(numbers)})\s*[(\[{{]\s*([A-Ga-g])\s*[)\]}}]")
    found = pattern.search(text)
    if found is None:
        return None
    citation = Citation(expected.chapter, expected.act_number, section, (found.group(1).lower(),), "repaired")
    return citation if _is_known(citation, strict=True) else None


def agrees_with_charge_text(parsed: Normalized, charge_text: str | None) -> bool:
    """Whether a citation read from its own digits names the Act (and section, where the text
    gives one) the count's description names: two readings that agree."""
    citation = parsed.detail
    match = classify_charge_text(charge_text)
    expected = match.citation if match is not None else None
    if not isinstance(citation, Citation) or citation.form == "charge_text" or expected is None:
        return False
    same_act = (expected.chapter, expected.act_number) == (citation.chapter, citation.act_number)
    return same_act and (match.section is None or expected.section == citation.section)


def _from_charge_text(match: ChargeTextMatch | None, *, reason: str, notes: tuple[str, ...] = ()) -> Normalized:
    if match is None or match.citation is None:
        if reason == n.EMPTY:
            # No citation printed and a description that names no drug Act: no statute to give.
            return Normalized(None, NO_CITATION_SCORE, n.EMPTY, ("R_CITATION_UNPARSED",))
        return Normalized(None, 0.0, n.UNPARSED, (*notes, "R_CITATION_UNPARSED"))
    citation = match.citation
    if match.repaired:
        return Normalized(citation.canonical, TEXT_ONLY_SCORE * REPAIR_SCORE, n.FROM_TEXT, (*notes, "charge_text_repaired"), citation)
    return Normalized(citation.canonical, TEXT_ONLY_SCORE, n.FROM_TEXT, notes, citation)


def suggest_statutes(text: str, *, limit: int = 5) -> list[tuple[str, float]]:
    """Known canonical citations closest to `text`, best first, with a 0..1 score (review screen)."""
    parsed = normalize_citation(text)
    probe = parsed.value or clean_spaces(text)
    matches = process.extract(probe, known_statutes(), scorer=fuzz.ratio, limit=limit)
    return [(match, score / 100.0) for match, score, _ in matches]
