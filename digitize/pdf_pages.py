"""Interface to poppler (pdfinfo, pdfimages, pdftoppm): the only module that imports pdf2image."""

from __future__ import annotations

import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pdf2image
from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError, PDFPopplerTimeoutError

from models.errors import InputError, ToolMissingError

_MISSING = "poppler is not installed (Debian: apt-get install poppler-utils)"
# Readers accept the end-of-file marker anywhere near the end; some scanners append padding.
_EOF_WINDOW = 4096
_TIMEOUT_SECONDS = 120


@lru_cache(maxsize=1)
def poppler_version() -> str:
    try:
        done = subprocess.run(["pdftoppm", "-v"], capture_output=True, text=True, timeout=30)
    except FileNotFoundError as error:
        raise ToolMissingError(_MISSING) from error
    # "pdftoppm version 22.12.0" on stderr.
    return (done.stderr or done.stdout).split("\n")[0].rsplit(" ", 1)[-1]


def _reason(stderr: str) -> str:
    """Why poppler could not open a PDF, in words a clerk can act on."""
    if "Incorrect password" in stderr:
        return "encrypted PDF: it needs a password"
    if "Document stream is empty" in stderr:
        return "empty PDF: the file holds no data"
    if "Invalid page count 0" in stderr:
        return "PDF has no pages"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = lines[-1] if lines else "poppler could not read it"
    return f"corrupt PDF: {detail}"


def has_end_marker(path: Path) -> bool:
    """False for a PDF cut short (an interrupted copy or upload): its %%EOF marker is missing."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - _EOF_WINDOW))
        return b"%%EOF" in handle.read()


def count_pages(path: Path) -> int:
    """The number of pages; raises InputError saying why a PDF cannot be read."""
    if not has_end_marker(path):
        raise InputError("truncated or damaged PDF: its end-of-file marker is missing (an incomplete copy?)")
    try:
        info = pdf2image.pdfinfo_from_path(str(path), timeout=_TIMEOUT_SECONDS)
    except PDFInfoNotInstalledError as error:
        raise ToolMissingError(_MISSING) from error
    except PDFPageCountError as error:
        raise InputError(_reason(str(error))) from error
    except PDFPopplerTimeoutError as error:
        raise InputError(f"corrupt PDF: pdfinfo gave up after {_TIMEOUT_SECONDS} s") from error
    pages = int(info.get("Pages", 0))
    if pages <= 0:
        raise InputError("PDF has no pages")
    return pages


def page_size_inches(path: Path, page_number: int) -> tuple[float, float] | None:
    """The page's width and height in inches, as pdfinfo reports them; None if it cannot say."""
    try:
        done = subprocess.run(
            ["pdfinfo", "-f", str(page_number), "-l", str(page_number), str(path)],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_SECONDS,
        )
    except FileNotFoundError as error:
        raise ToolMissingError(_MISSING) from error
    except subprocess.TimeoutExpired:
        return None
    # "Page    1 size:  612 x 792 pts (letter)"
    for line in done.stdout.splitlines():
        if line.startswith("Page") and " size:" in line:
            cells = line.split(":", 1)[1].split()
            try:
                return float(cells[0]) / 72.0, float(cells[2]) / 72.0
            except (IndexError, ValueError):
                return None
    return None


def embedded_resolution(path: Path, page_number: int) -> int | None:
    """The resolution (ppi) of the largest image on the page: the scan's own; None if none."""
    try:
        done = subprocess.run(
            ["pdfimages", "-list", "-f", str(page_number), "-l", str(page_number), str(path)],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_SECONDS,
        )
    except FileNotFoundError as error:
        raise ToolMissingError(_MISSING) from error
    except subprocess.TimeoutExpired:
        return None
    best: tuple[int, int] | None = None
    # Columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    for line in done.stdout.splitlines()[2:]:
        cells = line.split()
        if len(cells) < 14 or cells[2] != "image":
            continue
        try:
            area = int(cells[3]) * int(cells[4])
            ppi = max(int(cells[12]), int(cells[13]))
        except ValueError:
            continue
        if best is None or area > best[0]:
            best = (area, ppi)
    return best[1] if best else None


def render_page(path: Path, page_number: int, *, dpi: int) -> np.ndarray:
    """Page `page_number` (from 1) as a greyscale array at `dpi`."""
    try:
        images = pdf2image.convert_from_path(
            str(path),
            dpi=dpi,
            first_page=page_number,
            last_page=page_number,
            # PPM is the fastest format pdftoppm writes; -gray makes it one channel.
            fmt="ppm",
            grayscale=True,
            timeout=_TIMEOUT_SECONDS,
        )
    except PDFInfoNotInstalledError as error:
        raise ToolMissingError(_MISSING) from error
    except PDFPageCountError as error:
        raise InputError(_reason(str(error))) from error
    except PDFPopplerTimeoutError as error:
        raise InputError(f"rendering gave up after {_TIMEOUT_SECONDS} s") from error
    if not images:
        raise InputError("poppler rendered nothing (a damaged page?)")
    return np.asarray(images[0].convert("L"))


def extract_page(path: Path, page_number: int) -> bytes:
    """Page `page_number` (from 1) alone, as the bytes of a one-page PDF (to send to a worker)."""
    with tempfile.TemporaryDirectory(prefix="cleardocket-split-") as folder:
        out = Path(folder) / "page.pdf"
        try:
            done = subprocess.run(
                ["pdfseparate", "-f", str(page_number), "-l", str(page_number), str(path), str(out)],
                capture_output=True,
                text=True,
                timeout=_TIMEOUT_SECONDS,
            )
        except FileNotFoundError as error:
            raise ToolMissingError(_MISSING) from error
        except subprocess.TimeoutExpired as error:
            raise InputError(f"pdfseparate gave up after {_TIMEOUT_SECONDS} s") from error
        if done.returncode != 0 or not out.exists():
            raise InputError(_reason(done.stderr))
        return out.read_bytes()
