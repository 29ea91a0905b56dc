"""PDF rendering of motion lists and notice letters: the only module that imports fpdf2.

Text is set in DejaVu (Debian's fonts-dejavu-core), which covers every character a name or an
address on a docket may carry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from models.errors import ToolMissingError
from review_cli.reports.exports import Provenance
from review_cli.reports.filings import CountRow, Notice
from review_cli.reports.vocabulary import NEXT_STEPS, PATH_LABELS, motion_title

FONT_DIRECTORY = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVu"
DISCLAIMER = (
    "Prepared by cleardocket from digitized court records. Not legal advice: check every entry "
    "against the court file and the official statutory text before filing."
)
MOTION_COLUMNS = ("Case number", "Name", "Count", "Statute", "Disposition", "Date", "Relief path", "Citation")
_MOTION_WIDTHS = (30, 42, 13, 36, 32, 22, 40, 44)


def _long_date(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}, {day.year}"


class _Document(FPDF):
    """A page with the provenance and page number at its foot."""

    def __init__(self, *, orientation: str, provenance: Provenance, footer_note: str) -> None:
        super().__init__(orientation=orientation, unit="mm", format="Letter")
        regular, bold = FONT_DIRECTORY / "DejaVuSans.ttf", FONT_DIRECTORY / "DejaVuSans-Bold.ttf"
        if not regular.exists() or not bold.exists():
            raise ToolMissingError(f"the DejaVu fonts are not installed ({regular}): apt-get install fonts-dejavu-core")
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.provenance = provenance
        self.footer_note = footer_note
        self.set_auto_page_break(True, margin=22)
        self.set_margins(15, 15, 15)
        self.set_creator(f"cleardocket {provenance.software_version}")
        self.set_creation_date(dt.datetime.combine(provenance.as_of, dt.time(), tzinfo=dt.timezone.utc))

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        self.multi_cell(0, 3.2, f"{self.footer_note} {DISCLAIMER}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(0, 3.2, f"{self.provenance.describe()}. Page {self.page_no()} of {{nb}}.")
        self.set_text_color(0)


def render_motion_list(court: str, rows: tuple[CountRow, ...], *, provenance: Provenance, paths: tuple[str, ...]) -> bytes:
    """One court's list of counts for a motion, as a landscape PDF."""
    title = motion_title(paths)
    pdf = _Document(orientation="L", provenance=provenance, footer_note=f"{title}: {court}.")
    pdf.set_title(f"{title}: {court}")
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 6, court, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 9)
    cases = len({row.case_id for row in rows})
    pdf.multi_cell(
        0,
        5,
        f"{len(rows)} count(s) in {cases} case(s), prepared {_long_date(provenance.as_of)}. "
        f"Decided under {provenance.describe()}.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    pdf.set_font(FONT, "", 8)
    with pdf.table(col_widths=_MOTION_WIDTHS, text_align="LEFT", line_height=4.2, padding=1) as table:
        header = table.row()
        for column in MOTION_COLUMNS:
            header.cell(column)
        for row in rows:
            cells = table.row()
            for value in (
                row.case_number or "",
                row.name or "",
                str(row.count),
                row.statute or "",
                row.disposition or "",
                row.disposition_date.isoformat() if row.disposition_date else "",
                row.relief_path,
                row.citation,
            ):
                cells.cell(value)
    return bytes(pdf.output())


def _display_name(name: str | None) -> str:
    """Dockets print `LAST, FIRST M`; a letter is addressed `FIRST M LAST`."""
    if not name:
        return ""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and first.strip() else name.strip()


def _count_line(row: CountRow) -> str:
    parts = [f"Count {row.count}"]
    if row.statute:
        parts.append(row.statute)
    if row.disposition:
        when = f" on {_long_date(row.disposition_date)}" if row.disposition_date else ""
        parts.append(f"{row.disposition}{when}")
    cite = f" ({row.citation})" if row.citation else ""
    return f"{', '.join(parts)}. Relief: {PATH_LABELS.get(row.relief_path, row.relief_path)}{cite}."


def render_notice(notice: Notice, *, provenance: Provenance, sender: str) -> bytes:
    """A letter to one person at their last known address, listing their cases with relief."""
    pdf = _Document(orientation="P", provenance=provenance, footer_note=f"Letter {notice.number}.")
    pdf.set_title(f"Notice letter {notice.number}")
    pdf.add_page()
    width = pdf.epw
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(width, 5.5, sender, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_font(FONT, "", 10.5)
    pdf.multi_cell(width, 5.5, _long_date(provenance.as_of), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    recipient = _display_name(notice.name)
    pdf.multi_cell(width, 5.5, "\n".join([recipient, *notice.address.splitlines()]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT, "B", 10.5)
    pdf.multi_cell(width, 5.5, "Re: relief for your cannabis record", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.set_font(FONT, "", 10.5)
    paragraphs = [
        f"Dear {recipient or 'Sir or Madam'},",
        "We reviewed court records of cannabis cases under the law that allows old cannabis records to be "
        "cleared. The record(s) below qualify for relief. This letter explains what that means.",
    ]
    for text in paragraphs:
        pdf.multi_cell(width, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    for case in notice.cases:
        pdf.set_font(FONT, "B", 10.5)
        heading = f"Case {case.case_number or 'without a number'}"
        if case.arrest_date:
            heading += f", arrest of {_long_date(case.arrest_date)}"
        if case.printed_court:
            heading += f" ({case.printed_court})"
        pdf.multi_cell(width, 5.5, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(FONT, "", 10)
        for row in case.counts:
            pdf.set_x(pdf.l_margin + 5)
            pdf.multi_cell(width - 5, 5, _count_line(row), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for path in dict.fromkeys(row.relief_path for row in case.counts):
            step = NEXT_STEPS.get(path)
            if step is None:
                continue
            if path == "IL_AUTO_EXPUNGE_ARREST" and case.auto_expunge_by:
                step += f" The law set {_long_date(case.auto_expunge_by)} as the deadline to expunge this record."
            pdf.set_x(pdf.l_margin + 5)
            pdf.multi_cell(width - 5, 5, step, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    pdf.set_font(FONT, "", 10.5)
    closing = [
        "This letter gives information about the law; it is not legal advice. A legal aid organization "
        "can help you at no cost.",
        f"Sincerely,\n{sender}",
    ]
    for text in closing:
        pdf.multi_cell(width, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    return bytes(pdf.output())
