"""Small helpers the demo generator's phases share: epoch seconds, timestamps, names, weekdays."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import numpy as np

from db.demo.vocabulary import GIVEN_1, GIVEN_2, SURNAMES


def _epoch(t: dt.datetime) -> int:
    return int((t - dt.datetime(1970, 1, 1)).total_seconds())


def _from_epoch(s: int | float) -> dt.datetime:
    return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=int(s))


def _ts_strings(seconds: np.ndarray) -> np.ndarray:
    """int64 epoch seconds -> 'YYYY-MM-DD HH:MM:SS.000000' (SQLAlchemy's SQLite format)."""
    if len(seconds) == 0:
        return np.array([], dtype="U26")
    s = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="us")
    v = s.view(np.uint32).reshape(len(s), -1)
    v[:, 10] = 32  # 'T' -> ' '
    return s


def _nullable(values: np.ndarray, mask: np.ndarray) -> list[Any]:
    """Python list of ``values`` with None where ``mask`` is False."""
    obj = values.astype(object)
    obj[~mask] = None
    return obj.tolist()


class _Names:
    """Plausible Chinese names from surname and given-name lists (deterministic)."""

    def __init__(self, py: random.Random):
        self.py = py
        self.used: set[str] = set()
        w = [1.0 / (i + 6) for i in range(len(SURNAMES))]
        self.surname_w = w

    def one(self, unique: bool = True) -> str:
        for _ in range(100):
            s = self.py.choices(SURNAMES, weights=self.surname_w)[0]
            g = self.py.choice(GIVEN_2) if self.py.random() < 0.65 else self.py.choice(GIVEN_1)
            name = s + g
            if not unique or name not in self.used:
                self.used.add(name)
                return name
        return name

    def phone(self) -> str:
        p = self.py
        return f"1{p.choice('35789')}{p.randint(0, 9)}-{p.randint(0, 9999):04d}-{p.randint(0, 9999):04d}"


def _weekday_at(d: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return dt.datetime.combine(d, dt.time(hour, minute))
