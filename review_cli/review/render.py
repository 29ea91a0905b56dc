"""Text both review screens show: the case and its decision, the value and why it is here, answers."""

from __future__ import annotations

import json
from typing import Any

from rich.text import Text

from review_cli.review.answers import AnswerResult
from review_cli.review.queue import TIER_NAMES
from review_cli.review.view import ItemView

KEYS = (
    ("a", "accept"),
    ("e", "edit"),
    ("b", "blank"),
    ("s", "skip"),
    ("f", "flag"),
    ("u", "undo"),
    ("n", "next"),
    ("p", "previous"),
    ("w", "wider"),
    ("q", "quit"),
)


def shown(value: Any) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, str):
        return value
    return json.dumps(value)


def decision_text(decision: dict[str, Any] | None) -> Text:
    if decision is None:
        return Text("Decision: none yet", style="yellow")
    text = Text("Decision: ")
    text.append(str(decision.get("outcome")), style="bold")
    if decision.get("needs_review"):
        text.append("  needs review", style="bold yellow")
    paths = decision.get("relief_paths") or []
    text.append(f"\n  relief: {', '.join(paths) if paths else '-'}")
    reasons = decision.get("review_reasons") or []
    if reasons:
        text.append(f"\n  reasons: {', '.join(str(r) for r in reasons)}")
    for question in decision.get("questions") or []:
        text.append(f"\n  ? {question}", style="cyan")
    return text


def case_text(view: ItemView, *, position: int, seen: int) -> Text:
    item = view.item
    text = Text()
    text.append(f"Case {view.case_number or item.case_id}", style="bold")
    text.append(f"  ·  docket {item.docket[:12]}  ·  item {position} of {seen} this session")
    text.append(f"  ·  {TIER_NAMES.get(item.tier, item.tier)}")
    if item.status != "open":
        text.append(f"  ·  {item.status}", style="magenta")
    text.append("\n")
    text.append_text(decision_text(view.decision))
    return text


def field_text(view: ItemView) -> Text:
    item = view.item
    text = Text()
    text.append(f"{item.path}", style="bold")
    text.append(" = ")
    text.append(shown(view.value), style="bold green")
    if view.value != view.machine_value:
        text.append(f"   (machine read {shown(view.machine_value)})")
    confidence = "unknown" if view.confidence is None else f"{view.confidence:.2f}"
    text.append(f"\n  confidence {confidence}  ·  status {view.field_status}  ·  extractor {view.extractor or '-'}")
    for reason in item.routed_because:
        text.append(f"\n  routed: {reason}", style="yellow")
    if item.question and item.question not in ((view.decision or {}).get("questions") or ()):
        text.append(f"\n  question: {item.question}", style="cyan")
    text.append(f"\n  printed: {view.printed_text!r}" if view.printed_text else "\n  printed: -")
    text.append(f"\n  OCR line: {view.ocr_line}" if view.ocr_line else "\n  OCR line: -")
    for answer in view.answers[-3:]:
        text.append(
            f"\n  earlier: {answer['action']} {shown(json.loads(answer['new_value']))} by {answer['reviewer']}",
            style="dim",
        )
    return text


def answer_text(result: AnswerResult) -> Text:
    before = (result.decision_before or {}).get("outcome")
    after = (result.decision_after or {}).get("outcome")
    text = Text(f"Saved {result.action}")
    if result.action in ("edit", "undo") and result.old_value != result.new_value:
        text.append(f" ({shown(result.old_value)} → {shown(result.new_value)})")
    text.append(".")
    if after != before:
        text.append(f" Decision now {after} (was {before}).", style="bold")
    elif result.action in ("accept", "edit", "blank", "undo"):
        text.append(f" Decision unchanged: {after}.")
    if result.moot:
        text.append(f" {result.moot} item(s) of this person left the queue.")
    if result.added:
        text.append(f" {result.added} new item(s) for this person.")
    return text


def keys_line() -> str:
    return "  ".join(f"[{key}] {name}" for key, name in KEYS)
