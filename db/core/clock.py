"""The one clock: what "now" and "today" are for every read, write and page.

Naive local time in whole seconds, as the tables store it (``DateTime`` columns without a zone).
A test that needs a fixed moment replaces the source, and every area follows::

    monkeypatch.setattr(clock, "source", lambda: dt.datetime(2026, 6, 15, 9, 30))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

#: Where the time comes from; replaced by tests that freeze it.
source: Callable[[], dt.datetime] = dt.datetime.now


def now() -> dt.datetime:
    """The current local time, microseconds dropped."""
    return source().replace(microsecond=0)


def today() -> dt.date:
    """The current local date."""
    return source().date()
