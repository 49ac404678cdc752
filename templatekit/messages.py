"""A rule's message filled in: the finding's fields, then the document's measures by name."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .kinds import Finding
from .vocabulary import MEASURES

if TYPE_CHECKING:
    from .document import Document


class _Fields(dict):
    """A finding's fields, then the document's measures (read only if the message names them)."""

    def __init__(self, fields: dict[str, Any], document: Document | None):
        super().__init__(fields)
        self.document = document

    def __missing__(self, key: str) -> str:
        if self.document is not None and key in MEASURES:
            return _number(self.document.measure(key))
        return "{" + key + "}"


def format_message(template: str, finding: Finding, document: Document | None) -> str:
    return template.format_map(_Fields(finding.fields, document))


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:.2f}"
