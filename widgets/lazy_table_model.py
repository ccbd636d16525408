"""A table model over a list that is never loaded whole (Anki's browser table, in small).

It holds the ordered *ids* (an int array: 8 bytes a row) and asks for the rows a view actually
paints, one batch at a time, through a *fetch* callback::

    fetch(ids, deliver, fail)   # later: deliver(rows) or fail(), on the GUI thread

The owner runs the read wherever it likes (the case list: on the DB worker) and answers through
one of the two callables; the model never blocks and knows nothing of databases. Until a batch
arrives its rows show a placeholder ("…" and empty cells). Painting a row also wants the batch
``ahead`` rows further down, so scrolling finds it there. Wants are gathered and asked for once
painting pauses ``delay_ms`` (or has gone on for 0.15 s), and only the last few: what the view
shows now (dragging the scroll bar over a million rows does not queue a read for every batch it
passed). A batch already
asked for is never asked for twice; a failed batch is asked for again only ``retry_seconds``
later (a hung server is not flooded). The last ``cache_batches`` batches are kept.
:meth:`invalidate` keeps showing the rows it has while fresh ones are fetched.

Sorting re-queries: :meth:`sort` only emits ``sort_requested(key, descending as 0/1)``; the owner
fetches the ids in the new order and calls :meth:`set_ids`.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal

from widgets.column_table import Column, ColumnModel, Index

PLACEHOLDER = "…"

Fetch = Callable[[list[int], Callable[[Sequence[Any]], None], Callable[[], None]], None]


class LazyTableModel(ColumnModel):
    sort_requested = Signal(str, int)  # column key, 1 descending / 0 ascending (no bool: see filter_bar)

    ASK_AT_ONCE = 4  # the batches a view shows at once, with the one ahead
    MAX_WAIT_SECONDS = 0.15  # painting that never pauses still gets its rows

    def __init__(self, columns: Sequence[Column], fetch: Fetch, row_id: Callable[[Any], int], *,
                 batch: int = 100, cache_batches: int = 40, ahead: int = 50, retry_seconds: float = 5.0,
                 delay_ms: int = 20, parent: QObject | None = None):
        super().__init__(columns, parent)
        self._fetch = fetch
        self._row_id = row_id
        self._batch = batch
        self._cache_batches = cache_batches
        self._ahead = ahead
        self.retry_seconds = retry_seconds  # a failed batch is asked for again this much later
        self._ids = np.zeros(0, dtype=np.int64)
        self._cache: OrderedDict[int, list[Any]] = OrderedDict()  # batch number -> rows
        self._pending: set[int] = set()  # batch numbers asked for, not yet answered
        self._stale: set[int] = set()  # cached batches to fetch again (invalidate)
        self._failed: dict[int, float] = {}  # batch number -> when its fetch failed (monotonic)
        self._epoch = 0  # set_ids: answers for older ids are dropped
        self._generation = 0  # invalidate: answers to older requests are kept, but as stale
        self._wanted: dict[int, None] = {}  # batch numbers painted and missing, the latest last
        self._wanted_since = 0.0
        self._ask_timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._ask_timer.timeout.connect(self._ask)
        self.fetched_rows = 0  # rows asked for since the last set_ids
        self.sort_key = ""
        self.sort_descending = True

    # ------------------------------------------------------------------ feeding

    def set_ids(self, ids: Sequence[int] | np.ndarray, first_rows: Sequence[Any] = ()) -> None:
        """Show these ids; ``first_rows`` (rows for the first ids, already fetched) seed the cache."""
        self.beginResetModel()
        self._ids = np.asarray(ids, dtype=np.int64)
        self._cache.clear()
        self._pending.clear()
        self._stale.clear()
        self._failed.clear()
        self._wanted.clear()
        self._epoch += 1
        self.fetched_rows = 0
        if len(first_rows):
            self._store(0, self._in_order(0, first_rows))
        self.endResetModel()

    def invalidate(self) -> None:
        """The rows changed: fetch the shown ones again, showing the old ones meanwhile."""
        self._generation += 1
        self._stale = set(self._cache)
        self._failed.clear()
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self._columns) - 1))

    def id_at(self, row: int) -> int:
        return int(self._ids[row])

    def row_of(self, record_id: int) -> int:
        hits = np.flatnonzero(self._ids == record_id)
        return int(hits[0]) if len(hits) else -1

    def ids(self) -> np.ndarray:
        return self._ids

    def is_pending(self, row: int) -> bool:
        """The row's batch is wanted or asked for, and not answered yet."""
        return row // self._batch in self._pending or row // self._batch in self._wanted

    def record(self, row: int) -> Any | None:
        """The row's record, or None while it is being fetched (wanting it if need be)."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // self._batch
        self._want(number)
        ahead = min(row + self._ahead, len(self._ids) - 1) // self._batch
        if ahead != number:
            self._want(ahead)
        rows = self._cache.get(number)
        if rows is None:
            return None
        self._cache.move_to_end(number)
        return rows[row - number * self._batch]

    def _want(self, number: int) -> None:
        if number in self._pending or (number in self._cache and number not in self._stale):
            return
        failed_at = self._failed.get(number)
        if failed_at is not None and time.monotonic() - failed_at < self.retry_seconds:
            return
        if number in self._wanted:
            return  # the same rows painted again: no reason to wait longer
        if not self._wanted:
            self._wanted_since = time.monotonic()
        self._wanted[number] = None
        if time.monotonic() - self._wanted_since < self.MAX_WAIT_SECONDS or not self._ask_timer.isActive():
            self._ask_timer.start()  # the view moves on to other rows: wait for it to stop, but not forever

    def _ask(self) -> None:
        latest = list(self._wanted)[-self.ASK_AT_ONCE:]
        self._wanted.clear()
        epoch, generation = self._epoch, self._generation
        for number in latest:
            lo = number * self._batch
            wanted = self._ids[lo: lo + self._batch].tolist()
            self._pending.add(number)
            self.fetched_rows += len(wanted)
            self._fetch(wanted, lambda rows, n=number: self._deliver(epoch, generation, n, rows),
                        lambda n=number: self._fail(epoch, n))

    def _deliver(self, epoch: int, generation: int, number: int, rows: Sequence[Any]) -> None:
        if epoch != self._epoch:
            return  # rows of ids no longer shown
        self._pending.discard(number)
        self._failed.pop(number, None)
        self._store(number, self._in_order(number, rows))
        if generation == self._generation:
            self._stale.discard(number)
        else:
            self._stale.add(number)  # asked before the rows changed: shown, and fetched again
        lo, last = number * self._batch, len(self._ids) - 1
        if lo <= last:
            self.dataChanged.emit(self.index(lo, 0), self.index(min(lo + self._batch - 1, last), len(self._columns) - 1))

    def _fail(self, epoch: int, number: int) -> None:
        if epoch != self._epoch:
            return
        self._pending.discard(number)
        self._failed[number] = time.monotonic()

    def _in_order(self, number: int, rows: Sequence[Any]) -> list[Any]:
        lo = number * self._batch
        by_id = {self._row_id(r): r for r in rows}
        return [by_id.get(i) for i in self._ids[lo: lo + self._batch].tolist()]

    def _store(self, number: int, rows: list[Any]) -> None:
        self._cache[number] = rows
        self._cache.move_to_end(number)
        while len(self._cache) > self._cache_batches:
            gone, _rows = self._cache.popitem(last=False)
            self._stale.discard(gone)

    # ------------------------------------------------------------------ Qt

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)  # asks for the row's batch if need be
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == 0
                and 0 <= index.row() < len(self._ids) and index.row() // self._batch not in self._cache):
            return PLACEHOLDER
        return value

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].key:
            return
        self.sort_key = self._columns[column].key
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sort_requested.emit(self.sort_key, int(self.sort_descending))


if __name__ == "__main__":  # pragma: no cover - visual preview: rows arrive 0.3 s after they are asked for
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    model = LazyTableModel(
        [Column("Number", str, key="n"), Column("Square", lambda n: str(n * n), key="sq")],
        fetch=lambda ids, deliver, _fail: QTimer.singleShot(300, lambda: deliver(ids)), row_id=int,
    )
    model.set_ids(np.arange(1, 1_000_001))
    view = QTableView()
    view.setModel(model)
    view.resize(400, 600)
    view.show()
    app.exec()
