"""Where every export comes from, and how its files are written (owner-only, like the database)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from models.database import create_private_file

OWNER_ONLY_DIRECTORY = 0o700


def software_version() -> str:
    return metadata.version("cleardocket")


@dataclass(frozen=True)
class Provenance:
    """What an export was made from: named in every file so a reader can tell which run it is."""

    rule_set: str | None
    rule_set_versions: tuple[str, ...]
    policy: str | None
    as_of: dt.date
    software_version: str

    def describe(self) -> str:
        versions = ", ".join(self.rule_set_versions) or "none"
        return (
            f"rule set {self.rule_set or 'none'} (version {versions}), policy {self.policy or 'none'}, "
            f"as of {self.as_of.isoformat()}, cleardocket {self.software_version}"
        )

    def csv_columns(self) -> dict[str, str]:
        return {
            "rule_set": self.rule_set or "",
            "rule_set_version": ";".join(self.rule_set_versions),
            "policy": self.policy or "",
            "as_of": self.as_of.isoformat(),
            "cleardocket_version": self.software_version,
        }


def make_private_directory(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, OWNER_ONLY_DIRECTORY)
    return path


def write_private_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path`, created (or narrowed to) readable by its owner only."""
    create_private_file(path)
    with open(path, "wb") as out:
        out.write(data)
    return path


def write_private_text(path: Path, text: str) -> Path:
    return write_private_bytes(path, text.encode("utf-8"))


def write_private_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return write_private_text(path, buffer.getvalue())
