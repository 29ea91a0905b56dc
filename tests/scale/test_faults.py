"""Faults during a scan: each ends with the batch resumable, no page lost or written twice,
and the failure recorded with its reason."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import psutil
import pytest

from conftest import CLEARDOCKET, assert_each_page_once, fake_tesseract, page_rows, write_multipage_pdf, write_pages
from digitize.batch import scan
from digitize.executors import LocalPoolExecutor
from digitize.executors.dask import DaskExecutor
from digitize.options import DigitizeOptions
from faulty_readers import POISON_PAGE, read_or_die_on_poison_page
from models.database import open_database

PAGES = 6


def scan_folder(folder: Path, db_path: Path, **kwargs) -> object:
    db = open_database(db_path, busy_timeout_ms=kwargs.pop("busy_timeout_ms", 30_000))
    try:
        return scan([folder], db, kwargs.pop("options", DigitizeOptions()), **kwargs)
    finally:
        db.close()


def test_tesseract_crash_fails_the_pages_with_the_reason_and_a_rerun_reads_them(tmp_path, monkeypatch, pages_folder):
    monkeypatch.setenv("CLEARDOCKET_TESSERACT", str(fake_tesseract(tmp_path, "crash")))
    db_path = tmp_path / "crash.db"
    summary = scan_folder(pages_folder, db_path, workers=2)
    assert summary.pages_failed == PAGES and summary.pages_read == 0
    assert all(status == "failed" and "tesseract could not read the page" in error for _, _, status, error in page_rows(db_path))
    monkeypatch.delenv("CLEARDOCKET_TESSERACT")
    summary = scan_folder(pages_folder, db_path, workers=2)
    assert summary.pages_read == PAGES and summary.ok
    assert_each_page_once(db_path, PAGES)
    assert {status for _, _, status, _ in page_rows(db_path)} == {"done"}


def test_tesseract_hang_is_stopped_by_the_page_timeout(tmp_path, monkeypatch, pages_folder):
    monkeypatch.setenv("CLEARDOCKET_TESSERACT", str(fake_tesseract(tmp_path, "hang")))
    started = time.monotonic()
    summary = scan_folder(pages_folder, tmp_path / "hang.db", workers=2, options=DigitizeOptions(ocr_timeout_seconds=1.5))
    # Six pages on two workers at 1.5 s each, plus starting the workers; a hang would be 600 s.
    assert time.monotonic() - started < 60
    assert summary.pages_failed == PAGES
    assert {error for _, _, _, error in page_rows(tmp_path / "hang.db")} == {"OCR gave up after 1.5 s"}


def test_a_page_that_kills_its_worker_is_failed_after_a_retry_and_the_rest_is_read(tmp_path):
    folder = tmp_path / "multi"
    folder.mkdir()
    write_multipage_pdf(folder / "docket.pdf", 3)
    db_path = tmp_path / "poison.db"
    summary = scan_folder(folder, db_path, workers=2, reader=read_or_die_on_poison_page)
    assert summary.pages_read == 2 and summary.pages_failed == 1
    rows = {number: (status, error) for _, number, status, error in page_rows(db_path)}
    assert rows[POISON_PAGE] == ("failed", "the worker process died reading this page (out of memory?)")
    assert {rows[1][0], rows[3][0]} == {"done"}
    assert "page 2: the worker process died" in summary.failures[0].reason


def kill_a_busy_worker(root_pid: int, stop: threading.Event, killed: list[int], *, kills: int) -> None:
    """Kill -9 a worker process while it runs tesseract, `kills` times."""
    while not stop.is_set() and len(killed) < kills:
        try:
            for process in psutil.Process(root_pid).children(recursive=True):
                if process.name().startswith("tesseract") and process.ppid() not in killed:
                    os.kill(process.ppid(), signal.SIGKILL)
                    killed.append(process.ppid())
                    break
        except psutil.Error:
            pass
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("executor_name", ["local", "dask"])
def test_worker_killed_mid_page_loses_nothing(tmp_path, pages_folder, executor_name):
    executor = LocalPoolExecutor(2) if executor_name == "local" else DaskExecutor(workers=2)
    stop, killed = threading.Event(), []
    killer = threading.Thread(target=kill_a_busy_worker, args=(os.getpid(), stop, killed), kwargs={"kills": 1})
    killer.start()
    try:
        summary = scan_folder(pages_folder, tmp_path / "killed.db", executor=executor)
    finally:
        stop.set()
        killer.join()
    assert killed, "no worker was caught reading"
    # The page that was in flight was read again by a new worker; nothing failed.
    assert summary.pages_read == PAGES and summary.ok
    assert_each_page_once(tmp_path / "killed.db", PAGES)


def _as_in_a_terminal() -> None:
    # A shell starts background jobs with Ctrl-C ignored, and a child inherits that: the suite
    # run as "make test &" would otherwise scan on through the test's Ctrl-C and exit 0.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def scan_process(folder: Path, db_path: Path, *extra: str) -> subprocess.Popen:
    # A session of its own, like a terminal's foreground job: Ctrl-C goes to its whole group.
    return subprocess.Popen(
        # The batch's faults are the subject: extraction and decisions would only add time.
        [str(CLEARDOCKET), "scan", str(folder), "--db", str(db_path), "--workers", "2", "--no-extract", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_as_in_a_terminal,
    )


def left_in_session(session: int, timeout: float = 30) -> list[psutil.Process]:
    """Processes still alive in the session after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for process in psutil.process_iter():
            try:
                if os.getsid(process.pid) == session:
                    alive.append(process)
            except (OSError, psutil.Error):
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def wait_for_pages(db_path: Path, at_least: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if len(page_rows(db_path)) >= at_least:
                return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    raise AssertionError(f"the scan did not reach {at_least} pages")


def rerun_completes(folder: Path, db_path: Path, pages: int, *extra: str) -> None:
    done = scan_process(folder, db_path, *extra)
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err
    assert_each_page_once(db_path, pages)
    assert {status for _, _, status, _ in page_rows(db_path)} == {"done"}


# Enough pages that the scan cannot finish between its first page and the Ctrl-C.
INTERRUPTED_PAGES = 40


@pytest.fixture(scope="module")
def long_pages_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("long")
    write_pages(folder, INTERRUPTED_PAGES)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("executor_name", ["local", "dask"])
def test_ctrl_c_stops_cleanly_and_the_rerun_finishes(tmp_path, long_pages_folder, executor_name):
    db_path = tmp_path / "interrupted.db"
    process = scan_process(long_pages_folder, db_path, "--executor", executor_name)
    wait_for_pages(db_path, 1, process)
    # Ctrl-C in a terminal reaches the coordinator, its workers and their tesseracts at once.
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert not left_in_session(process.pid), "workers outlived the interrupted scan"
    assert "run the same command again to resume" in " ".join(err.split())
    with sqlite3.connect(db_path) as connection:
        (stats,) = connection.execute("select stats from runs").fetchone()
    assert '"interrupted": true' in stats and "KeyboardInterrupt" in stats
    assert len(page_rows(db_path)) < INTERRUPTED_PAGES, "the scan finished before the Ctrl-C: nothing was interrupted"
    rerun_completes(long_pages_folder, db_path, INTERRUPTED_PAGES, "--executor", executor_name)


@pytest.mark.slow
@pytest.mark.parametrize("executor_name", ["local", "dask"])
def test_coordinator_killed_at_a_random_point_leaves_no_orphans_and_resumes(tmp_path, executor_name):
    folder = tmp_path / "pages"
    folder.mkdir()
    write_multipage_pdf(folder / "a.pdf", 4)
    write_multipage_pdf(folder / "b.pdf", 4, seed=7)
    db_path = tmp_path / "killed.db"
    extra = ("--executor", executor_name)
    # Bounded randomness: the kill lands after 1 to 7 of the 8 pages, chosen by a seeded draw.
    after = random.Random(executor_name).randint(1, 7)
    process = scan_process(folder, db_path, *extra)
    wait_for_pages(db_path, after, process)
    family = psutil.Process(process.pid).children(recursive=True)
    process.kill()
    process.wait(timeout=30)
    gone, alive = psutil.wait_procs(family, timeout=30)
    assert not alive, f"{len(alive)} worker processes outlived the coordinator"
    rerun_completes(folder, db_path, 8, *extra)


def test_database_locked_by_a_reviewer(tmp_path, pages_folder):
    db_path = tmp_path / "locked.db"
    open_database(db_path).close()
    reviewer = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    reviewer.execute("begin immediate")
    # A lock held longer than the busy timeout stops the batch with the database's error ...
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        scan_folder(pages_folder, db_path, workers=2, busy_timeout_ms=300)
    reviewer.execute("rollback")
    # ... a short one (a reviewer saving a correction) is waited out.
    reviewer.execute("begin immediate")
    threading.Timer(1.0, lambda: reviewer.execute("rollback")).start()
    summary = scan_folder(pages_folder, db_path, workers=2, busy_timeout_ms=20_000)
    reviewer.close()
    assert summary.pages_read == PAGES and summary.ok
    assert_each_page_once(db_path, PAGES)


def _nearly_full(db) -> int:
    """A page count leaving room for the run row and a page or so (24 KB), whatever the page size."""
    (used,) = db.execute("pragma page_count").fetchone()
    (size,) = db.execute("pragma page_size").fetchone()
    return used + max(1, 24_576 // size)


def test_full_disk_stops_the_batch_and_the_rerun_after_freeing_space_completes(tmp_path, pages_folder):
    db_path = tmp_path / "full.db"
    db = open_database(db_path)
    # SQLite refuses to grow the file past this many pages, as on a full disk.
    db.execute(f"pragma max_page_count = {_nearly_full(db)}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        scan([pages_folder], db, DigitizeOptions(), workers=2)
    db.close()
    written = page_rows(db_path)
    assert len(written) < PAGES
    assert all(status == "done" for _, _, status, _ in written)
    summary = scan_folder(pages_folder, db_path, workers=2)
    assert summary.pages_read == PAGES - len(written)
    assert_each_page_once(db_path, PAGES)



def test_full_disk_in_the_cli_says_so_and_exits_with_the_database_error_code(tmp_path, pages_folder, monkeypatch):
    from typer.testing import CliRunner

    from review_cli import scan_cmd
    from review_cli.app import app

    def open_on_a_full_disk(path, **kwargs):
        db = open_database(path, **kwargs)
        db.execute(f"pragma max_page_count = {_nearly_full(db)}")
        return db

    monkeypatch.setattr(scan_cmd, "open_database", open_on_a_full_disk)
    db_path = tmp_path / "full_cli.db"
    result = CliRunner().invoke(app, ["scan", str(pages_folder), "--db", str(db_path), "--workers", "2", "--no-extract"])
    assert result.exit_code == 6
    assert "Cannot write the database" in result.output and "full" in result.output
    assert len(page_rows(db_path)) < PAGES
