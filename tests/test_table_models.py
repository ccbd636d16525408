"""The read-only table model family in widgets/: one Column, a list model, a lazy model that asks
for its rows a batch at a time and never waits for them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from widgets.column_table import SORT_ROLE, Column, ColumnModel, ColumnTableModel, SortProxy
from widgets.dataframe_model import DataFrameModel
from widgets.lazy_table_model import PLACEHOLDER, LazyTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    score: float | None


class Source:
    """A row source that answers when the test says so (as the DB worker would, later)."""

    def __init__(self) -> None:
        self.asked: list[list[int]] = []
        self.waiting: list[tuple[list[int], object, object]] = []

    def __call__(self, ids, deliver, fail) -> None:  # noqa: ANN001 - LazyTableModel's callables
        self.asked.append(list(ids))
        self.waiting.append((list(ids), deliver, fail))

    def answer(self) -> None:
        waiting, self.waiting = self.waiting, []
        for ids, deliver, _fail in waiting:
            deliver([Row(i, f"row {i}", i / 2) for i in reversed(ids)])  # any order: the model places them

    def refuse(self) -> None:
        waiting, self.waiting = self.waiting, []
        for _ids, _deliver, fail in waiting:
            fail()


COLUMNS = [Column("Name", lambda r: r.name, key="name"), Column("Score", lambda r: f"{r.score:.1f}")]


@pytest.fixture
def lazy(qapp):
    source = Source()
    model = LazyTableModel(COLUMNS, source, row_id=lambda r: r.id, batch=10, ahead=5, delay_ms=10)
    model.set_ids(np.arange(1, 101))
    return model, source


def _settle(qtbot, model: LazyTableModel) -> None:
    """Let the model ask for what was painted (it waits for painting to pause)."""
    qtbot.waitUntil(lambda: not model._ask_timer.isActive(), timeout=5_000)


def test_rows_show_placeholders_until_their_batch_arrives(lazy, qtbot):
    model, source = lazy
    assert model.index(3, 0).data() == PLACEHOLDER and model.index(3, 1).data() is None
    _settle(qtbot, model)
    assert source.asked == [list(range(1, 11))]
    with qtbot.waitSignal(model.dataChanged):
        source.answer()
    assert model.index(3, 0).data() == "row 4" and model.index(3, 1).data() == "2.0"
    assert model.record(9) == Row(10, "row 10", 5.0)


def test_a_batch_in_flight_is_not_asked_for_again_and_the_next_one_is_asked_ahead(lazy, qtbot):
    model, source = lazy
    for _ in range(3):
        model.index(2, 0).data()
        model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    _settle(qtbot, model)
    assert source.asked == [list(range(1, 11))]
    model.index(2, 0).data()
    model.index(6, 0).data()  # five rows ahead is the next batch: asked for before it is painted
    _settle(qtbot, model)
    assert source.asked == [list(range(1, 11)), list(range(11, 21))]
    source.answer()
    model.index(6, 0).data()
    model.index(12, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) == 2 and model.fetched_rows == 20


def test_dragging_over_many_batches_asks_only_for_where_it_stopped(lazy, qtbot):
    model, source = lazy
    for row in range(0, 100, 3):  # one paint after another, faster than the model's pause
        model.index(row, 0).data()
    model.index(95, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) <= LazyTableModel.ASK_AT_ONCE and list(range(91, 101)) in source.asked


def test_a_drag_that_never_pauses_still_gets_rows(qtbot):
    source = Source()
    model = LazyTableModel(COLUMNS, source, row_id=lambda r: r.id, batch=10, ahead=5, delay_ms=100)
    model.set_ids(np.arange(1, 1001))
    for k in range(90):  # a new batch painted every 5 ms: the model never sees the 0.1 s pause it waits for
        model.index(k * 10, 0).data()
        qtbot.wait(5)
        if source.asked:
            break
    assert source.asked and len(source.asked) <= LazyTableModel.ASK_AT_ONCE


def test_a_failed_batch_waits_before_it_is_asked_for_again(lazy, qtbot):
    model, source = lazy
    model.index(0, 0).data()
    _settle(qtbot, model)
    source.refuse()
    model.index(0, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) == 1 and model.index(0, 0).data() == PLACEHOLDER
    model.retry_seconds = 0
    model.index(0, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) == 2


def test_answers_for_ids_no_longer_shown_are_dropped(lazy, qtbot):
    model, source = lazy
    model.index(0, 0).data()
    _settle(qtbot, model)
    model.set_ids(np.arange(501, 521))
    source.answer()  # the rows of ids 1…10 arrive late
    assert model.index(0, 0).data() == PLACEHOLDER
    _settle(qtbot, model)
    assert source.asked[-1] == list(range(501, 511))
    source.answer()
    assert model.index(0, 0).data() == "row 501"


def test_invalidate_keeps_the_rows_shown_while_fresh_ones_come(lazy, qtbot):
    model, source = lazy
    model.index(0, 0).data()
    _settle(qtbot, model)
    source.answer()
    model.invalidate()
    assert model.index(0, 0).data() == "row 1"
    _settle(qtbot, model)
    assert len(source.asked) == 2
    model.index(0, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) == 2  # the fresh batch is in flight: not asked for twice
    model.invalidate()  # changed again before the answer: it is shown but asked for once more
    source.answer()
    model.index(0, 0).data()
    _settle(qtbot, model)
    assert len(source.asked) == 3


def test_sorting_asks_the_owner_and_first_rows_seed_the_cache(lazy, qtbot):
    model, source = lazy
    with qtbot.waitSignal(model.sort_requested) as sorted_by:
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert sorted_by.args == ["name", 1]
    with qtbot.assertNotEmitted(model.sort_requested):
        model.sort(1)  # no key: the owner cannot sort by it
    model.set_ids([7, 3], first_rows=[Row(3, "three", None), Row(7, "seven", 1.0)])
    assert [model.index(r, 0).data() for r in (0, 1)] == ["seven", "three"]
    _settle(qtbot, model)
    assert source.asked == []


def test_the_lazy_model_passes_the_tester(lazy, qtbot, qtmodeltester):
    model, source = lazy
    qtmodeltester.check(model)
    _settle(qtbot, model)
    source.answer()
    qtmodeltester.check(model)
    model.set_ids([])
    qtmodeltester.check(model)


def test_the_list_model_shows_columns_and_the_proxy_puts_missing_figures_last(qapp, qtmodeltester):
    columns = [
        Column("Name", lambda r: r.name, tooltip=lambda r: f"{r.name}!"),
        Column("Score", lambda r: "—" if r.score is None else f"{r.score:.1f}", Qt.AlignmentFlag.AlignRight,
               sort_key=lambda r: r.score, foreground=lambda r: QColor("#C62828") if r.score == 0 else None),
    ]
    model = ColumnTableModel(columns)
    model.set_rows([Row(1, "b", 2.5), Row(2, "a", None), Row(3, "c", 0.0), Row(4, "d", 10.0)])
    assert model.index(1, 1).data() == "—" and model.index(0, 1).data(SORT_ROLE) == 2.5
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "b!"
    assert model.index(2, 1).data(Qt.ItemDataRole.ForegroundRole).color() == QColor("#C62828")
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    proxy = SortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["c", "b", "d", "a"]
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == ["d", "c", "b", "a"]
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_the_dataframe_model_is_one_of_the_family(qapp, qtmodeltester):
    frame = pd.DataFrame({"名称": ["短", "很长的名称" * 4, None], "次数": [1, 2.5, 3]}, index=pd.Index([7, 8, 9]))
    model = DataFrameModel(frame, max_chars=6)
    assert isinstance(model, ColumnModel) and [c.header for c in model.columns()] == ["名称", "次数"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) == left
    assert model.index(1, 0).data() == "很长的名称…" and model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "很长的名称" * 4
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) is None and model.index(2, 0).data() == ""
    assert model.index(1, 1).data() == "2.5" and model.headerData(0, Qt.Orientation.Vertical) == "7"
    qtmodeltester.check(model)
