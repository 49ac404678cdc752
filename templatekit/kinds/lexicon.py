"""Terms from a lexicon that must not appear in the given scopes of the email.

Options: ``terms`` (a list, or a mapping from topic to list; packs fill it from
their lexicon files), ``extra_terms`` (added by a project), ``allow`` (terms a
project accepts), ``scopes``. Matching ignores case, hyphens, runs of
whitespace ("cash-back" is "cash back") and width (ｃａｓｉｎｏ is casino); Latin terms match whole words only, CJK
terms anywhere (Chinese has no spaces). Two markers refine a term:

* ``!phrase`` is an exception, not a term: a match that overlaps an occurrence
  of the phrase is not reported. Chinese words run together, so 转运 (superstition)
  sits inside 转运中心 (a parcel hub) and 加我 inside 参加我们; the exceptions
  转运中心 and 参加 say so. An exception cancels matches of any topic.
* ``term (case)`` matches only as written, case included: ``xxx (case)`` is
  pornography, while XXX is a placeholder ("尊敬的XXX用户", "card ending XXX-1234").

The whole lexicon, exceptions included, is one Aho-Corasick automaton (see
``Matcher``): one pass over the text finds both.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from ..widths import fold_width
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


_CASE = " (case)"
EXCEPTION = "!"


def key(term: str) -> str:
    """How a term is compared: lower case, hyphens as spaces, single spaces, markers removed."""
    term = term.strip()
    if term.startswith(EXCEPTION):
        term = term[1:]
    if term.endswith(_CASE):
        term = term[: -len(_CASE)]
    return " ".join(term.lower().replace("-", " ").split())


def _written(term: str) -> str:
    """The term as it must appear, for ``(case)`` terms: hyphens as spaces, single spaces."""
    return " ".join(term[: -len(_CASE)].replace("-", " ").split())


class Matcher:
    """Every term and exception of a lexicon in one Aho-Corasick automaton (ahocorasick-rs).

    Measured on the SES lexicons (``benchmarks/lexicon.py``): about 7 us to scan a
    template's text, against 3.5 ms for one alternation regex of all the terms
    and 0.6 ms for an alternation sharing its word-edge checks.
    """

    def __init__(self, lookup: dict[str, tuple[str, str]]):
        import ahocorasick_rs

        # key -> (term as listed, topic); an exception's term starts with "!".
        self.lookup = lookup
        self.terms = list(lookup)
        self.exact = [_written(lookup[k][0]) if lookup[k][0].endswith(_CASE) else None for k in self.terms]
        self.exception = [lookup[k][0].startswith(EXCEPTION) for k in self.terms]
        self.automaton = ahocorasick_rs.AhoCorasick(self.terms)

    def __reduce__(self):
        # The automaton itself cannot be pickled; rebuilding it is cheap, and
        # rule sets must travel to worker processes.
        return (Matcher, (self.lookup,))

    def find(self, text: str, forms: tuple[str, str] | None = None) -> list[tuple[str, str, str]]:
        """(text as written, term, topic) for each match, leftmost-longest, whole Latin words only.

        ``forms``: ``compared(text)``, when the caller has it already.
        """
        normalised, lowered = forms or compared(text)
        candidates, exceptions = [], []
        for index, start, end in self.automaton.find_matches_as_indexes(lowered, overlapping=True):
            term = self.terms[index]
            if _LATIN.match(term[0]) and start > 0 and _LATIN.match(lowered[start - 1]):
                continue
            if _LATIN.match(term[-1]) and end < len(lowered) and _LATIN.match(lowered[end]):
                continue
            if self.exception[index]:
                exceptions.append((start, end))
                continue
            exact = self.exact[index]
            if exact is not None and normalised[start:end].replace("-", " ") != exact:
                continue
            candidates.append((start, -(end - start), end, term))
        if exceptions:
            candidates = [c for c in candidates if not any(s < c[2] and c[0] < e for s, e in exceptions)]
        found, reached = [], 0
        for start, _, end, term in sorted(candidates):
            if start >= reached:
                listed, topic = self.lookup[term]
                found.append((normalised[start:end], listed.removesuffix(_CASE), topic))
                reached = end
        return found


def compared(text: str) -> tuple[str, str]:
    """``text`` with single spaces, and the same as terms are compared (``key``), of the same length."""
    normalised = " ".join(text.split())
    lowered = normalised.lower()
    if len(lowered) != len(normalised):  # a few letters change length when lowered
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in normalised)
    lowered = fold_width(lowered)
    if "-" in lowered:
        lowered = lowered.replace("-", " ")
    return normalised, lowered


def compile_terms(topics: dict[str, tuple[str, ...]]) -> Matcher:
    """A matcher for the whole lexicon; terms compare as ``key`` gives them."""
    lookup: dict[str, tuple[str, str]] = {}
    for topic, terms in topics.items():
        for term in terms:
            if key(term):
                lookup.setdefault(key(term), (term.strip(), topic))
    return Matcher(lookup)


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    topics = dict(options["terms"])
    if options["extra_terms"]:
        topics["project"] = topics.get("project", ()) + options["extra_terms"]
    allowed = {key(term) for term in options["allow"]}
    topics = {
        topic: tuple(t for t in terms if t.strip().startswith(EXCEPTION) or key(t) not in allowed)
        for topic, terms in topics.items()
    }
    if not any(not t.strip().startswith(EXCEPTION) for terms in topics.values() for t in terms):
        raise OptionError("the lexicon has no terms")
    return {**options, "matcher": compile_terms(topics)}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    for scope in options["scopes"]:
        seen: set[str] = set()
        # banned-topic and spam-words search the same texts: preparing them (spaces,
        # case, width) once is 0.10 -> 0.03 ms a template for the second rule.
        forms = document.computed(("lexicon", scope), lambda: compared(document.scopes[scope]))
        for written, term, topic in options["matcher"].find(document.scopes[scope], forms):
            if term in seen:
                continue
            seen.add(term)
            fields = {"term": term, "topic": topic or "project", "scope": scope}
            if scope == "subject":
                yield Finding(fields, key="subject")
            else:
                yield Finding(fields, snippet=written, in_text=scope in ("body", "preheader"))
