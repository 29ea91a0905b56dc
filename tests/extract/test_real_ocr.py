"""The whole stage on real Tesseract output: generated pages digitized, then extracted."""

from pathlib import Path

import numpy as np
import pytest

from digitize.options import DigitizeOptions
from digitize.pipeline import digitize_page
from extract.document import DocumentPage, extract_document, mean_confidence
from extract.evaluation import compare_records, unprinted_truth
from fixtures.generator import generate_docket
from models.pages import PageImage
from tests.extract.conftest import docket_sha

pytestmark = pytest.mark.slow

REAL_SCANS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_scans"


def _digitized(docket) -> list[DocumentPage]:
    pages = []
    for number, image in enumerate(docket.pages, start=1):
        result = digitize_page(PageImage(np.asarray(image), docket.dpi, number), DigitizeOptions())
        pages.append(DocumentPage(number, result.text, result.skew_degrees, result.rotation, mean_confidence(result.text)))
    return pages


@pytest.mark.parametrize(("seed", "layout"), [(41, "half_sheet"), (42, "multi_page")])
def test_typed_dockets_read_by_tesseract_give_their_case_charges_and_dispositions(seed, layout):
    docket = generate_docket(seed, layout=layout)
    records = extract_document(_digitized(docket), document_sha256=docket_sha(docket), file="docket.pdf")
    results = compare_records(docket.truth["cases"], records, ignore=unprinted_truth(docket.truth))
    decisive = [r for r in results if r.kind in ("case_number", "statute", "disposition")]
    assert decisive and all(r.correct for r in decisive), [r for r in decisive if not r.correct]
    assert sum(r.correct for r in results) / len(results) >= 0.9


def test_a_damaged_page_still_yields_its_case_with_lower_confidence():
    # A stamp over the text: noise, blur or fading the pipeline now cleans so well that the page
    # reads as confidently as the clean one.
    clean = generate_docket(43, layout="half_sheet")
    damaged = generate_docket(43, layout="half_sheet", damage="stamp")
    clean_record = extract_document(_digitized(clean), document_sha256="a" * 64, file="clean.pdf")[0]
    damaged_record = extract_document(_digitized(damaged), document_sha256="b" * 64, file="damaged.pdf")[0]
    truth = damaged.truth["cases"][0]
    assert [c.statute for c in damaged_record.charges] == [c["statute"] for c in truth["charges"]]
    mean = lambda record: sum(f.confidence for f in record.fields.values()) / len(record.fields)  # noqa: E731
    assert mean(damaged_record) <= mean(clean_record)


@pytest.mark.skipif(not REAL_SCANS.is_dir(), reason="../shared/real_scans is not present")
def test_real_court_filings_hold_no_cannabis_charge():
    from digitize.sources import count_pages, load_page, sniff_kind

    court = sorted((REAL_SCANS / "court_scans_freelawproject_doctor").glob("*.pdf"))[:2]
    for path in court:
        kind = sniff_kind(path)
        pages = []
        for number in range(1, count_pages(path, kind) + 1):
            result = digitize_page(load_page(path, kind, number, DigitizeOptions()), DigitizeOptions())
            pages.append(DocumentPage(number, result.text))
        for record in extract_document(pages, document_sha256="c" * 64, file=path.name):
            assert not any(c.statute and c.statute.startswith("720 ILCS 550/") for c in record.charges)
