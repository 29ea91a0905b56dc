"""The review queue in the database: items, the order reviewers see them in, and leases.

Several reviewers and a running batch share one SQLite file. An item is claimed with one
`UPDATE … RETURNING` under `BEGIN IMMEDIATE`, so two reviewers never get the same item, and the
claim is a lease that expires, so an absent reviewer never strands one.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from models.database import write_transaction
from models.errors import CleardocketError

DEFAULT_LEASE_SECONDS = 600

ROUTED = "routed"
AUDIT = "audit"

OPEN = "open"
DONE = "done"
FLAGGED = "flagged"
MOOT = "moot"

# Tiers, riskiest first.
TIER_OUTCOME = 0  # the answer could change the case's outcome
TIER_ROUTED = 1  # routed, but no reading shows the outcome moving
TIER_AUDIT = 2  # a value the machine accepted, drawn for the audit sample
TIER_NAMES = {TIER_OUTCOME: "could change outcome", TIER_ROUTED: "other routed", TIER_AUDIT: "audit sample"}


class LeaseLostError(CleardocketError):
    """The item is no longer leased to this session (another reviewer holds it, or it left the queue)."""


@dataclass(frozen=True)
class Lease:
    """Who holds a claim: the reviewer, and a token for this running session.

    The token keeps the same reviewer in two terminals from being handed the same item.
    """

    reviewer: str
    token: str

    @classmethod
    def start(cls, reviewer: str) -> Lease:
        return cls(reviewer=reviewer, token=secrets.token_hex(8))


@dataclass(frozen=True)
class ReviewItem:
    id: int
    case_id: str
    path: str
    docket: str
    kind: str
    tier: int
    rank: int
    routed_because: tuple[str, ...]
    question: str | None
    confidence: float | None
    status: str
    skips: int
    lease_token: str | None = None
    lease_expires: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ReviewItem:
        return cls(
            id=row["id"],
            case_id=row["case_id"],
            path=row["path"],
            docket=row["docket"],
            kind=row["kind"],
            tier=row["tier"],
            rank=row["rank"] or 0,
            routed_because=tuple(json.loads(row["routed_because"] or "[]")),
            question=row["question"],
            confidence=row["confidence"],
            status=row["status"],
            skips=row["skips"] or 0,
            lease_token=row["lease_token"],
            lease_expires=row["lease_expires"],
        )


@dataclass(frozen=True)
class Routing:
    """Why one value of one case needs a person (or was drawn for the audit)."""

    case_id: str
    path: str
    docket: str
    kind: str
    tier: int
    reasons: tuple[str, ...]
    question: str | None
    confidence: float | None


def stamp(moment: dt.datetime) -> str:
    """One fixed ISO form (UTC, microseconds) so that stored times compare as strings."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


_CLAIMABLE = "status = 'open' and (lease_token is null or lease_token = :token or lease_expires <= :now)"


def claim_next(
    db: Database,
    lease: Lease,
    *,
    now: dt.datetime,
    lease_seconds: int = DEFAULT_LEASE_SECONDS,
    exclude: Collection[int] = (),
) -> ReviewItem | None:
    """Lease the first open item nobody else holds, riskiest first; None when the queue is empty.

    Args:
        exclude: items this session passed over; handed out only when nothing else is left.
    """
    params = {
        "reviewer": lease.reviewer,
        "token": lease.token,
        "now": stamp(now),
        "expires": stamp(now + dt.timedelta(seconds=lease_seconds)),
    }
    for skip_ids in (tuple(exclude), ()):
        marks = ",".join(str(int(i)) for i in skip_ids)
        not_excluded = f" and id not in ({marks})" if marks else ""
        with write_transaction(db):
            rows = _rows(
                db.conn.execute(
                    "update review_items set lease_reviewer = :reviewer, lease_token = :token,"
                    " lease_expires = :expires, updated_at = :now"
                    f" where id = (select id from review_items where {_CLAIMABLE}{not_excluded}"
                    " order by skips, rank, id limit 1) returning *",
                    params,
                )
            )
        if rows:
            return ReviewItem.from_row(rows[0])
        if not skip_ids:
            break
    return None


def claim_item(
    db: Database, item_id: int, lease: Lease, *, now: dt.datetime, lease_seconds: int = DEFAULT_LEASE_SECONDS
) -> ReviewItem:
    """Lease one named item (going back to it, or undoing an answer on it), whatever its status.

    Raises LeaseLostError when another session holds a live lease on it.
    """
    params = {
        "id": item_id,
        "reviewer": lease.reviewer,
        "token": lease.token,
        "now": stamp(now),
        "expires": stamp(now + dt.timedelta(seconds=lease_seconds)),
    }
    with write_transaction(db):
        rows = _rows(
            db.conn.execute(
                "update review_items set lease_reviewer = :reviewer, lease_token = :token,"
                " lease_expires = :expires, updated_at = :now where id = :id and"
                " (lease_token is null or lease_token = :token or lease_expires <= :now) returning *",
                params,
            )
        )
    if not rows:
        raise LeaseLostError(f"review item {item_id} is held by another reviewer")
    return ReviewItem.from_row(rows[0])


def renew_lease(db: Database, lease: Lease, *, now: dt.datetime, lease_seconds: int = DEFAULT_LEASE_SECONDS) -> int:
    """Extend every lease this session holds; returns how many."""
    with write_transaction(db):
        cursor = db.conn.execute(
            "update review_items set lease_expires = ? where lease_token = ?",
            [stamp(now + dt.timedelta(seconds=lease_seconds)), lease.token],
        )
        return cursor.rowcount


def release(db: Database, lease: Lease, item_id: int | None = None) -> None:
    """Give back one item (or, with no id, every item) this session holds."""
    sql = "update review_items set lease_reviewer = null, lease_token = null, lease_expires = null where lease_token = ?"
    params: list[Any] = [lease.token]
    if item_id is not None:
        sql += " and id = ?"
        params.append(item_id)
    with write_transaction(db):
        db.conn.execute(sql, params)


def get_item(db: Database, item_id: int) -> ReviewItem:
    rows = list(db.query("select * from review_items where id = ?", [item_id]))
    if not rows:
        raise KeyError(item_id)
    return ReviewItem.from_row(rows[0])


def store_routings(
    db: Database, routings: Sequence[Routing], *, case_ids: Collection[str], now: dt.datetime
) -> dict[str, int]:
    """Bring the queue of `case_ids` in line with `routings`, their fresh routing.

    New values are added as open items, open items whose reason is gone become moot, and items a
    person answered stay answered. Returns counts: added, updated, moot, reopened.
    """
    counts = {"added": 0, "updated": 0, "moot": 0, "reopened": 0}
    if not case_ids:
        return counts
    wanted = {(r.case_id, r.path): r for r in routings}
    when = stamp(now)
    with write_transaction(db):
        existing: dict[tuple[str, str], dict[str, Any]] = {}
        ids = list(case_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cursor = db.conn.execute(f"select * from review_items where case_id in ({marks})", chunk)
            for row in _rows(cursor):
                existing[(row["case_id"], row["path"])] = row
        for key, row in existing.items():
            if key not in wanted and row["status"] == OPEN and not _is_standing_draw(db, row):
                db.conn.execute(
                    "update review_items set status = 'moot', updated_at = ? where id = ?", [when, row["id"]]
                )
                counts["moot"] += 1
        for key, routing in wanted.items():
            values = {
                "docket": routing.docket,
                "kind": routing.kind,
                "tier": routing.tier,
                "routed_because": json.dumps(list(routing.reasons)),
                "question": routing.question,
                "confidence": routing.confidence,
                "updated_at": when,
            }
            row = existing.get(key)
            if row is None:
                rank = _rank_beside_case(db, routing.case_id)
                db.conn.execute(
                    "insert into review_items (case_id, path, docket, kind, tier, rank, routed_because, question,"
                    " confidence, status, skips, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open',"
                    " 0, ?, ?)",
                    [
                        routing.case_id,
                        routing.path,
                        values["docket"],
                        values["kind"],
                        values["tier"],
                        rank,
                        values["routed_because"],
                        values["question"],
                        values["confidence"],
                        when,
                        when,
                    ],
                )
                counts["added"] += 1
                continue
            if row["status"] in (DONE, FLAGGED):
                continue
            if row["status"] == MOOT:
                values["status"] = OPEN
                counts["reopened"] += 1
            elif any(row[k] != v for k, v in values.items() if k != "updated_at"):
                counts["updated"] += 1
            else:
                continue
            assignments = ", ".join(f"{k} = ?" for k in values)
            db.conn.execute(f"update review_items set {assignments} where id = ?", [*values.values(), row["id"]])
    return counts


def _is_standing_draw(db: Database, row: dict[str, Any]) -> bool:
    """An audit item stays drawn while its value is still the machine's, whatever the audit rate
    of the session that refreshes it (reviewers may run with different rates)."""
    if row["kind"] != AUDIT:
        return False
    status = db.conn.execute("select status from fields where case_id = ? and path = ?", [row["case_id"], row["path"]]).fetchone()
    return status is not None and status[0] == "auto"


def _rank_beside_case(db: Database, case_id: str) -> int:
    """A new item of a case already queued sits with it; any other goes to the end."""
    row = db.conn.execute(
        "select min(rank) from review_items where case_id = ? and status = 'open'", [case_id]
    ).fetchone()
    if row and row[0] is not None:
        return int(row[0])
    row = db.conn.execute("select max(rank) from review_items").fetchone()
    return int(row[0] or 0) + 1


def rerank(db: Database) -> None:
    """Number the open items: by tier, then the most doubtful docket first, a docket's items together."""
    with write_transaction(db):
        db.conn.execute(
            "update review_items set rank = ordered.position from ("
            " select id, row_number() over (order by tier, docket_doubt desc, docket, case_id, path) as position"
            " from (select id, tier, docket, case_id, path,"
            "   max(1.0 - coalesce(confidence, 0.0)) over (partition by tier, docket) as docket_doubt"
            "   from review_items where status = 'open')"
            ") as ordered where review_items.id = ordered.id"
        )


def open_items(db: Database, *, limit: int | None = None) -> list[ReviewItem]:
    """Open items in the order they are handed out."""
    sql = "select * from review_items where status = 'open' order by skips, rank, id"
    if limit is not None:
        sql += f" limit {int(limit)}"
    return [ReviewItem.from_row(row) for row in db.query(sql)]
