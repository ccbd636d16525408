"""The projector window: the current agenda item and its figures, legible from 8 metres.

Full-screen on the second screen (the non-primary one by default), no controls, no menus, no
cursor. It follows the meeting room in the same process (``show_item`` / ``set_resolution_text``
are connected to the room's signals) and paints from data already loaded, so the chair's Next
reaches the projector in one repaint. Fonts scale with the window height: at 1080 px the smallest
text is :data:`MIN_FONT_PX_1080`; long texts are elided so everything fits at 1024×768 too.
Residents' names and phone numbers arrive masked from ``db.meetings`` (``db.core.texts``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPaintEvent, QScreen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from db.core.texts import mask_text
from db.meetings import agenda as mt
from db.meetings import room as mt_room
from desktop.core.dbop import DbOp
from desktop.core.formatting import format_count, format_date, format_percent
from desktop.core.messages import describe

#: Light on dark; every foreground has a contrast ratio ≥ 7:1 against ``background`` (tested).
COLOURS = {
    "background": "#0E141B",
    "text": "#FFFFFF",
    "muted": "#C9D1D9",
    "accent": "#FFD166",
    "good": "#8CE99A",
    "bad": "#FF9E94",
}
FOREGROUNDS = ("text", "muted", "accent", "good", "bad")
#: pixel sizes at a 1080-pixel-high window; scaled with the height
SIZES_1080 = {"title": 60, "counter": 34, "value": 72, "caption": 32, "line": 32, "resolution": 36,
              "footer": 34, "heading": 32}
MIN_FONT_PX_1080 = min(SIZES_1080.values())
LINES = 4
FIGURES = 4
TITLE_LINES = 2
RESOLUTION_LINES = 3


class FitLabel(QLabel):
    """A label that keeps its full text and elides it to the room it gets (single or few lines)."""

    def __init__(self, name: str, parent: QWidget | None = None, max_lines: int = 1):
        super().__init__(parent)
        self.setObjectName(name)
        self.max_lines = max_lines
        self.full_text = ""
        self.setWordWrap(max_lines > 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.fit()

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        fm = QFontMetrics(self.font())
        self.setFixedHeight(fm.lineSpacing() * self.max_lines + 2)
        width = max(1, self.contentsRect().width())
        text = self.full_text
        if self.max_lines == 1:
            self.setText(fm.elidedText(text, Qt.TextElideMode.ElideRight, width))
            return
        limit = fm.lineSpacing() * self.max_lines

        def fits(candidate: str) -> bool:
            rect = fm.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, candidate)
            return rect.height() <= limit

        if fits(text):
            self.setText(text)
            return
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(text[:mid] + "…"):
                lo = mid
            else:
                hi = mid - 1
        self.setText(text[:lo] + "…")


class PresenterWindow(QWidget):
    """What the room sees. ``refresh()`` loads a meeting on its own (snapshots); the room feeds it."""

    loaded = Signal()
    load_failed = Signal(str)
    painted = Signal(int)  # the item id on screen, at the end of each paint of the window

    def __init__(self, meeting_id: int, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)  # the chair's keys stay in the room
        self.setObjectName("presenter")
        self.setWindowTitle(self.tr("Projector"))
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.meeting_id = meeting_id
        self.data: mt.RoomData | None = None
        self.item_id: int | None = None
        self.resolution_text = ""

        self.meeting_label = FitLabel("pHeading", self)
        self.counter = FitLabel("pCounter", self)
        self.title = FitLabel("pTitle", self, TITLE_LINES)
        self.values = [FitLabel("pValue", self) for _ in range(FIGURES)]
        self.captions = [FitLabel("pCaption", self) for _ in range(FIGURES)]
        self.lines = [FitLabel("pLine", self) for _ in range(LINES)]
        self.resolution_heading = FitLabel("pHeading", self)
        self.resolution = FitLabel("pResolution", self, RESOLUTION_LINES)
        self.footer = FitLabel("pFooter", self)

        layout = QVBoxLayout(self)
        # the window's size sets the fonts, not the other way round: without this the minimum
        # size of the 1080-pixel fonts would stop the window from ever getting smaller
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout = layout
        top = QHBoxLayout()
        top.addWidget(self.meeting_label, 3)
        top.addWidget(self.counter, 2)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        layout.addWidget(self.title)
        grid = QGridLayout()
        for i in range(FIGURES):
            grid.addWidget(self.values[i], 0, i)
            grid.addWidget(self.captions[i], 1, i)
            grid.setColumnStretch(i, 1)
        layout.addLayout(grid)
        for line in self.lines:
            layout.addWidget(line)
        layout.addStretch(1)
        layout.addWidget(self.resolution_heading)
        layout.addWidget(self.resolution)
        layout.addWidget(self.footer)
        self._apply_scale()

    # ------------------------------------------------------------------ placement

    @staticmethod
    def default_screen() -> QScreen:
        primary = QGuiApplication.primaryScreen()
        others = [s for s in QGuiApplication.screens() if s is not primary]
        return others[0] if others else primary

    def open_on(self, screen: QScreen | None = None) -> None:
        """Full-screen on ``screen`` (default: the first non-primary one), without taking the focus.

        Not ``showFullScreen()``: it ends with ``activateWindow()``, which a window that must never
        take the chair's keyboard (``WindowDoesNotAcceptFocus``) refuses with a warning. The
        geometry is set to the screen's explicitly, as some platforms (offscreen, some window
        managers) do not resize a frameless window to the screen on their own.
        """
        screen = screen or self.default_screen()
        if self.isVisible() and self.screen() is not screen:
            self.hide()  # re-shown on the new screen: moving a full-screen window is not portable
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowFullScreen)
        self.show()
        if self.geometry() != screen.geometry():
            self.setGeometry(screen.geometry())

    # ------------------------------------------------------------------ data

    def refresh(self) -> None:
        DbOp(self, self._load).success(self._loaded).failure(
            lambda e: self.load_failed.emit(describe(e))).run()

    def _load(self, session: Session) -> mt.RoomData:
        return mt_room.room_data(session, self.meeting_id)

    def _loaded(self, data: mt.RoomData) -> None:
        self.set_room(data)
        self.loaded.emit()

    def set_room(self, data: mt.RoomData) -> None:
        self.data = data
        ids = [i.id for i in data.items]
        if self.item_id not in ids:
            self.item_id = data.current_item_id if data.current_item_id in ids else (ids[0] if ids else None)
        self._render()

    def show_item(self, item_id: int) -> None:
        self.item_id = item_id
        self.resolution_text = ""
        self._render()
        self.update()

    def set_resolution_text(self, text: str) -> None:
        self.resolution_text = text
        self._render_resolution()

    def current_figures(self) -> mt.ItemFigures | None:
        if self.data is None or self.item_id is None:
            return None
        return self.data.figures.get(self.item_id)

    # ------------------------------------------------------------------ drawing

    def _render(self) -> None:
        data = self.data
        item = next((i for i in data.items if i.id == self.item_id), None) if data else None
        if data is None or item is None:
            self.title.set_full_text(self.tr("No agenda item"))
            return
        self.meeting_label.set_full_text(data.meeting.title)
        self.counter.set_full_text(self.tr("Item {0} of {1} · {2} min planned").format(
            item.position, len(data.items), item.planned_minutes))
        self.title.set_full_text(mask_text(item.title))  # a title taken from a case may name a resident
        figures = [("", "")] * FIGURES
        lines: list[tuple[str, str]] = []
        fig = data.figures.get(item.id)
        cells: list[tuple[str, str, str]] = []
        if fig is not None:
            cells, lines = self._figure_cells(fig)
        figures = cells[:FIGURES] + [("", "", "")] * (FIGURES - len(cells[:FIGURES]))
        for (value, caption, tone), v_label, c_label in zip(figures, self.values, self.captions, strict=True):
            v_label.set_full_text(value)
            c_label.set_full_text(caption)
            v_label.setProperty("tone", tone or "accent")
            v_label.style().unpolish(v_label)
            v_label.style().polish(v_label)
        for i, label in enumerate(self.lines):
            text, tone = lines[i] if i < len(lines) else ("", "")
            label.set_full_text(text)
            label.setProperty("tone", tone or "text")
            label.style().unpolish(label)
            label.style().polish(label)
        q = data.quorum
        state = self.tr("quorum reached") if q.quorate else self.tr("quorum not reached")
        self.footer.set_full_text(self.tr("Present {0} of {1} members · {2} (needs {3}) · observers {4}").format(
            q.present, q.members, state, q.required, q.observers))
        self.footer.setProperty("tone", "good" if q.quorate else "bad")
        self.footer.style().unpolish(self.footer)
        self.footer.style().polish(self.footer)
        self._render_resolution()

    def _render_resolution(self) -> None:
        text = self.resolution_text.strip()
        self.resolution_heading.set_full_text(self.tr("Resolution being recorded") if text else "")
        self.resolution.set_full_text(mask_text(text))

    def _figure_cells(self, fig: mt.ItemFigures) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
        cells: list[tuple[str, str, str]] = []
        lines: list[tuple[str, str]] = []
        if fig.cases is not None:
            c = fig.cases
            cells += [(format_count(c.linked), self.tr("linked cases"), "accent"),
                      (format_count(c.open), self.tr("still open"), "accent"),
                      (format_count(c.overdue), self.tr("overdue"), "bad" if c.overdue else "good")]
            for line in c.lines:
                deadline = format_date(line.deadline_at.date()) if line.deadline_at else "—"
                # the deadline before the free text, so eliding a long title never hides it
                # structured fields, or the chair's public title: never the resident's own words
                about = line.title or " ".join(x for x in (line.category, line.community, line.grid) if x) or "—"
                lines.append((self.tr("{0} · due {1} · {2} · {3}").format(
                    line.case_number, deadline, line.handling_unit or "—", about),
                    "bad" if line.overdue else ""))
        if fig.follow_up:
            cells.append((format_count(fig.follow_up_total), self.tr("open resolutions"), "accent"))
            for r in fig.follow_up:
                lines.append((self.tr("{0} · due {1} · {2}").format(r.owner_unit, format_date(r.deadline), r.text),
                              "bad" if r.overdue else ""))
        if fig.unit is not None:
            u = fig.unit
            cells += [(format_percent(u.attendance_rate, 0), self.tr("{0} attendance").format(u.unit_name), "accent"),
                      (format_percent(u.on_time_rate, 0), self.tr("resolutions on time"), "accent"),
                      (format_count(u.resolutions_overdue_open), self.tr("overdue resolutions"),
                       "bad" if u.resolutions_overdue_open else "good")]
        if fig.agreement is not None:
            a = fig.agreement
            cells += [(f"{format_count(a.items_done)}/{format_count(a.items_total)}",
                       self.tr("{0} items done").format(a.year), "accent"),
                      (format_percent(a.average_progress, 0), self.tr("average progress"), "accent"),
                      (format_count(a.items_overdue), self.tr("items overdue"), "bad" if a.items_overdue else "good")]
            for line in a.lines:
                lines.append((self.tr("{0} · {1}% · due {2}").format(line.title, line.progress_pct,
                                                                      format_date(line.due_on)),
                              "bad" if line.overdue else ""))
        return cells, lines

    # ------------------------------------------------------------------ scale

    def scale(self) -> float:
        return max(0.3, self.height() / 1080)

    def font_px(self, role: str) -> int:
        return max(1, round(SIZES_1080[role] * self.scale()))

    def _apply_scale(self) -> None:
        px = {role: self.font_px(role) for role in SIZES_1080}
        c = COLOURS
        margin = round(48 * self.scale())
        self._layout.setContentsMargins(margin, round(margin * 0.7), margin, round(margin * 0.7))
        self._layout.setSpacing(round(14 * self.scale()))
        self.setStyleSheet(f"""
            QWidget#presenter {{ background-color: {c['background']}; }}
            QLabel {{ color: {c['text']}; background: transparent; }}
            QLabel#pHeading {{ font-size: {px['heading']}px; color: {c['muted']}; }}
            QLabel#pCounter {{ font-size: {px['counter']}px; color: {c['muted']}; }}
            QLabel#pTitle {{ font-size: {px['title']}px; font-weight: bold; }}
            QLabel#pValue {{ font-size: {px['value']}px; font-weight: bold; color: {c['accent']}; }}
            QLabel#pValue[tone="bad"] {{ color: {c['bad']}; }}
            QLabel#pValue[tone="good"] {{ color: {c['good']}; }}
            QLabel#pCaption {{ font-size: {px['caption']}px; color: {c['muted']}; }}
            QLabel#pLine {{ font-size: {px['line']}px; }}
            QLabel#pLine[tone="bad"] {{ color: {c['bad']}; }}
            QLabel#pResolution {{ font-size: {px['resolution']}px; color: {c['accent']}; }}
            QLabel#pFooter {{ font-size: {px['footer']}px; }}
            QLabel#pFooter[tone="bad"] {{ color: {c['bad']}; }}
            QLabel#pFooter[tone="good"] {{ color: {c['good']}; }}
        """)
        self.ensurePolished()
        for label in self.findChildren(FitLabel):
            label.ensurePolished()
            label.fit()

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().resizeEvent(event)
        self._apply_scale()
        for label in self.findChildren(FitLabel):
            label.fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit(self.item_id if self.item_id is not None else 0)


def screen_names() -> list[str]:
    """Human names of the screens for the room's projector combo."""
    out = []
    for i, screen in enumerate(QGuiApplication.screens(), start=1):
        geometry = screen.geometry()
        primary = QCoreApplication.translate("PresenterWindow", " (main)") \
            if screen is QGuiApplication.primaryScreen() else ""
        out.append(QCoreApplication.translate("PresenterWindow", "Screen {0}: {1}×{2}{3}").format(
            i, geometry.width(), geometry.height(), primary))
    return out
