"""Masking of residents' personal data for anything shown to a room (the projector, shared images).

``mask_name("张三") == "张*"``, ``mask_phone("13812345678") == "138****5678"``; :func:`mask_text`
masks phone numbers that appear inside free text (a case title or description).
"""

from __future__ import annotations

import re

__all__ = ["mask_name", "mask_phone", "mask_text"]

_PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def mask_name(name: str) -> str:
    """Keep the first character (the surname), star the rest: 张三 → 张*, 欧阳娜娜 → 欧***."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """Keep the first three and the last four digits: 13812345678 → 138****5678.

    Separators are dropped; numbers with fewer than eight digits are starred entirely.
    """
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return ""
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_text(text: str) -> str:
    """Mask every phone number inside ``text``."""
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(1)), text or "")
