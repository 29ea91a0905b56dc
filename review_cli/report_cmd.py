"""Analysts' commands: `report`, `what-if`, `motions`, `notices` and `serve`.

Each command calls one library function in review_cli/reports and prints counts; files it writes
are readable by their owner only and name their rule set, policy, as_of and software version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlite_utils import Database

from eligibility.evaluate import DEFAULT_CONFIDENCE_THRESHOLD
from models.errors import InputError, ToolMissingError
from review_cli.exit_codes import ExitCode
from review_cli.extract_cmd import open_existing_database
from review_cli.reports.backlog import BacklogReport, Count, summarize_backlog
from review_cli.reports.court_files import write_motion_files, write_notice_files
from review_cli.reports.exports import write_private_text
from review_cli.reports.filings import list_motions, list_notices
from review_cli.reports.html_report import render_report_html
from review_cli.reports.scope import (
    MOTION_PATHS,
    NOTICE_PATHS,
    require_rule_set,
    resolve_policy,
    resolve_rule_set,
)
from review_cli.reports.web_view import serve_web_view
from review_cli.reports.what_if import PolicyComparison, compare_policies

stdout = Console()
stderr = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="The cleardocket database.")]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Date the export is prepared for (default: today)."),
]
RuleSetOption = Annotated[
    str | None, typer.Option("--rule-set", help="Rule set (default: the one the database has decisions under).")
]
PolicyOption = Annotated[str | None, typer.Option("--policy", help="Policy (default: the rule set's statutory result).")]


def _as_of(value: dt.datetime | None) -> dt.date:
    # The command line is the one place that may read the clock; the library takes the date.
    return value.date() if value else dt.date.today()


@contextmanager
def _database(path: Path) -> Iterator[Database]:
    with open_existing_database(path) as db:
        try:
            yield db
        except InputError as error:
            stderr.print(str(error))
            raise typer.Exit(code=ExitCode.USAGE) from error
        except ToolMissingError as error:
            stderr.print(str(error))
            raise typer.Exit(code=ExitCode.TOOL_MISSING) from error


def _count_table(title: str, counts: tuple[Count, ...], column: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(column)
    table.add_column("cases", justify="right")
    for count in counts:
        table.add_row(count.label, str(count.count))
    return table


def _print_report(report: BacklogReport) -> None:
    stdout.print(f"[bold]cleardocket backlog report[/bold]: {report.provenance.describe()}")
    overview = Table(title="Overview", title_justify="left")
    overview.add_column("")
    overview.add_column("count", justify="right")
    backlog = report.backlog
    for label, value in (
        ("cases", report.total_cases),
        ("with a current decision", report.decided_cases),
        ("waiting for review", backlog.cases_waiting),
        ("fields awaiting review", backlog.fields_waiting),
        ("decisions needing review", backlog.decisions_needing_review),
        ("open review-queue items", backlog.open_queue_items),
        ("corrections recorded", backlog.corrections),
    ):
        overview.add_row(label, str(value))
    stdout.print(overview)
    stdout.print(_count_table("Outcomes", report.outcomes, "outcome"))
    paths = _count_table("Relief paths", report.relief_paths, "relief path")
    paths.caption = "A case may have several."
    stdout.print(paths)
    if report.deadline_tiers:
        tiers = Table(title="Automatic expungement deadlines", title_justify="left")
        for column in ("expunge by", "cases", "passed"):
            tiers.add_column(column)
        for tier in report.deadline_tiers:
            passed = "" if tier.passed is None else ("yes" if tier.passed else "no")
            tiers.add_row(tier.deadline.isoformat() if tier.deadline else "tier unknown", str(tier.cases), passed)
        stdout.print(tiers)
    stdout.print(_count_table("Age of waiting cases", backlog.age_buckets, "age"))
    stdout.print(_count_table("Review reasons", backlog.review_reasons, "reason"))
    if report.scan_batches:
        batches = Table(title="Digitization batches", title_justify="left")
        for column in ("batch", "documents", "pages", "failed", "pages/hour"):
            batches.add_column(column, justify="right")
        for b in report.scan_batches:
            speed = f"{b.pages_per_hour:.0f}" if b.pages_per_hour else ""
            batches.add_row(str(b.run_id), str(b.documents), str(b.pages_done), str(b.pages_failed), speed)
        stdout.print(batches)


def report(
    db_path: DbOption,
    as_of: AsOfOption = None,
    rule_set: RuleSetOption = None,
    policy: PolicyOption = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML report here.")] = None,
) -> None:
    """Summarize the backlog: outcomes, relief paths, deadlines, review backlog, confidence, throughput.

    Example: cleardocket report --db dockets.db --as-of 2026-11-21 --html report.html
    """
    with _database(db_path) as db:
        chosen = resolve_rule_set(db, rule_set)
        chosen_policy = resolve_policy(chosen, policy) if chosen else None
        summary = summarize_backlog(db, rule_set=chosen, policy=chosen_policy, as_of=_as_of(as_of))
    _print_report(summary)
    if html:
        write_private_text(html, render_report_html(summary))
        stderr.print(f"Wrote {html}")


def _print_comparison(comparison: PolicyComparison) -> None:
    stdout.print(f"[bold]What if[/bold]: {comparison.provenance.describe()}; decided in memory, nothing saved.")
    table = Table(title=f"{comparison.people} people, {comparison.cases} cases", title_justify="left")
    table.add_column("")
    for result in comparison.results:
        table.add_column(result.policy, justify="right")
    for label in comparison.row_labels():
        table.add_row(label, *(str(result.counts.get(label, 0)) for result in comparison.results))
    stdout.print(table)
    if comparison.statutory_differences:
        stderr.print(
            f"[red]The statutory result differs between policies in {comparison.statutory_differences} case(s).[/red]"
        )


def what_if(
    db_path: DbOption,
    policies: Annotated[list[str], typer.Option("--policy", help="A policy to compare; repeat for each.")],
    as_of: AsOfOption = None,
    rule_set: RuleSetOption = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Also write the comparison as CSV here.")] = None,
    confidence_threshold: Annotated[
        float, typer.Option("--confidence-threshold", min=0.0, max=1.0, help="Below this a value counts as unsure.")
    ] = DEFAULT_CONFIDENCE_THRESHOLD,
) -> None:
    """Decide the same backlog under several policies, in memory, and compare them side by side.

    Example: cleardocket what-if --db dockets.db --policy statutory --policy ccsao_style
    """
    with _database(db_path) as db:
        chosen = require_rule_set(db, rule_set)
        checked = [resolve_policy(chosen, p) for p in policies]
        comparison = compare_policies(
            db, rule_set=chosen, policies=checked, as_of=_as_of(as_of), confidence_threshold=confidence_threshold
        )
    _print_comparison(comparison)
    if csv:
        comparison.write_csv(csv)
        stderr.print(f"Wrote {csv}")


def motions(
    db_path: DbOption,
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSV and PDF lists (created, owner-only).")],
    as_of: AsOfOption = None,
    rule_set: RuleSetOption = None,
    policy: PolicyOption = None,
    paths: Annotated[
        list[str] | None, typer.Option("--path", help="Relief path to list (default: the rule set's motion paths).")
    ] = None,
) -> None:
    """Write, per court, the counts for a motion to vacate and expunge (CSV and PDF), and what was withheld.

    Example: cleardocket motions --db dockets.db --out filings/ --as-of 2026-11-21
    """
    with _database(db_path) as db:
        chosen = require_rule_set(db, rule_set)
        lists = list_motions(
            db,
            rule_set=chosen,
            policy=resolve_policy(chosen, policy),
            as_of=_as_of(as_of),
            paths=tuple(paths) if paths else MOTION_PATHS[chosen],
        )
        written = write_motion_files(lists, out)
    counts = sum(len(rows) for rows in lists.courts.values())
    stdout.print(
        f"{counts} count(s) for {len(lists.courts)} court(s); {len(lists.withheld)} case(s) withheld "
        f"(see withheld.csv). {len(written)} file(s) in {out}."
    )


def notices(
    db_path: DbOption,
    out: Annotated[Path, typer.Option("--out", help="Folder for the letters (created, owner-only).")],
    sender: Annotated[str, typer.Option("--sender", help="Who the letters are from, as printed at the top.")],
    as_of: AsOfOption = None,
    rule_set: RuleSetOption = None,
    policy: PolicyOption = None,
) -> None:
    """Write one notice letter (PDF) per person with a ready case, to their last known address.

    Example: cleardocket notices --db dockets.db --out letters/ --sender "Legal Aid Chicago"
    """
    with _database(db_path) as db:
        chosen = require_rule_set(db, rule_set)
        batch = list_notices(
            db, rule_set=chosen, policy=resolve_policy(chosen, policy), as_of=_as_of(as_of), paths=NOTICE_PATHS[chosen]
        )
        write_notice_files(batch, out, sender=sender)
    stdout.print(
        f"{len(batch.notices)} letter(s) written; {len(batch.withheld_letters)} withheld (no address); "
        f"{len(batch.withheld_cases)} case(s) withheld (see notices.csv and withheld.csv in {out})."
    )


def serve(
    db_path: DbOption,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.", min=1, max=65535)] = 8001,
) -> None:
    """Serve a read-only web view of the database to this machine (datasette; Ctrl-C stops it).

    Example: cleardocket serve --db dockets.db --port 8001
    """
    if not db_path.is_file():
        stderr.print(f"No database at {db_path}.")
        raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND)
    stderr.print(f"Serving {db_path} read-only at http://127.0.0.1:{port}/ (Ctrl-C stops).")
    try:
        serve_web_view(db_path, port=port)
    except KeyboardInterrupt:
        pass


def register(app: typer.Typer) -> None:
    app.command("report")(report)
    app.command("what-if")(what_if)
    app.command("motions")(motions)
    app.command("notices")(notices)
    app.command("serve")(serve)
