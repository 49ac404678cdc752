"""Terms from a lexicon that must not appear in the given scopes of the email.

Options: ``terms`` (a list, or a mapping from topic to list; packs fill it from
their lexicon files), ``extra_terms`` (added by a project), ``allow`` (terms a
project accepts), ``scopes``. Matching ignores case and runs of whitespace;
Latin terms match whole words only, CJK terms anywhere (Chinese has no spaces).
The whole lexicon is one compiled alternation, measured faster than an
Aho-Corasick automaton on lexicons of this size (``benchmarks/lexicon.py``).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from . import Finding
from .options import Option, OptionError, scopes, strings

FIELDS = ("term", "topic", "scope")

_LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_EDGE = r"[A-Za-z0-9\u00c0-\u024f]"


def _terms(value: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(value, dict):
        return {str(topic): strings(items) for topic, items in value.items()}
    return {"": strings(value)}


OPTIONS = {
    "terms": Option(_terms, default={}, doc="terms, or topics mapped to terms"),
    "extra_terms": Option(strings, default=(), doc="more terms (a project's own)"),
    "allow": Option(strings, default=(), doc="terms not to report"),
    "scopes": Option(scopes, default=("subject", "body", "preheader", "alt"), doc="where to look"),
}


def key(term: str) -> str:
    return " ".join(term.lower().split())


def compile_terms(topics: dict[str, tuple[str, ...]]) -> tuple[re.Pattern | None, dict[str, tuple[str, str]]]:
    """One regular expression for the whole lexicon, and matched text -> (term, topic)."""
    lookup: dict[str, tuple[str, str]] = {}
    for topic, terms in topics.items():
        for term in terms:
            if term.strip():
                lookup.setdefault(key(term), (term.strip(), topic))
    if not lookup:
        return None, lookup
    alternatives = []
    for normalised in sorted(lookup, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in normalised.split())
        before = f"(?<!{_EDGE})" if _LATIN.match(normalised[0]) else ""
        after = f"(?!{_EDGE})" if _LATIN.match(normalised[-1]) else ""
        alternatives.append(before + body + after)
    return re.compile("|".join(alternatives), re.I), lookup


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    topics = dict(options["terms"])
    if options["extra_terms"]:
        topics["project"] = topics.get("project", ()) + options["extra_terms"]
    allowed = {key(term) for term in options["allow"]}
    topics = {topic: tuple(t for t in terms if key(t) not in allowed) for topic, terms in topics.items()}
    if not any(topics.values()):
        raise OptionError("the lexicon has no terms")
    pattern, lookup = compile_terms(topics)
    return {**options, "pattern": pattern, "lookup": lookup}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    pattern, lookup = options["pattern"], options["lookup"]
    for scope in options["scopes"]:
        seen: set[str] = set()
        for match in pattern.finditer(document.scopes[scope]):
            found = key(match.group(0))
            if found in seen:
                continue
            seen.add(found)
            term, topic = lookup.get(found, (match.group(0), ""))
            fields = {"term": term, "topic": topic or "project", "scope": scope}
            if scope == "subject":
                yield Finding(fields, key="subject")
            else:
                yield Finding(fields, snippet=match.group(0))
