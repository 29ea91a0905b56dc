"""Interface to the Tesseract executable: the only module that imports pytesseract."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import pytesseract

from models.errors import InputError, ToolMissingError
from models.pages import OcrWord, PageImage, PageText

# Debian builds Tesseract with OpenMP: with its default of one thread per core, parallel pages
# fight over the cores and a batch runs several times slower. A user's own setting wins.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# Another Tesseract than the one on PATH: a build installed elsewhere, or (in tests) a fake one
# that crashes or hangs. Read in each worker process, which inherits the environment.
pytesseract.pytesseract.tesseract_cmd = os.environ.get("CLEARDOCKET_TESSERACT", "tesseract")

# Tesseract 5 re-reads every low-confidence line as white-on-black text; dockets are printed
# dark on light, so that second pass only costs time.
_CONFIG = "-c tessedit_do_invert=0"
# Both outputs from one run: TSV for the words, hOCR with character boxes for the characters the
# model weighed at each position (it costs Tesseract no measurable time; the TSV is unchanged).
_OUTPUTS = "-c tessedit_create_tsv=1 -c tessedit_create_hocr=1 -c hocr_char_boxes=1 -c lstm_choice_mode=2"
# A character Tesseract weighed at least this much (its choice score, 0–100) where it read
# another is kept as an alternative. On clean generated pages, dotted zeros read as 6, 8 or 9
# had 0 weighed at 36–76; true 6, 8 and 9 almost never had 0 weighed at all (docs/design-digitize.md).
ALTERNATIVE_MIN_SCORE = 40.0
# One hOCR token: a word's box, a character as read, or one of the choices weighed for it.
_HOCR_TOKEN = re.compile(
    r"class='ocrx_word' id='[^']*' title='bbox (?P<x0>\d+) (?P<y0>\d+) (?P<x1>\d+) (?P<y1>\d+);"
    r"|title='x_bboxes (?P<c0>\d+) (?P<c1>\d+) (?P<c2>\d+) (?P<c3>\d+);[^']*'>(?P<char>[^<]*)</span>"
    r"|title='x_confs (?P<score>[\d.]+)'>(?P<choice>[^<]*)</span>"
)


def _config(*, psm: int, dpi: int, blacklist: str) -> str:
    config = f"--psm {psm} --dpi {dpi} {_CONFIG}"
    return f"{config} -c tessedit_char_blacklist={blacklist}" if blacklist else config


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    """Tesseract's version, e.g. "5.3.0"; raises ToolMissingError when it is not installed."""
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError as error:
        raise ToolMissingError("tesseract is not installed (Debian: apt-get install tesseract-ocr)") from error


def pytesseract_version() -> str:
    return pytesseract.__version__


@dataclass(frozen=True)
class Reading:
    """Tesseract's outputs for one page: its words (TSV) and, per character, what else it weighed
    (hOCR with `lstm_choice_mode=2`; the words are the same, the choices say where it was torn)."""

    tsv: str
    hocr: str


def recognize_raw(page: PageImage, *, lang: str, psm: int, blacklist: str = "", timeout_seconds: float = 0) -> Reading:
    """Tesseract's TSV and hOCR output for the page, in one call."""
    tesseract_version()
    with tempfile.TemporaryDirectory(prefix="cleardocket-ocr-") as work:
        # An uncompressed image: PNG encoding would cost a tenth of the OCR time.
        image_path = Path(work) / "page.pgm"
        output = Path(work) / "page"
        cv2.imwrite(str(image_path), page.pixels)
        try:
            pytesseract.pytesseract.run_tesseract(
                str(image_path),
                str(output),
                extension="tsv",
                lang=lang,
                config=f"{_config(psm=psm, dpi=page.dpi, blacklist=blacklist)} {_OUTPUTS}",
                timeout=timeout_seconds,
            )
        except pytesseract.TesseractNotFoundError as error:
            raise ToolMissingError("tesseract is not installed (Debian: apt-get install tesseract-ocr)") from error
        except RuntimeError as error:
            # pytesseract signals its timeout with a bare RuntimeError.
            if "timeout" in str(error).lower():
                raise InputError(f"OCR gave up after {timeout_seconds:g} s") from error
            raise InputError(f"tesseract could not read the page: {error}") from error
        except pytesseract.TesseractError as error:
            raise InputError(f"tesseract could not read the page: {error.message.strip()}") from error
        return Reading(
            tsv=output.with_suffix(".tsv").read_text(encoding="utf-8"),
            hocr=output.with_suffix(".hocr").read_text(encoding="utf-8"),
        )


def detect_orientation(page: PageImage, *, timeout_seconds: float = 0) -> tuple[int, float] | None:
    """Tesseract's orientation detection (OSD): the clockwise quarter turn that sets the page
    upright and Tesseract's confidence in it; None when it finds too little text to tell."""
    tesseract_version()
    with tempfile.TemporaryDirectory(prefix="cleardocket-osd-") as work:
        image_path = Path(work) / "page.pgm"
        cv2.imwrite(str(image_path), page.pixels)
        try:
            found = pytesseract.image_to_osd(
                str(image_path),
                config=f"--psm 0 --dpi {page.dpi}",
                timeout=timeout_seconds,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError:
            # "Too few characters": a blank or hopeless page.
            return None
        except RuntimeError as error:
            if "timeout" in str(error).lower():
                raise InputError(f"orientation detection gave up after {timeout_seconds:g} s") from error
            raise
    return int(found["rotate"]), float(found["orientation_conf"])


def parse_alternatives(hocr: str, *, exclude: str = "") -> dict[tuple[int, int, int, int], tuple[tuple[int, str], ...]]:
    """Word box (x0, y0, x1, y1) -> the characters Tesseract weighed at ALTERNATIVE_MIN_SCORE or
    more where it read another: (index in the word, those characters, likeliest first).

    Args:
        exclude: characters never kept (the blacklist: Tesseract may weigh what it may not output).
    """
    found: dict[tuple[int, int, int, int], tuple[tuple[int, str], ...]] = {}
    box: tuple[int, int, int, int] | None = None
    index, read, weighed, kept = 0, "", [], []

    def close_character() -> None:
        others = [c for score, c in sorted(weighed, reverse=True) if c != read and c not in exclude]
        if others:
            kept.append((index, "".join(dict.fromkeys(others))))

    def close_word() -> None:
        if box is not None and kept:
            found[box] = tuple(kept)

    for token in _HOCR_TOKEN.finditer(hocr):
        if token["x0"] is not None:
            close_character()
            close_word()
            box = (int(token["x0"]), int(token["y0"]), int(token["x1"]), int(token["y1"]))
            index, read, weighed, kept = 0, "", [], []
        elif token["char"] is not None:
            close_character()
            index += len(read)
            read, weighed = html.unescape(token["char"]), []
        elif float(token["score"]) >= ALTERNATIVE_MIN_SCORE:
            weighed.append((float(token["score"]), html.unescape(token["choice"])))
    close_character()
    close_word()
    return found


# Word box (x0, y0, x1, y1) -> the box Tesseract gave each of its characters, in the same pixels.
CharacterBoxes = dict[tuple[int, int, int, int], tuple[tuple[int, int, int, int], ...]]


def parse_character_boxes(hocr: str, *, origin: tuple[int, int] = (0, 0)) -> CharacterBoxes:
    """Each word's character boxes from hOCR written with `hocr_char_boxes=1`, moved by `origin`
    into the page's pixels (the keys then match `OcrWord.bbox`). A word whose choices held more
    than one character in a box has fewer boxes than characters."""
    found: CharacterBoxes = {}
    word: tuple[int, int, int, int] | None = None
    dx, dy = origin
    for token in _HOCR_TOKEN.finditer(hocr):
        if token["x0"] is not None:
            word = (int(token["x0"]) + dx, int(token["y0"]) + dy, int(token["x1"]) + dx, int(token["y1"]) + dy)
            found[word] = ()
        elif token["char"] is not None and word is not None:
            box = (int(token["c0"]) + dx, int(token["c1"]) + dy, int(token["c2"]) + dx, int(token["c3"]) + dy)
            found[word] += (box,)
    return found


def parse_tsv(
    tsv: str, *, width: int, height: int, origin: tuple[int, int] = (0, 0), hocr: str = "", exclude: str = ""
) -> PageText:
    """The words of Tesseract's TSV output, in its reading order.

    Args:
        origin: where the image Tesseract read sits in the page (a crop's top-left corner);
            word boxes are moved by it into the page's pixels.
        hocr: the same run's hOCR output, whose choices give each word its `alternatives`.
        exclude: characters never kept as alternatives.
    """
    alternatives = parse_alternatives(hocr, exclude=exclude) if hocr else {}
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        left, top, word_width, word_height = int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"])
        weighed = alternatives.get((left, top, left + word_width, top + word_height), ())
        words.append(
            OcrWord(
                text=text,
                left=left + origin[0],
                top=top + origin[1],
                width=word_width,
                height=word_height,
                confidence=max(0.0, min(1.0, float(row["conf"]) / 100.0)),
                block=int(row["block_num"]),
                paragraph=int(row["par_num"]),
                line=int(row["line_num"]),
                word=int(row["word_num"]),
                # A box whose characters do not add up to the word is another word's.
                alternatives=weighed if all(i < len(text) for i, _ in weighed) else (),
            )
        )
    return PageText(words=tuple(words), width=width, height=height)


def recognize(
    page: PageImage, *, lang: str = "eng", psm: int = 3, blacklist: str = "", timeout_seconds: float = 0
) -> PageText:
    """Every word Tesseract reads on the page, with its box, line and confidence."""
    reading = recognize_raw(page, lang=lang, psm=psm, blacklist=blacklist, timeout_seconds=timeout_seconds)
    return parse_tsv(reading.tsv, width=page.width, height=page.height, hocr=reading.hocr, exclude=blacklist)

