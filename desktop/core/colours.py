"""The app's colours for states a user must notice, one palette for every page.

"Overdue" (a case, a resolution, an agreement item past its deadline) is the same red wherever it
shows; good news is the same green; secondary text the same grey.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

OVERDUE_BACKGROUND = QColor("#FBEAEA")
OVERDUE_TEXT = QColor("#C62828")
MUTED_TEXT = QColor("#656D76")
GOOD_TEXT = QColor("#1B7F3B")
