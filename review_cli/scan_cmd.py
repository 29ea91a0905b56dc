"""`cleardocket scan`: digitize scanned dockets into the database."""

from __future__ import annotations

import datetime as dt
import sqlite3
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from sqlite_utils import Database

from digitize.batch import ScanProgress, ScanSummary, scan
from digitize.executors import LocalPoolExecutor, PageExecutor
from digitize.options import DigitizeOptions
from models.database import open_database
from models.errors import InputError, ToolMissingError
from review_cli.exit_codes import ExitCode

if TYPE_CHECKING:
    from review_cli.pipeline import AfterScanSummary


class PagesPerMinuteColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed * 60:.1f} pages/min", style="progress.data.speed")


class ScanProgressBar:
    """Turns ScanProgress callbacks into a rich progress display on stderr."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            PagesPerMinuteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
        )
        self.counting = self.progress.add_task("Counting pages", total=None)
        self.reading: int | None = None

    def __enter__(self) -> ScanProgressBar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.__exit__(*exc_info)

    def __call__(self, update: ScanProgress) -> None:
        if update.phase == "counting":
            self.progress.update(self.counting, description=f"Counting pages ({update.documents_counted} files)")
            return
        if self.reading is None:
            self.progress.update(self.counting, visible=False)
            self.reading = self.progress.add_task("Reading", total=update.pages_total)
        self.progress.update(self.reading, completed=update.pages_done)


def _counts_table(title: str) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    return table


def summary_table(summary: ScanSummary) -> Table:
    table = _counts_table("Scan summary")
    table.add_row("documents done", str(summary.documents_done))
    table.add_row("documents failed", str(summary.documents_failed))
    table.add_row("documents skipped (already done)", str(summary.documents_skipped))
    table.add_row("pages read", str(summary.pages_read))
    if summary.pages_failed:
        table.add_row("pages failed", str(summary.pages_failed))
    if summary.pages_orientation_unsure:
        table.add_row("pages whose orientation is a guess (sent to review)", str(summary.pages_orientation_unsure))
    confidence = "-" if summary.mean_confidence is None else f"{summary.mean_confidence:.1%}"
    table.add_row("mean word confidence", confidence)
    table.add_row("pages per minute", f"{summary.pages_per_minute:.1f}")
    table.add_row("time", f"{summary.seconds:.1f} s")
    return table


def failures_table(summary: ScanSummary) -> Table:
    table = Table(title="Failed files")
    table.add_column("file")
    table.add_column("reason")
    for failure in summary.failures:
        table.add_row(failure.file, failure.reason)
    return table


def extract_table(after: AfterScanSummary) -> Table:
    extracted = after.extracted
    table = _counts_table("Extraction")
    table.add_row("documents", str(extracted.documents))
    table.add_row("cases", str(extracted.cases))
    table.add_row("counts", str(extracted.counts))
    table.add_row("values read", str(extracted.fields))
    table.add_row("values for a person to check", str(extracted.needs_review))
    if extracted.unread_documents:
        table.add_row("documents with no case read (listed below)", str(len(extracted.unread_documents)))
    return table


def _extract_and_evaluate(
    db: Database, summary: ScanSummary, *, extract: bool, evaluate: bool, as_of: dt.datetime | None, console: Console
) -> AfterScanSummary | None:
    if not (extract or evaluate):
        return None
    # Extraction and evaluation import spaCy and the rule sets: not for a scan that skips both.
    from review_cli.pipeline import process_scanned

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=console, transient=True,
    ) as progress:
        extracting = progress.add_task("Extracting documents", total=None, visible=False)
        deciding = progress.add_task("Deciding cases", total=None, visible=False)
        return process_scanned(
            db,
            finished=summary.finished_documents,
            skipped=summary.skipped_documents,
            # The evaluation date is explicit everywhere below the CLI; only here is it "today".
            as_of=(as_of.date() if as_of else dt.date.today()),
            extract=extract,
            evaluate=evaluate,
            on_extract_progress=lambda done, total: progress.update(extracting, completed=done, total=total, visible=True),
            on_evaluate_progress=lambda done, total: progress.update(deciding, completed=done, total=total, visible=True),
        )


class ExecutorName(str, Enum):
    local = "local"
    dask = "dask"


def make_executor(name: ExecutorName, scheduler: str | None, workers: int | None) -> PageExecutor:
    if name is ExecutorName.local:
        if scheduler:
            raise typer.BadParameter("--scheduler needs --executor dask")
        return LocalPoolExecutor(workers)
    try:
        # Imported only when asked for: Dask is an optional extra.
        from digitize.executors.dask import DaskExecutor
    except ImportError as error:
        raise typer.BadParameter(
            "the Dask executor needs the 'dask' extra: pip install 'cleardocket[dask]'"
        ) from error
    return DaskExecutor(scheduler=scheduler, workers=workers)


def scan_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, or folders searched recursively, of PDF, TIFF, PNG or JPEG scans.", show_default=False),
    ],
    db_path: Annotated[
        Path, typer.Option("--db", help="Database to write; created readable by you only if missing.")
    ] = Path("dockets.db"),
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Pages read in parallel; the default is one per core.")
    ] = None,
    keep_work_dir: Annotated[
        Path | None,
        typer.Option("--keep-work-dir", help="Keep each stage's page image here (000003_deskew.png …), a folder per file."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Tesseract language(s), e.g. eng or eng+spa.")] = "eng",
    psm: Annotated[int, typer.Option("--psm", help="Tesseract page segmentation mode.")] = DigitizeOptions.psm,
    ocr_timeout: Annotated[
        float,
        typer.Option("--ocr-timeout", help="Seconds Tesseract may spend on one page before it is stopped and the page recorded as failed."),
    ] = DigitizeOptions.ocr_timeout_seconds,
    executor_name: Annotated[
        ExecutorName,
        typer.Option("--executor", help="Where pages are read: a process pool on this machine, or a Dask cluster (docs/scale.md)."),
    ] = ExecutorName.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it a local Dask cluster of --workers processes is started."),
    ] = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract the cases of the scanned documents after reading them.")
    ] = True,
    evaluate: Annotated[
        bool, typer.Option("--evaluate/--no-evaluate", help="Decide relief for every case after extracting.")
    ] = True,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Decide relief as of this date (default: today)."),
    ] = None,
) -> None:
    """Digitize scanned dockets: orient, deskew and OCR every page, extract the cases, decide relief.

    The whole pipeline runs by default, so one command leaves decided cases in the database;
    --no-extract or --no-evaluate stop earlier. Scanning the same files again does no work twice, and an interrupted scan (Ctrl-C, a kill, a power cut) resumes where it stopped when run again.

    Files that cannot be read are listed with the reason and the rest goes on; the exit code is then 1.

    Example: cleardocket scan scans/box-17 --db dockets.db --workers 2

    Example: cleardocket scan scans/box-17 --db dockets.db --executor dask --scheduler tcp://10.0.0.5:8786
    """
    try:
        options = DigitizeOptions(lang=lang, psm=psm, ocr_timeout_seconds=ocr_timeout)
    except InputError as error:
        raise typer.BadParameter(str(error)) from error
    if executor_name is ExecutorName.dask and keep_work_dir is not None:
        raise typer.BadParameter("--keep-work-dir needs --executor local: Dask workers may be on other machines")
    executor = make_executor(executor_name, scheduler, workers)
    out, err = Console(), Console(stderr=True)
    try:
        db = open_database(db_path)
    except (sqlite3.Error, OSError) as error:
        err.print(f"[red]Cannot open the database {db_path}: {error}[/red]")
        raise typer.Exit(ExitCode.DATABASE_ERROR) from error
    try:
        with ScanProgressBar(err) as progress:
            summary = scan(paths, db, options, on_progress=progress, work_dir=keep_work_dir, executor=executor)
        after = _extract_and_evaluate(db, summary, extract=extract, evaluate=evaluate, as_of=as_of, console=err)
    except FileNotFoundError as error:
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND) from error
    except ToolMissingError as error:
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(ExitCode.TOOL_MISSING) from error
    except InputError as error:
        # The executor could not start (a Dask scheduler that cannot be reached).
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(ExitCode.INVALID_INPUT) from error
    except sqlite3.Error as error:
        err.print(f"[red]Cannot write the database {db_path}: {error}[/red]")
        raise typer.Exit(ExitCode.DATABASE_ERROR) from error
    except KeyboardInterrupt:
        err.print("Interrupted. Every page read so far is saved; run the same command again to resume.")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    finally:
        db.close()
    out.print(summary_table(summary))
    if after is not None and after.extracted is not None:
        out.print(extract_table(after))
        if after.extracted.unread_documents:
            # Extraction ran, so its command module costs nothing more to import.
            from review_cli.extract_cmd import print_unread_documents

            print_unread_documents(out, after.extracted.unread_documents)
    if after is not None and after.evaluated is not None:
        from review_cli.eligibility_cmd import outcomes_table

        out.print(outcomes_table(after.evaluated))
    if summary.failures:
        out.print(failures_table(summary))
        raise typer.Exit(ExitCode.SOME_INPUTS_FAILED)


def register(app: typer.Typer) -> None:
    app.command("scan")(scan_command)
