"""One reviewer at work: the item on screen, where next and previous go, answers and undo.

Both screens (the Textual app and `--plain`) drive this class; it never prints.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from review_cli.review.answers import AnswerResult, Engine, QueueSettings, answer_item, undo_last
from review_cli.review.progress import Progress, measure_progress
from review_cli.review.queue import Lease, LeaseLostError, claim_item, claim_next, release, renew_lease
from review_cli.review.view import ItemView, load_item_view


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ReviewSession:
    """A reviewer's pass through the queue, holding at most one leased item at a time."""

    def __init__(
        self,
        db: Database,
        reviewer: str,
        *,
        engine: Engine,
        settings: QueueSettings = QueueSettings(),
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.db = db
        self.lease = Lease.start(reviewer)
        self.engine = engine
        self.settings = settings
        self.clock = clock
        # Items shown this session, in order; `position` is the one on screen.
        self.history: list[int] = []
        self.position = -1
        self.view: ItemView | None = None
        self._shown_at = time.monotonic()

    @property
    def reviewer(self) -> str:
        return self.lease.reviewer

    def _show(self, item_id: int) -> ItemView:
        self.view = load_item_view(self.db, item_id, rule_set=self.engine.rule_set, policy=self.engine.policy)
        self._shown_at = time.monotonic()
        return self.view

    def _leave_current(self) -> None:
        if self.view is not None:
            release(self.db, self.lease, self.view.item.id)

    def _passed_over(self) -> set[int]:
        return set(self.history)

    def next(self) -> ItemView | None:
        """Forward through items already seen (after going back), then to a fresh claim."""
        self._leave_current()
        while self.position + 1 < len(self.history):
            self.position += 1
            try:
                claim_item(self.db, self.history[self.position], self.lease, now=self.clock(), lease_seconds=self.settings.lease_seconds)
            except LeaseLostError:
                continue
            return self._show(self.history[self.position])
        item = claim_next(
            self.db, self.lease, now=self.clock(), lease_seconds=self.settings.lease_seconds, exclude=self._passed_over()
        )
        if item is None:
            self.view = None
            self.position = len(self.history)
            return None
        self.history.append(item.id)
        self.position = len(self.history) - 1
        return self._show(item.id)

    def previous(self) -> ItemView | None:
        """Back to the item seen before this one (to check or change an answer); None at the start."""
        target = self.position - 1
        while target >= 0:
            try:
                claim_item(self.db, self.history[target], self.lease, now=self.clock(), lease_seconds=self.settings.lease_seconds)
            except LeaseLostError:
                target -= 1
                continue
            self._leave_current()
            self.position = target
            return self._show(self.history[target])
        return None

    def answer(self, action: str, *, new_value: Any = None, reason: str | None = None) -> AnswerResult:
        """Answer the item on screen; the case is re-decided and the next item shown."""
        if self.view is None:
            raise LeaseLostError("no item is on screen")
        result = answer_item(
            self.db,
            self.view.item.id,
            self.lease,
            action=action,
            engine=self.engine,
            now=self.clock(),
            new_value=new_value,
            reason=reason,
            seconds_spent=round(time.monotonic() - self._shown_at, 1),
            settings=self.settings,
        )
        self.view = None
        self.next()
        return result

    def undo(self) -> AnswerResult | None:
        """Take back this reviewer's latest answer (any session, any day) and show its item."""
        current = self.view.item.id if self.view is not None else None
        result = undo_last(self.db, self.lease, engine=self.engine, now=self.clock(), settings=self.settings)
        if result is None:
            return None
        if current is not None and current != result.item.id:
            release(self.db, self.lease, current)
        if result.item.id in self.history:
            self.history.remove(result.item.id)
        self.history.append(result.item.id)
        self.position = len(self.history) - 1
        self._show(result.item.id)
        return result

    def renew(self) -> None:
        renew_lease(self.db, self.lease, now=self.clock(), lease_seconds=self.settings.lease_seconds)

    def progress(self) -> Progress:
        return measure_progress(self.db, reviewer=self.reviewer, now=self.clock())

    def close(self) -> None:
        """Give back every lease this session holds, so others can take the items at once."""
        release(self.db, self.lease)
