"""How far the queue has come: remaining by field and tier, done today, rate, estimated finish."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from review_cli.review.checks import field_name
from review_cli.review.queue import TIER_NAMES, stamp

# Answers that finish an item; a skip leaves it in the queue and an undo takes one back.
_FINISHING = "('accept', 'edit', 'blank', 'flag')"
_NOT_UNDONE = "correction_id not in (select undoes from review_log where undoes is not null)"


@dataclass(frozen=True)
class Progress:
    open_total: int
    open_by_tier: dict[str, int]
    open_by_field: dict[str, int]
    flagged: int
    done_today: int
    done_today_by_reviewer: int
    rate_per_hour: float | None
    estimated_finish: dt.datetime | None

    def summary_line(self) -> str:
        """One line of counts only: no case, name or value ever appears in it."""
        tiers = " · ".join(f"{name} {count}" for name, count in self.open_by_tier.items() if count)
        parts = [f"open {self.open_total}" + (f" ({tiers})" if tiers else "")]
        parts.append(f"done today {self.done_today} (you {self.done_today_by_reviewer})")
        if self.flagged:
            parts.append(f"flagged {self.flagged}")
        if self.rate_per_hour:
            parts.append(f"{self.rate_per_hour:.0f}/h")
        if self.estimated_finish is not None:
            parts.append(f"finish ≈ {self.estimated_finish:%a %H:%M}")
        return " · ".join(parts)

    def fields_line(self) -> str:
        return " · ".join(f"{name} {count}" for name, count in sorted(self.open_by_field.items(), key=lambda kv: -kv[1]))


def measure_progress(db: Database, *, reviewer: str, now: dt.datetime) -> Progress:
    """Counts for the progress bar; `now` (timezone-aware) fixes what "today" is."""
    by_tier = {name: 0 for name in TIER_NAMES.values()}
    by_field: dict[str, int] = {}
    total = 0
    for row in db.query("select tier, path, count(*) as n from review_items where status = 'open' group by tier, path"):
        by_tier[TIER_NAMES.get(row["tier"], str(row["tier"]))] += row["n"]
        name = field_name(row["path"])
        by_field[name] = by_field.get(name, 0) + row["n"]
        total += row["n"]
    flagged = db.execute("select count(*) from review_items where status = 'flagged'").fetchone()[0]
    local_now = now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)
    day_start = stamp(local_now.replace(hour=0, minute=0, second=0, microsecond=0))
    today = list(
        db.query(
            f"select reviewer, at from review_log where action in {_FINISHING} and {_NOT_UNDONE} and at >= ?",
            [day_start],
        )
    )
    mine = sum(1 for row in today if row["reviewer"] == reviewer)
    rate = None
    finish = None
    if today:
        first = dt.datetime.fromisoformat(min(row["at"] for row in today))
        # At least ten minutes of history, so that the first answers do not promise a wild rate.
        hours = max((local_now - first).total_seconds() / 3600, 1 / 6)
        rate = len(today) / hours
        finish = local_now + dt.timedelta(hours=total / rate)
    return Progress(total, by_tier, by_field, flagged, len(today), mine, rate, finish)
