"""`cleardocket rules` and `cleardocket evaluate`: the eligibility engine from the command line."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from eligibility.california import CALIFORNIA_PROP64, CaliforniaProp64, load_policy_file
from eligibility.evaluate import DEFAULT_CONFIDENCE_THRESHOLD, EvaluateSummary, evaluate_database, resolve_rule_sets
from eligibility.registry import RULE_SETS, get_rule_set
from models.database import open_database
from models.errors import InputError
from review_cli.exit_codes import ExitCode


def rules_command(
    rule_set: Annotated[
        str | None, typer.Option("--rule-set", help="Only this rule set (default: every rule set).")
    ] = None,
) -> None:
    """Print every rule in the order it is applied, with its citation and evidence level.

    The text comes from the rule modules themselves, so it is what the engine applies.

    Example: cleardocket rules --rule-set illinois-crta
    """
    try:
        chosen = [get_rule_set(rule_set)] if rule_set else [RULE_SETS[name] for name in sorted(RULE_SETS)]
    except InputError as error:
        raise typer.BadParameter(str(error), param_hint="--rule-set") from error
    out = Console()
    for rules in chosen:
        table = Table(
            title=f"{rules.name} {rules.version}  (policies: {', '.join(rules.policies)})",
            title_justify="left",
            show_lines=True,
        )
        table.add_column("#", justify="right")
        table.add_column("rule")
        table.add_column("citation")
        table.add_column("evidence")
        table.add_column("what it decides")
        for number, rule in enumerate(rules.rules(), start=1):
            table.add_row(str(number), rule.rule_id, rule.citation, rule.evidence, rule.summary)
        out.print(table)


def outcomes_table(summary: EvaluateSummary) -> Table:
    table = Table(title="Cases by outcome", title_justify="left")
    table.add_column("outcome")
    table.add_column("cases", justify="right")
    for outcome, cases in sorted(summary.outcomes.items(), key=lambda item: -item[1]):
        table.add_row(outcome, f"{cases:,}")
    table.add_row("[bold]all decided[/bold]", f"[bold]{summary.cases:,}[/bold]")
    return table


def evaluate_command(
    db_path: Annotated[Path, typer.Option("--db", help="The cleardocket database.")],
    rule_set: Annotated[
        str | None,
        typer.Option("--rule-set", help="Rule set for every case (default: by jurisdiction, IL-* illinois-crta, CA-* california-prop64)."),
    ] = None,
    policy: Annotated[
        str | None, typer.Option("--policy", help="County policy overlay (default: the statutory result alone).")
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="Decide as of this date (default: today)."),
    ] = None,
    confidence_threshold: Annotated[
        float,
        typer.Option("--confidence-threshold", min=0.0, max=1.0, help="Below this an unreviewed value counts as unsure."),
    ] = DEFAULT_CONFIDENCE_THRESHOLD,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=0, help="Deciding processes (0: none).  [default: one per core for large databases]"),
    ] = None,
    policy_file: Annotated[
        Path | None,
        typer.Option(
            "--policy-file",
            help="A California county's own policy (YAML: id, version, county and the configurable parameters,"
            " each checked against its valid range); California cases are decided with it.",
        ),
    ] = None,
) -> None:
    """Decide every case again, the cases of one person together, and save the decisions.

    Earlier decisions are kept; the new ones become current. An interrupted run can simply be
    run again.

    Example: cleardocket evaluate --db dockets.db --policy ccsao_style --as-of 2026-01-15

    Example: cleardocket evaluate --db dockets.db --policy-file alameda.yaml
    """
    out, err = Console(), Console(stderr=True)
    try:
        if rule_set is not None:
            get_rule_set(rule_set)
    except InputError as error:
        raise typer.BadParameter(str(error), param_hint="--rule-set") from error
    custom_rule_sets = []
    if policy_file is not None:
        rule_set, policy, california = _county_policy(policy_file, rule_set, policy, err)
        custom_rule_sets.append(california)
    if not db_path.is_file():
        err.print(f"[red]No database at {db_path}.[/red]")
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    # The command line is the one place that reads the clock; the library takes the date.
    when = as_of.date() if as_of else dt.date.today()
    try:
        db = open_database(db_path)
    except (sqlite3.Error, OSError) as error:
        err.print(f"[red]Cannot open the database {db_path}: {error}[/red]")
        raise typer.Exit(ExitCode.DATABASE_ERROR) from error
    try:
        resolve_rule_sets(db, rule_set, policy, custom_rule_sets=custom_rule_sets)
    except InputError as error:
        db.close()
        raise typer.BadParameter(str(error), param_hint="--policy") from error
    progress = Progress(
        TextColumn("Deciding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("cases"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err,
    )
    task = progress.add_task("evaluate", total=None)
    try:
        with progress:
            summary = evaluate_database(
                db,
                as_of=when,
                rule_set=rule_set,
                policy=policy,
                confidence_threshold=confidence_threshold,
                workers=workers,
                on_progress=lambda done, total: progress.update(task, completed=done, total=total),
                custom_rule_sets=custom_rule_sets,
            )
    except InputError as error:
        err.print(f"[red]{error}[/red]")
        raise typer.Exit(ExitCode.USAGE) from error
    except sqlite3.Error as error:
        err.print(f"[red]Cannot write the database {db_path}: {error}[/red]")
        raise typer.Exit(ExitCode.DATABASE_ERROR) from error
    except KeyboardInterrupt:
        err.print("Interrupted. Decisions saved so far are kept; run the same command again to decide every case.")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    finally:
        db.close()
    out.print(outcomes_table(summary))
    review_share = summary.needs_review / summary.cases if summary.cases else 0.0
    out.print(f"{summary.needs_review:,} cases need review ({review_share:.1%}); {summary.persons:,} people.")
    if summary.skipped:
        out.print(f"{summary.skipped:,} cases skipped: their jurisdiction belongs to another rule set.")
    rule_sets = ", ".join(f"{name} {get_rule_set(name).version}" for name in summary.rule_sets)
    out.print(f"As of {when.isoformat()}; rule set {rule_sets or 'none'}; run {summary.run_id}.")


def _county_policy(path: Path, rule_set: str | None, policy: str | None, err: Console) -> tuple[str, str, CaliforniaProp64]:
    """(rule set, policy, the California rule set knowing the file's policy) for --policy-file."""
    if rule_set not in (None, CALIFORNIA_PROP64.name):
        raise typer.BadParameter(
            f"a county policy file is for {CALIFORNIA_PROP64.name}, not {rule_set}", param_hint="--rule-set"
        )
    if not path.is_file():
        err.print(f"[red]No county policy file at {path}.[/red]")
        raise typer.Exit(ExitCode.INPUT_NOT_FOUND)
    try:
        profile = load_policy_file(path)
        california = CaliforniaProp64(extra_profiles=[profile])
    except InputError as error:
        # Every problem on one line each reader can search, never cut at the terminal's width.
        err.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(ExitCode.INVALID_INPUT) from error
    if policy not in (None, profile.profile_id):
        raise typer.BadParameter(f"the policy file defines {profile.profile_id!r}, not {policy!r}", param_hint="--policy")
    return CALIFORNIA_PROP64.name, profile.profile_id, california


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
    app.command("evaluate")(evaluate_command)
