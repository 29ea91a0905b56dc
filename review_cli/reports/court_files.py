"""Write motion lists and notice letters to a folder: CSV and PDF, readable by their owner only.

File names carry a court or a letter number, never a person's name or a case number, because
file names end up in logs and listings.
"""

from __future__ import annotations

import re
from pathlib import Path

from review_cli.reports.exports import make_private_directory, write_private_bytes, write_private_csv
from review_cli.reports.filings import MotionLists, NoticeBatch, WithheldCase
from review_cli.reports.pdf import render_motion_list, render_notice

WITHHELD_COLUMNS = ("case_id", "case_number", "name", "reason")
MOTION_CSV_COLUMNS = (
    "court",
    "case_id",
    "case_number",
    "name",
    "count",
    "statute",
    "disposition",
    "disposition_date",
    "relief_path",
    "citation",
)


def court_slug(court: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", court.lower()).strip("-") or "court"


def _write_withheld(path: Path, withheld: tuple[WithheldCase, ...], provenance_columns: dict[str, str]) -> Path:
    return write_private_csv(
        path,
        (*WITHHELD_COLUMNS, *provenance_columns),
        ((w.case_id, w.case_number or "", w.name or "", w.reason, *provenance_columns.values()) for w in withheld),
    )


def write_motion_files(lists: MotionLists, out_dir: Path) -> list[Path]:
    """`motions-<court>.csv` and `.pdf` per court, and `withheld.csv`; returns the paths written."""
    make_private_directory(out_dir)
    provenance_columns = lists.provenance.csv_columns()
    written = []
    for court, rows in lists.courts.items():
        stem = out_dir / f"motions-{court_slug(court)}"
        written.append(
            write_private_csv(
                stem.with_suffix(".csv"),
                (*MOTION_CSV_COLUMNS, *provenance_columns),
                (
                    (
                        court,
                        r.case_id,
                        r.case_number or "",
                        r.name or "",
                        r.count,
                        r.statute or "",
                        r.disposition or "",
                        r.disposition_date.isoformat() if r.disposition_date else "",
                        r.relief_path,
                        r.citation,
                        *provenance_columns.values(),
                    )
                    for r in rows
                ),
            )
        )
        pdf = render_motion_list(court, rows, provenance=lists.provenance, paths=lists.relief_paths)
        written.append(write_private_bytes(stem.with_suffix(".pdf"), pdf))
    written.append(_write_withheld(out_dir / "withheld.csv", lists.withheld, provenance_columns))
    return written


def notice_file_name(number: int) -> str:
    return f"notice-{number:05d}.pdf"


def write_notice_files(batch: NoticeBatch, out_dir: Path, *, sender: str) -> list[Path]:
    """One PDF per letter, `notices.csv` saying which file is whose (or why none was written),
    and `withheld.csv` for the cases kept out; returns the paths written."""
    make_private_directory(out_dir)
    provenance_columns = batch.provenance.csv_columns()
    written = []
    index_rows = []
    for notice in batch.notices:
        pdf = render_notice(notice, provenance=batch.provenance, sender=sender)
        written.append(write_private_bytes(out_dir / notice_file_name(notice.number), pdf))
        case_numbers = ";".join(case.case_number or "" for case in notice.cases)
        index_rows.append((notice.number, notice_file_name(notice.number), notice.name or "", case_numbers, "written", ""))
    for letter in batch.withheld_letters:
        index_rows.append((letter.number, "", letter.name or "", ";".join(letter.case_numbers), "withheld", letter.reason))
    index_rows.sort(key=lambda row: row[0])
    written.append(
        write_private_csv(
            out_dir / "notices.csv",
            ("letter", "file", "name", "case_numbers", "status", "reason", *provenance_columns),
            (row + tuple(provenance_columns.values()) for row in index_rows),
        )
    )
    written.append(_write_withheld(out_dir / "withheld.csv", batch.withheld_cases, provenance_columns))
    return written
