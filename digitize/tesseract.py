"""Interface to the Tesseract executable: the only module that imports pytesseract."""

from __future__ import annotations

import csv
import io
import os
import tempfile
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


def recognize_tsv(page: PageImage, *, lang: str, psm: int, blacklist: str = "", timeout_seconds: float = 0) -> str:
    """Tesseract's TSV output (`image_to_data`) for the page, in one call."""
    tesseract_version()
    with tempfile.TemporaryDirectory(prefix="cleardocket-ocr-") as work:
        # An uncompressed image: PNG encoding would cost a tenth of the OCR time.
        image_path = Path(work) / "page.pgm"
        cv2.imwrite(str(image_path), page.pixels)
        try:
            return pytesseract.image_to_data(
                str(image_path),
                lang=lang,
                config=_config(psm=psm, dpi=page.dpi, blacklist=blacklist),
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


def parse_tsv(tsv: str, *, width: int, height: int, origin: tuple[int, int] = (0, 0)) -> PageText:
    """The words of Tesseract's TSV output, in its reading order.

    Args:
        origin: where the image Tesseract read sits in the page (a crop's top-left corner);
            word boxes are moved by it into the page's pixels.
    """
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        words.append(
            OcrWord(
                text=text,
                left=int(row["left"]) + origin[0],
                top=int(row["top"]) + origin[1],
                width=int(row["width"]),
                height=int(row["height"]),
                confidence=max(0.0, min(1.0, float(row["conf"]) / 100.0)),
                block=int(row["block_num"]),
                paragraph=int(row["par_num"]),
                line=int(row["line_num"]),
                word=int(row["word_num"]),
            )
        )
    return PageText(words=tuple(words), width=width, height=height)


def recognize(
    page: PageImage, *, lang: str = "eng", psm: int = 3, blacklist: str = "", timeout_seconds: float = 0
) -> PageText:
    """Every word Tesseract reads on the page, with its box, line and confidence."""
    tsv = recognize_tsv(page, lang=lang, psm=psm, blacklist=blacklist, timeout_seconds=timeout_seconds)
    return parse_tsv(tsv, width=page.width, height=page.height)

