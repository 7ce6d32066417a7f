"""Short-lived encrypted values for the session (ASVS V14.2): a personnummer a caseworker
searched for is kept in the session row only as a Fernet token (AES with an HMAC, from the
`cryptography` package) under a key derived from SECRET_KEY, which is not in the database. A
copy of the session table alone does not give the personnummer away, and a token older than
`max_age` seconds no longer opens."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet(purpose: str) -> Fernet:
    digest = hashlib.sha256(f"sus.sealed:{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(value: str, *, purpose: str) -> str:
    return _fernet(purpose).encrypt(value.encode()).decode()


def unseal(token: str, *, purpose: str, max_age: int) -> str | None:
    """The sealed value, or None when the token is forged, for another purpose or too old."""
    try:
        return _fernet(purpose).decrypt(token.encode(), ttl=max_age).decode()
    except (InvalidToken, ValueError):
        return None
