"""The normalizers extraction uses, as one small public module.

Each takes printed text and returns `Normalized(value, confidence, reason, notes, detail)`; the
review screen uses them to validate a reviewer's edit and to suggest statutes, and `import` uses
them when a record carries only the printed (`_text`) form of a value.
"""

from extract.amounts import check_amount, implied_brackets, normalize_amount
from extract.case_numbers import normalize_case_number
from extract.citations import classify_charge_text, normalize_citation, suggest_statutes
from extract.dates import parse_docket_date
from extract.dispositions import normalize_disposition, sentence_kind_of
from extract.names import normalize_name
from extract.normalized import Normalized
from extract.offense_class import normalize_enhancements, normalize_offense_class

__all__ = [
    "Normalized",
    "check_amount",
    "classify_charge_text",
    "implied_brackets",
    "normalize_amount",
    "normalize_case_number",
    "normalize_citation",
    "normalize_disposition",
    "normalize_enhancements",
    "normalize_name",
    "normalize_offense_class",
    "parse_docket_date",
    "sentence_kind_of",
    "suggest_statutes",
]
