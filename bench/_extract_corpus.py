"""Generated dockets and real scans, OCR'd once: what the extraction benchmark and calibration read.

OCR results are cached under bench/out/ocr_cache, keyed by a hash of the page's pixels, its
resolution, the digitize options, Tesseract's version and the digitize stage's source, so a re-run
reads Tesseract's words from disk and a change to digitize reads them anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from digitize.options import DigitizeOptions
from digitize.sources import count_pages, file_sha256, load_page, sniff_kind
from digitize.pipeline import digitize_page
from digitize.tesseract import tesseract_version
from extract.document import DocumentPage, mean_confidence
from fixtures.generator import GeneratedDocket, generate_docket
from models.errors import InputError
from models.pages import ORIENTATION_UNSURE, OcrWord, PageImage, PageText

CACHE_DIR = Path(__file__).resolve().parent / "out" / "ocr_cache"
GENERATOR_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "generator"


@dataclass(frozen=True)
class CorpusDocument:
    seed: int
    damage: str
    truth: dict[str, Any]
    pages: list[DocumentPage]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(f"{self.seed}-{self.damage}".encode()).hexdigest()


@dataclass(frozen=True)
class ScannedDocument:
    name: str
    sha256: str
    pages: list[DocumentPage]


@cache
def _digitize_code() -> str:
    """A digest of the digitize stage's source: a change to any page stage reads pages anew."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).resolve().parents[1] / "digitize").rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_key(pixels: np.ndarray, dpi: int, page_number: int, options: DigitizeOptions) -> str:
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(pixels).tobytes())
    digest.update(json.dumps([pixels.shape, dpi, page_number, options.to_dict(), tesseract_version(), _digitize_code()]).encode())
    return digest.hexdigest()


def _to_json(page: DocumentPage) -> dict[str, Any]:
    return {
        "page_number": page.page_number,
        "skew_degrees": page.skew_degrees,
        "rotation": page.rotation,
        "orientation_unsure": page.orientation_unsure,
        "width": page.text.width,
        "height": page.text.height,
        "words": [
            [w.text, w.left, w.top, w.width, w.height, w.confidence, w.block, w.paragraph, w.line, w.word, [list(a) for a in w.alternatives]]
            for w in page.text.words
        ],
    }


def _from_json(data: dict[str, Any]) -> DocumentPage:
    words = tuple(OcrWord(*row[:10], alternatives=tuple((i, c) for i, c in row[10])) for row in data["words"])
    text = PageText(words=words, width=data["width"], height=data["height"])
    return DocumentPage(data["page_number"], text, data["skew_degrees"], data["rotation"], mean_confidence(text), data.get("orientation_unsure", False))


def printed_document(document: CorpusDocument) -> CorpusDocument:
    """The same docket read from the words the generator printed: extraction on a perfect OCR."""
    pages = []
    for page in document.truth["pages"]:
        words = tuple(
            OcrWord(w["text"], w["bbox"][0], w["bbox"][1], w["bbox"][2] - w["bbox"][0], w["bbox"][3] - w["bbox"][1], 0.96)
            for w in page["words"]
        )
        xs = [w.left + w.width for w in words] or [0]
        ys = [w.top + w.height for w in words] or [0]
        pages.append(DocumentPage(page["page"], PageText(words=words, width=max(xs), height=max(ys)), 0.0, 0, 0.96))
    return CorpusDocument(document.seed, "printed", document.truth, pages)


def _ocr_page(args: tuple[np.ndarray, int, int, DigitizeOptions, str]) -> DocumentPage:
    pixels, dpi, page_number, options, key = args
    path = CACHE_DIR / f"{key}.json"
    if path.exists():
        return _from_json(json.loads(path.read_text()))
    result = digitize_page(PageImage(pixels, dpi, page_number), options)
    text = result.text or PageText(words=(), width=pixels.shape[1], height=pixels.shape[0])
    page = DocumentPage(page_number, text, result.skew_degrees, result.rotation, mean_confidence(text), ORIENTATION_UNSURE in result.steps)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(_to_json(page)))
    temporary.replace(path)
    return page


@cache
def _generator_digest() -> str:
    """A hash of the generator's code: a rendered docket depends on it and on its arguments only."""
    digest = hashlib.sha256()
    for path in sorted(GENERATOR_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _document(args: tuple[int, str, DigitizeOptions]) -> CorpusDocument:
    seed, damage, options = args
    # The pages' own cache keys need the rendered pixels; this index, keyed by the generator's code
    # and the arguments, lets a re-run skip rendering too.
    index_key = hashlib.sha256(json.dumps([seed, damage, _generator_digest(), options.to_dict(), tesseract_version(), _digitize_code()]).encode()).hexdigest()
    index = CACHE_DIR / f"doc-{index_key}.json"
    if index.exists():
        data = json.loads(index.read_text())
        return CorpusDocument(seed, damage, data["truth"], [_from_json(page) for page in data["pages"]])
    docket: GeneratedDocket = generate_docket(seed, damage=damage)
    pages = []
    for number, image in enumerate(docket.pages, start=1):
        pixels = np.asarray(image, dtype=np.uint8)
        key = _cache_key(pixels, docket.dpi, number, options)
        pages.append(_ocr_page((pixels, docket.dpi, number, options, key)))
    temporary = index.with_suffix(".tmp")
    temporary.write_text(json.dumps({"truth": docket.truth, "pages": [_to_json(page) for page in pages]}))
    temporary.replace(index)
    return CorpusDocument(seed, damage, docket.truth, pages)


def corpus(seeds: range | list[int], damages: tuple[str, ...], *, workers: int = 2, options: DigitizeOptions | None = None) -> Iterator[CorpusDocument]:
    """Each seed rendered with each damage mode, OCR'd by the digitize pipeline (cached).

    Documents are generated and read in `workers` processes and come back in plan order.
    """
    options = options or DigitizeOptions()
    plan = [(seed, damage, options) for seed in seeds for damage in damages]
    if workers <= 1:
        yield from map(_document, plan)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_document, plan, chunksize=1)


def _scan(args: tuple[Path, DigitizeOptions]) -> ScannedDocument | None:
    path, options = args
    try:
        kind = sniff_kind(path)
        count = count_pages(path, kind)
    except InputError:
        return None
    pages = []
    for number in range(1, count + 1):
        image = load_page(path, kind, number, options)
        key = _cache_key(image.pixels, image.dpi, number, options)
        pages.append(_ocr_page((image.pixels, image.dpi, number, options, key)))
    return ScannedDocument(path.name, file_sha256(path), pages)


def real_scan_documents(root: Path, *, workers: int = 2, options: DigitizeOptions | None = None) -> Iterator[ScannedDocument]:
    """Every PDF and image under `root` (real court filings and receipts), digitized (cached)."""
    options = options or DigitizeOptions()
    paths = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"))
    jobs = [(path, options) for path in paths]
    results = map(_scan, jobs) if workers <= 1 else ProcessPoolExecutor(max_workers=workers).map(_scan, jobs)
    for document in results:
        if document is not None:
            yield document
