"""Fixtures for tests/digitize: rendered pages shared by many tests."""

import pytest

from digitize_pages import RenderedPage, render_page


@pytest.fixture(scope="session")
def clean_page() -> RenderedPage:
    return render_page(1)


@pytest.fixture(scope="session")
def capitals_page() -> RenderedPage:
    return render_page(2, upper=True)
