"""Scrubbing secrets from text that may be shown: error messages and the SDK's debug log.

Libraries quote what they refuse in many forms: as it is, as a Python repr
(``'tok\\n'``), JSON-escaped, percent-encoded, or cut at a line break. Every
form is redacted, on the raw text, before anything else (collapsing whitespace,
truncating) could change how a secret appears in it.
"""
from __future__ import annotations

import json
import re
from typing import Iterable
from urllib.parse import quote

MASK = "***"
# A piece of a secret cut at whitespace this long is still worth hiding; a
# shorter one would hide ordinary words.
MIN_FRAGMENT = 8
_SEPARATORS = re.compile(r"\s+|\\[nrtfv]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|%0[9aAdD]|%20")


def forms(secret: str) -> set[str]:
    """The ways ``secret`` may be written in a message, and its pieces between whitespace."""
    written = {
        secret,
        repr(secret)[1:-1],
        json.dumps(secret)[1:-1],
        secret.encode("unicode_escape").decode("ascii"),
        quote(secret, safe=""),
    }
    pieces = {piece for form in written for piece in _SEPARATORS.split(form) if len(piece) >= MIN_FRAGMENT}
    return {form for form in written | pieces if form}


class Scrubber:
    """Replaces every form of the secrets it knows with ``***``."""

    def __init__(self, secrets: Iterable[str] = ()):
        self._forms: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        known = set(self._forms)
        for secret in secrets:
            if secret:
                known |= forms(secret)
        self._forms = sorted(known, key=len, reverse=True)  # whole values before their pieces

    def __call__(self, text: str) -> str:
        for form in self._forms:
            if form in text:
                text = text.replace(form, MASK)
        return text
