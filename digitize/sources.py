"""Input files: find them, tell what they are, count and load their pages.

A document is identified by the SHA-256 of its bytes, so a file renamed or copied into another
box is still the same document. What a file is comes from its first bytes, not its name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from digitize import pdf_pages
from digitize.clean import estimate_dpi
from digitize.options import DigitizeOptions
from models.errors import InputError
from models.pages import PageImage

# Extensions picked up when walking a folder; a file named on the command line is read whatever
# its name.
SCAN_EXTENSIONS = frozenset({".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"})
KINDS = ("pdf", "tiff", "png", "jpeg")
# Resolutions image software writes when it knows nothing (screen defaults), not scan settings.
_PLACEHOLDER_DPIS = frozenset({1, 72, 96})
_PLAUSIBLE_DPI = (100, 1200)
# PDF allows up to 1024 bytes of junk before its header.
_PDF_HEADER_WINDOW = 1024
# The largest page a docket can be (a 24×36 in plan sheet is far past any court form); a PDF
# page beyond it is a bomb that would render to gigabytes of pixels.
MAX_PAGE_SQUARE_INCHES = 24 * 36


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every scan under `paths`: named files as given, folders walked recursively in name order.

    Raises FileNotFoundError, before yielding anything, if a named path does not exist.
    """
    paths = [Path(path) for path in paths]
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                # A link that leads nowhere (or in a loop) is yielded too, so that it is
                # reported as unreadable rather than silently left out of the batch.
                if child.suffix.lower() in SCAN_EXTENSIONS and (child.is_file() or child.is_symlink()):
                    yield child
        else:
            yield path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_kind(path: Path) -> str:
    """"pdf", "tiff", "png" or "jpeg", from the file's first bytes; InputError otherwise."""
    with path.open("rb") as handle:
        head = handle.read(_PDF_HEADER_WINDOW)
    if not head:
        raise InputError("empty file (0 bytes)")
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "tiff"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b"%PDF-" in head:
        return "pdf"
    raise InputError("not a PDF, TIFF, PNG or JPEG file (whatever its name says)")


def count_pages(path: Path, kind: str) -> int:
    """How many pages the file holds; raises InputError when it cannot be read."""
    if kind == "pdf":
        return pdf_pages.count_pages(path)
    try:
        with Image.open(path) as image:
            frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError as error:
        raise InputError(f"image too large to be a page scan: {error}") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise InputError(f"unreadable image ({kind.upper()}): {error}") from error
    if frames < 1:
        raise InputError(f"{kind.upper()} image holds no pages")
    return int(frames)


def _to_grey(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent areas of a scan are paper, not black.
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(paper, image)
    if image.mode.startswith("I;16") or image.mode == "I":
        pixels = np.asarray(image, dtype=np.float64)
        top = pixels.max() or 1.0
        return Image.fromarray((pixels * (255.0 / top)).astype(np.uint8))
    return image.convert("L")


def _stated_dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    if value in _PLACEHOLDER_DPIS or not _PLAUSIBLE_DPI[0] <= value <= _PLAUSIBLE_DPI[1]:
        return None
    return value


def load_image_page(path: Path, page_number: int) -> PageImage:
    """Frame `page_number` (from 1) of a TIFF, PNG or JPEG, greyscale, upright per its EXIF."""
    try:
        with Image.open(path) as image:
            image.seek(page_number - 1)
            image.load()
            dpi = _stated_dpi(image)
            # In place, and no conversion of a page already grey: each copy of a 300 dpi page
            # costs as much as a tenth of decoding it.
            ImageOps.exif_transpose(image, in_place=True)
            grey = image if image.mode == "L" else _to_grey(image)
            pixels = np.asarray(grey, dtype=np.uint8)
    except EOFError as error:
        raise InputError("the image has fewer pages than it said") from error
    except Image.DecompressionBombError as error:
        raise InputError(f"image too large to be a page scan: {error}") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise InputError(f"unreadable image: {error}") from error
    if pixels.ndim != 2 or min(pixels.shape) < 8:
        raise InputError(f"image too small to hold text ({pixels.shape[1]}×{pixels.shape[0]} px)")
    return PageImage(pixels=np.ascontiguousarray(pixels), dpi=dpi or estimate_dpi(pixels), page_number=page_number)


def pdf_render_dpi(native: int | None, options: DigitizeOptions) -> int:
    """The resolution to render a PDF page at: the scan's own, unless it is too high."""
    if native is None:
        return options.default_dpi
    if native > options.max_dpi:
        return options.target_dpi
    return max(native, 50)


def load_page(path: Path, kind: str, page_number: int, options: DigitizeOptions) -> PageImage:
    """Page `page_number` (from 1) of a scan as a greyscale PageImage at its own resolution."""
    if kind == "pdf":
        size = pdf_pages.page_size_inches(path, page_number)
        if size is not None and size[0] * size[1] > MAX_PAGE_SQUARE_INCHES:
            raise InputError(f"PDF page too large to be a docket ({size[0]:.0f}×{size[1]:.0f} in)")
        dpi = pdf_render_dpi(pdf_pages.embedded_resolution(path, page_number), options)
        pixels = pdf_pages.render_page(path, page_number, dpi=dpi)
        return PageImage(pixels=pixels, dpi=dpi, page_number=page_number)
    return load_image_page(path, page_number)
