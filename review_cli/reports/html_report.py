"""The backlog report as one self-contained HTML page: inline CSS and SVG, nothing fetched.

Every count cell carries `data-metric`, so tests (and anyone auditing) can match it to its query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from review_cli.reports.backlog import CONFIDENCE_BINS, NOT_DECIDED, BacklogReport, Count
from review_cli.reports.charts import NEUTRAL, bar_chart, stacked_columns
from review_cli.reports.vocabulary import OUTCOME_MEANINGS

_CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 2em auto; max-width: 1000px;
       color: #212121; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #e0e0e0; padding-bottom: 0.2em; margin-top: 2em; }
p.provenance { color: #555; font-size: 0.9em; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
th, td { border: 1px solid #e0e0e0; padding: 0.3em 0.6em; text-align: left; }
th { background: #f5f5f5; vertical-align: bottom; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; align-items: start; }
svg.chart { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
svg .label { font-size: 12px; fill: #212121; }
svg .value, svg .tick { font-size: 11px; fill: #555; }
svg .grid { stroke: #e0e0e0; stroke-width: 1; }
.note { color: #555; font-size: 0.85em; }
footer { margin-top: 3em; color: #777; font-size: 0.8em; border-top: 1px solid #e0e0e0; padding-top: 0.5em; }
"""


def _cell(value: object, metric: str | None = None, *, digits: int = 1) -> str:
    attribute = f' data-metric="{escape(metric)}"' if metric else ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:,.{digits}f}" if isinstance(value, float) else str(value)
        return f'<td class="n"{attribute}>{text}</td>'
    return f"<td{attribute}>{escape('' if value is None else str(value))}</td>"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    # Outcome codes as column heads are long: let them wrap at their underscores.
    head = "".join(f"<th>{escape(h).replace('_', '_<wbr>')}</th>" for h in header)
    body = "".join(f"<tr>{''.join(row)}</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _count_table(
    counts: Sequence[Count], *, header: tuple[str, str], metric: str, meanings: dict[str, str] | None = None
) -> str:
    if not counts:
        return '<p class="note">None.</p>'
    if meanings is None:
        return _table(header, ([_cell(c.label), _cell(c.count, f"{metric}.{c.label}")] for c in counts))
    rows = ([_cell(c.label), _cell(meanings.get(c.label, "")), _cell(c.count, f"{metric}.{c.label}")] for c in counts)
    return _table((header[0], "meaning", header[1]), rows)


def _overview(report: BacklogReport) -> str:
    rows = [
        [_cell("Cases in the database"), _cell(report.total_cases, "cases.total")],
        [_cell("Cases with a current decision"), _cell(report.decided_cases, "cases.decided")],
        [_cell("Cases without one"), _cell(report.total_cases - report.decided_cases, "cases.not_decided")],
        [_cell("Cases waiting for review"), _cell(report.backlog.cases_waiting, "backlog.cases_waiting")],
    ]
    jurisdictions = _count_table(report.cases_by_jurisdiction, header=("jurisdiction", "cases"), metric="jurisdiction")
    return f'<h2>Overview</h2><div class="grid-2">{_table(("", "count"), rows)}{jurisdictions}</div>'


def _outcomes(report: BacklogReport) -> str:
    bars = [(c.label, c.count) for c in report.outcomes]
    paths = [(c.label, c.count) for c in report.relief_paths]
    return (
        "<h2>Outcomes</h2>"
        '<p class="note">One headline outcome per case (the statutory result; a policy overlay never changes it).</p>'
        f"{bar_chart(bars, title='Cases by outcome')}"
        f"{_count_table(report.outcomes, header=('outcome', 'cases'), metric='outcome', meanings=OUTCOME_MEANINGS)}"
        "<h2>Relief paths</h2>"
        '<p class="note">A case with several paths is counted under each of them.</p>'
        f"{bar_chart(paths, title='Cases by relief path')}"
        f"{_count_table(report.relief_paths, header=('relief path', 'cases'), metric='relief_path', meanings=OUTCOME_MEANINGS)}"
    )


def _by_arrest_year(report: BacklogReport) -> str:
    years = list(report.outcomes_by_arrest_year)
    if not years:
        return ""
    order = [c.label for c in report.outcomes]
    seen = {o for counts in report.outcomes_by_arrest_year.values() for o in counts}
    outcomes = [o for o in order if o in seen] + sorted(seen - set(order) - {NOT_DECIDED})
    if NOT_DECIDED in seen:
        outcomes.append(NOT_DECIDED)
    series = [(o, [report.outcomes_by_arrest_year[y].get(o, 0) for y in years]) for o in outcomes]
    rows = (
        [_cell(year)]
        + [_cell(report.outcomes_by_arrest_year[year].get(o, 0), f"year.{year}.{o}") for o in outcomes]
        + [_cell(sum(report.outcomes_by_arrest_year[year].values()), f"year.{year}.total")]
        for year in years
    )
    chart = stacked_columns(years, series, title="Cases by arrest year and outcome")
    return (
        "<h2>Outcomes by arrest year</h2>"
        '<p class="note">Arrest year as reviewed where a reviewer corrected it; NOT_DECIDED: no current decision.</p>'
        f"{chart}{_table(['arrest year', *outcomes, 'total'], rows)}"
    )


def _deadlines(report: BacklogReport) -> str:
    if not report.deadline_tiers:
        return ""
    rows = []
    for tier in report.deadline_tiers:
        label = tier.deadline.isoformat() if tier.deadline else "tier unknown"
        passed = "" if tier.passed is None else ("yes" if tier.passed else "no")
        rows.append([_cell(label), _cell(tier.cases, f"deadline.{label}"), _cell(passed)])
    return (
        "<h2>Automatic expungement deadlines</h2>"
        '<p class="note">Deadline tier by arrest date (20 ILCS 2630/5.2(i)(1)); '
        "passed: the report date is on or after the deadline.</p>"
        f"{_table(('expunge by', 'cases', 'passed'), rows)}"
    )


def _backlog(report: BacklogReport) -> str:
    backlog = report.backlog
    rows = [
        [_cell("Cases waiting (a field or the decision needs review)"), _cell(backlog.cases_waiting, "backlog.cases_waiting")],
        [_cell("Fields awaiting review"), _cell(backlog.fields_waiting, "backlog.fields_waiting")],
        [_cell("Cases with a field awaiting review"), _cell(backlog.cases_with_fields_waiting, "backlog.cases_with_fields_waiting")],
        [_cell("Decisions that need review"), _cell(backlog.decisions_needing_review, "backlog.decisions_needing_review")],
        [_cell("Open review-queue items"), _cell(backlog.open_queue_items, "backlog.open_queue_items")],
        [_cell("Fields reviewed"), _cell(backlog.fields_reviewed, "backlog.fields_reviewed")],
        [_cell("Corrections recorded"), _cell(backlog.corrections, "backlog.corrections")],
        [_cell("Median seconds per correction"), _cell(backlog.median_seconds_per_correction)],
    ]
    ages = [(c.label, c.count) for c in backlog.age_buckets]
    age_rows = (
        [_cell(case.label), _cell(case.count, f"age.{case.label}"), _cell(item.count, f"queue_age.{item.label}")]
        for case, item in zip(backlog.age_buckets, backlog.queue_age_buckets, strict=True)
    )
    return (
        "<h2>Review backlog</h2>"
        f"{_table(('', 'count'), rows)}"
        "<h3>Age of the backlog</h3>"
        '<p class="note">Waiting cases: days from when the machine stored the case to the report date. '
        "Queue items: days from when the open review-queue item was created.</p>"
        f"{bar_chart(ages, title='Waiting cases by age', colour=NEUTRAL)}"
        f"{_table(('age', 'waiting cases', 'open queue items'), age_rows)}"
        "<h3>Open review-queue items by tier</h3>"
        '<p class="note">Tier 0: the answer could change the outcome; 1: other routed values; 2: audit samples.</p>'
        f"{_count_table(backlog.queue_items_by_tier, header=('tier', 'items'), metric='queue_tier')}"
        "<h3>Why decisions need review</h3>"
        f"{_count_table(backlog.review_reasons, header=('review reason', 'cases'), metric='reason')}"
    )


def _confidence(report: BacklogReport) -> str:
    if not report.confidence_histogram and not report.confidence_by_kind:
        return ""
    bins = [f"{i / CONFIDENCE_BINS:.1f}" for i in range(CONFIDENCE_BINS)]
    series = list(report.confidence_histogram.items())
    rows = (
        [_cell(bins[i])]
        + [_cell(values[i], f"confidence.{status}.{bins[i]}") for status, values in series]
        for i in range(CONFIDENCE_BINS)
    )
    kinds = (
        [
            _cell(k.kind),
            _cell(k.values, f"kind.{k.kind}.values"),
            _cell(k.mean_confidence, digits=3),
            _cell(k.needs_review, f"kind.{k.kind}.needs_review"),
            _cell(k.reviewed, f"kind.{k.kind}.reviewed"),
        ]
        for k in report.confidence_by_kind
    )
    return (
        "<h2>Confidence of extracted values</h2>"
        '<p class="note">Calibrated confidence that a value is right, by its review status; '
        f"values without a confidence: {report.fields_without_confidence}.</p>"
        f"{stacked_columns(bins, series, title='Extracted values by confidence and status', height=260)}"
        f"{_table(['confidence from', *[s for s, _ in series]], rows)}"
        f"{_table(('field', 'values', 'mean confidence', 'needs review', 'reviewed'), kinds)}"
    )


def _throughput(report: BacklogReport) -> str:
    if not report.scan_batches and not report.documents_by_status:
        return ""
    rows = (
        [
            _cell(b.run_id),
            _cell(b.started_at[:16].replace("T", " ") if b.started_at else None),
            _cell(b.documents, f"batch.{b.run_id}.documents"),
            _cell(b.documents_failed, f"batch.{b.run_id}.documents_failed"),
            _cell(b.pages_done, f"batch.{b.run_id}.pages_done"),
            _cell(b.pages_failed, f"batch.{b.run_id}.pages_failed"),
            _cell(None if b.wall_seconds is None else b.wall_seconds / 60),
            _cell(None if b.pages_per_hour is None else round(b.pages_per_hour)),
            _cell(b.seconds_per_page, digits=2),
        ]
        for b in report.scan_batches
    )
    speeds = [(f"batch {b.run_id}", round(b.pages_per_hour)) for b in report.scan_batches if b.pages_per_hour]
    header = ("batch", "started (UTC)", "documents", "failed", "pages", "pages failed", "minutes", "pages/hour", "s/page")
    return (
        "<h2>Digitization throughput</h2>"
        f"{_count_table(report.documents_by_status, header=('document status', 'documents'), metric='documents')}"
        f"{bar_chart(speeds, title='Pages per hour by batch', colour=NEUTRAL)}"
        f"{_table(header, rows)}"
    )


def render_report_html(report: BacklogReport) -> str:
    """The whole report as one HTML document with no external references."""
    provenance = report.provenance
    decided = ", ".join(report.decided_as_of) or "none"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>cleardocket backlog report, as of {provenance.as_of.isoformat()}</title>"
        f"<style>{_CSS}</style></head><body>"
        "<h1>cleardocket backlog report</h1>"
        f'<p class="provenance" data-provenance="{escape(provenance.describe())}">'
        f"{escape(provenance.describe())}. Decisions evaluated as of: {escape(decided)}.</p>"
        f"{_overview(report)}{_outcomes(report)}{_by_arrest_year(report)}{_deadlines(report)}"
        f"{_backlog(report)}{_confidence(report)}{_throughput(report)}"
        "<footer>Counts only: this report names no person. Not legal advice: verify every rule against "
        "the official statutory text before any filing.</footer>"
        "</body></html>"
    )
