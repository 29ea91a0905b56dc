"""Everything the review screen shows about one item, read from the database in one place."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from models.store import current_decision, get_path, load_case
from review_cli.review.queue import ReviewItem, get_item


@dataclass(frozen=True)
class ItemView:
    item: ReviewItem
    case_number: str | None
    value: Any  # the effective value, corrections replayed
    machine_value: Any  # what extraction stored
    confidence: float | None
    field_status: str | None
    extractor: str | None
    printed_text: str | None
    decision: dict[str, Any] | None
    page_png: bytes | None
    bbox: tuple[int, int, int, int] | None
    ocr_line: str | None
    answers: tuple[dict[str, Any], ...]  # earlier corrections of this value, oldest first


def ocr_line(db: Database, page_id: int, bbox: tuple[int, int, int, int]) -> str | None:
    """The words Tesseract put on the same line(s) as the value's box, in reading order."""
    x0, y0, x1, y1 = bbox
    overlapping = list(
        db.query(
            'select distinct block, paragraph, line from words where page_id = ? and "left" < ? and "left" + width > ?'
            " and top < ? and top + height > ?",
            [page_id, x1, x0, y1, y0],
        )
    )
    if not overlapping:
        middle = (y0 + y1) / 2
        overlapping = list(
            db.query(
                "select distinct block, paragraph, line from words where page_id = ? and top <= ? and top + height >= ?",
                [page_id, middle, middle],
            )
        )
    if not overlapping:
        return None
    keys = {(r["block"], r["paragraph"], r["line"]) for r in overlapping}
    words = [
        row["text"]
        for row in db.query("select text, block, paragraph, line from words where page_id = ? order by seq", [page_id])
        if (row["block"], row["paragraph"], row["line"]) in keys
    ]
    return " ".join(words) or None


def load_item_view(db: Database, item_id: int, *, rule_set: str | None = None, policy: str | None = None) -> ItemView:
    item = get_item(db, item_id)
    record = load_case(db, item.case_id)
    rows = list(db.query("select * from fields where case_id = ? and path = ?", [item.case_id, item.path]))
    field = rows[0] if rows else {}
    bbox = tuple(json.loads(field["bbox"])) if field.get("bbox") else None
    page_png = None
    line = None
    if field.get("page_id") is not None:
        page = list(db.query("select image_png from pages where id = ?", [field["page_id"]]))
        page_png = page[0]["image_png"] if page else None
        if bbox:
            line = ocr_line(db, field["page_id"], bbox)
    answers = tuple(
        db.query(
            "select action, old_value, new_value, reviewer, at, reason from corrections where case_id = ? and path = ?"
            " order by id",
            [item.case_id, item.path],
        )
    )
    return ItemView(
        item=item,
        case_number=record.case_number or record.case_number_text,
        value=get_path(record.to_dict(), item.path),
        machine_value=json.loads(field["value"]) if field.get("value") is not None else None,
        confidence=field.get("confidence"),
        field_status=field.get("status"),
        extractor=field.get("extractor"),
        printed_text=field.get("text"),
        decision=current_decision(db, item.case_id, rule_set=rule_set, policy=policy),
        page_png=page_png,
        bbox=bbox,  # type: ignore[arg-type]
        ocr_line=line,
        answers=answers,
    )
