"""Two versions of the same text side by side; the person chooses what is saved.

``ConflictDialog(what, mine, theirs, merged=..., their_label=...)`` shows "your version" (editable)
next to "the version saved meanwhile" (read-only) and, below, a merged text (editable; prefilled
when a three-way merge was possible, with ``<<<<<<<`` / ``>>>>>>>`` around lines both changed).
After ``exec()``, :attr:`choice` is ``"mine"``, ``"theirs"``, ``"merged"`` or ``""`` (decide later)
and :attr:`text` the text to save. Knows nothing of databases.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ConflictDialog(QDialog):
    def __init__(
        self,
        what: str,
        mine: str,
        theirs: str,
        *,
        merged: str | None = None,
        merge_conflicts: int = 0,
        their_label: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Someone else saved this meanwhile"))
        self.choice = ""
        self.text = ""
        self.resize(1100, 680)

        intro = QLabel(
            self.tr("“{0}” was changed by someone else while you were editing it. Nothing has been "
                    "overwritten. Choose which text to keep.").format(what),
            wordWrap=True,
        )
        self.mine_edit = QPlainTextEdit(mine)
        self.theirs_edit = QPlainTextEdit(theirs, readOnly=True)
        self.merged_edit = QPlainTextEdit(merged if merged is not None else mine)
        if merged is None:
            merged_note = self.tr("No common original is known: edit the text below into what should be saved.")
        elif merge_conflicts:
            merged_note = self.tr("Merged automatically; %n place(s) changed on both sides are marked "
                                  "with <<<<<<< and >>>>>>> — edit them before saving.", "", merge_conflicts)
        else:
            merged_note = self.tr("Merged automatically: both sets of changes are in the text below.")

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Your version"), objectName="sectionTitle"), 0, 0)
        grid.addWidget(QLabel(their_label or self.tr("Saved meanwhile"), objectName="sectionTitle"), 0, 1)
        grid.addWidget(self.mine_edit, 1, 0)
        grid.addWidget(self.theirs_edit, 1, 1)
        grid.addWidget(QLabel(merged_note, wordWrap=True), 2, 0, 1, 2)
        grid.addWidget(self.merged_edit, 3, 0, 1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(3, 2)

        buttons = QDialogButtonBox()
        self.keep_mine = QPushButton(self.tr("Keep mine"))
        self.take_theirs = QPushButton(self.tr("Take theirs"))
        self.use_merged = QPushButton(self.tr("Save the merged text"))
        later = QPushButton(self.tr("Decide later"))
        for button, role in ((self.use_merged, QDialogButtonBox.ButtonRole.AcceptRole),
                             (self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole),
                             (self.take_theirs, QDialogButtonBox.ButtonRole.AcceptRole),
                             (later, QDialogButtonBox.ButtonRole.RejectRole)):
            buttons.addButton(button, role)
        self.keep_mine.clicked.connect(lambda: self._choose("mine", self.mine_edit.toPlainText()))
        self.take_theirs.clicked.connect(lambda: self._choose("theirs", self.theirs_edit.toPlainText()))
        self.use_merged.clicked.connect(lambda: self._choose("merged", self.merged_edit.toPlainText()))
        later.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: str, text: str) -> None:
        self.choice = choice
        self.text = text
        self.accept()


if __name__ == "__main__":  # preview: python -m widgets.conflict_dialog
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    dialog = ConflictDialog(
        "议程 2 纪要", "一、会议听取了汇报。\n二、同意由街道牵头。\n", "一、会议听取了汇报。\n二、同意由社区牵头。\n",
        merged="一、会议听取了汇报。\n<<<<<<<\n二、同意由街道牵头。\n=======\n二、同意由社区牵头。\n>>>>>>>\n",
        merge_conflicts=1,
    )
    dialog.show()
    sys.exit(app.exec())
