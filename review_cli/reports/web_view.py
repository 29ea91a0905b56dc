"""The analysts' read-only web view: datasette on the database, with facets and canned queries.

Datasette answers queries over read-only (`mode=ro`) connections, and custom SQL is switched off,
so the view can neither write nor run arbitrary statements. The database stays mutable (not
`immutable`) because a batch may still be writing to it: immutable mode would skip its WAL.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import uvicorn
from datasette.app import Datasette

LOOPBACK = "127.0.0.1"

# Facets per table, offered only for tables the database has.
_FACETS = {
    "decisions": ["rule_set", "policy", "outcome", "needs_review", "current", "decided_by"],
    "cases": ["jurisdiction", "origin"],
    "fields": ["status", "extractor"],
    "documents": ["status"],
    "pages": ["status"],
    "runs": ["kind"],
    "corrections": ["action"],
    "review_items": ["status", "tier", "kind"],
}
_HIDDEN = ("words", "_sqlite_migrations", "case_documents")

# Canned query name → (the table it needs, the query).
_CANNED_QUERIES = {
    "outcomes": ("decisions", {
        "title": "Outcomes of the current decisions",
        "description": "Cases per headline outcome, for every rule set and policy decided.",
        "sql": (
            "select rule_set, policy, outcome, count(*) as cases, sum(needs_review) as needing_review\n"
            "from decisions where current = 1\n"
            "group by rule_set, policy, outcome order by rule_set, policy, cases desc"
        ),
    }),
    "relief_paths": ("decisions", {
        "title": "Relief paths of the current decisions",
        "description": "Cases per relief path; a case with several paths counts under each.",
        "sql": (
            "select d.rule_set, d.policy, p.value as relief_path, count(distinct d.case_id) as cases\n"
            "from decisions d, json_each(d.decision, '$.relief_paths') p where d.current = 1\n"
            "group by 1, 2, 3 order by 1, 2, cases desc"
        ),
    }),
    "review_backlog": ("cases", {
        "title": "Review backlog",
        "description": "Cases with a value awaiting review or a decision that needs review, oldest first.",
        "sql": (
            "select c.case_id, c.jurisdiction, c.updated_at as stored_at,\n"
            "  (select count(*) from fields f where f.case_id = c.case_id and f.status = 'needs_review')"
            " as fields_waiting,\n"
            "  (select group_concat(d.rule_set || '/' || d.policy || ': ' || d.outcome, '; ') from decisions d\n"
            "    where d.case_id = c.case_id and d.current = 1 and d.needs_review = 1) as decisions_needing_review\n"
            "from cases c\n"
            "where exists (select 1 from fields f where f.case_id = c.case_id and f.status = 'needs_review')\n"
            "   or exists (select 1 from decisions d where d.case_id = c.case_id and d.current = 1"
            " and d.needs_review = 1)\n"
            "order by c.updated_at, c.case_id"
        ),
    }),
    "review_reasons": ("decisions", {
        "title": "Why decisions need review",
        "description": "Current decisions needing review, per review reason.",
        "sql": (
            "select d.rule_set, d.policy, r.value as review_reason, count(distinct d.case_id) as cases\n"
            "from decisions d, json_each(d.decision, '$.review_reasons') r\n"
            "where d.current = 1 and d.needs_review = 1 group by 1, 2, 3 order by cases desc"
        ),
    }),
    "scan_batches": ("runs", {
        "title": "Digitization batches",
        "description": "Documents and pages per scan run, with the OCR seconds they took.",
        "sql": (
            "select r.id as run, r.started_at, r.finished_at,\n"
            "  count(distinct d.sha256) as documents,\n"
            "  sum(p.status = 'done') as pages_done, sum(p.status = 'failed') as pages_failed,\n"
            "  round(sum(p.seconds), 1) as ocr_seconds\n"
            "from runs r left join documents d on d.run_id = r.id\n"
            "left join pages p on p.document_sha256 = d.sha256\n"
            "where r.kind = 'scan' group by r.id order by r.id"
        ),
    }),
}


def _tables(db_path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
    finally:
        connection.close()


def analyst_metadata(db_path: Path) -> dict:
    """Datasette metadata for the database at `db_path`: facets, hidden bulk tables, canned queries."""
    tables = _tables(db_path)
    table_settings: dict[str, dict] = {}
    for table, facets in _FACETS.items():
        if table in tables:
            table_settings[table] = {"facets": facets}
    for table in _HIDDEN:
        if table in tables:
            table_settings.setdefault(table, {})["hidden"] = True
    if "decisions" in tables:
        table_settings["decisions"]["sort_desc"] = "id"
    queries = {name: query for name, (table, query) in _CANNED_QUERIES.items() if table in tables}
    return {
        "title": f"cleardocket: {db_path.name} (read-only)",
        "description": (
            "Criminal records: read-only view for analysts on this machine. "
            "Custom SQL is off; use the facets and the canned queries."
        ),
        "databases": {db_path.stem: {"tables": table_settings, "queries": queries}},
    }


def serve_web_view(db_path: Path, *, port: int) -> None:
    """Serve the database on the loopback interface until interrupted.

    Datasette runs in this process so the access log can be switched off: request URLs can carry
    facet values such as a name, and nothing may log personal data.
    """
    datasette = Datasette(
        [str(db_path)],
        metadata=analyst_metadata(db_path),
        settings={"default_allow_sql": False, "allow_download": False},
    )
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=LOOPBACK, port=port, log_level="warning", access_log=False, lifespan="on")
