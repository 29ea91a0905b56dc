"""Generated dockets as extraction reads them.

`printed_pages` gives the words the generator printed, with their boxes, as a `PageText`: the
input a perfect OCR would give. Tests of layout and database behaviour use it so they run in
seconds; tests/extract/test_real_ocr.py reads the same kind of pages with real Tesseract.
"""

from __future__ import annotations

import hashlib

import pytest

from extract.document import DocumentPage
from fixtures.generator import GeneratedDocket, generate_docket
from models.pages import OcrWord, PageText

PRINTED_CONFIDENCE = 0.96


def printed_pages(docket: GeneratedDocket) -> list[DocumentPage]:
    pages = []
    for page in docket.truth["pages"]:
        words = tuple(
            OcrWord(w["text"], w["bbox"][0], w["bbox"][1], w["bbox"][2] - w["bbox"][0], w["bbox"][3] - w["bbox"][1], PRINTED_CONFIDENCE)
            for w in page["words"]
        )
        text = PageText(words=words, width=docket.pages[page["page"] - 1].width, height=docket.pages[page["page"] - 1].height)
        pages.append(DocumentPage(page["page"], text, 0.0, 0, PRINTED_CONFIDENCE))
    return pages


def docket_sha(docket: GeneratedDocket) -> str:
    return hashlib.sha256(repr((docket.truth["seed"], docket.truth["layout"])).encode()).hexdigest()


@pytest.fixture(scope="session")
def docket_of():
    cache: dict[tuple[int, str], GeneratedDocket] = {}

    def make(seed: int, layout: str) -> GeneratedDocket:
        if (seed, layout) not in cache:
            cache[(seed, layout)] = generate_docket(seed, layout=layout)
        return cache[(seed, layout)]

    return make
