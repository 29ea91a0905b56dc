"""Smoke test: the real `cleardocket review` full-screen app in a real terminal (tmux), driven by keys."""

import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from review_dockets import build_review_db

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (make installs it)")

CASES = [
    dict(case_id="c-000001", name="DOE, JANE", grams=12.4, grams_text="12.4 GRMS", grams_confidence=0.41,
         disposition="CONVICTED", disposition_text="FG FINE", statute="720 ILCS 550/4", statute_text="720-550/4"),
]


def _tmux(socket: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20)


def _wait_for(predicate, *, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_review_app_runs_in_a_real_terminal(tmp_path):
    db = build_review_db(tmp_path / "tmux.db", CASES)
    cleardocket = Path(sys.executable).parent / "cleardocket"
    command = shlex.join(
        [str(cleardocket), "review", "--db", str(tmp_path / "tmux.db"), "--reviewer", "ana", "--as-of", "2026-01-15",
         "--audit-rate", "0", "--images", "blocks"]
    )
    socket = f"cleardocket-test-{tmp_path.name}"
    try:
        started = _tmux(socket, "new-session", "-d", "-s", "review", "-x", "110", "-y", "40", command)
        assert started.returncode == 0, started.stderr

        def screen() -> str:
            return _tmux(socket, "capture-pane", "-p", "-t", "review").stdout

        # The footer with the key list is drawn last.
        assert _wait_for(lambda: all(text in screen() for text in ("charges.0.amount_grams", "accept", "undo"))), screen()
        assert "Case 93C000001" in screen()
        _tmux(socket, "send-keys", "-t", "review", "a")
        assert _wait_for(lambda: db.execute("select count(*) from corrections").fetchone()[0] == 1)
        assert _wait_for(lambda: "Saved accept" in screen()), screen()
        _tmux(socket, "send-keys", "-t", "review", "q")
        assert _wait_for(lambda: _tmux(socket, "has-session", "-t", "review").returncode != 0)
    finally:
        _tmux(socket, "kill-server")
    assert db.execute("select action, reviewer from corrections").fetchone() == ("accept", "ana")
    assert db.execute("select count(*) from review_items where lease_token is not null").fetchone()[0] == 0
