"""The local pool and the Dask executor read the same pages into the same rows."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time

import pytest

from conftest import CLEARDOCKET, assert_each_page_once, page_rows, write_multipage_pdf, write_pages
from digitize.batch import PageTask, scan
from digitize.executors import LocalPoolExecutor
from digitize.executors.dask import DaskExecutor, page_bytes
from digitize.options import DigitizeOptions
from models.database import open_database
from models.errors import InputError


def words_by_page(db_path) -> dict[tuple[str, int], list[str]]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "select p.document_sha256, p.page_number, w.text from pages p join words w on w.page_id = p.id"
            " order by p.document_sha256, p.page_number, w.seq"
        ).fetchall()
    read: dict[tuple[str, int], list[str]] = {}
    for document, number, text in rows:
        read.setdefault((document, number), []).append(text)
    return read


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    printed = write_pages(folder, 3, seed=40)
    write_multipage_pdf(folder / "three_pages.pdf", 3, seed=50)
    return folder, printed


@pytest.mark.slow
def test_dask_local_cluster_reads_what_the_local_pool_reads(tmp_path, mixed_folder):
    folder, printed = mixed_folder
    results = {}
    for name, executor in (("local", LocalPoolExecutor(2)), ("dask", DaskExecutor(workers=2))):
        db_path = tmp_path / f"{name}.db"
        db = open_database(db_path)
        summary = scan([folder], db, DigitizeOptions(), executor=executor)
        (options,) = db.execute("select options from runs").fetchone()
        db.close()
        assert summary.failures == () and summary.pages_read == 6
        assert f'"executor": "{name}"' in options
        assert_each_page_once(db_path, 6)
        results[name] = words_by_page(db_path)
    assert results["dask"] == results["local"]
    # The pages were read, not just stored: most printed words come back.
    read_words = {word for words in results["dask"].values() for word in words}
    printed_words = {word for words in printed.values() for word in words}
    assert len(printed_words & read_words) >= 0.8 * len(printed_words)


def test_a_worker_is_sent_only_its_page_of_a_multipage_pdf(mixed_folder):
    folder, _ = mixed_folder
    path = folder / "three_pages.pdf"
    task = PageTask(str(path), "pdf", "0" * 64, 2, DigitizeOptions())
    data, page_in_data = page_bytes(task)
    assert page_in_data == 1
    assert data.startswith(b"%PDF-") and len(data) < path.stat().st_size
    single = folder / "page_000.png"
    data, page_in_data = page_bytes(PageTask(str(single), "png", "0" * 64, 1, DigitizeOptions()))
    assert data == single.read_bytes() and page_in_data == 1


def test_unreachable_scheduler_is_an_input_error(tmp_path, pages_folder):
    db = open_database(tmp_path / "x.db")
    with pytest.raises(InputError, match="cannot reach the Dask scheduler"):
        scan([pages_folder], db, DigitizeOptions(), executor=DaskExecutor(scheduler="tcp://127.0.0.1:9", connect_timeout_seconds=2))
    (stats,) = db.execute("select stats from runs").fetchone()
    assert "cannot reach the Dask scheduler" in stats
    assert db.execute("select count(*) from pages").fetchone() == (0,)


def test_scan_command_reads_on_dask_and_rejects_inconsistent_options(tmp_path, pages_folder):
    db_path = tmp_path / "cli.db"
    done = subprocess.run(
        [str(CLEARDOCKET), "scan", str(pages_folder), "--db", str(db_path), "--executor", "dask", "--workers", "2", "--no-extract"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert_each_page_once(db_path, 6)
    for extra in (["--scheduler", "tcp://127.0.0.1:9"], ["--executor", "dask", "--keep-work-dir", str(tmp_path / "w")]):
        done = subprocess.run(
            [str(CLEARDOCKET), "scan", str(pages_folder), "--db", str(tmp_path / "y.db"), *extra],
            capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 2, done.stderr


def test_a_scheduler_without_workers_is_an_input_error(tmp_path, pages_folder):
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        db = open_database(tmp_path / "x.db")
        executor = DaskExecutor(scheduler=empty.scheduler_address, connect_timeout_seconds=1)
        with pytest.raises(InputError, match="no Dask worker joined"):
            scan([pages_folder], db, DigitizeOptions(), executor=executor)
    assert db.execute("select count(*) from pages").fetchone() == (0,)


@pytest.mark.slow
def test_scan_on_a_cluster_started_as_docs_scale_md_says(tmp_path, pages_folder):
    dask_cli = CLEARDOCKET.parent / "dask"
    address_file = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1", "OMP_THREAD_LIMIT": "1"}
    scheduler = subprocess.Popen(
        [str(dask_cli), "scheduler", "--port", "0", "--no-dashboard", "--scheduler-file", str(address_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        worker = subprocess.Popen(
            [str(dask_cli), "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        db_path = tmp_path / "cluster.db"
        done = subprocess.run(
            [str(CLEARDOCKET), "scan", str(pages_folder), "--db", str(db_path), "--executor", "dask", "--scheduler", address,
             "--no-extract"],
            capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert_each_page_once(db_path, 6)
        with sqlite3.connect(db_path) as connection:
            (options,) = connection.execute("select options from runs").fetchone()
        assert json.loads(options)["scheduler"] == address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)


@pytest.mark.slow
def test_a_reader_that_raises_on_dask_fails_only_its_page(tmp_path, mixed_folder):
    from faulty_readers import POISON_PAGE, read_or_raise_on_poison_page

    from PIL import Image

    folder, _ = mixed_folder
    # A multi-page TIFF travels whole, so the reader on the worker sees the real page numbers.
    frames = [Image.open(folder / f"page_{index:03d}.png") for index in range(3)]
    tiff = tmp_path / "three_pages.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(200, 200))
    db_path = tmp_path / "raising.db"
    db = open_database(db_path)
    summary = scan([tiff], db, DigitizeOptions(), executor=DaskExecutor(workers=1), reader=read_or_raise_on_poison_page)
    db.close()
    assert summary.pages_read == 2 and summary.pages_failed == 1
    rows = {number: (status, error) for _, number, status, error in page_rows(db_path)}
    assert rows[POISON_PAGE] == ("failed", "MemoryError: cannot allocate the page")
