"""`cleardocket extract` (re-run extraction over digitized documents) and `cleardocket export`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlite_utils import Database

from extract.document import ExtractOptions
from extract.exchange import FORMATS, export_records, export_to_file, meta_path_for
from extract.run import extract_documents
from models.database import open_database
from models.errors import InputError
from review_cli.exit_codes import ExitCode

stdout = Console()
stderr = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="The cleardocket database.")]


@contextmanager
def open_existing_database(path: Path) -> Iterator[Database]:
    """The database at `path`; exits 3 when there is none and 6 when it cannot be opened."""
    if not path.is_file():
        stderr.print(f"No database at {path}.")
        raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND)
    try:
        db = open_database(path)
    except Exception as error:  # sqlite3 reports an unreadable file in several ways
        stderr.print(f"Cannot open the database {path}: {error}")
        raise typer.Exit(code=ExitCode.DATABASE_ERROR) from error
    try:
        yield db
    finally:
        db.close()


def extract(
    db_path: DbOption,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", help="SHA-256 of a digitized document to extract (repeatable); default: all."),
    ] = None,
    review_threshold: Annotated[
        float, typer.Option("--review-threshold", min=0.0, max=1.0, help="Values less sure than this go to review.")
    ] = ExtractOptions.review_threshold,
) -> None:
    """Re-run extraction over the digitized documents of a database.

    Values a person has reviewed are kept whatever the new extractor reads.

    Example: cleardocket extract --db dockets.db
    """
    options = ExtractOptions(review_threshold=review_threshold)
    with open_existing_database(db_path) as db:
        with Progress(
            TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=stderr, transient=True
        ) as progress:
            task = progress.add_task("documents", total=None)

            def on_progress(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            try:
                summary = extract_documents(db, document, options=options, on_progress=on_progress)
            except KeyboardInterrupt:
                stderr.print("Interrupted; run the same command again to extract everything.")
                raise typer.Exit(code=ExitCode.INTERRUPTED) from None
    stdout.print(
        f"Extracted {summary.documents} documents: {summary.cases} cases, {summary.counts} counts, "
        f"{summary.fields} values, {summary.needs_review} to review"
        + (f", {summary.removed_cases} cases no longer found removed" if summary.removed_cases else "")
        + f" ({summary.seconds:.1f} s)."
    )
    if summary.unread_documents:
        print_unread_documents(stdout, summary.unread_documents)


def print_unread_documents(out: Console, unread: list[str]) -> None:
    """The files in which no case could be read, for the clerk to rescan or key in."""
    out.print(f"Documents with no case read ({len(unread)}; rescan them, or key them in by hand):")
    for path in unread:
        # Whole, on one line each: a path to copy, not to wrap.
        out.print(f"  {path}", markup=False, highlight=False, soft_wrap=True)


def export(
    db_path: DbOption,
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (and FILE.meta.json beside it); default: stdout.")
    ] = None,
    rule_set: Annotated[str | None, typer.Option("--rule-set", help="Take decisions of this rule set only.")] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="Take decisions under this policy only.")] = None,
) -> None:
    """Write every case as records.md: JSONL (one case a line) or CSV (one count a row).

    Corrections are applied; the current decision is added when there is one. With -o, a sidecar FILE.meta.json names the software version and each rule set, policy and as_of used.

    Example: cleardocket export --db dockets.db --format csv -o cases.csv
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    with open_existing_database(db_path) as db:
        try:
            if output is None:
                summary = export_records(db, sys.stdout, fmt, rule_set=rule_set, policy=policy)
            else:
                summary = export_to_file(db, output, fmt, rule_set=rule_set, policy=policy)
        except InputError as error:
            stderr.print(str(error))
            raise typer.Exit(code=ExitCode.USAGE) from error
        except OSError as error:
            stderr.print(f"Cannot write {output}: {error.strerror}")
            raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND) from error
    if output is not None:
        stderr.print(f"Wrote {summary.cases} cases ({summary.rows} rows) to {output} and {meta_path_for(output).name}.")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("export")(export)
