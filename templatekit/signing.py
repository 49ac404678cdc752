"""A per-user secret that signs what templatekit caches inside a repository.

Cache files live in the repository (``.templatekit_cache/``), where a pull
request could plant one: a forged lint result would hide problems, and a forged
Jinja bytecode file would run code. Each file is signed with a key kept in the
user's own cache folder, outside any repository, so only files this user's
templatekit wrote are ever read back.
"""
from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

_KEY: bytes | None = None
_LOADED = False


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "templatekit" / "signing-key"


def signing_key() -> bytes | None:
    """The user's key, created on first use; None when it cannot be kept (then nothing is cached)."""
    global _KEY, _LOADED
    if _LOADED:
        return _KEY
    _LOADED = True
    path = key_file()
    try:
        _KEY = path.read_bytes()
        if len(_KEY) < 32:
            raise OSError("key too short")
    except OSError:
        import secrets  # only to make a key: 2.4 ms of every start otherwise

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fresh = secrets.token_bytes(32)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(fresh)
            _KEY = fresh
        except FileExistsError:  # another process created it first
            _KEY = path.read_bytes() if path.is_file() else None
        except OSError:
            _KEY = None
    return _KEY


def sign(payload: bytes) -> bytes | None:
    key = signing_key()
    return None if key is None else hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")


def verify(payload: bytes, signature: bytes) -> bool:
    expected = sign(payload)
    return expected is not None and hmac.compare_digest(expected, signature.strip())


def reset() -> None:
    """Forget the loaded key (tests change XDG_CACHE_HOME)."""
    global _KEY, _LOADED
    _KEY, _LOADED = None, False


def signed(payload: bytes) -> bytes | None:
    """``payload`` as a cache file holds it: its signature, a newline, then it; None without a key."""
    signature = sign(payload)
    return None if signature is None else signature + b"\n" + payload


def read_signed(path: Path) -> bytes | None:
    """The payload of a file ``signed`` wrote with this user's key; None when missing, unreadable or forged."""
    try:
        signature, _, payload = path.read_bytes().partition(b"\n")
    except OSError:
        return None
    return payload if verify(payload, signature) else None
