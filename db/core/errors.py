"""Errors every area raises for input the database refuses."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Input the database refuses. ``code`` is stable (the app turns it into one sentence).

    Codes: ``empty_title`` · ``unknown_unit`` · ``unknown_community`` · ``unknown_project`` ·
    ``unknown_need`` · ``unknown_resource`` · ``unknown_claim`` · ``already_claimed`` ·
    ``already_delivered`` · ``project_closed`` · ``date_order`` · ``bad_weight`` ·
    ``unknown_measure`` · ``past_scheme_locked`` · ``unknown_pairing`` · ``unknown_agreement`` ·
    ``unknown_item`` · ``unknown_label`` · ``not_municipal`` · ``duplicate`` ·
    ``progress_out_of_range`` · ``due_before_year`` · ``bad_year`` · ``bad_position``.
    """

    def __init__(self, code: str, **details: Any):
        self.code = code
        self.details = details
        text = ", ".join(f"{k}={v!r}" for k, v in details.items())
        super().__init__(f"{code}: {text}" if text else code)




def clean_title(text: str | None) -> str:
    """A title without surrounding whitespace; an empty one is refused (``empty_title``)."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InputError("empty_title")
    return cleaned
