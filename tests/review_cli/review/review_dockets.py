"""A small docket database for the review tests: a rendered page with known word boxes, cases
stored through the store, decided by the real engine.

Every value below is synthetic (no real person or case).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from sqlite_utils import Database

from eligibility.registry import get_rule_set
from models.database import open_database
from models.records import CaseRecord, Charge, Defendant, FieldInfo, SourceDocument, SourcePage
from models.store import get_path, load_case, save_case
from review_cli.review.engine import ReviewEngine

AS_OF = dt.date(2026, 1, 15)
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.timezone.utc)
THRESHOLD = 0.9
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


def _font() -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    if FONT_PATH.exists():
        return ImageFont.truetype(str(FONT_PATH), 26)
    return ImageFont.load_default(size=26)


def render_page(lines: list[str], *, width: int = 1400) -> tuple[bytes, list[dict]]:
    """A white page with `lines` typed on it; returns the PNG and the word rows (with boxes)."""
    font = _font()
    height = 60 + 56 * len(lines)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    words = []
    seq = 0
    for line_number, line in enumerate(lines, start=1):
        x, y = 40, 30 + 56 * (line_number - 1)
        for word_number, word in enumerate(line.split(), start=1):
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=0)
            seq += 1
            words.append(
                {
                    "seq": seq,
                    "text": word,
                    "left": left,
                    "top": top,
                    "width": right - left,
                    "height": bottom - top,
                    "confidence": 0.9,
                    "block": 1,
                    "paragraph": 1,
                    "line": line_number,
                    "word": word_number,
                }
            )
            x = right + draw.textlength(" ", font=font)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    return buffer.getvalue(), words


def word_box(words: list[dict], line: int, phrase: str) -> tuple[int, int, int, int]:
    """The box around the words of `phrase` on `line`."""
    wanted = phrase.split()
    on_line = [w for w in words if w["line"] == line]
    for start in range(len(on_line) - len(wanted) + 1):
        run = on_line[start : start + len(wanted)]
        if [w["text"] for w in run] == wanted:
            return (
                min(w["left"] for w in run),
                min(w["top"] for w in run),
                max(w["left"] + w["width"] for w in run),
                max(w["top"] + w["height"] for w in run),
            )
    raise ValueError(f"{phrase!r} is not on line {line}")


def add_page(db: Database, lines: list[str], *, name: str) -> tuple[str, int, list[dict]]:
    png, words = render_page(lines)
    sha = hashlib.sha256(png).hexdigest()
    db["documents"].insert({"sha256": sha, "path": f"{name}.pdf", "pages": 1, "status": "done"}, pk="sha256")
    page_id = db["pages"].insert(
        {"document_sha256": sha, "page_number": 1, "status": "done", "dpi": 300, "image_png": png, "word_count": len(words)}
    ).last_pk
    db["words"].insert_all([{**w, "page_id": page_id} for w in words], pk=("page_id", "seq"))
    return sha, page_id, words


def engine(as_of: dt.date = AS_OF, *, threshold: float = THRESHOLD) -> ReviewEngine:
    return ReviewEngine(get_rule_set("illinois-crta"), as_of=as_of, confidence_threshold=threshold)


def _field(words: list[dict], line: int, phrase: str, sha: str, confidence: float, *, status: str | None = None) -> FieldInfo:
    if status is None:
        status = "auto" if confidence >= THRESHOLD else "needs_review"
    return FieldInfo(
        confidence=confidence,
        status=status,
        page=1,
        bbox=word_box(words, line, phrase),
        text=phrase,
        extractor="test_docket.v1",
        document_sha256=sha,
    )


def possession_case(
    case_id: str,
    *,
    name: str,
    grams: float | None,
    grams_text: str,
    grams_confidence: float,
    disposition: str = "NOLLE",
    disposition_text: str = "NOLLE",
    statute: str | None = "720 ILCS 550/4(c)",
    statute_text: str = "720-550/4(C)",
    statute_confidence: float = 0.99,
    disposition_confidence: float = 0.97,
    description: str = "POSS CANNABIS",
    case_number: str | None = "",
) -> tuple[list[str], Callable[[str, list[dict], int], CaseRecord]]:
    """The lines of one case and a function that builds its record once the page is rendered."""
    number = f"93 C {case_id[-6:]}"
    lines = [
        f"CASE {number} PEOPLE V {name}",
        f"CT 1 {description} {statute_text} AMT {grams_text}",
        f"DISP 09-02-93 {disposition_text}",
    ]

    def build(sha: str, words: list[dict], first_line: int) -> CaseRecord:
        return CaseRecord(
            case_id=case_id,
            # "" means read as printed; None means the number was printed but not readable.
            case_number=number.replace(" ", "") if case_number == "" else case_number,
            case_number_text=number,
            defendant=Defendant(name=name, date_of_birth=dt.date(1961, 4, 3)),
            arrest_date=dt.date(1993, 7, 14),
            charges=(
                Charge(
                    count=1,
                    statute=statute,
                    statute_text=statute_text,
                    description=description,
                    offense_class=None,
                    amount_grams=grams,
                    amount_text=grams_text,
                    offense_date=dt.date(1993, 7, 14),
                    disposition=disposition,
                    disposition_text=disposition_text,
                    sentence_kind="FINE" if disposition == "CONVICTED" else None,
                    sentence_text="FINE $100" if disposition == "CONVICTED" else None,
                    disposition_date=dt.date(1993, 9, 2),
                ),
            ),
            source=(SourceDocument(file="docket.pdf", sha256=sha, pages=(SourcePage(page=1),)),),
            fields={
                "case_number": _field(words, first_line, number, sha, 0.98),
                "charges.0.statute": _field(words, first_line + 1, statute_text, sha, statute_confidence),
                "charges.0.amount_grams": _field(words, first_line + 1, grams_text, sha, grams_confidence),
                "charges.0.disposition": _field(words, first_line + 2, disposition_text, sha, disposition_confidence),
            },
        )

    return lines, build


def build_review_db(path: Path, specs: list[dict], *, dockets: int = 1) -> Database:
    """Store the cases of `specs` (keyword arguments of possession_case) on `dockets` pages and
    decide them with the real engine."""
    db = open_database(path)
    per_docket = [specs[i::dockets] for i in range(dockets)]
    decide = engine()
    for number, group in enumerate(per_docket):
        if not group:
            continue
        built = [possession_case(**spec) for spec in group]
        lines = [line for case_lines, _ in built for line in case_lines]
        sha, page_id, words = add_page(db, lines, name=f"docket{number}")
        first = 1
        for case_lines, build in built:
            record = build(sha, words, first)
            save_case(db, record, origin="digitized", extractor_version="test-extract-1", page_ids={(sha, 1): page_id})
            first += len(case_lines)
    for row in list(db.query("select case_id from cases order by case_id")):
        decide.redecide(db, row["case_id"])
    return db


def field_value(db: Database, case_id: str, path: str) -> object:
    return get_path(load_case(db, case_id).to_dict(), path)


def decision_outcome(db: Database, case_id: str) -> str | None:
    row = db.execute("select decision from decisions where case_id = ? and current = 1 order by id desc", [case_id]).fetchone()
    return json.loads(row[0])["outcome"] if row else None
