"""A page's row and its words land together: a failure between them leaves neither."""

import sqlite3

import pytest

from digitize.storage import register_document, write_page
from models.database import open_database
from models.pages import OcrWord, PageResult, PageText
from models.store import start_run

SHA = "a" * 64


def page_result(words: int) -> PageResult:
    text = PageText(
        words=tuple(OcrWord(text=f"w{i}", left=i * 10, top=5, width=8, height=9, confidence=0.9) for i in range(words)),
        width=100,
        height=50,
    )
    return PageResult(document_sha256=SHA, page_number=1, text=text, dpi=300)


def fail_on_insert(db, table: str) -> None:
    # What a crash, a full disk or a lost lock does halfway through the write.
    db.execute(f"create trigger fail_{table} before insert on {table} begin select raise(abort, 'disk full'); end")


@pytest.fixture
def db(tmp_path):
    db = open_database(tmp_path / "d.db")
    register_document(db, sha256=SHA, path="box/1.pdf", size_bytes=10, pages=1, run_id=start_run(db, "scan", options={}))
    return db


def test_a_failure_while_writing_the_words_leaves_no_page_row(db, tmp_path):
    fail_on_insert(db, "words")
    with pytest.raises(sqlite3.IntegrityError):
        write_page(db, page_result(words=3))
    # Another connection sees what a rerun would see.
    fresh = sqlite3.connect(tmp_path / "d.db")
    assert fresh.execute("select count(*) from pages").fetchone() == (0,)
    assert fresh.execute("select status from documents").fetchone() == ("pending",)


def test_a_failure_while_rewriting_a_page_keeps_the_old_page_and_its_words(db, tmp_path):
    write_page(db, page_result(words=3))
    fail_on_insert(db, "words")
    with pytest.raises(sqlite3.IntegrityError):
        write_page(db, page_result(words=5))
    fresh = sqlite3.connect(tmp_path / "d.db")
    assert fresh.execute("select word_count, (select count(*) from words) from pages").fetchall() == [(3, 3)]
    assert fresh.execute("select status from documents").fetchone() == ("done",)
