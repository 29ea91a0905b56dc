"""A box of bad scans, made on the spot: every way a file handed to `scan` can be wrong.

`write_bad_inputs(folder)` returns file name → the words its failure reason must contain, or
None for a file that is odd but readable (a scan under the wrong extension) and must be read.
"""

from __future__ import annotations

import io
import os
import random
import zlib
from pathlib import Path

from fpdf import FPDF
from PIL import Image


def _blank_png(size: tuple[int, int] = (600, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 255).save(buffer, format="PNG", dpi=(200, 200))
    return buffer.getvalue()


def _image_bytes(size: tuple[int, int], fmt: str, mode: str = "L", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 255).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _text_pdf(**encryption) -> bytes:
    pdf = FPDF(format="letter")
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    pdf.cell(text="PEOPLE OF THE STATE OF ILLINOIS")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table from numbered object bodies."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _page_pdf(media_box: bytes, content: bytes, *, compress: bool = False) -> bytes:
    stream = zlib.compress(content, 9) if compress else content
    flate = b" /Filter /FlateDecode" if compress else b""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + b"] /Contents 4 0 R >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream",
    ])


def _encrypted_pdf(filter_entries: bytes) -> bytes:
    """Encrypted with a user password no reader knows (its /O and /U match no password)."""
    return (
        b"%PDF-1.6\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
        b"4 0 obj << /Filter /Standard " + filter_entries + b" /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32
        + b"> /P -4 >> endobj\ntrailer << /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff>"
        b" <00112233445566778899aabbccddeeff>] >>\n%%EOF\n"
    )


def write_bad_inputs(folder: Path) -> dict[str, str | None]:
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    good_pdf = _text_pdf()
    for fraction in (5, 15, 25, 35, 45, 55, 65, 75, 85, 95):
        put(f"truncated_{fraction:02d}.pdf", good_pdf[: len(good_pdf) * fraction // 100], "truncated")
    rng = random.Random(7)
    for index in range(5):
        put(f"corrupt_{index}.pdf", b"%PDF-1.4\n" + rng.randbytes(4000) + b"\ntrailer\n%%EOF\n", "PDF")
    put("header_only.pdf", b"%PDF-1.7\n%%EOF\n", "PDF")
    put("no_pages.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]), "no pages")
    put("count_lies.pdf", _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 5000 >>"]), "PDF")
    # Protected: unknown user passwords under each security handler revision ...
    put("encrypted_rc4_40.pdf", _encrypted_pdf(b"/V 1 /R 2"), "encrypted")
    put("encrypted_rc4_128.pdf", _encrypted_pdf(b"/V 2 /R 3 /Length 128"), "encrypted")
    put("encrypted_aes_128.pdf", _encrypted_pdf(
        b"/V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF"
    ), "encrypted")
    # ... and real files protected with a password by a PDF writer.
    put("password_rc4.pdf", _text_pdf(owner_password="clerk", user_password="secret"), "encrypted")
    put("password_same_for_owner.pdf", _text_pdf(owner_password="secret", user_password="secret"), "encrypted")
    # An owner password alone restricts editing, not reading: the page is read.
    put("owner_password_only.pdf", _text_pdf(owner_password="clerk"), None)
    for extension in ("pdf", "png", "jpg", "jpeg", "tif", "tiff"):
        put(f"zero_bytes.{extension}", b"", "empty file")
    put("one_pixel.png", _image_bytes((1, 1), "PNG"), "too small")
    put("one_pixel.jpg", _image_bytes((1, 1), "JPEG"), "too small")
    put("one_pixel.tif", _image_bytes((1, 1), "TIFF"), "too small")
    # 20,000 × 20,000 pixels (400 megapixels) in a few kilobytes.
    put("huge.png", _image_bytes((20_000, 20_000), "PNG", mode="1"), "too large")
    put("huge.tif", _image_bytes((20_000, 20_000), "TIFF", mode="1", compression="group4"), "too large")
    # PDF bombs: a 200-inch page (60,000 px square at 300 dpi), and a tiny stream that inflates to 200 MB.
    put("bomb_page_size.pdf", _page_pdf(b"0 0 14400 14400", b"BT /F1 12 Tf 72 72 Td (x) Tj ET"), "too large")
    put("bomb_flate.pdf", _page_pdf(b"0 0 612 792", b" " * 200_000_000, compress=True), None)
    good_png = _blank_png()
    for cut in (8, 40, 200, 600, len(good_png) // 2):
        put(f"cut_png_{cut}.png", good_png[:cut], "unreadable image")
    good_jpeg = _image_bytes((600, 400), "JPEG")
    for cut in (4, 100, len(good_jpeg) // 2):
        put(f"cut_jpeg_{cut}.jpg", good_jpeg[:cut], "unreadable image")
    good_tiff = _image_bytes((600, 400), "TIFF")
    put("bad_ifd.tif", good_tiff[:8] + b"\xff" * 40, "unreadable image")
    put("cut_tiff.tif", good_tiff[:300], "unreadable image")
    # Wrong extensions: what a file is comes from its bytes.
    put("png_named.pdf", good_png, None)
    put("pdf_named.png", _page_pdf(b"0 0 612 792", b""), None)
    put("jpeg_named.tif", good_jpeg, None)
    put("text_named.pdf", b"Docket notes typed into a text file.\n", "not a PDF")
    put("html_named.pdf", b"<!DOCTYPE html><html><body>Error 404</body></html>", "not a PDF")
    put("zip_named.tiff", b"PK\x03\x04" + bytes(200), "not a PDF")
    put("gif_named.jpg", _image_bytes((600, 400), "GIF"), "not a PDF")
    # Links: a loop, a link to itself and a link to nothing.
    os.symlink(folder / "loop_b.pdf", folder / "loop_a.pdf")
    os.symlink(folder / "loop_a.pdf", folder / "loop_b.pdf")
    os.symlink(folder / "self_loop.pdf", folder / "self_loop.pdf")
    os.symlink(folder / "missing.pdf", folder / "dangling.pdf")
    expected.update({
        "loop_a.pdf": "symbolic links", "loop_b.pdf": "symbolic links",
        "self_loop.pdf": "symbolic links", "dangling.pdf": "No such file",
    })
    return expected
