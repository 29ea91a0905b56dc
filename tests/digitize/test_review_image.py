import cv2
import numpy as np

from digitize.review_image import LEVELS, encode_review_png, flatten_paper


def noisy(page):
    rng = np.random.default_rng(0)
    return page.with_pixels(np.clip(page.pixels.astype(int) - rng.integers(0, 30, page.pixels.shape), 0, 255).astype(np.uint8))


def test_paper_becomes_white_and_ink_keeps_few_greys(clean_page):
    page = noisy(clean_page.page())
    flat = flatten_paper(page.pixels)
    assert flat.shape == page.pixels.shape
    assert len(np.unique(flat)) <= LEVELS + 1
    # The paper (the page's most common value) is pure white; the darkest ink stays dark.
    values, counts = np.unique(flat, return_counts=True)
    assert values[counts.argmax()] == 255
    assert flat.min() < 60


def test_stored_png_is_far_smaller_than_the_scan_and_the_same_size(clean_page):
    page = noisy(clean_page.page())
    stored = encode_review_png(flatten_paper(page.pixels), compression=6)
    plain = cv2.imencode(".png", page.pixels)[1].tobytes()
    assert len(stored) < len(plain) / 5
    decoded = cv2.imdecode(np.frombuffer(stored, np.uint8), cv2.IMREAD_UNCHANGED)
    assert decoded.shape == page.pixels.shape and decoded.ndim == 2
