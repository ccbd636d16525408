"""Ed25519 signatures: a person's private key in the system keyring of their PC, checks anywhere.

The private key never leaves the PC that made it: it is kept in the operating system's keyring
(``keyring``: Secret Service, Windows Credential Locker, macOS Keychain) under :data:`SERVICE` and
the person's user name, as the hex of its 32 raw bytes. Its public half is registered in the
database (``db.meetings.signatures``) so that any PC can check what it signed.

A key is named by its fingerprint: SHA-256 of the 32 raw public bytes. People compare the short
form (:func:`short_fingerprint`, the first 16 hex digits in groups of four, as printed on the
minutes) with what ``streetboard keys show`` prints on the approver's PC.
"""

from __future__ import annotations

import hashlib

import keyring
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from keyring.errors import KeyringError

SERVICE = "StreetBoard signing key"
SHORT_DIGITS = 16


class SigningError(Exception):
    """A key cannot be made, found or used. ``reason``: ``no_keyring`` (the PC has no usable
    keyring) · ``no_key`` (this PC holds no key for the person) · ``bad_key`` (what the keyring
    holds is not a key)."""

    def __init__(self, reason: str, username: str):
        self.reason, self.username = reason, username
        super().__init__(f"{reason}: {username}")


def fingerprint(public_key: bytes) -> str:
    """The full fingerprint of a raw public key: SHA-256, 64 hex digits (lower case)."""
    return hashlib.sha256(public_key).hexdigest()


def short_fingerprint(full: str) -> str:
    """``AB12 CD34 EF56 7890``: the first 16 hex digits of a fingerprint, upper case, in fours."""
    head = full[:SHORT_DIGITS].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _stored(username: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, username)
    except KeyringError as error:
        raise SigningError("no_keyring", username) from error


def private_key(username: str) -> Ed25519PrivateKey:
    """The person's private key from this PC's keyring."""
    stored = _stored(username)
    if not stored:
        raise SigningError("no_key", username)
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
    except ValueError as error:
        raise SigningError("bad_key", username) from error


def has_key(username: str) -> bool:
    return bool(_stored(username))


def ensure_key(username: str) -> bytes:
    """The raw public key of the person's key on this PC, made (and kept in the keyring) if absent."""
    if has_key(username):
        return public_bytes(private_key(username))
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw().hex()
    try:
        keyring.set_password(SERVICE, username, raw)
    except KeyringError as error:
        raise SigningError("no_keyring", username) from error
    return public_bytes(private)


def sign(username: str, message: bytes) -> tuple[bytes, bytes]:
    """Sign ``message`` with the person's key on this PC: (raw public key, 64-byte signature)."""
    private = private_key(username)
    return public_bytes(private), private.sign(message)


def is_valid(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is the holder of ``public_key`` signing exactly ``message``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True
