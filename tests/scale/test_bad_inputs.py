"""A box of more than fifty bad files: no crash, a clear reason for each, memory bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bad_inputs import write_bad_inputs
from digitize.batch import scan
from digitize.options import DigitizeOptions
from models.database import open_database

HERE = Path(__file__).resolve().parent
# Reading the bad box, no process may hold more than this: a 20,000 × 20,000 image decoded
# (400 MB grey, 1.2 GB RGB) or the 200-inch PDF page rendered (3.6 GB) would pass it.
PEAK_MEMORY_MB = 768


@pytest.fixture(scope="module")
def bad_box(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_box")
    return folder, write_bad_inputs(folder)


@pytest.fixture(scope="module")
def scanned(bad_box, tmp_path_factory):
    folder, _ = bad_box
    db_path = tmp_path_factory.mktemp("bad_db") / "bad.db"
    done = subprocess.run(
        [sys.executable, str(HERE / "scan_and_measure.py"), str(db_path), "2", str(folder)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_box_holds_every_kind_of_bad_file(bad_box):
    _, expected = bad_box
    assert len(expected) >= 50
    assert sum(reason is not None for reason in expected.values()) >= 45


def test_every_bad_file_is_failed_with_its_reason_and_the_odd_good_ones_are_read(bad_box, scanned):
    _, expected = bad_box
    failures: dict[str, list[str]] = {}
    for name, reason in scanned["failures"]:
        failures.setdefault(name, []).append(reason)
    for name, fragment in expected.items():
        if fragment is None:
            assert name not in failures, f"{name}: {failures.get(name)}"
        else:
            assert name in failures, f"{name} was not reported"
            assert fragment in failures[name][0], f"{name}: {failures[name][0]!r} lacks {fragment!r}"
    assert set(failures) <= set(expected)
    assert scanned["pages_read"] == sum(reason is None for reason in expected.values())


def test_memory_stays_bounded_on_bombs(scanned):
    assert scanned["coordinator_peak_mb"] < PEAK_MEMORY_MB
    assert scanned["largest_child_peak_mb"] < PEAK_MEMORY_MB


def test_a_file_the_scanner_may_not_read_is_reported(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions (CI runs as root)")
    folder = tmp_path / "box"
    folder.mkdir()
    locked = folder / "locked.pdf"
    locked.write_bytes(b"%PDF-1.4\n%%EOF\n")
    locked.chmod(0)
    summary = scan([folder], open_database(tmp_path / "x.db"), DigitizeOptions(), workers=1)
    assert [(failure.file, failure.reason) for failure in summary.failures] == [
        ("locked.pdf", "cannot read the file: Permission denied")
    ]
