"""`cleardocket review` and `cleardocket review-stats`: reviewers correct what the machine is unsure of."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.prompt import Prompt
from rich.table import Table

from eligibility.evaluate import DEFAULT_CONFIDENCE_THRESHOLD
from models.database import open_database
from models.errors import InputError
from review_cli.exit_codes import ExitCode
from review_cli.review.answers import QueueSettings
from review_cli.review.engine import ReviewEngine
from review_cli.review.queue import DEFAULT_LEASE_SECONDS
from review_cli.review.routing import DEFAULT_AUDIT_RATE, refresh_queue
from review_cli.review.session import ReviewSession, utc_now
from review_cli.review.stats import DEFAULT_MIN_ANSWERS, DEFAULT_TARGET_ERROR, export_labels, review_stats

err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="Records database (made by scan, extract or import).")]


def _open(db_path: Path) -> Any:
    if not db_path.is_file():
        err.print(f"No database at {db_path}.")
        raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND)
    try:
        return open_database(db_path)
    except sqlite3.Error as error:
        err.print(f"Cannot open {db_path}: {error}")
        raise typer.Exit(code=ExitCode.DATABASE_ERROR) from error


def _parse_date(value: str | None) -> dt.date:
    if value is None:
        # The command line is where "today" is decided; the library always receives it.
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-01-15", param_hint="--as-of") from error


def _engine(rule_set: str, policy: str | None, as_of: dt.date, threshold: float) -> ReviewEngine:
    from eligibility.registry import get_rule_set

    try:
        return ReviewEngine(get_rule_set(rule_set), as_of=as_of, policy=policy, confidence_threshold=threshold)
    except (InputError, ValueError) as error:
        raise typer.BadParameter(str(error), param_hint="--rule-set/--policy") from error


def _real_pixels_widget() -> Any:
    """textual-image's widget when the terminal can show real pixels (Sixel, Kitty), else None.

    textual-image asks the terminal at import time, which must happen before Textual starts.
    """
    if not sys.stdout.isatty():
        return None
    from textual_image import renderable
    from textual_image import widget

    if renderable.Image in (renderable.SixelImage, renderable.TGPImage):
        return lambda widget_id: widget.Image(id=widget_id)
    return None


def review(
    db_path: DbOption,
    reviewer: Annotated[str, typer.Option("--reviewer", help="Your name, as it goes into the audit log.")],
    plain: Annotated[bool, typer.Option("--plain", help="Line-by-line prompts instead of the full screen.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Decide cases as of this date (default today).")] = None,
    rule_set: Annotated[str, typer.Option("--rule-set", help="Rule set that re-decides a corrected case.")] = "illinois-crta",
    policy: Annotated[str | None, typer.Option("--policy", help="Policy of the rule set (default: statutory).")] = None,
    confidence_threshold: Annotated[
        float, typer.Option("--confidence-threshold", min=0.0, max=1.0, help="Below this a value counts as unsure.")
    ] = DEFAULT_CONFIDENCE_THRESHOLD,
    audit_rate: Annotated[
        float, typer.Option("--audit-rate", min=0.0, max=1.0, help="Share of machine-accepted values to audit.")
    ] = DEFAULT_AUDIT_RATE,
    seed: Annotated[int, typer.Option("--seed", help="Picks the audit sample; keep it fixed across runs.")] = 0,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Rebuild the queue from all cases first (done anyway the first time).")
    ] = False,
    lease_minutes: Annotated[
        float, typer.Option("--lease-minutes", min=0.1, help="An item you hold returns to the queue after this long away.")
    ] = DEFAULT_LEASE_SECONDS / 60,
    images: Annotated[
        str, typer.Option("--images", help="auto: real pixels where the terminal supports them; blocks: characters.")
    ] = "auto",
) -> None:
    """Review what the machine is unsure of, one value at a time: accept, edit, blank, skip, flag, undo.

    Each answer is saved at once and the case is re-decided. Several reviewers can share one database.

    Example: cleardocket review --db dockets.db --reviewer ana
    """
    if images not in ("auto", "blocks"):
        raise typer.BadParameter("use auto or blocks", param_hint="--images")
    if not reviewer.strip():
        raise typer.BadParameter("give your name", param_hint="--reviewer")
    when = _parse_date(as_of)
    db = _open(db_path)
    engine = _engine(rule_set, policy, when, confidence_threshold)
    settings = QueueSettings(audit_rate=audit_rate, seed=seed, lease_seconds=int(lease_minutes * 60))
    try:
        never_built = db.execute("select count(*) from review_items").fetchone()[0] == 0
        if refresh or never_built:
            summary = refresh_queue(db, decider=engine, now=utc_now(), audit_rate=audit_rate, seed=seed)
            err.print(f"Queue built from {summary.cases} cases: {summary.open_items} open items.")
        session = ReviewSession(db, reviewer.strip(), engine=engine, settings=settings)
        if plain:
            from review_cli.review.plain import run_plain

            console = Console()
            saved = run_plain(session, console, lambda prompt: Prompt.ask(prompt, console=console), crops=console.is_terminal)
            err.print(f"{saved} answers saved.")
        else:
            from review_cli.review.tui import ReviewApp

            crop_widget = _real_pixels_widget() if images == "auto" else None
            ReviewApp(session, crop_widget=crop_widget).run()
    except KeyboardInterrupt:
        raise typer.Exit(code=ExitCode.INTERRUPTED) from None
    except sqlite3.Error as error:
        err.print(f"Database error: {error}")
        raise typer.Exit(code=ExitCode.DATABASE_ERROR) from error


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def review_stats_command(
    db_path: DbOption,
    labels: Annotated[
        Path | None, typer.Option("--labels", help="Write every settled value as labelled JSONL (mode 0600).")
    ] = None,
    target_error: Annotated[
        float, typer.Option("--target-error", min=0.0, max=1.0, help="Error rate a suggested threshold keeps under.")
    ] = DEFAULT_TARGET_ERROR,
    min_answers: Annotated[
        int, typer.Option("--min-answers", min=1, help="Fewest answers of a field before a threshold is suggested.")
    ] = DEFAULT_MIN_ANSWERS,
) -> None:
    """How often reviewers agreed with the machine, per field; the audit error rate; suggested thresholds.

    Example: cleardocket review-stats --db dockets.db --labels corrections.jsonl
    """
    db = _open(db_path)
    stats = review_stats(db, target_error=target_error, min_answers=min_answers)
    table = Table(title="Reviewers against the machine (threshold: suggested minimum confidence to auto-accept)")
    table.add_column("field", no_wrap=True)
    for column in ("answered", "agreed", "agreement", "audited", "audit wrong", "threshold"):
        table.add_column(column, justify="right")
    for row in stats.fields:
        table.add_row(
            row.field,
            str(row.answered),
            str(row.agreed),
            _percent(row.agreement),
            str(row.audited),
            str(row.audit_errors),
            "-" if row.suggested_threshold is None else f"{row.suggested_threshold:.2f}",
        )
    console = Console()
    console.print(table)
    console.print(
        f"Audit sample: {stats.audited} values checked, {stats.audit_errors} wrong"
        f" (error rate {_percent(stats.audit_error_rate)}). Flagged {stats.flagged}, skipped {stats.skipped}."
    )
    if labels is not None:
        count = export_labels(db, labels)
        err.print(f"Wrote {count} labelled values to {labels}.")


def register(app: typer.Typer) -> None:
    app.command("review")(review)
    app.command("review-stats")(review_stats_command)
