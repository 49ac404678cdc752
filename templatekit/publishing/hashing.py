"""The sha256 of a template's parts, as recorded in the lock file (the same as ``Built.html_sha256``)."""
from __future__ import annotations

import hashlib

from ..providers import Content


def sha256(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


def content_hashes(content: Content) -> tuple[str | None, str | None]:
    return sha256(content.html), sha256(content.text)
