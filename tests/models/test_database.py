import stat

from models.database import open_database
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
