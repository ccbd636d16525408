"""帮助 menu: 关于 (version, database, the bundled font's licence), 快捷键 and a short 使用说明."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import resources
from widgets.column_table import Column, ColumnTableModel

FONT_LICENCE = "OFL.txt"


def installed_version() -> str:
    """The installed package's version, as ``streetboard --version`` prints it."""
    try:
        return version("streetboard")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def font_licence_text() -> str:
    return resources.path("fonts", FONT_LICENCE).read_text(encoding="utf-8")


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


class AboutDialog(QDialog):
    def __init__(self, database_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About StreetBoard"))
        self.resize(640, 520)
        heading = QLabel(self.tr("StreetBoard — street committee board"), objectName="pageTitle")
        form = QFormLayout()
        self.version_label = QLabel(installed_version())
        self.database_label = QLabel(database_name, wordWrap=True)
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Font:"), QLabel(self.tr(
            "Noto Sans CJK SC (a subset, as StreetBoard Sans SC), © Adobe, under the SIL Open Font License 1.1:"),
            wordWrap=True))
        self.licence = QPlainTextEdit(font_licence_text(), readOnly=True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.licence, 1)
        layout.addWidget(_close_buttons(self))


def action_name(action: QAction) -> str:
    """The action's menu text without its mnemonic: "退出(&Q)" → "退出", "&Refresh" → "Refresh"."""
    return re.sub(r"\(&\w\)", "", action.text()).replace("&", "").rstrip("…").strip()


def shortcut_rows() -> list[tuple[str, str]]:
    """(what it does, keys) for every action with a shortcut in the open windows, in menu order."""
    rows: dict[tuple[str, str], None] = {}
    for window in QApplication.topLevelWidgets():
        for action in window.findChildren(QAction):
            keys = "、".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            name = action_name(action)
            if keys and name:
                rows[(name, keys)] = None
    return list(rows)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(480, 420)
        self.model = ColumnTableModel([Column(self.tr("Action"), lambda row: row[0]),
                                       Column(self.tr("Keys"), lambda row: row[1])], self)
        self.model.set_rows(shortcut_rows())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(_close_buttons(self))


class GuideDialog(QDialog):
    """First steps, inside the app: set up the street, import, hold a meeting."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.resize(720, 600)
        steps = [
            (self.tr("1. Set up the street"), self.tr(
                "On a new database StreetBoard opens the set-up assistant: the street, its communities and grids, "
                "the committee term and its members, the handling units and the case categories. Fill each step by "
                "hand, or from the set-up workbook (streetboard setup template writes one to fill in). Everything "
                "is written at the end, in one go. Later changes are made on the 基础信息 page.")),
            (self.tr("2. Import what you already have"), self.tr(
                "File → Import cases… reads the grid cases from an Excel or CSV export (the StreetBoard template, "
                "the 12345 hotline, message boards). The units page imports the resident units, the 四联四定 page "
                "its agreement items. Every rejected row is listed with its reason; nothing is written while any "
                "row is rejected, unless you choose to import the valid rows only.")),
            (self.tr("3. Hold a meeting"), self.tr(
                "On the meetings page, New meeting… chooses the body (the street committee, a community "
                "大党委 or a 联席会议), the time and the place. Add the agenda items, lock the agenda and export "
                "the notice. On the day, Start meeting opens the meeting room: sign in the members, take each "
                "item in turn, record the resolutions and write the minutes. Approved minutes are sealed; "
                "streetboard verify checks that nobody changed them.")),
            (self.tr("4. Follow up and keep a copy"), self.tr(
                "The resolutions page follows every task to its deadline. File → Back up… writes a complete copy "
                "of the database; on a single PC StreetBoard also keeps one copy a day beside the database file "
                "(the last 14 days).")),
        ]
        html = "".join(f"<h3>{title}</h3><p>{body}</p>" for title, body in steps)
        self.browser = QTextBrowser()
        self.browser.setHtml(html)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_buttons(self))


class HelpMenu:
    """The 帮助 menu of the main window."""

    def __init__(self, window: QMainWindow, database_name: str):
        self._window = window
        self._database_name = database_name
        menu = window.menuBar().addMenu(QApplication.translate("HelpMenu", "&Help"))
        guide = QAction(QApplication.translate("HelpMenu", "&User guide"), window)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(lambda: self._show(GuideDialog(window)))
        keys = QAction(QApplication.translate("HelpMenu", "&Keyboard shortcuts…"), window)
        keys.triggered.connect(lambda: self._show(ShortcutsDialog(window)))
        about = QAction(QApplication.translate("HelpMenu", "&About StreetBoard…"), window)
        about.triggered.connect(lambda: self._show(AboutDialog(self._database_name, window)))
        for action in (guide, keys, about):
            menu.addAction(action)
        self.guide_action, self.shortcuts_action, self.about_action = guide, keys, about

    @staticmethod
    def _show(dialog: QDialog) -> QDialog:
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
