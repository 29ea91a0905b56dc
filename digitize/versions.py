"""The versions of every tool a page went through, stored with each page and run."""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata

import cv2
import numpy
import PIL

from digitize import pdf_pages, tesseract


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def tool_versions() -> dict[str, str]:
    """Raises ToolMissingError when tesseract or poppler is not installed."""
    return {
        "cleardocket": _package_version("cleardocket"),
        "tesseract": tesseract.tesseract_version(),
        "pytesseract": tesseract.pytesseract_version(),
        "poppler": pdf_pages.poppler_version(),
        "pdf2image": _package_version("pdf2image"),
        "opencv": cv2.__version__,
        "pillow": PIL.__version__,
        "numpy": numpy.__version__,
    }
