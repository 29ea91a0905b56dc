"""`cleardocket import`: records that are already digital, in the records.md exchange format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extract.exchange import FORMATS, import_records
from models.database import open_database
from models.errors import InputError
from review_cli.exit_codes import ExitCode
from review_cli.extract_cmd import DbOption, open_existing_database

stdout = Console()
stderr = Console(stderr=True)


def import_(
    file: Annotated[Path, typer.Argument(help="JSONL (one case a line) or CSV (one count a row) per records.md.")],
    db_path: DbOption,
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"One of {', '.join(FORMATS)}; default: from the file's suffix.")
    ] = None,
) -> None:
    """Import digital records; every row is checked first and nothing is written if one is bad.

    A record with only the printed form of a value (statute_text, disposition_text, amount_text) is normalized as extraction would. The database is created when it does not exist.

    Example: cleardocket import clerk_export.jsonl --db dockets.db
    """
    if fmt is not None and fmt not in FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(FORMATS)}", param_hint="--format")
    if not file.is_file():
        stderr.print(f"No file at {file}.")
        raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND)
    if not db_path.exists():
        try:
            open_database(db_path).close()
        except Exception as error:  # sqlite3 reports an unwritable place in several ways
            stderr.print(f"Cannot create the database {db_path}: {error}")
            raise typer.Exit(code=ExitCode.DATABASE_ERROR) from error
    with open_existing_database(db_path) as db:
        try:
            summary = import_records(db, file, fmt=fmt)
        except InputError as error:
            stderr.print(str(error))
            raise typer.Exit(code=ExitCode.INVALID_INPUT) from error
        except OSError as error:
            stderr.print(f"Cannot read {file}: {error.strerror}")
            raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND) from error
    stdout.print(
        f"Imported {summary.cases} cases ({summary.counts} counts); "
        f"{summary.normalized_values} values read from their printed form."
    )


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
