"""Inline suppressions in a template: Jinja comments that turn rules off.

``{# templatekit: disable=url #}`` turns the rules off for the next line;
``{# templatekit: disable-file=spam-words,url #}`` for the whole file (in a
template: its whole email, text from its partials included); ``all`` stands
for every rule. Jinja comments never reach the built email.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_COMMENT = re.compile(r"\{#-?\s*templatekit\s*:\s*(disable-file|disable)\s*=\s*(.*?)\s*-?#\}", re.S)
ALL = "all"


@dataclass(frozen=True)
class Suppression:
    path: Path
    line: int  # where the comment is
    column: int
    rule: str
    target: int | None  # the line it covers; None: the whole file

    def covers(self, rule: str, line: int) -> bool:
        return (self.rule == rule or self.rule == ALL) and (self.target is None or self.target == line)


def parse(path: Path, text: str) -> list[Suppression]:
    found = []
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        target = None if match.group(1) == "disable-file" else text.count("\n", 0, match.end()) + 2
        for rule in re.split(r"[\s,]+", match.group(2)):
            if rule:
                found.append(Suppression(path, line, column, rule, target))
    return found
