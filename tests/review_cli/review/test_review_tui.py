"""The Textual app, headless: key presses land in the database; a fixed-size screen matches its golden text."""

import asyncio
import io
import os
import re
from pathlib import Path

import pytest
from rich.console import Console
from review_dockets import NOW, build_review_db, decision_outcome, engine, field_value

from review_cli.review.answers import QueueSettings
from review_cli.review.routing import refresh_queue
from review_cli.review.session import ReviewSession
from review_cli.review.tui import ReviewApp

GOLDEN = Path(__file__).resolve().parent / "golden"
SIZE = (110, 40)

CASES = [
    dict(case_id="c-000001", name="DOE, JANE", grams=12.4, grams_text="12.4 GRMS", grams_confidence=0.41,
         disposition="CONVICTED", disposition_text="FG FINE", statute="720 ILCS 550/4", statute_text="720-550/4"),
    dict(case_id="c-000002", name="ROE, RICHARD", grams=2.0, grams_text="2.0 GRMS", grams_confidence=0.99,
         disposition="NOLLE", disposition_text="NOLLE", disposition_confidence=0.45,
         statute="720 ILCS 550/4(a)", statute_text="720-550/4(A)"),
]


@pytest.fixture
def db(tmp_path):
    db = build_review_db(tmp_path / "tui.db", CASES)
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=0.0)
    return db


def _app(db, reviewer="ana"):
    session = ReviewSession(db, reviewer, engine=engine(), settings=QueueSettings(audit_rate=0.0), clock=lambda: NOW)
    return ReviewApp(session)


def screen_text(app) -> str:
    """The screen as plain text, the way `export_screenshot` renders it, without the colours."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), record=True, force_terminal=True)
    console.print(app.screen._compositor.render_update(full=True))
    return "\n".join(line.rstrip() for line in console.export_text(styles=False).splitlines())


def _update_golden(request) -> bool:
    try:
        return bool(request.config.getoption("--update-golden"))
    except ValueError:
        return os.environ.get("CLEARDOCKET_UPDATE_GOLDEN") == "1"


def _compare(request, name: str, text: str) -> None:
    path = GOLDEN / name
    if _update_golden(request) or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        if not _update_golden(request):
            pytest.fail(f"wrote missing golden file {path.name}; review it and run again")
    assert text + "\n" == path.read_text(encoding="utf-8")


def run(coroutine):
    return asyncio.run(coroutine)


def test_accept_key_saves_a_correction_and_moves_on(db):
    async def scenario():
        app = _app(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first = app.session.view.item
            await pilot.press("a")
            await pilot.pause()
            assert app.session.view.item.id != first.id
            return first

    first = run(scenario())
    row = db.execute("select action, reviewer, case_id, path from corrections").fetchone()
    assert row == ("accept", "ana", first.case_id, first.path)
    assert db.execute("select status from review_items where id = ?", [first.id]).fetchone()[0] == "done"


def test_edit_validates_as_you_type_and_redecides(db):
    async def scenario():
        app = _app(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.session.view.item.path == "charges.0.amount_grams"
            await pilot.press("e")
            await pilot.press(*["backspace"] * 20)
            await pilot.press(*"45")
            await pilot.pause()
            unusable = str(app.query_one("#preview").render())
            await pilot.press("enter")
            await pilot.pause()
            still_editing = app.entry_mode
            await pilot.press(*" G")
            await pilot.pause()
            usable = str(app.query_one("#preview").render())
            await pilot.press("enter")
            await pilot.pause()
            message = str(app.query_one("#message").render())
            return unusable, still_editing, usable, message

    unusable, still_editing, usable, message = run(scenario())
    assert "unit" in unusable and still_editing == "edit"
    assert "45 g" in usable
    assert field_value(db, "c-000001", "charges.0.amount_grams") == 45.0
    assert "Decision now " + decision_outcome(db, "c-000001") in message


def test_flag_needs_a_reason_and_undo_takes_it_back(db):
    async def scenario():
        app = _app(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            item = app.session.view.item
            await pilot.press("f", "enter")
            await pilot.pause()
            refused = str(app.query_one("#message").render())
            await pilot.press(*"torn page", "enter")
            await pilot.pause()
            flagged = db.execute("select status from review_items where id = ?", [item.id]).fetchone()[0]
            await pilot.press("u")
            await pilot.pause()
            return item, refused, flagged, app.session.view.item.id

    item, refused, flagged, shown_after_undo = run(scenario())
    assert "needs a reason" in refused
    assert flagged == "flagged"
    assert shown_after_undo == item.id
    assert db.execute("select status from review_items where id = ?", [item.id]).fetchone()[0] == "open"
    actions = [row[0] for row in db.execute("select action from review_log order by correction_id")]
    assert actions == ["flag", "undo"]


def test_next_and_previous_walk_the_queue_without_answering(db):
    async def scenario():
        app = _app(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first = app.session.view.item.id
            await pilot.press("n")
            await pilot.pause()
            second = app.session.view.item.id
            await pilot.press("p")
            await pilot.pause()
            return first, second, app.session.view.item.id

    first, second, back = run(scenario())
    assert first != second and back == first
    assert db.execute("select count(*) from corrections").fetchone()[0] == 0


def test_screen_matches_golden(db, request):
    async def scenario():
        app = _app(db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            normal = screen_text(app)
            await pilot.press("w")
            await pilot.pause()
            return normal, screen_text(app)

    normal, wide = run(scenario())
    assert normal != wide
    _compare(request, "review_screen.txt", _without_docket_hash(normal))


def _without_docket_hash(text: str) -> str:
    # The docket is named by the hash of its rendered PNG, which depends on the font build.
    return re.sub(r"docket [0-9a-f]{12}", "docket <sha256>", text)


def test_golden_comparison_fails_on_a_changed_screen(request, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARDOCKET_UPDATE_GOLDEN", "0")
    golden = (GOLDEN / "review_screen.txt").read_text(encoding="utf-8").rstrip("\n")
    with pytest.raises(AssertionError):
        _compare(request, "review_screen.txt", golden.replace("confidence 0.41", "confidence 0.14"))
