"""The docket vocabulary as data: patterns (JSONL) and the statute table (JSON) shipped with extract/.

Copied from the parts of ../shared/spec/illinois-crta-rules.yaml that extraction needs (see
extract/data/README.md); the project never reads ../shared at run time.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PATTERNS_DIR = PACKAGE_DIR / "patterns"
DATA_DIR = PACKAGE_DIR / "data"


@cache
def load_patterns(name: str) -> tuple[dict[str, Any], ...]:
    """Rows of `extract/patterns/<name>.jsonl`, in file order (order is match priority)."""
    path = PATTERNS_DIR / f"{name}.jsonl"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return tuple(rows)


@cache
def compiled_patterns(name: str) -> tuple[tuple[dict[str, Any], re.Pattern[str]], ...]:
    """Each row of a pattern file with its `regex` compiled."""
    return tuple((row, re.compile(row["regex"])) for row in load_patterns(name) if row.get("regex"))


@cache
def statute_table() -> dict[str, Any]:
    """The Illinois statute table: CCA sections with their gram brackets, acts, look-alikes, units."""
    return json.loads((DATA_DIR / "illinois_statutes.json").read_text(encoding="utf-8"))
