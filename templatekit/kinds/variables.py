"""SES variables in the output against those declared in the front matter.

``check: undeclared``: a ``{{name}}`` in the subject, HTML or text that the front
matter does not declare (SES then cannot fill it, and the send fails with
FailedOperation.TemplateNotMatchData). ``check: unused``: a declared variable the
template never uses. Already-built HTML declares nothing and is not checked.
"""
from __future__ import annotations

from typing import Any, Iterator

from . import Finding
from .options import Option, one_of

FIELDS = ("variable",)

OPTIONS = {"check": Option(one_of("undeclared", "unused"), required=True, doc="undeclared or unused")}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    if document.declared is None:
        return
    used = dict.fromkeys(document.used_variables)
    if options["check"] == "undeclared":
        for name in used:
            if name not in document.declared:
                yield Finding({"variable": name}, snippet="{{" + name + "}}")
    else:
        for name in document.declared:
            if name not in used:
                yield Finding({"variable": name}, key="variables")
