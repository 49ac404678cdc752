"""Regular expressions that must not appear (or must appear) in the given scopes.

Options: ``patterns`` (regular expressions, matched ignoring case and on text
whose full-width letters and digits are read as ASCII: ``\bQQ`` finds ＱＱ), ``scopes``,
``must`` (``not-appear``, the default, or ``appear``), and ``inserted_on_send``
(for ``appear``: the required text is added when sending, for example the SES
console's automatic unsubscribe link, so the template need not have it).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from . import Finding
from .prefilter import may_match, prefix_searchers, required_prefixes, with_lookahead
from .options import Option, boolean, one_of, patterns, scopes

FIELDS = ("match", "scope")


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    # One alternation: overlapping patterns then report one match, not two.
    combined = with_lookahead("|".join(f"(?:{p.pattern})" for p in options["patterns"]), re.I)
    prefixes = required_prefixes(tuple(p.pattern for p in options["patterns"]))
    return {**options, "combined": combined, "prefixes": prefix_searchers(prefixes) if prefixes else None}

OPTIONS = {
    "patterns": Option(patterns, required=True, doc="regular expressions (case is ignored)"),
    "scopes": Option(scopes, default=("subject", "body", "preheader", "alt"), doc="where to look"),
    "must": Option(one_of("not-appear", "appear"), default="not-appear", doc="not-appear or appear"),
    "inserted_on_send": Option(boolean, default=False, doc="the required text is added when sending"),
}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    if options["must"] == "appear":
        if options["inserted_on_send"]:
            return
        for scope in options["scopes"]:
            if options["combined"].search(document.folded(scope)):
                return
        yield Finding({"match": "", "scope": ", ".join(options["scopes"])}, key="type")
        return
    prefixes = options.get("prefixes")
    for scope in options["scopes"]:
        seen: set[str] = set()
        text = document.scopes[scope]
        if prefixes and not may_match(prefixes, document.folded(scope)):
            continue
        for match in options["combined"].finditer(document.folded(scope)):
            written = text[match.start() : match.end()]  # as written: the source may use full-width forms
            if written.lower() in seen:
                continue
            seen.add(written.lower())
            fields = {"match": " ".join(written.split()), "scope": scope}
            if scope == "subject":
                yield Finding(fields, key="subject")
            else:
                yield Finding(fields, snippet=written, in_text=scope in ("body", "preheader"))
