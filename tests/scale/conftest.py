"""Small typed pages with known words, fake Tesseracts that crash or hang, and scan helpers."""

from __future__ import annotations

import random
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/freefont/FreeMono.ttf"
CLEARDOCKET = Path(sys.executable).parent / "cleardocket"
_WORDS = (
    "Circuit Court Cook County People State defendant charged possession cannabis grams "
    "disposition guilty supervision dismissed stricken fine costs paid continued judgment"
).split()


def write_page(path: Path, seed: int, *, lines: int = 4, dpi: int = 200) -> list[str]:
    """A small typewritten page (5×2 in); returns the words printed on it."""
    rng = random.Random(seed)
    image = Image.new("L", (5 * dpi, 2 * dpi), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(12 / 72 * dpi))
    printed: list[str] = []
    for index in range(lines):
        text = " ".join(rng.choice(_WORDS) for _ in range(4))
        draw.text((int(0.4 * dpi), int(0.3 * dpi) + index * int(0.35 * dpi)), text, font=font, fill=0)
        printed.extend(text.split())
    image.save(path, dpi=(dpi, dpi))
    return printed


def write_pages(folder: Path, count: int, *, seed: int = 0) -> dict[str, list[str]]:
    """`count` page files; file name → words printed."""
    folder.mkdir(parents=True, exist_ok=True)
    return {f"page_{index:03d}.png": write_page(folder / f"page_{index:03d}.png", seed + index) for index in range(count)}


def write_multipage_pdf(path: Path, pages: int, *, seed: int = 100) -> None:
    images = []
    for index in range(pages):
        png = path.with_name(f"_tmp_{index}.png")
        write_page(png, seed + index)
        images.append(Image.open(png).copy())
        png.unlink()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)


def fake_tesseract(folder: Path, behaviour: str) -> Path:
    """A `tesseract` that answers --version truthfully but crashes (SIGSEGV) or hangs on a page."""
    action = {"crash": "kill -SEGV $$", "hang": "exec sleep 600"}[behaviour]
    script = folder / f"tesseract-{behaviour}"
    script.write_text(
        "#!/bin/sh\n"
        'case "$1" in --version|-v) exec tesseract "$@";; --list-langs) exec tesseract "$@";; esac\n'
        f"{action}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def page_rows(db_path: Path) -> list[tuple[str, int, str, str | None]]:
    """(document, page number, status, error) of every page row, read with plain sqlite3."""
    with sqlite3.connect(db_path) as connection:
        return connection.execute(
            "select document_sha256, page_number, status, error from pages order by document_sha256, page_number"
        ).fetchall()


def assert_each_page_once(db_path: Path, expected_pages: int) -> None:
    rows = page_rows(db_path)
    keys = [(document, number) for document, number, _, _ in rows]
    assert len(keys) == len(set(keys)), "a page was written twice"
    assert len(rows) == expected_pages, f"{len(rows)} page rows for {expected_pages} pages"


@pytest.fixture(scope="session")
def pages_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    write_pages(folder, 6)
    return folder
