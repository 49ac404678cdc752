"""Terms from a lexicon that must not appear in the given scopes of the email.

Options: ``terms`` (a list, or a mapping from topic to list; packs fill it from
their lexicon files), ``extra_terms`` (added by a project), ``allow`` (terms a
project accepts), ``scopes``. Matching ignores case and runs of whitespace;
Latin terms match whole words only, CJK terms anywhere (Chinese has no spaces).
The whole lexicon is one Aho-Corasick automaton (see ``Matcher``).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from . import Finding
from .options import Option, OptionError, scopes, strings

FIELDS = ("term", "topic", "scope")

# Letters and digits of Latin scripts: a Latin term must not continue into them.
_EDGE = r"[A-Za-z0-9\u00c0-\u024f]"
_LATIN = re.compile(_EDGE)


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


class Matcher:
    """Every term of a lexicon in one Aho-Corasick automaton (ahocorasick-rs).

    Measured on the SES lexicons (``benchmarks/lexicon.py``): about 7 us to scan a
    template's text, against 3.5 ms for one alternation regex of all the terms
    and 0.6 ms for an alternation sharing its word-edge checks.
    """

    def __init__(self, lookup: dict[str, tuple[str, str]]):
        import ahocorasick_rs

        self.lookup = lookup
        self.terms = list(lookup)
        self.automaton = ahocorasick_rs.AhoCorasick(self.terms)

    def __reduce__(self):
        # The automaton itself cannot be pickled; rebuilding it is cheap, and
        # rule sets must travel to worker processes.
        return (Matcher, (self.lookup,))

    def find(self, text: str) -> list[tuple[str, str, str]]:
        """(text as written, term, topic) for each match, leftmost-longest, whole Latin words only."""
        normalised = " ".join(text.split())
        lowered = normalised.lower()
        if len(lowered) != len(normalised):  # a few letters change length when lowered
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in normalised)
        candidates = []
        for index, start, end in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            term = self.terms[index]
            if _LATIN.match(term[0]) and start > 0 and _LATIN.match(lowered[start - 1]):
                continue
            if _LATIN.match(term[-1]) and end < len(lowered) and _LATIN.match(lowered[end]):
                continue
            candidates.append((start, -(end - start), end, term))
        found, reached = [], 0
        for start, _, end, term in sorted(candidates):
            if start >= reached:
                found.append((normalised[start:end], *self.lookup[term]))
                reached = end
        return found


def compile_terms(topics: dict[str, tuple[str, ...]]) -> Matcher:
    """A matcher for the whole lexicon; terms compare in lower case with single spaces."""
    lookup: dict[str, tuple[str, str]] = {}
    for topic, terms in topics.items():
        for term in terms:
            if term.strip():
                lookup.setdefault(key(term), (term.strip(), topic))
    return Matcher(lookup)


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    topics = dict(options["terms"])
    if options["extra_terms"]:
        topics["project"] = topics.get("project", ()) + options["extra_terms"]
    allowed = {key(term) for term in options["allow"]}
    topics = {topic: tuple(t for t in terms if key(t) not in allowed) for topic, terms in topics.items()}
    if not any(topics.values()):
        raise OptionError("the lexicon has no terms")
    return {**options, "matcher": compile_terms(topics)}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    for scope in options["scopes"]:
        seen: set[str] = set()
        for written, term, topic in options["matcher"].find(document.scopes[scope]):
            if term in seen:
                continue
            seen.add(term)
            fields = {"term": term, "topic": topic or "project", "scope": scope}
            if scope == "subject":
                yield Finding(fields, key="subject")
            else:
                yield Finding(fields, snippet=written)
