"""Charts as inline SVG, drawn here so the HTML report needs no script, font or file from outside."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

# Outcome codes keep one colour in every chart (illinois-crta.md §13.3, california-prop64.md §9).
OUTCOME_COLOURS = {
    "IL_AUTO_EXPUNGE_ARREST": "#2e7d32",
    "IL_PARDON_PATH": "#1565c0",
    "IL_VACATE_MOTION": "#6a1b9a",
    "IL_MANUAL_REVIEW": "#c62828",
    "IL_NO_FINAL_DISPOSITION": "#ef6c00",
    "IL_NOT_ELIGIBLE_CRTA": "#616161",
    "IL_NOT_CANNABIS": "#bdbdbd",
    "CA_DISMISS_AND_SEAL": "#2e7d32",
    "CA_REDESIGNATE_REDUCE": "#1565c0",
    "CA_RECALL_RESENTENCE": "#6a1b9a",
    "CA_COUNTY_DISMISS": "#00838f",
    "CA_HAND_REVIEW": "#c62828",
    "CA_NOT_ELIGIBLE": "#616161",
    "CA_NOT_PROP64": "#bdbdbd",
    "NOT_DECIDED": "#eeeeee",
    "auto": "#2e7d32",
    "needs_review": "#c62828",
    "reviewed": "#1565c0",
}
NEUTRAL = "#546e7a"
_FALLBACK_COLOURS = ("#8d6e63", "#f9a825", "#5d4037", "#00695c", "#ad1457", "#283593")


def colour_for(label: str, index: int = 0) -> str:
    return OUTCOME_COLOURS.get(label, _FALLBACK_COLOURS[index % len(_FALLBACK_COLOURS)])


def _svg_open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>'
    )


def bar_chart(bars: Sequence[tuple[str, int]], *, title: str, width: int = 640, colour: str | None = None) -> str:
    """Horizontal bars, one per label, with the count printed at the end of each bar.

    Args:
        colour: one colour for every bar; by default each label keeps its own (outcome colours).
    """
    if not bars:
        return ""
    row, label_width, value_width = 26, 230, 70
    height = row * len(bars) + 10
    most = max(n for _, n in bars) or 1
    scale = (width - label_width - value_width) / most
    parts = [_svg_open(width, height, title)]
    for i, (label, n) in enumerate(bars):
        y = 5 + i * row
        bar = max(1.0, n * scale) if n else 0.0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" class="label">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" '
            f'fill="{colour or colour_for(label, i)}"><title>{escape(label)}: {n}</title></rect>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 17}" class="value">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_columns(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    title: str,
    width: int = 900,
    height: int = 300,
) -> str:
    """One column per category, stacked by series, with a legend under the axis."""
    if not categories or not series:
        return ""
    left, top, bottom = 50, 16, 50
    legend_rows = (len(series) + 2) // 3
    plot_height = height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    most = max(totals) or 1
    step = (width - left - 10) / len(categories)
    column = max(2.0, step * 0.8)
    full_height = height + legend_rows * 20
    parts = [_svg_open(width, full_height, title)]
    for tick in (0, most // 2, most):
        y = top + plot_height - tick * plot_height / most
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">{tick}</text>'
        )
    # Room for about fifteen axis labels; the others stay in each column's tooltip.
    label_every = max(1, math.ceil(len(categories) / 15))
    for i, category in enumerate(categories):
        x = left + i * step + (step - column) / 2
        y = top + plot_height
        for s, (name, values) in enumerate(series):
            n = values[i]
            if not n:
                continue
            h = n * plot_height / most
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{h:.1f}" fill="{colour_for(name, s)}">'
                f"<title>{escape(category)}, {escape(name)}: {n}</title></rect>"
            )
        if i % label_every == 0:
            cx = x + column / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_height + 14}" text-anchor="middle" class="tick">'
                f"{escape(category)}</text>"
            )
    for s, (name, _) in enumerate(series):
        lx = left + (s % 3) * ((width - left) / 3)
        ly = height - 16 + (s // 3) * 20
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{colour_for(name, s)}"/>'
            f'<text x="{lx + 18:.1f}" y="{ly + 11}" class="label">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
