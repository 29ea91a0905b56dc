import shutil

import pytest
import reports_db


@pytest.fixture(scope="session")
def built_db(tmp_path_factory):
    """Build the database once; tests that write get their own copy (`reports_db_path`)."""
    return reports_db.build(tmp_path_factory.mktemp("reports") / "dockets.db")


@pytest.fixture
def reports_db_path(built_db, tmp_path):
    path = tmp_path / "dockets.db"
    shutil.copyfile(built_db, path)
    return path
