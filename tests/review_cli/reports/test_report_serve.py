"""The read-only web view: started on a loopback port, asked for a page and a canned query, stopped."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from reports_db import RULE_SET

from models.database import open_database

CLEARDOCKET = Path(sys.executable).parent / "cleardocket"
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_answers_canned_queries_read_only_and_logs_no_request(reports_db_path):
    db = open_database(reports_db_path)
    expected = {
        (row[0], row[1], row[2]): row[3]
        for row in db.execute(
            "select rule_set, policy, outcome, count(*) from decisions where current = 1 group by 1, 2, 3"
        )
    }
    case_number = db.execute("select case_number from cases limit 1").fetchone()[0]
    decisions_before = db.execute("select count(*) from decisions").fetchone()[0]
    db.close()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(CLEARDOCKET), "serve", "--db", str(reports_db_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                status, home = _get(base + "/")
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert status == 200 and "read-only" in home
        status, body = _get(f"{base}/dockets/outcomes.json?_shape=objects")
        assert status == 200
        shown = {(r["rule_set"], r["policy"], r["outcome"]): r["cases"] for r in json.loads(body)["rows"]}
        assert shown == expected and any(key[0] == RULE_SET for key in shown)
        status, page = _get(f"{base}/dockets/decisions?_facet=outcome")
        assert status == 200 and "IL_PARDON_PATH" in page
        status, _ = _get(f"{base}/dockets/cases?case_number={case_number}")
        assert status == 200
        # Custom SQL is off (403); a writing statement is refused before that (400).
        assert _get(f"{base}/dockets?sql=select+1")[0] == 403
        assert _get(f"{base}/dockets?sql=delete+from+decisions")[0] in (400, 403)
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert case_number not in out + err
    db = open_database(reports_db_path)
    assert db.execute("select count(*) from decisions").fetchone()[0] == decisions_before
