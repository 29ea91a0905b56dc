"""The `cleardocket` command: one typer app, one module per command group."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="cleardocket",
    no_args_is_help=True,
    add_completion=False,
    help=(
        "Clear old cannabis records at scale: digitize scanned dockets, extract charges, "
        "decide relief, review what the machine is unsure of."
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each module defines `register(app)`; the order here is the order in `--help`.
COMMAND_MODULES = [
    "review_cli.scan_cmd",
    "review_cli.extract_cmd",
    "review_cli.records_cmd",
    "review_cli.review_cmd",
    "review_cli.fixtures_cmd",
    "review_cli.report_cmd",
    "review_cli.eligibility_cmd",
]

for module_name in COMMAND_MODULES:
    importlib.import_module(module_name).register(app)


def main() -> None:
    app()
