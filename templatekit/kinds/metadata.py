"""A front matter value that must be present and not empty (the subject, say).

Options: ``field`` (subject, summary, business or name).
"""
from __future__ import annotations

from typing import Any, Iterator

from . import Finding
from .options import Option, one_of

FIELDS = ("field",)

OPTIONS = {"field": Option(one_of("subject", "summary", "business", "name"), required=True, doc="the front matter key")}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    field = options["field"]
    value = getattr(document, field)
    if value is None or not str(value).strip():
        yield Finding({"field": field}, key=field)
