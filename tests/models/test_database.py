import sqlite3
import stat

from models.database import PAGE_SIZE, open_database
from models.schema import migrations


def test_new_database_is_private_and_migrated(tmp_path):
    path = tmp_path / "dockets.db"
    db = open_database(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert {"documents", "pages", "words", "cases", "fields", "corrections", "decisions"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrations.pending(db) == []


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "dockets.db"
    first = open_database(path)
    applied_first = [(m.name, m.applied_at) for m in migrations.applied(first)]
    first.close()
    again = open_database(path)
    assert [(m.name, m.applied_at) for m in migrations.applied(again)] == applied_first
    assert migrations.pending(again) == []


def test_new_database_has_large_pages_and_an_existing_one_keeps_its_own(tmp_path):
    fresh = open_database(tmp_path / "new.db")
    assert fresh.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    old_path = tmp_path / "old.db"
    old = sqlite3.connect(old_path)
    old.execute("PRAGMA page_size = 4096")
    old.execute("create table kept (x)")
    old.execute("insert into kept values (1)")
    old.commit()
    old.close()
    reopened = open_database(old_path)
    assert reopened.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert reopened.execute("select x from kept").fetchall() == [(1,)]
    assert "decisions" in reopened.table_names()
