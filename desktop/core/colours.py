"""The app's colours for states a user must notice, one palette for every page.

"Overdue" (a resolution or task, an agreement item past its deadline) is the same red wherever it
shows and good news the same green.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

OVERDUE_BACKGROUND = QColor("#FBEAEA")
OVERDUE_TEXT = QColor("#C62828")
GOOD_TEXT = QColor("#1B7F3B")
