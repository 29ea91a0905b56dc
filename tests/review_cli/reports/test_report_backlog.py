"""The backlog report: every count it shows is checked against the database, computed a second way."""

import datetime as dt
import json
import os
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

from reports_db import AS_OF, CORRECTED_YEAR, RULE_SET
from typer.testing import CliRunner

from models.database import open_database
from models.store import load_case
from review_cli.app import app
from review_cli.reports.backlog import summarize_backlog
from review_cli.reports.html_report import render_report_html

POLICY = "statutory"
runner = CliRunner()


class _Metrics(HTMLParser):
    """Collects the text of every element that carries `data-metric`."""

    def __init__(self):
        super().__init__()
        self.values = defaultdict(list)
        self._open = None

    def handle_starttag(self, tag, attrs):
        metric = dict(attrs).get("data-metric")
        if metric:
            self._open = metric

    def handle_data(self, data):
        if self._open:
            self.values[self._open].append(int(data.replace(",", "")))
            self._open = None


def shown_counts(html: str) -> dict[str, int]:
    parser = _Metrics()
    parser.feed(html)
    # A count shown in two places (the overview and its section) must say the same both times.
    for metric, values in parser.values.items():
        assert len(set(values)) == 1, (metric, values)
    return {metric: values[0] for metric, values in parser.values.items()}


def _one(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def _bucket(days):
    for label, limit in (("0-7 days", 7), ("8-30 days", 30), ("31-90 days", 90), ("91-365 days", 365)):
        if days <= limit:
            return label
    return "over a year"


def expected_counts(db) -> dict[str, int]:
    """Every count the report should show, computed without the report's code."""
    current = [
        json.loads(row[0]) | {"case_id": row[1]}
        for row in db.execute(
            "select decision, case_id from decisions where current = 1 and rule_set = ? and policy = ?", [RULE_SET, POLICY]
        )
    ]
    by_case = {d["case_id"]: d for d in current}
    case_ids = [row[0] for row in db.execute("select case_id from cases")]
    out = {
        "cases.total": len(case_ids),
        "cases.decided": len(current),
        "cases.not_decided": len(case_ids) - len(current),
    }
    for jurisdiction, n in db.execute("select jurisdiction, count(*) from cases group by 1"):
        out[f"jurisdiction.{jurisdiction}"] = n
    for outcome, n in Counter(d["outcome"] for d in current).items():
        out[f"outcome.{outcome}"] = n
    for path, n in Counter(p for d in current for p in d["relief_paths"]).items():
        out[f"relief_path.{path}"] = n
    # Arrest year as the store replays corrections over the machine's record.
    years = Counter()
    for case_id in case_ids:
        record = load_case(db, case_id)
        year = str(record.arrest_date.year) if record.arrest_date else "unknown"
        years[(year, by_case[case_id]["outcome"] if case_id in by_case else "NOT_DECIDED")] += 1
    outcomes = {o for _, o in years}
    for year in {y for y, _ in years}:
        for outcome in outcomes:
            out[f"year.{year}.{outcome}"] = years[(year, outcome)]
        out[f"year.{year}.total"] = sum(n for (y, _), n in years.items() if y == year)
    deadlines = Counter()
    for d in current:
        if "IL_AUTO_EXPUNGE_ARREST" in d["relief_paths"]:
            on_path = [c["auto_expunge_by"] for c in d["charges"] if "IL_AUTO_EXPUNGE_ARREST" in c["relief_paths"]]
            deadlines[d["auto_expunge_by"] or min(filter(None, on_path), default=None) or "tier unknown"] += 1
    for deadline, n in deadlines.items():
        out[f"deadline.{deadline}"] = n
    fields_waiting = {row[0] for row in db.execute("select case_id from fields where status = 'needs_review'")}
    decisions_waiting = {d["case_id"] for d in current if d["needs_review"]}
    waiting = fields_waiting | decisions_waiting
    stored = dict(db.execute("select case_id, updated_at from cases"))
    ages = Counter(_bucket((AS_OF - dt.date.fromisoformat(stored[c][:10])).days) for c in waiting)
    queue = [row[0] for row in db.execute("select created_at from review_items where status = 'open'")]
    queue_ages = Counter(_bucket((AS_OF - dt.date.fromisoformat(c[:10])).days) for c in queue)
    for label in ("0-7 days", "8-30 days", "31-90 days", "91-365 days", "over a year"):
        out[f"age.{label}"] = ages[label]
        out[f"queue_age.{label}"] = queue_ages[label]
    out |= {
        "backlog.cases_waiting": len(waiting),
        "backlog.fields_waiting": _one(db, "select count(*) from fields where status = 'needs_review'"),
        "backlog.cases_with_fields_waiting": len(fields_waiting),
        "backlog.decisions_needing_review": len(decisions_waiting),
        "backlog.open_queue_items": len(queue),
        "backlog.fields_reviewed": _one(db, "select count(*) from fields where status = 'reviewed'"),
        "backlog.corrections": _one(db, "select count(*) from corrections"),
    }
    for tier, n in db.execute("select tier, count(*) from review_items where status = 'open' group by tier"):
        out[f"queue_tier.tier {tier}"] = n
    for reason, n in Counter(r for d in current if d["needs_review"] for r in set(d["review_reasons"])).items():
        out[f"reason.{reason}"] = n
    statuses = [row[0] for row in db.execute("select distinct status from fields where confidence is not null")]
    for status in statuses:
        for b in range(10):
            upper = "<= 1.0" if b == 9 else f"< {(b + 1) / 10}"
            out[f"confidence.{status}.{b / 10:.1f}"] = _one(
                db, f"select count(*) from fields where status = ? and confidence >= ? and confidence {upper}", [status, b / 10]
            )
    kinds = defaultdict(Counter)
    for path, status in db.execute("select path, status from fields"):
        kind = re.sub(r"\.\d+\.", ".", path)
        kinds[kind]["values"] += 1
        kinds[kind][status] += 1
    for kind, counts in kinds.items():
        out[f"kind.{kind}.values"] = counts["values"]
        out[f"kind.{kind}.needs_review"] = counts["needs_review"]
        out[f"kind.{kind}.reviewed"] = counts["reviewed"]
    for status, n in db.execute("select status, count(*) from documents group by 1"):
        out[f"documents.{status}"] = n
    for (run_id,) in db.execute("select id from runs where kind = 'scan'"):
        docs = [row[0] for row in db.execute("select sha256 from documents where run_id = ?", [run_id])]
        marks = ",".join("?" * len(docs))
        out[f"batch.{run_id}.documents"] = len(docs)
        out[f"batch.{run_id}.documents_failed"] = _one(
            db, f"select count(*) from documents where sha256 in ({marks}) and status = 'failed'", docs
        )
        for status in ("done", "failed"):
            name = "pages_done" if status == "done" else "pages_failed"
            out[f"batch.{run_id}.{name}"] = _one(
                db, f"select count(*) from pages where document_sha256 in ({marks}) and status = ?", [*docs, status]
            )
    return out


def test_every_count_in_the_html_report_agrees_with_the_database(reports_db_path):
    db = open_database(reports_db_path)
    html = render_report_html(summarize_backlog(db, rule_set=RULE_SET, policy=POLICY, as_of=AS_OF))
    assert shown_counts(html) == expected_counts(db)


def test_the_report_counts_a_corrected_arrest_year_and_names_what_it_was_made_from(reports_db_path):
    db = open_database(reports_db_path)
    report = summarize_backlog(db, rule_set=RULE_SET, policy=POLICY, as_of=AS_OF)
    assert str(CORRECTED_YEAR) in report.outcomes_by_arrest_year
    html = render_report_html(report)
    for part in (RULE_SET, "version 1.0.0", f"policy {POLICY}", f"as of {AS_OF.isoformat()}", "cleardocket 0.1.0"):
        assert part in html


def test_the_html_report_needs_nothing_from_outside(reports_db_path):
    html = render_report_html(
        summarize_backlog(open_database(reports_db_path), rule_set=RULE_SET, policy=POLICY, as_of=AS_OF)
    )
    assert html.count("<svg") >= 5
    # The SVG namespace is an identifier, never fetched; nothing else may point outside the page.
    outside = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for reference in ("http:", "https:", "//", "<script", "<link", "src=", "@import", "url("):
        assert reference not in outside, reference


def test_report_command_prints_counts_only_and_writes_an_owner_only_file(reports_db_path, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", "--db", str(reports_db_path), "--as-of", AS_OF.isoformat(), "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert os.stat(out).st_mode & 0o777 == 0o600
    db = open_database(reports_db_path)
    pardons = _one(db, "select count(*) from decisions where current = 1 and policy = ? and outcome = 'IL_PARDON_PATH'", [POLICY])
    assert re.search(rf"IL_PARDON_PATH\s+│\s+{pardons}\b", result.stdout)
    names = {row[0] for row in db.execute("select json_extract(record, '$.defendant.name') from cases")}
    numbers = {row[0] for row in db.execute("select case_number from cases")}
    text = result.output + out.read_text()
    assert not any(name in text for name in names)
    assert not any(number in text for number in numbers)


def test_report_refuses_a_missing_database_and_an_unknown_policy(reports_db_path, tmp_path):
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 3
    assert not (tmp_path / "none.db").exists()
    unknown = runner.invoke(app, ["report", "--db", str(reports_db_path), "--policy", "lenient"])
    assert unknown.exit_code == 2
    assert "lenient" in unknown.output


def test_every_analyst_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for command in ("report", "what-if", "motions", "notices", "serve"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert f"Example: cleardocket {command} " in result.output
        assert re.search(rf"cleardocket {command}\s+--db", readme), command
