"""Pages rendered with known text, skew and rotation, and bad files made on the spot (helpers
for tests/digitize; a uniquely named module, since every test folder has a conftest)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from fixtures.generator.layouts import TYPEWRITER, PageLayout
from fixtures.generator.render import render_page as render_layout
from models.pages import PageImage

FONT = "/usr/share/fonts/truetype/freefont/FreeMono.ttf"
REAL_SCANS = Path(__file__).resolve().parents[2] / ".." / "shared" / "real_scans"
_VOCABULARY = (
    "Circuit Court of Cook County Illinois People of the State versus defendant charged with "
    "possession of cannabis grams under Chapter paragraph section disposition finding guilty "
    "supervision dismissed nolle prosequi stricken leave to reinstate fine costs paid continued "
    "judgment sentence probation months January February March April October December"
).split()


@dataclass(frozen=True)
class RenderedPage:
    """A rendered page and what is printed on it (upright, unskewed)."""

    image: Image.Image
    lines: tuple[str, ...]
    dpi: int

    @property
    def words(self) -> list[str]:
        return [word for line in self.lines for word in line.split()]

    def page(self, *, skew: float = 0.0, rotation: int = 0, page_number: int = 1) -> PageImage:
        """The page skewed `skew` degrees counter-clockwise, then turned `rotation` clockwise."""
        image = self.image
        if skew:
            image = image.rotate(skew, resample=Image.BICUBIC, expand=True, fillcolor=255)
        if rotation:
            image = image.rotate(-rotation, expand=True)
        return PageImage(pixels=np.asarray(image).copy(), dpi=self.dpi, page_number=page_number)


def render_page(
    seed: int,
    *,
    lines: int = 14,
    dpi: int = 300,
    size_inches: tuple[float, float] = (8.5, 5.5),
    upper: bool = False,
    rules: bool = False,
) -> RenderedPage:
    """A typewritten page of docket-like words in 12 pt Courier-like type."""
    rng = random.Random(seed)
    width, height = int(size_inches[0] * dpi), int(size_inches[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(12 / 72 * dpi))
    pitch = int(0.3 * dpi)
    printed = []
    top = int(0.6 * dpi)
    for index in range(lines):
        y = top + index * pitch
        if y + pitch > height - int(0.4 * dpi):
            break
        text = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(4, 8)))
        text = text.upper() if upper else text
        draw.text((int(0.8 * dpi), y), text, font=font, fill=0)
        printed.append(text)
        if rules:
            rule_y = y + int(0.21 * dpi)
            draw.line((int(0.5 * dpi), rule_y, width - int(0.5 * dpi), rule_y), fill=0, width=max(2, dpi // 100))
    return RenderedPage(image=image, lines=tuple(printed), dpi=dpi)


def word_accuracy(expected: list[str], read: list[str]) -> float:
    """Share of expected words read, matched in order (longest common subsequence)."""
    previous = [0] * (len(read) + 1)
    for word in expected:
        current = [0]
        for index, candidate in enumerate(read):
            current.append(previous[index] + 1 if word == candidate else max(previous[index + 1], current[-1]))
        previous = current
    return previous[-1] / len(expected) if expected else 1.0


def write_encrypted_pdf(path: Path) -> None:
    """A PDF protected by a user password (Standard security handler, RC4 40-bit).

    Its /O and /U entries match no password, so, like a real protected file, no reader can
    open it without the password.
    """
    path.write_bytes(
        b"%PDF-1.4\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
        b"4 0 obj << /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >> endobj\n"
        b"trailer << /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff>"
        b" <00112233445566778899aabbccddeeff>] >>\n%%EOF\n"
    )


def write_empty_pdf(path: Path) -> None:
    """A well-formed PDF with no pages."""
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def write_bad_files(folder: Path, good_pdf: Path) -> dict[str, str]:
    """Every kind of bad input a box of scans can hold; file name → expected reason fragment."""
    folder.mkdir(parents=True, exist_ok=True)
    data = good_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    # A PDF whose body is garbage but which still ends properly: poppler must reject it.
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\ntrailer\n%%EOF\n")
    write_encrypted_pdf(folder / "encrypted.pdf")
    write_empty_pdf(folder / "no_pages.pdf")
    (folder / "zero_bytes.pdf").write_bytes(b"")
    (folder / "zero_bytes.png").write_bytes(b"")
    png = folder / "cut_short.png"
    Image.new("L", (600, 400), 200).save(png)
    png.write_bytes(png.read_bytes()[:200])
    (folder / "notes.jpg").write_text("Not a scan: a text file someone named .jpg\n")
    return {
        "truncated.pdf": "truncated",
        "corrupt.pdf": "corrupt PDF",
        "encrypted.pdf": "encrypted",
        "no_pages.pdf": "no pages",
        "zero_bytes.pdf": "empty file",
        "zero_bytes.png": "empty file",
        "cut_short.png": "unreadable image",
        "notes.jpg": "not a PDF, TIFF, PNG or JPEG",
    }


def generated_printout(lines: tuple[str, ...], face: str, *, height_inches: float, seed: int) -> tuple[PageImage, list[str]]:
    """A small page of `lines` printed by the fixture generator in `face`, and the words on it."""
    layout = PageLayout(6.5, height_inches, face, 12 if face == TYPEWRITER else 10, 60, 0.3, 0.3)
    for line in lines:
        layout.put(line)
    page = render_layout(layout, dpi=300, rng=random.Random(seed))
    return PageImage(pixels=np.asarray(page.image).copy(), dpi=300), [word["text"] for word in page.words]
