"""Docket disposition entries read into the canonical codes of spec §8.1.

The docket vocabulary (§8.2) lives in `extract/patterns/dispositions.jsonl`. A count's entries are
read in order, and the chronology decides (§8.3): "FG SUPV 1 YR" followed by "SUPV TERM SATIS" is
`SUPERVISION_COMPLETED`; "SOL" followed by "REINSTATED … FG … FINE" is `CONVICTED`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from extract import normalized as n
from extract.normalized import Normalized
from extract.ocr_repair import zero_variants
from extract.vocabulary import compiled_patterns, load_patterns
from models.pages import OcrWord

# Markers that compose with a finding (§8.3), not canonical codes.
GUILTY = "guilty_finding"
SUPERVISION = "supervision"
QUALIFIED_PROBATION = "qualified_probation"
SATISFACTORY = "satisfactory_termination"
VIOLATION = "violation"
IGNORE = "ignore"
QUASHED = "warrant_quashed"
REINSTATED = "reinstated"
# Outcomes that say the count was never proved. One entry cannot find a count guilty and then
# clear it: when it reads so, another count's number in the entry went unread and its outcome
# was taken for this count's (seed 7277: "CT 1 FINDING GUILTY. PROB 1 YR. CT 2 NP", the "2" lost).
CLEARED = frozenset(
    {"ACQUITTED", "ACQUITTED_INSANITY", "DISMISSED", "NOLLE", "NOLLE_PLEA_TO_OTHER_COUNT", "NO_PROBABLE_CAUSE", "NOT_CHARGED", "STRICKEN_WITH_LEAVE"}
)
OUTCOMES_DISAGREE = "outcomes_disagree"
# Outcomes that find a count proved: one entry cannot clear a count and then convict it either
# (seed 7007: "DWP" and a speck at the line's end read as "CE").
CONVICTING = frozenset({GUILTY, "CONVICTED", "CONVICTED_CE", SUPERVISION, QUALIFIED_PROBATION})
# Notes that leave a reading's outcome in doubt whatever its words: it scores as ambiguous.
UNSURE_NOTES = frozenset({"R_SENTENCE_MISSING", "R_SUPERVISION_OUTCOME_UNCLEAR", OUTCOMES_DISAGREE})

# A number or numbers joined as a probation's sections are ("710-1410", "710/1410").
_NUMBER_WORD = re.compile(r"\d+(?:[-/]\d+)*")
_LETTERS_FOR_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "6": "G"})
# Letters dot-matrix OCR swaps in short codes ("N.F." for "N.P.").
_SHORT_CODE_CONFUSIONS = str.maketrans({"F": "P", "E": "F", "Q": "O", "D": "O"})
# Draft dot-matrix D read as O ("OWP" for "DWP"), one letter at a time: a code may hold both.
# A C read as E ("TES" for "TCS") only in a three-letter word: in two letters it makes codes of
# fragments ("F ED" of a smudged FILED would be CD).
_DRAFT_LETTERS = {"O": "D"}
_DRAFT_LETTERS_OF_THREE = {**_DRAFT_LETTERS, "E": "C"}
# A dot-matrix N read as W in a nolle ("WOL PROS", seed 7645; "CT 2 W.P.", seed 7621). Only these
# two: "W/O" is "without", and no code of spec §8.2 is read WP or WOL.
_N_READ_AS_W = {"WP": "NP", "WOL": "NOL"}
# The period of an abbreviation read as a stroke ("NLP." for "N.P.").
_PERIOD_STROKES = "LI1|"
_DATE_TOKEN = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$")
_KEEP = re.compile(r"[^A-Z0-9/&\- ]")
FUZZY_CUTOFF = 80.0
FOUR_LETTER_CUTOFF = 75.0
EXACT_SCORE = 1.0
FUZZY_SCORE = 0.8
AMBIGUOUS_SCORE = 0.5


@dataclass(frozen=True)
class VocabularyEntry:
    phrase: tuple[str, ...]
    canonical: str
    sentence_kind: str | None = None
    after: str | None = None
    on: str | None = None
    review: str | None = None


@dataclass(frozen=True)
class DispositionToken:
    """One vocabulary phrase found in the entries, in order; `fuzzy` when OCR damage was repaired.

    `start`/`end` index the words of the entry it was found in; `entry_index` says which entry.
    """

    entry: VocabularyEntry
    text: str
    fuzzy: bool = False
    start: int = 0
    end: int = 0
    entry_index: int = 0


@dataclass(frozen=True)
class DispositionReading:
    """The canonical disposition of a count with the sentence kind and the §8.3 notes.

    `decided_by` are the tokens that decided it (the finding, the order, the entry that ended the
    order), whose entries give the disposition date and the printed disposition text.
    """

    disposition: str
    sentence_kind: str | None = None
    notes: tuple[str, ...] = ()
    tokens: tuple[DispositionToken, ...] = field(default=(), compare=False)
    decided_by: tuple[DispositionToken, ...] = field(default=(), compare=False)
    sentence: DispositionToken | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return " ... ".join(t.text for t in self.decided_by)


def clean_entry(text: str) -> str:
    """Spec §8.2 matching form: upper case, punctuation stripped except '/', '&' and '-'."""
    upper = text.upper().replace("$", " ").replace(",", " ").replace(".", " ")
    return " ".join(_KEEP.sub(" ", upper).split())


@cache
def vocabulary() -> tuple[VocabularyEntry, ...]:
    """Every vocabulary phrase, longest first, so "SEC 10 PROB" wins over "PROB"."""
    entries = []
    for row in load_patterns("dispositions"):
        for text in row.get("texts", ()):
            phrase = tuple(clean_entry(text).split())
            if phrase:
                entries.append(
                    VocabularyEntry(phrase, row["canonical"], row.get("sentence_kind"), row.get("after"), row.get("on"), row.get("review"))
                )
    return tuple(sorted(entries, key=lambda e: -len(e.phrase)))


@cache
def _vocabulary_words() -> tuple[str, ...]:
    return tuple(sorted({word for entry in vocabulary() for word in entry.phrase if len(word) >= 4 and word.isalpha()}))


@cache
def _short_codes() -> frozenset[str]:
    return frozenset(word for entry in vocabulary() for word in entry.phrase if word.isalpha())


@cache
def _docket_words() -> frozenset[str]:
    return frozenset(word for row in load_patterns("docket_words") for word in row["words"])


@cache
def _ordinals() -> frozenset[str]:
    return frozenset(word for entry in vocabulary() for word in entry.phrase if word[:1].isdigit() and word[1:].isalpha())


@cache
def _numbers() -> frozenset[str]:
    """Numbered probations and their sections: "710", "1410", "710-1410"."""
    return frozenset(word for entry in vocabulary() for word in entry.phrase if _NUMBER_WORD.fullmatch(word))


def _draft_code(word: str) -> str | None:
    """The short code a word of three letters or fewer is with one draft dot-matrix letter read
    back (`OWP` for DWP) or an abbreviation's period read as a stroke taken out (`NLP` for NP)."""
    draft = _DRAFT_LETTERS_OF_THREE if len(word) == 3 else _DRAFT_LETTERS
    for i, ch in enumerate(word):
        undotted = word[:i] + word[i + 1 :] if 0 < i < len(word) - 1 and ch in _PERIOD_STROKES else None
        for variant in (word[:i] + draft[ch] + word[i + 1 :] if ch in draft else None, undotted):
            if variant and variant in _short_codes():
                return variant
    return None


def _repair_word(word: str) -> tuple[str, bool]:
    """A misread vocabulary word ("NOLIE", "5UPV", "P6") read as the word it stands for."""
    if word in _short_codes() or word in _docket_words() or word in _numbers():
        return word, False
    if _NUMBER_WORD.fullmatch(word):
        # "SEC 16 PROB", "716", "716-1416": a dotted zero read as a 6 or 8 in a numbered probation.
        numbered = next((v for v in zero_variants(word, max_changes=word.count("-") + word.count("/") + 1) if v in _numbers()), None)
        return (numbered, True) if numbered else (word, False)
    if len(word) <= 3:
        swapped = word.translate(_SHORT_CODE_CONFUSIONS)
        if swapped != word and swapped in _short_codes():
            return swapped, True
        if word in _N_READ_AS_W:
            return _N_READ_AS_W[word], True
        drafted = _draft_code(word)
        if drafted is not None:
            return drafted, True
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        # "15T OFF PROB" (clean 8195): the S of an ordinal read as a 5.
        ordinal = word[:1] + word[1:].translate(_LETTERS_FOR_DIGITS)
        if ordinal != word and ordinal in _ordinals():
            return ordinal, True
        lettered = word.translate(_LETTERS_FOR_DIGITS)
        if lettered in _short_codes():
            return lettered, True
        # "O0C" for DOC (seed 7769): a draft D read as O, and the O as a zero.
        drafted = _draft_code(lettered) if len(lettered) <= 3 else None
        if drafted is not None:
            return drafted, True
    if len(word) >= 4 and word.isalpha():
        # One letter wrong in a four-letter word ("PROG") scores 75.
        cutoff = FOUR_LETTER_CUTOFF if len(word) == 4 else FUZZY_CUTOFF
        best = process.extractOne(word, _vocabulary_words(), scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return best[0], True
    return word, False


def weighed_codes(words: Iterable[OcrWord]) -> dict[str, str]:
    """Entry words that are no vocabulary word as read but are one with a letter Tesseract
    weighed in place of the one it chose ("Dwr" with P weighed for its r: DWP), matching form
    as read → the vocabulary word."""
    found: dict[str, str] = {}
    for word in words:
        read = clean_entry(word.text)
        if not read or " " in read or len(read) > 5 or read in _short_codes() or read in _docket_words():
            continue
        for index, chars in word.alternatives:
            for char in chars:
                variant = clean_entry(word.text[:index] + char + word.text[index + 1 :])
                if variant in _short_codes():
                    found.setdefault(read, variant)
    return found


def entry_words(text: str) -> list[str]:
    """The words of an entry in matching form, dates left out (they are read separately)."""
    return [w for w in clean_entry(text).split() if not _DATE_TOKEN.match(w)]


def find_tokens(text: str, *, entry_index: int = 0, weighed: Mapping[str, str] | None = None) -> list[DispositionToken]:
    """The vocabulary phrases of a docket entry text, in order (longest match at each word).

    Args:
        weighed: `weighed_codes` of the entry's words, read before any other repair.
    """
    cleaned = clean_entry(text)
    words = entry_words(text)
    for row, pattern in compiled_patterns("dispositions"):
        # Entry-level patterns ("NOLLE … PG TO OTHER COUNT") name the rest of the entry; what
        # comes before still counts ("PLEA OF GUILTY. CONT FOR SENTENCING. a 2 NOLLE PROS - PG TO
        # OTHER COUNT", seed 8129: the CT of another count read as "a").
        found = pattern.search(cleaned)
        if found:
            before = cleaned[: found.start()]
            tokens = find_tokens(before, entry_index=entry_index, weighed=weighed) if before.strip() else []
            entry = VocabularyEntry((), row["canonical"], review=row.get("review"))
            return [*tokens, DispositionToken(entry, cleaned[found.start() :], False, len(entry_words(before)), len(words), entry_index)]
    weighed = weighed or {}
    repaired = [(weighed[w], True) if w in weighed else _repair_word(w) for w in words]
    # "W.P." is read as the two words "W P".
    repaired = [("N", True) if word == "W" and words[i + 1 : i + 2] == ["P"] else reading for i, (word, reading) in enumerate(zip(words, repaired))]
    tokens: list[DispositionToken] = []
    position = 0
    while position < len(words):
        for entry in vocabulary():
            size = len(entry.phrase)
            window = repaired[position : position + size]
            if tuple(w for w, _ in window) == entry.phrase:
                fuzzy = any(was_repaired for _, was_repaired in window)
                text_of = " ".join(words[position : position + size])
                tokens.append(DispositionToken(entry, text_of, fuzzy, position, position + size, entry_index))
                position += size
                break
        else:
            position += 1
    return tokens


def compose(tokens: list[DispositionToken], *, level: str | None = None, cca_count: bool = True) -> DispositionReading | None:
    """Read the chronology of a count's entries into one canonical disposition (spec §8.3).

    Args:
        level: "misdemeanor" or "felony" when known; a guilty finding with no sentence needs it.
        cca_count: the count cites the Cannabis Control Act; "410 PROB" on it is an inconsistency.
    """
    finding: DispositionToken | None = None
    order: DispositionToken | None = None  # supervision or qualified probation, which a later entry may end
    order_kind: str | None = None
    sentence: DispositionToken | None = None
    later: str | None = None  # what followed the order: satisfactory, revoked or an open violation
    ended_by: DispositionToken | None = None
    terminal: DispositionToken | None = None  # the latest disposition that stands on its own
    notes: list[str] = []
    for token in tokens:
        entry = token.entry
        code = entry.canonical
        if entry.review:
            notes.append(entry.review)
        if code == IGNORE:
            continue
        if code == QUASHED:
            if terminal is not None and terminal.entry.canonical == "NO_FINAL_DISPOSITION":
                terminal = None
            continue
        if code == REINSTATED:
            if terminal is not None and terminal.entry.canonical == "STRICKEN_WITH_LEAVE":
                terminal = None
                notes.append("reinstated_after_sol")
            continue
        if code in CONVICTING and terminal is not None and terminal.entry.canonical in CLEARED and terminal.entry_index == token.entry_index:
            notes.append(OUTCOMES_DISAGREE)
        if code == "ICSA_PROBATION_ON_CANNABIS" and not cca_count:
            # §410 probation on a Controlled Substances count is that Act's first-offender probation.
            code = QUALIFIED_PROBATION
        if code == GUILTY:
            if order is None or later is not None:
                finding, terminal = token, None
        elif code in (SUPERVISION, QUALIFIED_PROBATION):
            finding = finding or token
            order, order_kind, sentence, later, ended_by, terminal = token, code, None, None, None, None
        elif code == "CONVICTED":
            if order is None:
                # "CCDOC 180 DAYS CTDS": the credit against a jail term is no second sentence.
                if sentence is None or sentence.entry_index != token.entry_index or terminal is not None:
                    sentence = token
                finding, terminal = finding or token, None
            elif later in (VIOLATION, "revoked"):
                # A new sentence after a violation is the judgment that ends the order.
                sentence, later = token, "revoked"
                ended_by = ended_by or token
            # Otherwise a fine or costs with supervision is a condition of the order, not a sentence.
        elif code in (SATISFACTORY, "QUALIFIED_PROBATION_COMPLETED"):
            if order is not None:
                later, ended_by = SATISFACTORY, token
        elif code in ("SUPERVISION_REVOKED", "QUALIFIED_PROBATION_REVOKED"):
            if order is None:
                # Only an order is revoked: its entry was lost ("PLEA OF GUILTY. 3 6 MOS", the CS
                # of court supervision read as a 3), and the sentence after this is the judgment
                # that ends it, not a conviction of its own.
                finding = finding or token
                order, order_kind, sentence, terminal = token, SUPERVISION if code == "SUPERVISION_REVOKED" else QUALIFIED_PROBATION, None, None
            later, ended_by = "revoked", token
        elif code == VIOLATION or (code == "NO_FINAL_DISPOSITION" and order is not None and later is None):
            # A warrant or violation petition after an order leaves its outcome open (ambiguity A9).
            if order is not None:
                later = VIOLATION
        else:
            convicted = finding or sentence
            if code in CLEARED and convicted is not None and convicted.entry_index == token.entry_index:
                notes.append(OUTCOMES_DISAGREE)
            terminal, finding, order, order_kind, sentence, later, ended_by = token, None, None, None, None, None, None
    unique = lambda items: tuple(dict.fromkeys(items))  # noqa: E731
    if terminal is not None:
        code = terminal.entry.canonical
        if code == "STRICKEN_WITH_LEAVE":
            notes.append("sol_could_be_reinstated")
        return DispositionReading(code, None, unique(notes), tuple(tokens), (terminal,))
    if order is not None:
        prefix = "SUPERVISION" if order_kind == SUPERVISION else "QUALIFIED_PROBATION"
        kind = None
        decided = (finding or order,)
        if later == SATISFACTORY:
            code = f"{prefix}_COMPLETED"
            decided += (ended_by,)
        elif later == "revoked":
            code, kind = f"{prefix}_REVOKED", sentence.entry.sentence_kind if sentence else None
            decided += (ended_by,)
        elif later == VIOLATION:
            code = f"{prefix}_ORDERED"
            notes.append("R_SUPERVISION_OUTCOME_UNCLEAR")
        else:
            code = f"{prefix}_ORDERED"
            notes.append("completion_inferred")
        if order_kind == SUPERVISION and level == "felony":
            notes.append("R_DISPOSITION_COUNT_MISMATCH")
        return DispositionReading(code, kind, unique(notes), tuple(tokens), tuple(t for t in decided if t), sentence or order)
    if sentence is not None:
        return DispositionReading("CONVICTED", sentence.entry.sentence_kind, unique(notes), tuple(tokens), (finding or sentence,), sentence)
    if finding is not None:
        if level == "felony":
            return DispositionReading("CONVICTED", "UNKNOWN", unique(notes), tuple(tokens), (finding,))
        notes.append("R_SENTENCE_MISSING")
        return DispositionReading("CONVICTED", None, unique(notes), tuple(tokens), (finding,))
    return None


def normalize_disposition(
    text: str | list[str] | tuple[str, ...] | None, *, level: str | None = None, cca_count: bool = True
) -> Normalized:
    """Read a count's disposition entries (one string, or entries in date order) into §8.1 codes.

    value = the canonical disposition (`SUPERVISION_COMPLETED`, `NOLLE` …), `detail` =
    `DispositionReading` with the sentence kind and the notes (`completion_inferred`,
    `R_SENTENCE_MISSING` …). Blank or unreadable entries give `UNKNOWN` (§8.2).
    """
    entries = [text] if isinstance(text, str) or text is None else list(text)
    joined = " ".join(e for e in entries if e)
    if not joined.strip():
        return Normalized("UNKNOWN", 0.0, n.EMPTY, (), DispositionReading("UNKNOWN"))
    tokens = [token for index, entry in enumerate(entries) if entry for token in find_tokens(entry, entry_index=index)]
    reading = compose(tokens, level=level, cca_count=cca_count)
    if reading is None:
        return Normalized("UNKNOWN", 0.0, n.UNPARSED, (), DispositionReading("UNKNOWN", tokens=tuple(tokens)))
    reason = n.REPAIRED if any(t.fuzzy for t in tokens) else n.EXACT
    return Normalized(reading.disposition, reading_score(reading), reason, reading.notes, reading)


def reading_score(reading: DispositionReading) -> float:
    """How sure a reading's words make its outcome: ambiguous when a note leaves it in doubt,
    lower when a word had to be repaired."""
    if UNSURE_NOTES & set(reading.notes):
        return AMBIGUOUS_SCORE
    return FUZZY_SCORE if any(t.fuzzy for t in reading.tokens) else EXACT_SCORE


def sentence_kind_of(text: str | None) -> str | None:
    """The §8.1 sentence kind a sentence text names (`FINE $100 + COSTS` → FINE), or None."""
    for token in find_tokens(text or ""):
        if token.entry.sentence_kind:
            return token.entry.sentence_kind
    return None
