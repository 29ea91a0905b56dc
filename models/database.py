"""Open the cleardocket database the one way every stage uses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from models.schema import migrations

# Criminal records: the database is readable by its owner only (DEVELOPERS.md).
OWNER_ONLY = 0o600
# A case's record and a decision's JSON (its trace) run to 1-3 KB: in 4 KB pages most of them
# would take a page of their own, and saving a million decisions would write twice their size.
PAGE_SIZE = 16_384


def create_private_file(path: Path) -> None:
    """Create `path` readable and writable by its owner only, if it does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, OWNER_ONLY)
    os.close(fd)
    os.chmod(path, OWNER_ONLY)


def open_database(path: Path | str, *, busy_timeout_ms: int = 30_000) -> Database:
    """Open (creating if needed) a database at `path` with the current schema applied.

    WAL mode lets reviewers read while a batch writes; the busy timeout makes writers wait for
    each other instead of failing.
    """
    path = Path(path)
    if not path.exists():
        # SQLite gives the -wal and -shm side files the mode of the main file.
        create_private_file(path)
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    # Takes effect only while the database is empty: an existing one keeps its page size.
    db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    db.enable_wal()
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """Everything written inside lands together or not at all, the write lock taken at once.

    sqlite-utils commits each write made outside a transaction on its own, and `with db.conn:`
    opens none: a page row could land without its words, a correction without the field marked
    reviewed. `BEGIN IMMEDIATE` also keeps a read-then-write (which fields are reviewed, whose
    lease this is) from being overtaken by another writer; the busy timeout makes a second writer
    wait here instead of failing. Inside another transaction this is a savepoint of it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    if db.conn.in_transaction:
        db.conn.execute("COMMIT")
