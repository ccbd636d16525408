"""A generic filter bar: choice boxes, check boxes and a search field in one row.

The page says what it offers (``add_choice``/``add_check``/``add_search``) and fills the choices
with ``set_options``; every change emits :attr:`FilterBar.filter_changed`, and :meth:`values` gives
all current values as a dict (key → value; ``None`` for "all"). Knows nothing of what they mean.
(The signal carries nothing: PySide6 6.12 drops a reference to ``True``/``False`` each time a bool
crosses a Python-declared signal, alone or inside a dict, which ends in a crash at exit.)
Preview: ``python -m widgets.filter_bar``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget


class FilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("filterBar")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._choices: dict[str, QComboBox] = {}
        self._checks: dict[str, QCheckBox] = {}
        self._search: dict[str, QLineEdit] = {}
        self._all_text: dict[str, str] = {}
        self._quiet = False

    # ------------------------------------------------------------------ building

    def add_choice(self, key: str, label: str, all_text: str) -> QComboBox:
        """A drop-down whose first entry (value None) means no restriction."""
        box = QComboBox(self, objectName=f"filter_{key}")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._all_text[key] = all_text
        box.addItem(all_text, None)
        box.currentIndexChanged.connect(self._emit)
        if label:
            self._layout.addWidget(QLabel(label, self))
        self._layout.addWidget(box)
        self._choices[key] = box
        return box

    def add_check(self, key: str, label: str) -> QCheckBox:
        check = QCheckBox(label, self, objectName=f"filter_{key}")
        check.toggled.connect(self._emit)
        self._layout.addWidget(check)
        self._checks[key] = check
        return check

    def add_search(self, key: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self, objectName=f"filter_{key}")
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(180)
        edit.textChanged.connect(self._emit)
        self._layout.addWidget(edit, 1)
        self._search[key] = edit
        return edit

    def add_stretch(self) -> None:
        self._layout.addStretch(1)

    # ------------------------------------------------------------------ values

    def set_options(self, key: str, options: Sequence[tuple[Any, str]], keep: bool = True) -> None:
        """Replace a choice's entries (after its "all" entry) without emitting a change."""
        box = self._choices[key]
        current = box.currentData() if keep else None
        self._quiet = True
        try:
            box.clear()
            box.addItem(self._all_text[key], None)
            for value, text in options:
                box.addItem(text, value)
            index = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False

    def set_value(self, key: str, value: Any) -> None:
        """Set one control (emits a change like a person would)."""
        if key in self._choices:
            box = self._choices[key]
            box.setCurrentIndex(max(box.findData(value), 0) if value is not None else 0)
        elif key in self._checks:
            self._checks[key].setChecked(bool(value))
        else:
            self._search[key].setText(value or "")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: box.currentData() for k, box in self._choices.items()}
        out.update({k: check.isChecked() for k, check in self._checks.items()})
        out.update({k: edit.text().strip() for k, edit in self._search.items()})
        return out

    def control(self, key: str) -> QWidget:
        return self._choices.get(key) or self._checks.get(key) or self._search[key]

    def _emit(self, *_: object) -> None:
        if not self._quiet:
            self.filter_changed.emit()


if __name__ == "__main__":  # pragma: no cover - visual preview
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    bar = FilterBar()
    bar.add_choice("community", "Community", "All communities")
    bar.set_options("community", [(1, "North"), (2, "South")])
    bar.add_check("supervised", "Supervised only")
    bar.add_search("text", "Search…")
    bar.filter_changed.connect(lambda: print(bar.values()))
    bar.show()
    app.exec()
