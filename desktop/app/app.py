"""Application set-up: names, fonts, translators, theme. Shared by the GUI, the CLI and tests."""

from __future__ import annotations

import gc
import os
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

import resources

ORGANIZATION = "StreetBoard"
APPLICATION = "StreetBoard"
LOCALE = "zh_CN"

# System CJK families we prefer over the bundled subset when a PC has them.
SYSTEM_CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)


def install_fonts(app: QGuiApplication) -> QFont:
    """Register the bundled CJK subset and make the application font fall back to it.

    The families list is tried glyph by glyph, so Latin text keeps the system UI font, Chinese
    uses a system CJK font where the PC has one, and the bundled subset otherwise.
    """
    bundled: list[str] = []
    for path in resources.font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            bundled.extend(QFontDatabase.applicationFontFamilies(font_id))
    installed = set(QFontDatabase.families())
    families = [f for f in SYSTEM_CJK_FAMILIES if f in installed]
    families += [f for f in dict.fromkeys(bundled) if f not in families]
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *families] if families else [app.font().family()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return font


def install_translators(app: QCoreApplication, locale: str = LOCALE) -> list[QTranslator]:
    """Qt's own translations first, then StreetBoard's (zh_CN ships)."""
    QLocale.setDefault(QLocale(locale))
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_tr = QTranslator(app)
    if qt_tr.load(f"qtbase_{locale}", qt_dir):
        app.installTranslator(qt_tr)
        translators.append(qt_tr)
    ours = QTranslator(app)
    if ours.load(str(resources.translation_file(locale))):
        app.installTranslator(ours)
        translators.append(ours)
    return translators


# Said by the offscreen platform plugin whenever a window is shown; harmless, and noise on stderr.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",)


def quiet_offscreen_warnings() -> None:
    """For command-line rendering: drop the offscreen plugin's noise, print the rest."""

    def handler(_mode, _context, message: str) -> None:
        if message not in OFFSCREEN_NOISE:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


GC_INTERVAL_MS = 10_000


def collect_garbage_on_gui_thread(app: QCoreApplication) -> None:
    """Run Python's cycle collector only on the GUI thread.

    Left automatic, the collector runs in whichever thread happens to allocate — often the DB
    worker — and destroys Python-owned Qt objects caught in reference cycles there, which crashes
    Qt now and then. Anki does the same (``gc.disable()`` and a timer on the main thread).
    """
    gc.disable()
    timer = QTimer(app)
    timer.setObjectName("gc_timer")
    timer.timeout.connect(gc.collect)
    timer.start(GC_INTERVAL_MS)


def create_application(argv: list[str] | None = None, *, offscreen: bool = False) -> QApplication:
    """The QApplication, ready for StreetBoard. Reuses one that already exists (tests)."""
    if offscreen and QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    if not app.property("streetboard_ready"):
        collect_garbage_on_gui_thread(app)
        install_translators(app)
        install_fonts(app)
        app.setApplicationDisplayName(QCoreApplication.translate("App", "StreetBoard"))
        app.setStyleSheet(resources.theme("light"))
        app.setProperty("streetboard_ready", True)
    return app
