"""Records in and out: `cleardocket export` (JSONL or CSV per spec records.md) and `import`.

An export names what produced it in a sidecar `<file>.meta.json` (software and extractor
versions, and every rule set, version, policy and `as_of` its decisions were made under); the
JSONL records carry their own `eligibility` block too. An import validates every row first and
writes nothing unless all are good, in one transaction. A record that carries only the printed
(`_text`) form of a value is normalized with the same code extraction uses.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from extract.amounts import normalize_amount
from extract.case_numbers import normalize_case_number
from extract.citations import normalize_citation
from extract.document import EXTRACTOR_VERSION
from extract.dispositions import normalize_disposition, sentence_kind_of
from extract.offense_class import normalize_offense_class
from extract.vocabulary import statute_table
from models.database import create_private_file, write_transaction
from models.errors import InputError
from models.records import CaseRecord, Charge
from models.store import current_decision, finish_run, iter_cases, save_case, start_run

FORMATS = ("jsonl", "csv")
# Keys `import` accepts and ignores: they describe where an exported record came from.
_DERIVED_KEYS = ("source", "fields", "eligibility")
_RECORD_KEYS = {"case_id", "jurisdiction", "case_number", "case_number_text", "defendant", "arrest_date", "charges", "court", *_DERIVED_KEYS}
_DEFENDANT_KEYS = ("name", "date_of_birth", "address", "deceased", "pc290_registered")
_CHARGE_KEYS = tuple(f.name for f in fields(Charge))
_LIST_KEYS = ("enhancements", "conduct", "prior_relief")
_CASE_COLUMNS = ("case_id", "jurisdiction", "case_number", "case_number_text", "court", "arrest_date")
_ELIGIBILITY_COLUMNS = (
    "eligibility_rule_set",
    "eligibility_rule_set_version",
    "eligibility_policy",
    "eligibility_as_of",
    "eligibility_outcome",
    "eligibility_relief_paths",
    "eligibility_needs_review",
    "eligibility_review_reasons",
    "count_outcome",
    "count_relief_paths",
)
# Written for spreadsheet users, ignored by import: they restate the record's provenance.
_INFORMATION_COLUMNS = ("source_files", "needs_review_fields", *_ELIGIBILITY_COLUMNS)
CSV_COLUMNS = (
    *_CASE_COLUMNS,
    *(f"defendant_{k}" for k in _DEFENDANT_KEYS),
    *_CHARGE_KEYS,
    *_INFORMATION_COLUMNS,
)
LIST_SEPARATOR = ";"
# Where a CSV charge row came from, so a bad value is reported on its own line.
_LINE_KEY = "__line__"
MAX_REPORTED_ERRORS = 50


def software_version() -> str:
    try:
        return metadata.version("cleardocket")
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class ExportSummary:
    cases: int = 0
    rows: int = 0
    decisions: dict[tuple[str, str, str, str], int] = field(default_factory=dict)

    def meta(self, fmt: str) -> dict[str, Any]:
        return {
            "software": "cleardocket",
            "version": software_version(),
            "extractor_version": EXTRACTOR_VERSION,
            "format": fmt,
            "spec": "records.md",
            "cases": self.cases,
            "rows": self.rows,
            "decisions": [
                {"rule_set": rs, "rule_set_version": v, "policy": p, "as_of": a, "cases": n}
                for (rs, v, p, a), n in sorted(self.decisions.items())
            ],
            "csv": "one row per count; lists joined with ';'; eligibility_* and count_* columns are the current decision" if fmt == "csv" else None,
        }


def _export_rows(db: Database, *, rule_set: str | None, policy: str | None) -> Iterator[tuple[CaseRecord, dict[str, Any] | None]]:
    for record in iter_cases(db):
        yield record, current_decision(db, record.case_id or "", rule_set=rule_set, policy=policy)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _csv_rows(record: CaseRecord, decision: dict[str, Any] | None) -> list[dict[str, str]]:
    data = record.to_dict()
    base: dict[str, Any] = {k: data.get(k) for k in _CASE_COLUMNS}
    for key in _DEFENDANT_KEYS:
        base[f"defendant_{key}"] = data["defendant"].get(key)
    base["source_files"] = [d["file"] for d in (data.get("source") or {}).get("documents", [])]
    base["needs_review_fields"] = sorted(p for p, f in record.fields.items() if f.status == "needs_review")
    by_count: dict[int, dict[str, Any]] = {}
    if decision:
        base.update(
            eligibility_rule_set=decision.get("rule_set"),
            eligibility_rule_set_version=decision.get("rule_set_version"),
            eligibility_policy=decision.get("policy"),
            eligibility_as_of=decision.get("as_of"),
            eligibility_outcome=decision.get("outcome"),
            eligibility_relief_paths=decision.get("relief_paths"),
            eligibility_needs_review=decision.get("needs_review"),
            eligibility_review_reasons=decision.get("review_reasons"),
        )
        by_count = {c.get("count"): c for c in decision.get("charges", [])}
    rows = []
    for charge in data["charges"] or [None]:
        row = dict(base)
        if charge is not None:
            row.update({k: charge.get(k) for k in _CHARGE_KEYS})
            count_decision = by_count.get(charge["count"])
            if count_decision:
                row["count_outcome"] = count_decision.get("outcome")
                row["count_relief_paths"] = count_decision.get("relief_paths")
        rows.append({column: _csv_value(row.get(column)) for column in CSV_COLUMNS})
    return rows


def export_records(db: Database, out: TextIO, fmt: str, *, rule_set: str | None = None, policy: str | None = None) -> ExportSummary:
    """Write every case's effective record (corrections replayed) to `out` as JSONL or CSV."""
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    summary = ExportSummary()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writeheader()
    for record, decision in _export_rows(db, rule_set=rule_set, policy=policy):
        summary.cases += 1
        if decision:
            key = (decision.get("rule_set"), decision.get("rule_set_version"), decision.get("policy"), decision.get("as_of"))
            summary.decisions[key] = summary.decisions.get(key, 0) + 1
        if writer is None:
            data = record.to_dict()
            if decision:
                data["eligibility"] = decision
            out.write(json.dumps(data, ensure_ascii=False, sort_keys=False) + "\n")
            summary.rows += 1
        else:
            for row in _csv_rows(record, decision):
                writer.writerow(row)
                summary.rows += 1
    return summary


def export_to_file(db: Database, path: Path, fmt: str, *, rule_set: str | None = None, policy: str | None = None) -> ExportSummary:
    """Export to `path` and its sidecar `<path>.meta.json`, both readable by their owner only."""
    create_private_file(path)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.truncate(0)
        summary = export_records(db, out, fmt, rule_set=rule_set, policy=policy)
    meta_path = meta_path_for(path)
    create_private_file(meta_path)
    with meta_path.open("w", encoding="utf-8") as out:
        out.truncate(0)
        json.dump(summary.meta(fmt), out, indent=1)
        out.write("\n")
    return summary


def meta_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    cases: int = 0
    counts: int = 0
    normalized_values: int = 0
    run_id: int | None = None


class _Problems:
    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, field_name: str, message: str) -> None:
        self.messages.append(f"{where}: {field_name}: {message}")


def _check_date(data: dict[str, Any], key: str, where: str, prefix: str, problems: _Problems) -> None:
    value = data.get(key)
    if value in (None, ""):
        data[key] = None
        return
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(where, f"{prefix}{key}", f"not an ISO date (YYYY-MM-DD): {value!r}")


def _illinois_dispositions() -> set[str]:
    return set(statute_table()["canonical_dispositions"])


def _normalize_charge(charge: dict[str, Any], where: str, prefix: str, jurisdiction: str, problems: _Problems) -> int:
    """Fill a charge's values from its printed forms where only those are given; returns how many."""
    filled = 0
    for key in charge:
        if key not in _CHARGE_KEYS:
            problems.add(where, f"{prefix}{key}", "unknown field")
    count = charge.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        problems.add(where, f"{prefix}count", f"must be a whole number from 1, not {count!r}")
    for key in ("offense_date", "disposition_date", "sentence_end_date"):
        _check_date(charge, key, where, prefix, problems)
    for key in ("amount_grams", "concentrate_grams"):
        value = charge.get(key)
        if value not in (None, ""):
            try:
                charge[key] = float(value)
            except (TypeError, ValueError):
                problems.add(where, f"{prefix}{key}", f"not a number: {value!r}")
        else:
            charge[key] = None
    if charge.get("plant_count") not in (None, ""):
        try:
            charge["plant_count"] = int(charge["plant_count"])
        except (TypeError, ValueError):
            problems.add(where, f"{prefix}plant_count", f"not a whole number: {charge['plant_count']!r}")
    for key in _LIST_KEYS:
        value = charge.get(key)
        if isinstance(value, str):
            charge[key] = [v for v in value.split(LIST_SEPARATOR) if v]
        elif value is not None and not isinstance(value, list):
            problems.add(where, f"{prefix}{key}", f"must be a list, not {value!r}")
    if charge.get("weight_basis") not in (None, "", "net", "gross"):
        problems.add(where, f"{prefix}weight_basis", f"must be net, gross or null, not {charge['weight_basis']!r}")
    illinois = jurisdiction.startswith("IL")
    if illinois and not charge.get("statute") and charge.get("statute_text"):
        parsed = normalize_citation(charge["statute_text"], charge_text=charge.get("description"))
        charge["statute"] = parsed.value
        filled += parsed.value is not None
    if illinois and not charge.get("disposition") and charge.get("disposition_text"):
        entries = [charge["disposition_text"]] + ([charge["sentence_text"]] if charge.get("sentence_text") else [])
        statute = charge.get("statute") or ""
        parsed = normalize_disposition(entries, cca_count=statute.startswith("720 ILCS 550/"))
        charge["disposition"] = parsed.value
        if not charge.get("sentence_kind") and parsed.detail is not None:
            charge["sentence_kind"] = parsed.detail.sentence_kind
        filled += 1
    if illinois and not charge.get("sentence_kind") and charge.get("sentence_text") and charge.get("disposition") == "CONVICTED":
        charge["sentence_kind"] = sentence_kind_of(charge["sentence_text"])
    if charge.get("amount_grams") is None and charge.get("amount_text"):
        parsed = normalize_amount(charge["amount_text"])
        charge["amount_grams"] = parsed.value
        if parsed.detail is not None:
            if charge.get("plant_count") is None and parsed.detail.plant_count:
                charge["plant_count"] = parsed.detail.plant_count
            if not charge.get("weight_basis") and parsed.detail.basis:
                charge["weight_basis"] = parsed.detail.basis
        filled += parsed.value is not None
    offense_class = charge.get("offense_class")
    if illinois and offense_class and str(offense_class).upper() not in ("A", "B", "C", "X", "1", "2", "3", "4", "M", "U", "N", "R"):
        parsed = normalize_offense_class(str(offense_class))
        if parsed.ok:
            charge["offense_class"] = parsed.value
            filled += 1
        else:
            problems.add(where, f"{prefix}offense_class", f"not a class (A, B, C, X, 1-4): {offense_class!r}")
    disposition = charge.get("disposition")
    if illinois and disposition and disposition not in _illinois_dispositions():
        problems.add(where, f"{prefix}disposition", f"not a canonical disposition (spec §8.1): {disposition!r}")
    return filled


def _import_case_id(data: dict[str, Any]) -> str:
    """A stable id for a record without one, so importing the same file twice updates, not duplicates."""
    key = json.dumps({k: data.get(k) for k in ("jurisdiction", "case_number", "defendant")}, sort_keys=True, default=str)
    return "i-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def validate_record(data: Any, where: str, problems: _Problems) -> tuple[CaseRecord | None, int]:
    """One record of the exchange format, normalized; problems are added, never raised."""
    if not isinstance(data, dict):
        problems.add(where, "record", "must be a JSON object")
        return None, 0
    data = json.loads(json.dumps(data))
    for key in data:
        if key not in _RECORD_KEYS:
            problems.add(where, key, "unknown field")
    for key in _DERIVED_KEYS:
        data.pop(key, None)
    jurisdiction = data.get("jurisdiction") or "IL-COOK"
    if not isinstance(jurisdiction, str) or not (jurisdiction.startswith("IL-") or jurisdiction.startswith("CA-")):
        problems.add(where, "jurisdiction", f"must be IL-<COUNTY> or CA-<COUNTY>, not {jurisdiction!r}")
        jurisdiction = "IL-COOK"
    data["jurisdiction"] = jurisdiction
    filled = 0
    if not data.get("case_number") and data.get("case_number_text"):
        parsed = normalize_case_number(data["case_number_text"])
        data["case_number"] = parsed.value
        filled += parsed.value is not None
    defendant = data.get("defendant") or {}
    if not isinstance(defendant, dict):
        problems.add(where, "defendant", "must be an object")
        defendant = {}
    for key in defendant:
        if key not in _DEFENDANT_KEYS:
            problems.add(where, f"defendant.{key}", "unknown field")
    _check_date(defendant, "date_of_birth", where, "defendant.", problems)
    data["defendant"] = defendant
    _check_date(data, "arrest_date", where, "", problems)
    charges = data.get("charges") or []
    if not isinstance(charges, list):
        problems.add(where, "charges", "must be a list")
        charges = []
    numbers = [c.get("count") for c in charges if isinstance(c, dict)]
    if len(numbers) != len(set(numbers)):
        problems.add(where, "charges", f"count numbers repeat: {numbers}")
    for i, charge in enumerate(charges):
        if not isinstance(charge, dict):
            problems.add(where, f"charges.{i}", "must be an object")
            continue
        charge_where = charge.pop(_LINE_KEY, where)
        filled += _normalize_charge(charge, charge_where, f"charges.{i}.", jurisdiction, problems)
    data["charges"] = [c for c in charges if isinstance(c, dict)]
    data["case_id"] = data.get("case_id") or _import_case_id(data)
    try:
        record = CaseRecord.from_dict(data)
    except (TypeError, ValueError, KeyError) as error:
        problems.add(where, "record", str(error))
        return None, filled
    return replace(record, fields={}, source=()), filled


def _csv_records(text: str, problems: _Problems) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if unknown:
        problems.add("line 1", "header", f"unknown column(s): {', '.join(unknown)}")
    grouped: dict[str, tuple[str, dict[str, Any]]] = {}
    for line_number, row in enumerate(reader, start=2):
        row = {k: (v if v != "" else None) for k, v in row.items() if k in CSV_COLUMNS}
        key = row.get("case_id") or json.dumps([row.get("jurisdiction"), row.get("case_number") or row.get("case_number_text"), row.get("defendant_name")])
        if key not in grouped:
            case = {k: row.get(k) for k in _CASE_COLUMNS if row.get(k) is not None}
            defendant = {k: row.get(f"defendant_{k}") for k in _DEFENDANT_KEYS if row.get(f"defendant_{k}") is not None}
            for flag in ("deceased", "pc290_registered"):
                if flag in defendant:
                    text_value = str(defendant[flag]).lower()
                    if text_value not in ("true", "false"):
                        problems.add(f"line {line_number}", f"defendant_{flag}", f"must be true, false or empty, not {defendant[flag]!r}")
                    defendant[flag] = text_value == "true"
            case["defendant"] = defendant
            case["charges"] = []
            grouped[key] = (f"line {line_number}", case)
        if row.get("count") is not None:
            charge: dict[str, Any] = {k: row.get(k) for k in _CHARGE_KEYS if row.get(k) is not None}
            try:
                charge["count"] = int(row["count"])
            except ValueError:
                problems.add(f"line {line_number}", "count", f"not a whole number: {row['count']!r}")
            for list_key in _LIST_KEYS:
                charge.setdefault(list_key, [])
            charge[_LINE_KEY] = f"line {line_number}"
            grouped[key][1]["charges"].append(charge)
    return list(grouped.values())


def read_records(path: Path, *, fmt: str | None = None) -> tuple[list[CaseRecord], int]:
    """Every record of an import file, validated and normalized; raises InputError listing every
    bad line and field (nothing is returned then). Returns the records and how many values were
    normalized from their printed form."""
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "jsonl")
    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path.name}: not UTF-8 text ({error.reason})") from error
    problems = _Problems()
    raw: list[tuple[str, Any]] = []
    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as error:
                problems.add(f"line {number}", "record", f"not valid JSON ({error.msg} at column {error.colno})")
    else:
        raw = list(_csv_records(text, problems))
    records: list[CaseRecord] = []
    filled = 0
    seen: dict[str, str] = {}
    for where, data in raw:
        record, count = validate_record(data, where, problems)
        filled += count
        if record is None:
            continue
        if record.case_id in seen:
            problems.add(where, "case_id", f"repeats the record of {seen[record.case_id]}")
        seen[record.case_id or ""] = where
        records.append(record)
    if problems.messages:
        shown = problems.messages[:MAX_REPORTED_ERRORS]
        more = len(problems.messages) - len(shown)
        tail = f"\n… and {more} more" if more else ""
        raise InputError(f"{path.name}: nothing was imported; fix these first:\n" + "\n".join(shown) + tail)
    return records, filled


def import_records(db: Database, path: Path, *, fmt: str | None = None) -> ImportSummary:
    """Validate every record of `path`, then store them all in one transaction (origin `imported`)."""
    records, filled = read_records(path, fmt=fmt)
    run_id = start_run(db, "import", options={"format": fmt or path.suffix.lstrip("."), "records": len(records)})
    with write_transaction(db):
        for record in records:
            save_case(db, record, origin="imported", run_id=run_id)
    summary = ImportSummary(cases=len(records), counts=sum(len(r.charges) for r in records), normalized_values=filled, run_id=run_id)
    finish_run(db, run_id, {"cases": summary.cases, "counts": summary.counts, "normalized_values": filled})
    return summary
