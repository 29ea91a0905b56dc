"""Six reviewers and a batch writer on one database file, in separate processes.

Bounded: each process stops after a fixed number of steps or seconds, whichever comes first.
"""

import dataclasses
import datetime as dt
import multiprocessing
import time
import traceback

import pytest
from review_dockets import NOW, build_review_db, engine

from models.database import open_database
from models.store import load_case, save_case
from review_cli.review.answers import answer_item
from review_cli.review.queue import Lease, claim_next
from review_cli.review.routing import refresh_queue

REVIEWERS = 6
MAX_SECONDS = 60
MAX_ANSWERS = 40
BATCH_ROUNDS = 30


def _reviewer(path, name, results):
    claimed, answered, errors = [], [], []
    try:
        db = open_database(path)
        lease = Lease.start(name)
        decide = engine()
        started = time.monotonic()
        while len(answered) < MAX_ANSWERS and time.monotonic() - started < MAX_SECONDS:
            item = claim_next(db, lease, now=NOW, lease_seconds=3600)
            if item is None:
                break
            claimed.append(item.id)
            action = "accept" if item.id % 2 else "flag"
            result = answer_item(db, item.id, lease, action=action, reason="checked", engine=decide, now=NOW)
            answered.append((item.id, result.correction_id))
    except Exception:
        errors.append(traceback.format_exc())
    results.put((name, claimed, answered, errors))


def _batch_writer(path, case_ids, results):
    """A re-run of extraction and evaluation over other cases while the reviewers work."""
    rounds, errors = 0, []
    try:
        db = open_database(path)
        decide = engine()
        started = time.monotonic()
        while rounds < BATCH_ROUNDS and time.monotonic() - started < MAX_SECONDS:
            case_id = case_ids[rounds % len(case_ids)]
            record = load_case(db, case_id)
            save_case(db, dataclasses.replace(record, case_id=case_id), origin="digitized", extractor_version=f"batch-{rounds}")
            decide.redecide(db, case_id)
            refresh_queue(db, decider=decide, now=NOW, audit_rate=0.0, case_ids=[case_id])
            rounds += 1
    except Exception:
        errors.append(traceback.format_exc())
    results.put(("batch", [], [rounds], errors))


@pytest.mark.slow
def test_six_reviewers_and_a_batch_share_one_file(tmp_path):
    cases = [
        dict(case_id=f"c-{i:06d}", name=f"DOE, J{i}", grams=10.0 + i / 2, grams_text=f"{10 + i / 2} GRMS", grams_confidence=0.99)
        for i in range(1, 25)
    ]
    path = tmp_path / "shared.db"
    db = build_review_db(path, cases, dockets=4)
    reviewed = [c["case_id"] for c in cases[:18]]
    batch_only = [c["case_id"] for c in cases[18:]]
    # Every value of the reviewed cases is in the queue (audit rate 1); the batch works on the others.
    refresh_queue(db, decider=engine(), now=NOW, audit_rate=1.0, case_ids=reviewed)
    queued = db.execute("select count(*) from review_items where status = 'open'").fetchone()[0]
    assert queued >= 60

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_reviewer, args=(path, f"reviewer-{n}", results)) for n in range(REVIEWERS)]
    processes.append(context.Process(target=_batch_writer, args=(path, batch_only, results)))
    started = dt.datetime.now()
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=MAX_SECONDS + 60) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert (dt.datetime.now() - started).total_seconds() < MAX_SECONDS + 60

    errors = [error for _, _, _, errs in outcomes for error in errs]
    assert errors == []
    claims = [item for _, claimed, _, _ in outcomes for item in claimed]
    assert len(claims) == len(set(claims)), "an item was handed to two reviewers"
    answered = [pair for name, _, pairs, _ in outcomes if name != "batch" for pair in pairs]
    batch_rounds = next(pairs[0] for name, _, pairs, _ in outcomes if name == "batch")
    assert batch_rounds == BATCH_ROUNDS
    # The caps (6 × 40 answers, 60 s) leave room for every queued item.
    assert len(answered) == queued

    # No lost update: every answer a reviewer was told was saved is in the file, once.
    check = open_database(path)
    stored = {row[0]: row[1] for row in check.execute("select correction_id, item_id from review_log")}
    assert {cid: iid for iid, cid in answered} == stored
    per_item = check.execute("select item_id, count(*) from review_log group by item_id having count(*) > 1").fetchall()
    assert per_item == []
    statuses = dict(check.execute("select status, count(*) from review_items group by status").fetchall())
    assert statuses.get("done", 0) + statuses.get("flagged", 0) == len(answered)
    assert check.execute("select count(*) from corrections").fetchone()[0] == len(answered)
