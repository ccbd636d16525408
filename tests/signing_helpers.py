"""Signing in tests: a keyring in memory (never the PC's own) and approval as the panel does it."""

from __future__ import annotations

from keyring.backend import KeyringBackend

from db.meetings import minutes as mn
from db.meetings import signatures


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict for the life of one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def approve(session, meeting_id: int, approver: str = "书记") -> mn.Approval:  # noqa: ANN001
    """Register the approver's key (idempotent), read the draft as the panel shows it, approve that."""
    signatures.register_key(session, approver)
    shown = mn.minutes_record(session, meeting_id).shown_hash
    return mn.approve_minutes(session, meeting_id, approver, expected_hash=shown)
