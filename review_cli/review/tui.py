"""The full-screen review app (Textual): one item at a time, one key per answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from models.errors import CleardocketError
from review_cli.review.crop import HalfBlockImage, crop_region
from review_cli.review.render import answer_text, case_text, field_text
from review_cli.review.session import ReviewSession
from review_cli.review.validate import check_edit

# Builds the widget that shows a crop: half-block characters by default; the command swaps in
# real pixels (textual-image) when the terminal answers that it can show them.
# The factory gets the widget id to use.
CropWidgetFactory = Callable[[str], Widget]

_PROMPTS = {
    "edit": "Type the value as printed; Enter saves, Esc cancels",
    "skip": "Why skip? Enter saves, Esc cancels",
    "flag": "Why flag? Enter saves, Esc cancels",
}


class CropView(Static):
    """The scan region of the value, in half-block characters."""

    def show_image(self, image: Any) -> None:
        self.update(HalfBlockImage(image, max_rows=max(int(self.size.height or 10), 4)) if image is not None else "")


class ReviewApp(App[None]):
    TITLE = "cleardocket review"
    CSS = """
    #progress { height: auto; background: $boost; padding: 0 1; }
    #body { height: 1fr; }
    #case, #field { height: auto; padding: 0 1; }
    #crop { height: 12; padding: 0 1; }
    #message { height: auto; padding: 0 1; color: $success; }
    #entry { height: auto; display: none; }
    #preview { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("a", "answer('accept')", "accept"),
        Binding("e", "start_entry('edit')", "edit"),
        Binding("b", "answer('blank')", "blank"),
        Binding("s", "start_entry('skip')", "skip"),
        Binding("f", "start_entry('flag')", "flag"),
        Binding("u", "undo", "undo"),
        Binding("n", "next", "next"),
        Binding("p", "previous", "previous"),
        Binding("w", "toggle_wide", "wider"),
        Binding("q", "quit_review", "quit"),
        Binding("escape", "cancel_entry", "cancel", show=False),
    ]

    def __init__(self, session: ReviewSession, *, crop_widget: CropWidgetFactory | None = None) -> None:
        super().__init__()
        self.session = session
        self.crop_widget = crop_widget
        self.wide = False
        self.entry_mode: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        with VerticalScroll(id="body"):
            yield Static(id="case")
            yield Static(id="field")
            yield self.crop_widget("crop") if self.crop_widget else CropView(id="crop")
        with Vertical(id="entry"):
            yield Static(id="prompt")
            yield Input(id="input")
            yield Static(id="preview")
        yield Static(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(max(self.session.settings.lease_seconds / 3, 1), self.session.renew)
        self._run(self.session.next)

    # ---- drawing -------------------------------------------------------------------------

    def _refresh_screen(self) -> None:
        session = self.session
        progress = session.progress()
        fields = progress.fields_line()
        self.query_one("#progress", Static).update(
            progress.summary_line() + (f"\nopen by field: {fields}" if fields else "")
        )
        view = session.view
        case, field = self.query_one("#case", Static), self.query_one("#field", Static)
        if view is None:
            case.update(Text("Nothing left to review. Press q to quit, u to undo your last answer.", style="bold"))
            field.update("")
            self._show_crop(None)
            return
        case.update(case_text(view, position=session.position + 1, seen=len(session.history)))
        field.update(field_text(view))
        image = None
        if view.page_png and view.bbox:
            image = crop_region(view.page_png, view.bbox, wide=self.wide)
        self._show_crop(image)

    def _show_crop(self, image: Any) -> None:
        widget = self.query_one("#crop")
        if isinstance(widget, CropView):
            widget.show_image(image)
        else:
            widget.image = image  # type: ignore[attr-defined]

    def _say(self, message: Text | str, *, error: bool = False) -> None:
        shown = Text(message, style="bold red") if error and isinstance(message, str) else message
        self.query_one("#message", Static).update(shown)

    def _run(self, step: Callable[[], Any]) -> Any:
        """Run one session step; a lost lease or bad value becomes a message, not a crash."""
        try:
            result = step()
        except (CleardocketError, ValueError) as error:
            self._say(str(error), error=True)
            result = None
        self._refresh_screen()
        return result

    # ---- keys ----------------------------------------------------------------------------

    def action_answer(self, action: str) -> None:
        if self.session.view is None:
            return
        result = self._run(lambda: self.session.answer(action))
        if result is not None:
            self._say(answer_text(result))

    def action_start_entry(self, mode: str) -> None:
        if self.session.view is None:
            return
        self.entry_mode = mode
        entry = self.query_one("#entry")
        entry.display = True
        self.query_one("#prompt", Static).update(_PROMPTS[mode])
        field = self.query_one("#input", Input)
        view = self.session.view
        field.value = (view.printed_text or "") if mode == "edit" else ""
        self._preview(field.value)
        field.focus()

    def action_cancel_entry(self) -> None:
        self.entry_mode = None
        self.query_one("#entry").display = False
        self.set_focus(None)

    def _preview(self, text: str) -> None:
        preview = self.query_one("#preview", Static)
        if self.entry_mode != "edit" or self.session.view is None:
            preview.update("")
            return
        checked = check_edit(self.session.view.item.path, text)
        line = Text(checked.preview, style="green" if checked.ok else "red")
        if checked.suggestions:
            line.append("\n  suggestions: " + " | ".join(checked.suggestions), style="cyan")
        preview.update(line)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        mode, text = self.entry_mode, event.value
        if mode is None or self.session.view is None:
            return
        if mode == "edit":
            checked = check_edit(self.session.view.item.path, text)
            if not checked.ok:
                self._say(f"Not saved: {checked.preview}", error=True)
                return
            self.action_cancel_entry()
            result = self._run(lambda: self.session.answer("edit", new_value=checked.value, reason=f"typed {text!r}"))
        else:
            if not text.strip():
                self._say(f"A {mode} needs a reason.", error=True)
                return
            self.action_cancel_entry()
            result = self._run(lambda: self.session.answer(mode, reason=text.strip()))
        if result is not None:
            self._say(answer_text(result))

    def action_undo(self) -> None:
        result = self._run(self.session.undo)
        if result is None:
            self._say("Nothing of yours to undo.")
        else:
            self._say(answer_text(result))

    def action_next(self) -> None:
        self._run(self.session.next)
        self._say("")

    def action_previous(self) -> None:
        if self._run(self.session.previous) is None:
            self._say("This is the first item of the session.")
        else:
            self._say("")

    def action_toggle_wide(self) -> None:
        self.wide = not self.wide
        self.query_one("#crop").styles.height = 20 if self.wide else 12
        self._refresh_screen()

    def action_quit_review(self) -> None:
        self.exit()

    def on_unmount(self) -> None:
        self.session.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a value or reason is being typed, letters belong to the input, not to the keys.
        if self.entry_mode is not None and action not in ("cancel_entry",):
            return False
        return True
