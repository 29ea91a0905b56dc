"""The review screen line by line, for terminals where a full-screen app does not work."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from models.errors import CleardocketError
from review_cli.review.crop import HalfBlockImage, crop_region
from review_cli.review.render import answer_text, case_text, field_text, keys_line
from review_cli.review.session import ReviewSession
from review_cli.review.validate import check_edit

Ask = Callable[[str], str]


def _show(session: ReviewSession, console: Console, *, crops: bool, wide: bool) -> None:
    progress = session.progress()
    console.print(Text(progress.summary_line(), style="dim"))
    if progress.fields_line():
        console.print(Text(f"open by field: {progress.fields_line()}", style="dim"))
    view = session.view
    if view is None:
        console.print(Text("Nothing left to review. [u] undo your last answer, [q] quit."))
        return
    console.print(case_text(view, position=session.position + 1, seen=len(session.history)))
    console.print(field_text(view))
    if crops and view.page_png and view.bbox:
        console.print(HalfBlockImage(crop_region(view.page_png, view.bbox, wide=wide), max_rows=8))
    console.print(Text(keys_line(), style="bold"))


def _ask_value(session: ReviewSession, console: Console, ask: Ask) -> tuple[bool, object, str]:
    """Ask until the typed value checks out; an empty line cancels."""
    assert session.view is not None
    path = session.view.item.path
    while True:
        text = ask(f"{path} as printed (empty cancels)")
        if not text.strip():
            return False, None, ""
        checked = check_edit(path, text)
        console.print(Text(checked.preview, style="green" if checked.ok else "red"))
        if checked.suggestions:
            console.print(Text("suggestions: " + " | ".join(checked.suggestions), style="cyan"))
        if checked.ok:
            return True, checked.value, text


def run_plain(session: ReviewSession, console: Console, ask: Ask, *, crops: bool = True) -> int:
    """Review until the reviewer quits or input ends; returns the number of answers saved."""
    saved = 0
    wide = False
    session.next()
    try:
        while True:
            _show(session, console, crops=crops, wide=wide)
            try:
                key = ask("key").strip().lower()[:1]
            except EOFError:
                return saved
            try:
                if key == "q":
                    return saved
                if key == "u":
                    result = session.undo()
                    console.print(answer_text(result) if result else "Nothing of yours to undo.")
                elif key == "n":
                    session.next()
                elif key == "p":
                    if session.previous() is None:
                        console.print("This is the first item of the session.")
                elif key == "w":
                    wide = not wide
                elif session.view is None:
                    console.print("No item on screen.")
                elif key in ("a", "b"):
                    result = session.answer("accept" if key == "a" else "blank")
                    console.print(answer_text(result))
                    saved += 1
                elif key == "e":
                    ok, value, typed = _ask_value(session, console, ask)
                    if ok:
                        console.print(answer_text(session.answer("edit", new_value=value, reason=f"typed {typed!r}")))
                        saved += 1
                elif key in ("s", "f"):
                    reason = ask("reason (empty cancels)").strip()
                    if reason:
                        console.print(answer_text(session.answer("skip" if key == "s" else "flag", reason=reason)))
                        saved += 1
                else:
                    console.print(f"Unknown key {key!r}.")
            except EOFError:
                return saved
            except CleardocketError as error:
                console.print(Text(str(error), style="bold red"))
    finally:
        session.close()
