"""`cleardocket fixtures generate`: write synthetic scanned dockets with their ground truth."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Annotated

import typer

from fixtures.generator import generate_set
from fixtures.generator.damage import DAMAGE_MODES, is_damage_mode
from fixtures.generator.docket import FORMATS, MULTI_PAGE_FORMATS
from fixtures.generator.layouts import LAYOUTS
from models.errors import InputError, ToolMissingError
from review_cli.exit_codes import ExitCode

fixtures_app = typer.Typer(no_args_is_help=True, help="Synthetic scanned dockets with exact ground truth.")

FORMAT_CHOICES = (*FORMATS, "mixed")


@fixtures_app.command("generate")
def generate(
    count: Annotated[int, typer.Option("--count", min=1, help="How many documents to write.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write them to (created if missing).")],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the whole set; same seed, same files.")] = 0,
    damage: Annotated[str, typer.Option("--damage", help=f"One of: {', '.join(DAMAGE_MODES)}; or effects joined by +.")] = "clean",
    format: Annotated[str, typer.Option("--format", help="pdf, tiff, png, jpeg, or mixed (cycles through them).")] = "pdf",
    layout: Annotated[str | None, typer.Option("--layout", help=f"One of: {', '.join(LAYOUTS)}; default: mixed.")] = None,
    dpi: Annotated[int, typer.Option("--dpi", min=50, max=600, help="Render resolution.")] = 300,
) -> None:
    """Write COUNT synthetic dockets and a <name>.truth.json beside each.

    Multi-page dockets asked for as png or jpeg are written as PDF, since those formats hold
    one page.

    Example: cleardocket fixtures generate --count 20 --out /tmp/dockets --seed 7 --damage damaged --format mixed
    """
    if not is_damage_mode(damage):
        raise typer.BadParameter(f"must be one of {', '.join(DAMAGE_MODES)}", param_hint="--damage")
    if format not in FORMAT_CHOICES:
        raise typer.BadParameter(f"must be one of {', '.join(FORMAT_CHOICES)}", param_hint="--format")
    if layout is not None and layout not in LAYOUTS:
        raise typer.BadParameter(f"must be one of {', '.join(LAYOUTS)}", param_hint="--layout")
    formats = itertools.cycle(FORMATS) if format == "mixed" else itertools.repeat(format)
    written: dict[str, int] = {}
    try:
        for number, (doc, wanted) in enumerate(zip(generate_set(count, seed=seed, damage_mix=damage, layout=layout,
                                                                dpi=dpi), formats), start=1):
            chosen = wanted if wanted in MULTI_PAGE_FORMATS or len(doc.pages) == 1 else "pdf"
            doc.save(out, stem=f"docket_{number:04d}", format=chosen)
            written[chosen] = written.get(chosen, 0) + 1
    except ToolMissingError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=ExitCode.TOOL_MISSING) from error
    except InputError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=ExitCode.USAGE) from error
    except OSError as error:
        typer.echo(f"error: cannot write to {out}: {error.strerror}", err=True)
        raise typer.Exit(code=ExitCode.INPUT_NOT_FOUND) from error
    summary = ", ".join(f"{n} {fmt}" for fmt, n in sorted(written.items()))
    typer.echo(f"wrote {count} documents to {out} ({summary}), each with a .truth.json", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(fixtures_app, name="fixtures")
