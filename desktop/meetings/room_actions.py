"""What the meeting room asks before it acts: closing (with what is unfinished), reopening a closed
meeting (with a reason), marking an item 无记录, adding an item during the meeting; and the 表决 box
of the resolution form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QSpinBox, QWidget

from db.meetings import room as mt
from desktop.core.dbop import DbWrite

if TYPE_CHECKING:
    from desktop.meetings.room import MeetingRoom


def unfinished(room: MeetingRoom) -> list[str]:
    """One line per thing the meeting would close without: members not signed in, text typed in the
    room's boxes and not yet recorded, items with neither minutes nor a resolution nor 无记录."""
    data = room.data
    lines: list[str] = []
    if data is None:
        return lines
    unsigned = [r.name for r in data.roster
                if r.status is None and (r.member_id is not None or r.body_member_id is not None)]
    if unsigned:
        lines.append(QCoreApplication.translate("RoomActions", "Members not signed in ({0}): {1}").format(
            len(unsigned), "、".join(unsigned)))
    if room.res_text.toPlainText().strip():
        lines.append(QCoreApplication.translate("RoomActions", "The resolution box holds text not recorded."))
    if room.sign_name.text().strip():
        lines.append(QCoreApplication.translate("RoomActions", "The sign-in form holds a name not signed in: {0}")
                     .format(room.sign_name.text().strip()))
    decided = {r.agenda_item_id for r in data.resolutions}
    empty = [f"{i.position}. {i.title}" for i in data.items
             if not room.local_text.get(i.id, i.notes).strip() and i.id not in decided and not i.no_record]
    if empty:
        lines.append(QCoreApplication.translate("RoomActions", "Items without minutes ({0}): {1}").format(
            len(empty), "；".join(empty)))
    return lines


def confirm_close(room: MeetingRoom) -> bool:
    """Asks before closing; the default answer keeps the meeting open."""
    lines = unfinished(room)
    text = QCoreApplication.translate("RoomActions", "Close the meeting? Its record can be corrected only by reopening it before approval.")
    if lines:
        text = QCoreApplication.translate("RoomActions", "Still unfinished:\n{0}\n\nClose the meeting anyway?").format(
            "\n".join(f"• {line}" for line in lines))
    answer = QMessageBox.question(room, QCoreApplication.translate("RoomActions", "Close meeting"), text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def reopen(room: MeetingRoom) -> None:
    """Reopens the closed meeting after asking for the reason (kept, and in the audit trail)."""
    from desktop.core.messages import describe

    reason, ok = QInputDialog.getText(room, QCoreApplication.translate("RoomActions", "Reopen meeting"),
                                      QCoreApplication.translate("RoomActions", "Why is the closed meeting reopened? (kept in the audit trail)"))
    if not ok:
        return
    DbWrite(room, lambda s: mt.reopen_meeting(s, room.meeting_id, reason)).success(
        lambda _m: (room.show_message(QCoreApplication.translate("RoomActions", "The meeting is open again; close it when the record is corrected.")),
                    room.refresh())).failure(lambda e: room.show_message(describe(e))).run()


def toggle_no_record(room: MeetingRoom) -> None:
    """Marks the current item 无记录 (or clears the mark)."""
    from desktop.core.messages import describe

    item = room.current_item()
    if item is None:
        return
    DbWrite(room, lambda s: mt.mark_no_record(s, item.id, not item.no_record)).success(
        lambda _r: room.show_message(QCoreApplication.translate("RoomActions", "Item {0}: marked 无记录.").format(item.position) if not item.no_record
                                     else QCoreApplication.translate("RoomActions", "Item {0}: the 无记录 mark is removed.").format(item.position))).failure(
        lambda e: room.show_message(describe(e))).run()


def add_item(room: MeetingRoom) -> None:
    """Adds an item raised during the meeting at the end of the agenda."""
    from desktop.core.messages import describe

    title, ok = QInputDialog.getText(room, QCoreApplication.translate("RoomActions", "Add an item"), QCoreApplication.translate("RoomActions", "Title of the item raised during the meeting:"))
    if not ok:
        return
    DbWrite(room, lambda s: mt.add_item_during_meeting(s, room.meeting_id, title)).success(
        lambda info: room.show_message(QCoreApplication.translate("RoomActions", "Item {0} added: {1}").format(info.position, info.title))).failure(
        lambda e: room.show_message(describe(e))).run()


def edit_public_titles(room: MeetingRoom) -> None:
    """The chair names each linked case of the current item for the projector, before showing it
    (blank: the projector shows its category, community and grid only)."""
    from desktop.core.messages import describe

    item = room.current_item()
    fig = room.data.figures.get(item.id) if room.data and item else None
    if item is None or fig is None or fig.cases is None:
        room.show_message(QCoreApplication.translate("RoomActions", "This item has no linked cases."))
        return
    for line in fig.cases.lines:
        about = " ".join(x for x in (line.category, line.community, line.grid) if x)
        title, ok = QInputDialog.getText(
            room, QCoreApplication.translate("RoomActions", "Public title"),
            QCoreApplication.translate("RoomActions", "Case {0} ({1}) on the projector as:").format(
                line.case_number, about), text=line.title)
        if not ok:
            return
        case_id = line.case_id
        DbWrite(room, lambda s, c=case_id, t=title: mt.set_public_title(s, item.id, c, t)).failure(
            lambda e: room.show_message(describe(e))).run()


class VoteBox(QWidget):
    """表决: 同意 / 反对 / 弃权 counts, or 一致同意 (all present agree); nothing ticked: not put to a vote."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.unanimous = QCheckBox(self.tr("Unanimous (一致同意)"))
        self.counts = [QSpinBox(maximum=999) for _ in range(3)]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unanimous)
        for label, box in zip((self.tr("For"), self.tr("Against"), self.tr("Abstain")), self.counts, strict=True):
            row.addWidget(QLabel(label))
            row.addWidget(box)
        self.unanimous.toggled.connect(lambda on: [b.setEnabled(not on) for b in self.counts])

    def votes(self, present: int) -> tuple[int, int, int] | None:
        if self.unanimous.isChecked():
            return (max(present, 1), 0, 0)
        counts = tuple(b.value() for b in self.counts)
        return counts if any(counts) else None  # type: ignore[return-value]

    def clear(self) -> None:
        self.unanimous.setChecked(False)
        for b in self.counts:
            b.setValue(0)
