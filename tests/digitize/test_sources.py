import numpy as np
import pytest
from PIL import Image

from digitize_pages import render_page, write_bad_files
from digitize.options import DigitizeOptions
from digitize.sources import count_pages, find_files, load_page, sniff_kind
from models.errors import InputError

OPTIONS = DigitizeOptions()


@pytest.fixture(scope="module")
def page_image():
    return render_page(5, lines=6, size_inches=(8.5, 3.0)).image


def failure_of(path) -> str | None:
    """The reason a scan of `path` fails, or None when every page loads."""
    try:
        kind = sniff_kind(path)
        for number in range(1, count_pages(path, kind) + 1):
            load_page(path, kind, number, OPTIONS)
    except InputError as error:
        return str(error)
    return None


def test_kind_comes_from_content_not_name(tmp_path, page_image):
    page_image.save(tmp_path / "scan.jpg", format="PNG")
    page_image.save(tmp_path / "scan.pdf", format="TIFF")
    assert sniff_kind(tmp_path / "scan.jpg") == "png"
    assert sniff_kind(tmp_path / "scan.pdf") == "tiff"


def test_every_page_of_a_multipage_tiff_and_pdf(tmp_path, page_image):
    second = page_image.rotate(180)
    page_image.save(tmp_path / "box.tif", save_all=True, append_images=[second, page_image], dpi=(300, 300))
    page_image.save(tmp_path / "box.pdf", save_all=True, append_images=[second], resolution=300.0)
    assert count_pages(tmp_path / "box.tif", "tiff") == 3
    assert count_pages(tmp_path / "box.pdf", "pdf") == 2
    tiff_two = load_page(tmp_path / "box.tif", "tiff", 2, OPTIONS)
    pdf_two = load_page(tmp_path / "box.pdf", "pdf", 2, OPTIONS)
    assert tiff_two.page_number == pdf_two.page_number == 2
    assert np.array_equal(tiff_two.pixels, np.asarray(second))
    assert (pdf_two.width, pdf_two.height) == page_image.size


def test_pdf_page_is_rendered_at_the_scans_own_resolution(tmp_path, page_image):
    low = page_image.resize((page_image.width // 2, page_image.height // 2))
    low.save(tmp_path / "low.pdf", resolution=150.0)
    page = load_page(tmp_path / "low.pdf", "pdf", 1, OPTIONS)
    assert page.dpi == 150
    assert (page.width, page.height) == low.size


def test_a_placeholder_resolution_is_replaced_by_an_estimate(tmp_path, page_image):
    page_image.save(tmp_path / "screen.png", dpi=(72, 72))
    page = load_page(tmp_path / "screen.png", "png", 1, OPTIONS)
    # Rendered at 300 dpi; an estimate from the type size lands near it, not at 72.
    assert 200 <= page.dpi <= 450


def test_transparent_background_is_paper(tmp_path):
    rgba = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    rgba.save(tmp_path / "clear.png")
    assert load_page(tmp_path / "clear.png", "png", 1, OPTIONS).pixels.min() == 255


@pytest.mark.parametrize(
    "name",
    ["truncated.pdf", "corrupt.pdf", "encrypted.pdf", "no_pages.pdf", "zero_bytes.pdf", "zero_bytes.png",
     "cut_short.png", "notes.jpg"],
)
def test_bad_input_fails_with_a_clear_reason(tmp_path, page_image, name):
    page_image.save(tmp_path / "good.pdf", resolution=300.0)
    expected = write_bad_files(tmp_path / "bad", tmp_path / "good.pdf")
    assert failure_of(tmp_path / "good.pdf") is None
    reason = failure_of(tmp_path / "bad" / name)
    assert reason is not None and expected[name] in reason


def test_folders_are_walked_for_scans_only(tmp_path, page_image):
    (tmp_path / "box" / "sub").mkdir(parents=True)
    (tmp_path / "box" / ".hidden").mkdir()
    page_image.save(tmp_path / "box" / "sub" / "a.PNG")
    page_image.save(tmp_path / "box" / "b.tiff")
    page_image.save(tmp_path / "box" / ".hidden" / "c.png")
    (tmp_path / "box" / "notes.txt").write_text("not a scan")
    named = tmp_path / "named.dat"
    page_image.save(named, format="PNG")
    found = list(find_files([tmp_path / "box", named]))
    assert found == [tmp_path / "box" / "b.tiff", tmp_path / "box" / "sub" / "a.PNG", named]


def test_a_missing_path_is_refused_before_any_work(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(find_files([tmp_path, tmp_path / "missing"]))
