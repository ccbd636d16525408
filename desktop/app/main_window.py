"""The main window: navigation on the left, one page at a time, the open database below."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop.app.databases import DatabaseChooser
from desktop.app.help import HelpMenu
from desktop.audit.page import AuditPage
from desktop.cases.page import CasesPage
from desktop.core.dbop import DbExecutor
from desktop.core.page import Page
from desktop.meetings.page import MeetingsPage
from desktop.overview.page import OverviewPage
from desktop.pairings.page import PairingsPage
from desktop.resolutions.page import ResolutionsPage
from desktop.street.page import StreetPage
from desktop.units.page import UnitsPage

PAGE_CLASSES: tuple[type[Page], ...] = (
    OverviewPage,
    CasesPage,
    UnitsPage,
    PairingsPage,
    MeetingsPage,
    ResolutionsPage,
    AuditPage,
    StreetPage,
)
SETTINGS_VERSION = 1


def page_class(key: str) -> type[Page]:
    for cls in PAGE_CLASSES:
        if cls.key == key:
            return cls
    raise KeyError(key)


class MainWindow(QMainWindow):
    def __init__(self, executor: DbExecutor, parent: QWidget | None = None):
        super().__init__(parent)
        self._executor = executor
        self.setWindowTitle(self.tr("StreetBoard — street committee board"))
        self.setMinimumSize(1024, 640)

        self.navigation = QListWidget(objectName="navigation")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self._opened: set[str] = set()  # pages loaded once (a page loads when first shown)
        for cls in PAGE_CLASSES:
            page = cls(self.stack)
            self.pages[cls.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title())
            item.setData(Qt.ItemDataRole.UserRole, cls.key)
            self.navigation.addItem(item)
            page.navigate_requested.connect(self.show_page)
            page.load_failed.connect(self._show_failure)
            executor.changed.connect(page.on_changes)  # refreshes if on screen, else marks it stale
        self.navigation.currentRowChanged.connect(self._on_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel(self.tr("Database: {0}").format(executor.database.name))
        self.statusBar().addPermanentWidget(self.database_label)

        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_current)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(refresh)
        self.import_cases_action = QAction(self.tr("&Import cases…"), self)
        self.import_cases_action.triggered.connect(self.open_import_wizard)
        file_menu.addAction(self.import_cases_action)
        file_menu.addSeparator()
        self.databases = DatabaseChooser(self, executor, file_menu)  # open, connect, new, recent, back up
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.help_menu = HelpMenu(self, executor.database.name)

        self._restore_settings()
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    # ------------------------------------------------------------------ navigation

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, key: str) -> Page:
        row = list(self.pages).index(key)
        self.navigation.setCurrentRow(row)
        return self.pages[key]

    def refresh_current(self) -> None:
        self.current_page().refresh()

    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.stack.widget(row)
        assert isinstance(page, Page)
        if page.stale or page.key not in self._opened:
            # first shown, or a write touched it while hidden; otherwise what it shows is current
            self._opened.add(page.key)
            page.stale = False
            page.refresh()
        self.stack.setCurrentIndex(row)
        self.statusBar().clearMessage()

    def _show_failure(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def open_import_wizard(self) -> None:
        """文件 → 导入事件…; the wizard's import announces its changes, so the pages refresh."""
        from desktop.imports.wizard import ImportWizard

        wizard = ImportWizard(self._executor, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    # ------------------------------------------------------------------ settings

    def _restore_settings(self) -> None:
        settings = QSettings()
        if int(settings.value("settings_version", 0)) != SETTINGS_VERSION:
            settings.remove("main_window")
            settings.setValue("settings_version", SETTINGS_VERSION)
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        key = settings.value("main_window/page", "overview")
        if key in self.pages:
            self.navigation.setCurrentRow(list(self.pages).index(key))

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/page", self.current_page().key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
