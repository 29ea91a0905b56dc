"""How fast `evaluate` decides a backlog: cases per minute on generated Cook County cases in SQLite.

    .venv/bin/python -m bench.evaluate                 # 1,000,000 cases
    .venv/bin/python -m bench.evaluate --cases 100000

Generates the cases (bulk insert into a temporary database), then measures in the same run:
  * baseline: a bare read of the same rows and a write of one decision row per case, no deciding;
  * evaluate: `eligibility.evaluate.evaluate_database`, every case decided, decisions saved.
Prints cases/min for both, the ratio to the baseline and to Clear My Record's headline of
10,000 records/min, the resident memory of this process and its workers after the first batch and
after the last (flat) and at peak, the load average, and the CPU time per case: on a machine others
share, cases per CPU-second says what the cores would do if the run had them alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

import orjson

from eligibility.evaluate import DecisionWriter, PersonReader, decision_json, evaluate_database, record_from_row
from eligibility.registry import get_rule_set
from models.database import open_database

CLEAR_MY_RECORD_PER_MINUTE = 10_000
AS_OF = dt.date(2026, 1, 15)

_POSSESSION = [
    ("720 ILCS 550/4(a)", "POSS CANN <2.5G", "C", (0.2, 2.5)),
    ("720 ILCS 550/4(b)", "POSS CANNABIS", "B", (2.6, 10)),
    ("720 ILCS 550/4(c)", "POSS CANNABIS 10-30G", "A", (10.1, 30)),
    ("720 ILCS 550/4(d)", "POSS CANNABIS", "4", (31, 480)),
]
_DELIVERY = [
    ("720 ILCS 550/5(a)", "MFG/DEL CANNABIS", "B", (0.5, 2.5)),
    ("720 ILCS 550/5(c)", "MFG/DEL CANN", "4", (11, 30)),
    ("720 ILCS 550/5(d)", "PWID CANN", "3", (40, 450)),
]
_OTHER = [
    ("720 ILCS 570/402(c)", "PCS", "4"),
    ("720 ILCS 5/12-3", "BATTERY", "A"),
    ("720 ILCS 5/16A-3", "RETAIL THEFT", "A"),
    (None, "AGG BATTERY", "3"),
    ("625 ILCS 5/11-501", "DUI", "A"),
    ("720 ILCS 600/3.5", "POSS DRUG PARAPHERNALIA", "A"),
]
_NON_CONVICTIONS = ["NOLLE", "NOLLE", "DISMISSED", "STRICKEN_WITH_LEAVE", "ACQUITTED", "NO_PROBABLE_CAUSE"]
_SENTENCES = [("FINE", "FINE $100 + COSTS"), ("JAIL", "CCDOC 10 DAYS"), ("PROBATION", "PROB 1 YR"),
              ("CONDITIONAL_DISCHARGE", "COND DISCH 6 MOS"), ("TIME_SERVED", "TCS"), (None, None)]


def _disposition(rng: random.Random) -> tuple[str, str | None, str | None]:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(_NON_CONVICTIONS), None, None
    if roll < 0.80:
        kind, text = rng.choice(_SENTENCES)
        return "CONVICTED", kind, text
    if roll < 0.88:
        return rng.choice(["SUPERVISION_COMPLETED", "SUPERVISION_ORDERED"]), None, "SUPV 1 YR"
    if roll < 0.94:
        return rng.choice(["QUALIFIED_PROBATION_COMPLETED", "QUALIFIED_PROBATION_ORDERED"]), None, "SEC 10 PROB"
    if roll < 0.97:
        return "NO_FINAL_DISPOSITION", None, None
    return rng.choice(["UNKNOWN", "TASC", "ICSA_PROBATION_ON_CANNABIS"]), None, None


def _charge(rng: random.Random, count: int, offense: dt.date, *, cannabis: bool) -> dict:
    disposition, sentence_kind, sentence_text = _disposition(rng)
    charge = {
        "count": count, "statute": None, "statute_text": None, "description": None, "offense_class": None,
        "amount_grams": None, "amount_text": None, "weight_basis": None, "plant_count": None,
        "offense_date": offense.isoformat(), "disposition": disposition, "disposition_text": None,
        "sentence_kind": sentence_kind, "sentence_text": sentence_text,
        "disposition_date": (offense + dt.timedelta(days=rng.randint(20, 300))).isoformat(), "enhancements": [],
    }
    if cannabis:
        statute, description, klass, (low, high) = rng.choice(_POSSESSION * 3 + _DELIVERY)
        roll = rng.random()
        if roll < 0.15:
            # Text and class only: the amount comes from class-only inference.
            statute = None
        elif roll < 0.25:
            klass = None
        charge.update(statute=statute, description=description, offense_class=klass)
        if rng.random() < 0.6:
            grams = round(rng.uniform(low, high), 1)
            charge.update(amount_grams=grams, amount_text=f"{grams} GRMS", weight_basis="net")
    else:
        statute, description, klass = rng.choice(_OTHER)
        charge.update(statute=statute, description=description, offense_class=klass)
    return charge


def generate_cases(db_path: Path, cases: int, *, seed: int = 7, batch: int = 20_000) -> None:
    """Bulk-insert `cases` generated 1972-1999 Cook County cases (and a few low-confidence fields)."""
    rng = random.Random(seed)
    db = open_database(db_path)
    conn = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    case_rows: list[tuple] = []
    field_rows: list[tuple] = []
    person = 0
    made = 0
    while made < cases:
        person += 1
        name = f"PERSON{person:08d}, TEST"
        dob = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 35))
        key = json.dumps([name, dob.isoformat()])
        for _ in range(2 if rng.random() < 0.15 else 1):
            if made >= cases:
                break
            made += 1
            arrest = dt.date(1972, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 28 - 1))
            counts = 1 if rng.random() < 0.7 else (2 if rng.random() < 0.67 else 3)
            charges = [_charge(rng, n + 1, arrest, cannabis=(n == 0 or rng.random() < 0.4)) for n in range(counts)]
            case_id = f"b-{made:08d}"
            record = {
                "case_id": case_id, "jurisdiction": "IL-COOK",
                "case_number": f"{arrest.year % 100:02d}C{rng.randint(100000, 999999)}", "case_number_text": None,
                "defendant": {"name": name, "date_of_birth": dob.isoformat()},
                "arrest_date": arrest.isoformat(), "charges": charges,
            }
            case_rows.append(
                (case_id, "IL-COOK", record["case_number"], key, "digitized", orjson.dumps(record).decode(), "bench", None,
                 "2026-01-01T00:00:00+00:00")
            )
            if rng.random() < 0.03:
                path = rng.choice(["charges.0.amount_grams", "charges.0.disposition", "charges.0.statute", "arrest_date"])
                field_rows.append((case_id, path, "null", 0.55, "needs_review", None, None, None, "bench"))
            if len(case_rows) >= batch:
                _flush(conn, case_rows, field_rows)
    _flush(conn, case_rows, field_rows)
    db.close()


def _flush(conn, case_rows: list[tuple], field_rows: list[tuple]) -> None:
    with conn:
        conn.executemany(
            "insert into cases (case_id, jurisdiction, case_number, defendant_key, origin, record, extractor_version,"
            " run_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            case_rows,
        )
        conn.executemany(
            "insert into fields (case_id, path, value, confidence, status, page_id, bbox, text, extractor)"
            " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            field_rows,
        )
    case_rows.clear()
    field_rows.clear()


def _typical_decision(db_path: Path, sample: int = 2000) -> str:
    """A real decision of the mean size of the first `sample` cases, decided once."""
    db = open_database(db_path)
    rows = db.conn.execute("select record from cases limit ?", [sample]).fetchall()
    db.close()
    rules = get_rule_set("illinois-crta")
    decided = [
        decision_json(rules.decide([record_from_row(row[0], [], [])], as_of=AS_OF, policy="statutory", confidence_threshold=0.9)[0])
        for row in rows
    ]
    mean = sum(map(len, decided)) / len(decided)
    return min(decided, key=lambda payload: abs(len(payload) - mean)).decode()


def bare_read_write(db_path: Path, blob: bytes, *, batch: int = 2000) -> int:
    """Read every case the way evaluate does (whole persons, their uncertain fields and
    corrections) and write one decision row each the way evaluate does, deciding nothing: every
    row gets `blob`, a real decision of typical size."""
    db = open_database(db_path)
    db.conn.execute("PRAGMA synchronous = NORMAL")
    reader = PersonReader(db, confidence_threshold=0.9)
    rules = get_rule_set("illinois-crta")
    writer = DecisionWriter(db, run_id=None, rule_set=rules, policy="bare-baseline", as_of=AS_OF)
    constant = (rules.name, rules.version, "bare-baseline", AS_OF.isoformat(), "IL_NOT_ELIGIBLE_CRTA", 0, blob.decode())
    done = 0
    ids: list[str] = []

    def flush() -> None:
        if not ids:
            return
        reader.extras(ids)
        # Rows as evaluate's workers hand them over: this process only inserts them.
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        writer.save([(case_id, *constant, now, None) for case_id in ids])
        ids.clear()

    for person in reader.persons():
        ids.extend(case_id for case_id, _, _ in person)
        done += len(person)
        if len(ids) >= batch:
            flush()
    flush()
    db.close()
    return done


def _rss_mb(pid: int | str = "self") -> float | None:
    """Resident memory of a process now (None once it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children() -> list[int]:
    pids: list[int] = []
    for task in Path("/proc/self/task").iterdir():
        try:
            pids.extend(int(pid) for pid in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


class MemoryWatch:
    """Resident memory of this process and of its largest worker after the first batch, half-way
    and after the last batch: memory is flat when the second half adds nothing (the engines' caches
    are bounded and full by then)."""

    def __init__(self) -> None:
        self.first: tuple[float, float] = (0.0, 0.0)
        self.half: tuple[float, float] = (0.0, 0.0)
        self.last: tuple[float, float] = (0.0, 0.0)
        self.batches = 0

    def __call__(self, done: int, total: int) -> None:
        workers = [rss for rss in map(_rss_mb, _children()) if rss is not None]
        sample = (_rss_mb() or 0.0, max(workers, default=0.0))
        self.batches += 1
        if self.batches == 1:
            self.first = sample
        if done * 2 < total or self.half == (0.0, 0.0):
            self.half = sample
        self.last = sample


def _peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished workers: the work done, whatever else runs."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000, help="how many cases to generate and decide")
    parser.add_argument("--workers", type=int, default=None, help="deciding processes (default: one per core)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the generated database at this path")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.keep or Path(tmp) / "bench.db"
        started = time.perf_counter()
        generate_cases(db_path, args.cases)
        generated = time.perf_counter() - started
        print(f"generated {args.cases:,} cases in {generated:.1f} s ({args.cases / generated * 60:,.0f}/min)")

        blob = _typical_decision(db_path).encode()
        # evaluate_database pauses the cycle collector while it runs; the baseline runs likewise.
        gc.disable()
        bare_cpu_before = _cpu_seconds()[0]
        started = time.perf_counter()
        bare = bare_read_write(db_path, blob)
        bare_seconds = time.perf_counter() - started
        bare_cpu = _cpu_seconds()[0] - bare_cpu_before
        gc.enable()
        bare_rate = bare / bare_seconds * 60
        print(
            f"baseline  bare read+write: {bare:,} cases in {bare_seconds:.1f} s = {bare_rate:,.0f} cases/min"
            f" (decision rows of {len(blob):,} bytes, {bare_cpu / bare * 1e6:.0f} us CPU/case)"
        )

        load_before = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        db = open_database(db_path)
        memory = MemoryWatch()
        summary = evaluate_database(db, as_of=AS_OF, workers=args.workers, on_progress=memory)
        db.close()
        seconds = time.perf_counter() - started
        load_after = os.getloadavg()[0]
        main_cpu, worker_cpu = (after - before for after, before in zip(_cpu_seconds(), cpu_before))
        cpu = main_cpu + worker_cpu
        rate = summary.cases / seconds * 60
        cores = os.cpu_count() or 1
        own, children = _peak_rss_mb()
        print(f"evaluate  decided+saved:   {summary.cases:,} cases in {seconds:.1f} s = {rate:,.0f} cases/min")
        print(f"  outcomes: {', '.join(f'{k} {v:,}' for k, v in sorted(summary.outcomes.items()))}")
        print(f"  needs review: {summary.needs_review:,} ({summary.needs_review / max(summary.cases, 1):.1%})")
        print(f"ratio vs bare read+write:        {rate / bare_rate:.2f}x")
        print(f"ratio vs Clear My Record 10k/min: {rate / CLEAR_MY_RECORD_PER_MINUTE:.0f}x")
        print(f"goal 1,000,000 cases/min: {'met' if rate >= 1_000_000 else 'NOT met'} ({rate / 1_000_000:.2f} of goal)")
        samples = (memory.first, memory.half, memory.last)
        print(
            f"RSS after the first batch -> half-way -> the last batch:"
            f" main {' -> '.join(f'{m:,.0f}' for m, _ in samples)} MB,"
            f" largest worker {' -> '.join(f'{w:,.0f}' for _, w in samples)} MB"
            f" (peak: main {own:,.0f} MB, worker {children:,.0f} MB)"
        )
        projected = summary.cases / cpu * 60 * cores
        print(
            f"CPU: {cpu:.1f} s for {summary.cases:,} cases = {cpu / summary.cases * 1e6:.0f} us/case"
            f" (main process reading/writing SQLite {main_cpu / summary.cases * 1e6:.0f} us,"
            f" {main_cpu / max(bare_cpu, 1e-9) * bare / summary.cases:.2f}x the bare read+write's;"
            f" deciding in workers {worker_cpu / summary.cases * 1e6:.0f} us)"
        )
        print(
            f"projection to {cores} idle cores: {projected:,.0f} cases/min"
            f" ({projected / 1_000_000:.2f} of goal, {projected / CLEAR_MY_RECORD_PER_MINUTE:.0f}x Clear My Record)"
        )
        print(f"load average: {load_before:.1f} before the run, {load_after:.1f} after (other work shares these cores)")


if __name__ == "__main__":
    main()
