"""Render a view offscreen to a PNG: ``streetboard snapshot VIEW --out FILE.png``.

People share the board into chat groups this way; tests and reviewers look at it too.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, Qt, QTimer
from PySide6.QtGui import QImage

from desktop.app.main_window import PAGE_CLASSES, page_class
from desktop.core.dbop import DbExecutor

DEFAULT_SIZE = QSize(1920, 1080)
LOAD_TIMEOUT_MS = 120_000


class SnapshotError(Exception):
    """A view that does not exist, a size that does not parse, a page that failed to load."""


#: views that take an id: ``meeting:ID`` (the meeting room) and ``presenter:ID`` (the projector)
PARAMETER_VIEWS = ("meeting", "presenter")


def views() -> list[str]:
    return [cls.key for cls in PAGE_CLASSES] + [f"{name}:ID" for name in PARAMETER_VIEWS]


def is_view(view: str) -> bool:
    name, _, ident = view.partition(":")
    return view in views() if not ident else name in PARAMETER_VIEWS and ident.isdigit()


def _build(view: str):  # noqa: ANN202 - a page, meeting room or presenter: all have refresh/loaded/load_failed
    name, _, ident = view.partition(":")
    if ident:
        if name not in PARAMETER_VIEWS or not ident.isdigit():
            raise SnapshotError(view)
        if name == "meeting":
            from desktop.meetings.room import MeetingRoom

            return MeetingRoom(int(ident))
        from desktop.meetings.presenter import PresenterWindow

        return PresenterWindow(int(ident))
    try:
        return page_class(view)()
    except KeyError as exc:
        raise SnapshotError(view) from exc


def parse_size(text: str) -> QSize:
    match = re.fullmatch(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*", text or "")
    if not match:
        raise SnapshotError(text)
    return QSize(int(match.group(1)), int(match.group(2)))


def render(view: str, executor: DbExecutor, size: QSize = DEFAULT_SIZE) -> QImage:
    """Build the view, load it through the executor, wait for it, and grab it."""
    page = _build(view)
    page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    page.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    page.resize(size)
    page.show()
    loop = QEventLoop()
    errors: list[str] = []
    page.loaded.connect(loop.quit)
    page.load_failed.connect(lambda message: (errors.append(message), loop.quit()))
    QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
    page.refresh()
    loop.exec()
    if errors:
        raise SnapshotError(errors[0])
    # Let the layouts settle around the freshly loaded text (word-wrapped labels need a second pass).
    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
    image = page.grab().toImage()
    page.close()
    page.deleteLater()
    return image


def save(image: QImage, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(str(out))
