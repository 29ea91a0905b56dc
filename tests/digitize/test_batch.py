import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import psutil
import pytest

from digitize_pages import render_page, write_bad_files
from digitize.batch import scan
from digitize.options import DigitizeOptions
from digitize_faults import die_on_page_two, raise_on_page_two
from fixtures.generator import generate_docket
from models.database import open_database

OPTIONS = DigitizeOptions()
CLEARDOCKET = Path(sys.executable).parent / "cleardocket"


def small_page(seed: int):
    """A short page (five lines) that Tesseract reads in well under a second."""
    return render_page(seed, lines=5, size_inches=(8.5, 2.4)).image


def make_box(folder: Path, *, singles: int = 2) -> int:
    """A box of scans: a 2-page PDF, a 3-page TIFF and single PNG and JPEG pages; returns the page count."""
    folder.mkdir(parents=True, exist_ok=True)
    small_page(1).save(folder / "docket_a.pdf", save_all=True, append_images=[small_page(2)], resolution=300.0)
    (folder / "sub").mkdir(exist_ok=True)
    small_page(3).save(
        folder / "sub" / "docket_b.tif", save_all=True, append_images=[small_page(4), small_page(5)], dpi=(300, 300)
    )
    for index in range(singles):
        small_page(10 + index).save(folder / f"single_{index}.{'png' if index % 2 else 'jpg'}", dpi=(300, 300))
    return 5 + singles


def page_rows(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select p.document_sha256, p.page_number, p.status, p.word_count, count(w.seq)"
            " from pages p left join words w on w.page_id = p.id group by p.id order by 1, 2"
        ).fetchall()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """One scan of a box holding good documents and every kind of bad file."""
    root = tmp_path_factory.mktemp("box")
    pages = make_box(root / "box")
    small_page(1).save(root / "good.pdf", resolution=300.0)
    expected = write_bad_files(root / "box" / "bad", root / "good.pdf")
    db_path = root / "dockets.db"
    progress = []
    summary = scan([root / "box"], open_database(db_path), OPTIONS, workers=2, on_progress=progress.append)
    return summary, db_path, pages, expected, progress, root


def test_every_page_of_every_good_document_is_stored_once_with_its_words(scanned):
    summary, db_path, pages, *_ = scanned
    rows = page_rows(db_path)
    done = [row for row in rows if row[2] == "done"]
    assert len(done) == pages == summary.pages_read
    assert len({(sha, number) for sha, number, *_ in rows}) == len(rows)
    assert all(stored == words > 0 for *_, words, stored in done)
    assert summary.documents_done == 4 and len(summary.finished_documents) == 4
    # The one image whose header reads but whose pixels do not: its page row says why.
    assert [row[2:] for row in rows if row[2] != "done"] == [("failed", 0, 0)]


def test_each_bad_file_is_recorded_failed_with_its_reason(scanned):
    summary, db_path, _, expected, *_ = scanned
    reasons = {failure.file: failure.reason for failure in summary.failures}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name]
    with sqlite3.connect(db_path) as conn:
        failed = dict(conn.execute("select path, error from documents where status = 'failed'").fetchall())
    # Two empty files are one document (the same SHA-256); the summary names both files.
    assert len(failed) == len(expected) - 1
    assert summary.documents_failed == len(expected)


def test_database_is_private_and_the_run_is_recorded(scanned):
    summary, db_path, *_ = scanned
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    with sqlite3.connect(db_path) as conn:
        kind, finished, options = conn.execute("select kind, finished_at, options from runs where id = ?", [summary.run_id]).fetchone()
    assert kind == "scan" and finished and '"psm": 3' in options


def test_progress_counts_up_to_every_page(scanned):
    summary, _, pages, _, progress, _ = scanned
    reading = [p for p in progress if p.phase == "reading"]
    # Every page tried counts, the unreadable image's too.
    assert reading[-1].pages_done == reading[-1].pages_total == pages + 1
    assert [p.pages_done for p in reading] == sorted(p.pages_done for p in reading)


def test_scanning_the_same_box_again_does_no_work(scanned):
    summary, db_path, pages, expected, _, root = scanned
    before = page_rows(db_path)
    again = scan([root / "box", root / "box" / "sub"], open_database(db_path), OPTIONS, workers=1)
    assert again.pages_read == 0 and again.documents_done == 0
    assert again.skipped_documents == summary.finished_documents
    # Bad files are tried again (a file may have been replaced) and fail again.
    assert again.documents_failed == len(expected)
    assert page_rows(db_path) == before


def test_a_renamed_copy_is_the_same_document(tmp_path):
    make_box(tmp_path / "box", singles=0)
    (tmp_path / "box" / "copy_of_a.pdf").write_bytes((tmp_path / "box" / "docket_a.pdf").read_bytes())
    summary = scan([tmp_path / "box"], open_database(tmp_path / "d.db"), OPTIONS, workers=1)
    assert summary.documents_done == 2 and summary.documents_skipped == 1 and summary.pages_read == 5


@pytest.mark.parametrize("reader", [die_on_page_two, raise_on_page_two], ids=["worker dies", "worker raises"])
def test_a_page_that_kills_its_worker_fails_alone(tmp_path, reader):
    make_box(tmp_path / "box", singles=1)
    db_path = tmp_path / "d.db"
    summary = scan([tmp_path / "box"], open_database(db_path), OPTIONS, workers=2, reader=reader)
    rows = page_rows(db_path)
    failed = [(number, status) for _, number, status, *_ in rows if status == "failed"]
    # Page 2 of the PDF and of the TIFF fail; every other page is read.
    assert failed == [(2, "failed"), (2, "failed")]
    assert summary.pages_read == 4 and summary.documents_done == 1 and summary.documents_failed == 2
    assert all("page 2:" in failure.reason for failure in summary.failures)


@pytest.mark.slow
def test_a_killed_scan_resumes_with_every_page_exactly_once(tmp_path):
    pages = make_box(tmp_path / "box", singles=8)
    db_path = tmp_path / "d.db"
    process = subprocess.Popen(
        [str(CLEARDOCKET), "scan", str(tmp_path / "box"), "--db", str(db_path), "--workers", "1", "--no-extract", "--no-evaluate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        done = 0
        while done < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            workers = psutil.Process(process.pid).children(recursive=True) or workers
            if db_path.exists():
                # Killed the moment a page row shows: when page rows and words were committed apart
                # (a sqlite-utils autocommit), this left one page in seven without its words.
                with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
                    try:
                        done = conn.execute("select count(*) from pages where status = 'done'").fetchone()[0]
                    except sqlite3.OperationalError:
                        done = 0
        os.kill(process.pid, signal.SIGKILL)  # power loss: no clean-up of any kind
    finally:
        process.wait()
    assert 3 <= done < pages, "the scan should have been killed part-way"
    # The workers die with the coordinator instead of running on as orphans.
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    killed_at = len(page_rows(db_path))
    summary = scan([tmp_path / "box"], open_database(db_path), OPTIONS, workers=2)
    rows = page_rows(db_path)
    assert len(rows) == pages
    assert len({(sha, number) for sha, number, *_ in rows}) == pages
    assert all(status == "done" and stored == words for _, _, status, words, stored in rows)
    assert summary.pages_read == pages - killed_at
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("select count(*) from documents where status != 'done'").fetchone()[0] == 0


def test_work_dir_keeps_each_documents_stages_in_its_own_folder(tmp_path):
    (tmp_path / "box").mkdir()
    small_page(30).save(tmp_path / "box" / "docket.png", dpi=(300, 300))
    scan([tmp_path / "box"], open_database(tmp_path / "d.db"), OPTIONS, workers=1, work_dir=tmp_path / "work")
    (folder,) = (tmp_path / "work").iterdir()
    assert folder.name.startswith("docket-") and stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = {path.name for path in folder.iterdir()}
    assert {"000001_input.png", "000001_flatten.png", "000001_ocr.tsv"} <= names


def test_the_summary_counts_the_pages_whose_orientation_is_a_guess(tmp_path):
    # Seed 10722's second page (100 dpi, blurred, speckled, stamped, turned 180°) reads too
    # poorly either way up to tell which is up; its first page is read upright.
    docket = generate_docket(10722, damage="damaged", skew_degrees=-0.85, rotation=180)
    box = tmp_path / "box"
    box.mkdir()
    for number, (image, truth) in enumerate(zip(docket.pages, docket.truth["pages"]), start=1):
        image.save(box / f"page_{number}.png", dpi=(truth["dpi"], truth["dpi"]))
    summary = scan([box], open_database(tmp_path / "d.db"), OPTIONS, workers=2)
    assert summary.pages_read == 2
    assert summary.pages_orientation_unsure == 1
