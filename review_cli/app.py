"""The `cleardocket` command: one typer app, one module per command group.

A command module is imported only when one of its commands runs or shows its help: most of
them import heavy libraries (spaCy, datasette, fpdf), and every worker process of
`cleardocket scan` imports this module again when it starts.
"""

from __future__ import annotations

import importlib
from collections.abc import MutableMapping
from dataclasses import dataclass

import typer
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class CommandEntry:
    module: str
    summary: str


# Each module defines `register(app)`; the order here is the order in `--help`. A summary is the
# first paragraph of its command's docstring, shown by `cleardocket --help` without importing the
# module (tests/review_cli/test_app.py checks the two agree).
COMMANDS = {
    "scan": CommandEntry(
        "review_cli.scan_cmd",
        "Digitize scanned dockets: orient, deskew and OCR every page, extract the cases, decide relief.",
    ),
    "extract": CommandEntry("review_cli.extract_cmd", "Re-run extraction over the digitized documents of a database."),
    "export": CommandEntry(
        "review_cli.extract_cmd",
        "Write every case as records.md: JSONL (one case a line) or CSV (one count a row).",
    ),
    "import": CommandEntry(
        "review_cli.records_cmd",
        "Import digital records; every row is checked first and nothing is written if one is bad.",
    ),
    "review": CommandEntry(
        "review_cli.review_cmd",
        "Review what the machine is unsure of, one value at a time: accept, edit, blank, skip, flag, undo.",
    ),
    "review-stats": CommandEntry(
        "review_cli.review_cmd",
        "How often reviewers agreed with the machine, per field; the audit error rate; suggested thresholds.",
    ),
    "fixtures": CommandEntry("review_cli.fixtures_cmd", "Synthetic scanned dockets with exact ground truth."),
    "report": CommandEntry(
        "review_cli.report_cmd",
        "Summarize the backlog: outcomes, relief paths, deadlines, review backlog, confidence, throughput.",
    ),
    "what-if": CommandEntry(
        "review_cli.report_cmd",
        "Decide the same backlog under several policies, in memory, and compare them side by side.",
    ),
    "motions": CommandEntry(
        "review_cli.report_cmd",
        "Write, per court, the counts for a motion to vacate and expunge (CSV and PDF), and what was withheld.",
    ),
    "notices": CommandEntry(
        "review_cli.report_cmd",
        "Write one notice letter (PDF) per person with a ready case, to their last known address.",
    ),
    "serve": CommandEntry(
        "review_cli.report_cmd",
        "Serve a read-only web view of the database to this machine (datasette; Ctrl-C stops it).",
    ),
    "rules": CommandEntry(
        "review_cli.eligibility_cmd",
        "Print every rule in the order it is applied, with its citation and evidence level.",
    ),
    "evaluate": CommandEntry(
        "review_cli.eligibility_cmd",
        "Decide every case again, the cases of one person together, and save the decisions.",
    ),
}
COMMAND_MODULES = list(dict.fromkeys(entry.module for entry in COMMANDS.values()))


def load_commands(module_name: str) -> dict[str, typer.main.click.Command]:
    """The commands a command module registers, by name."""
    commands = typer.Typer()
    importlib.import_module(module_name).register(commands)
    return dict(typer.main.get_group(commands).commands)


class LazyCommands(TyperGroup):
    """The top-level group: lists every command from COMMANDS, imports one only to run it."""

    @property
    def commands(self) -> MutableMapping[str, typer.main.click.Command]:
        # Whoever asks for the whole mapping (a test walking every command) gets them all loaded.
        for module_name in COMMAND_MODULES:
            self._load(module_name)
        return self._loaded

    @commands.setter
    def commands(self, commands: MutableMapping[str, typer.main.click.Command]) -> None:
        self._loaded = dict(commands)
        self._loaded_modules: set[str] = set()

    def _load(self, module_name: str) -> None:
        if module_name not in self._loaded_modules:
            self._loaded.update(load_commands(module_name))
            self._loaded_modules.add(module_name)

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> typer.main.click.Command | None:
        if cmd_name in self._loaded:
            return self._loaded[cmd_name]
        entry = COMMANDS.get(cmd_name)
        # Listed in `cleardocket --help` by its summary alone; resolve_command loads it to run.
        return None if entry is None else TyperCommand(cmd_name, help=entry.summary)

    def resolve_command(
        self, ctx: typer.Context, args: list[str]
    ) -> tuple[str | None, typer.main.click.Command | None, list[str]]:
        if args and args[0] in COMMANDS:
            self._load(COMMANDS[args[0]].module)
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="cleardocket",
    cls=LazyCommands,
    no_args_is_help=True,
    add_completion=False,
    help=(
        "Clear old cannabis records at scale: digitize scanned dockets, extract charges, "
        "decide relief, review what the machine is unsure of."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def cleardocket() -> None:
    # A callback makes typer build a group even though no command is registered up front.
    pass


def main() -> None:
    app()
