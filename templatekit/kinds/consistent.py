"""A front matter value that must be the same in every template linted together.

Repository-wide: it runs once over the summaries of all linted templates.
Templates that leave the value out are not compared. The value most templates
use is taken as intended; each template that differs is reported.

Options: ``field`` (business or type).
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterator

from . import Finding
from .options import Option, one_of

FIELDS = ("value", "expected", "count", "example")

OPTIONS = {"field": Option(one_of("business", "type"), required=True, doc="the front matter key")}


def check_all(options: dict[str, Any], summaries) -> Iterator[tuple[Any, Finding]]:
    """(summary, finding) for each template whose value differs from the most common one."""
    field = options["field"]
    valued = [s for s in summaries if s.fields.get(field)]
    counts = Counter(s.fields[field] for s in valued)
    if len(counts) < 2:
        return
    expected, count = counts.most_common(1)[0]
    example = next(s for s in valued if s.fields[field] == expected)
    for summary in valued:
        value = summary.fields[field]
        if value != expected:
            fields = {"value": value, "expected": expected, "count": count, "example": summary_name(example)}
            yield summary, Finding(fields, key=field)


def summary_name(summary) -> str:
    from ..errors import display_path

    return display_path(summary.path)
