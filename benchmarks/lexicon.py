"""Lexicon matching: one compiled alternation against Aho-Corasick automata, on the real SES lexicons.

Prints the time to scan the visible text of the bundled templates (repeated to
a realistic body size) with the banned-topic and spam-word lexicons.
Run: python benchmarks/lexicon.py
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from templatekit.kinds.lexicon import _EDGE, compile_terms, key  # noqa: E402  (compile_terms: what lint uses)
from templatekit.packs import read_lexicon  # noqa: E402

LEXICONS = ["banned-topics.en.txt", "banned-topics.zh.txt", "spam-words.en.txt", "spam-words.zh.txt"]
_LATIN_EDGE = re.compile(_EDGE)


def sample_text() -> str:
    from templatekit.document import measure
    from templatekit.project import Project

    project = Project.discover(ROOT)
    texts = []
    for path in project.find_templates(None):
        template = project.load(path)
        built = template.build(inline=False)
        document = measure(
            path=path, name=built.name, type=built.type, source_kind=template.kind, subject=built.subject,
            declared={}, business=None, html=built.html, text=built.text,
        )
        texts.append(document.scopes["body"])
    return " ".join(texts)


def alternation(terms: list[str]) -> re.Pattern:
    """One regex, each term with its own word-edge checks."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in term.split())
        before = f"(?<!{_EDGE})" if _LATIN_EDGE.match(term[0]) else ""
        after = f"(?!{_EDGE})" if _LATIN_EDGE.match(term[-1]) else ""
        parts.append(before + body + after)
    return re.compile("|".join(parts), re.I)


def with_regex(pattern, text):
    return [m.group(0) for m in pattern.finditer(text)]


def with_pyahocorasick(automaton, text):
    lowered = text.lower()
    found = []
    for end, term in automaton.iter(lowered):
        start = end - len(term) + 1
        if _LATIN_EDGE.match(term[0]) and start > 0 and _LATIN_EDGE.match(lowered[start - 1]):
            continue
        if _LATIN_EDGE.match(term[-1]) and end + 1 < len(lowered) and _LATIN_EDGE.match(lowered[end + 1]):
            continue
        found.append(text[start : end + 1])
    return found


def with_ahocorasick_rs(automaton, terms, text):
    lowered = text.lower()
    found = []
    for index, start, end in automaton.find_matches_as_indexes(lowered, overlapping=True):
        term = terms[index]
        if _LATIN_EDGE.match(term[0]) and start > 0 and _LATIN_EDGE.match(lowered[start - 1]):
            continue
        if _LATIN_EDGE.match(term[-1]) and end < len(lowered) and _LATIN_EDGE.match(lowered[end]):
            continue
        found.append(text[start:end])
    return found


def timed(label: str, function, repeat: int = 200) -> None:
    function()
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    elapsed = (time.perf_counter() - start) / repeat
    print(f"{label:<28} {elapsed * 1e6:9.1f} us per scan")


def main() -> None:
    topics: dict[str, list[str]] = {}
    for name in LEXICONS:
        for topic, term in read_lexicon(ROOT / "rules" / "lexicons" / name):
            topics.setdefault(topic, []).append(term)
    terms = sorted({key(t) for items in topics.values() for t in items})
    text = sample_text()
    for size, body in (("one template (~1.5 KB)", text[:1500]), ("all bundled (~%d KB)" % (len(text) // 1024), text), ("20x bundled", text * 20)):
        print(f"\n{len(terms)} terms, {size}: {len(body)} characters")
        start = time.perf_counter()
        pattern = alternation(terms)
        print(f"{'regex compile':<28} {(time.perf_counter() - start) * 1e3:9.2f} ms (once per run)")
        timed("one alternation regex", lambda: with_regex(pattern, body))
        latin = [t for t in terms if _LATIN_EDGE.match(t[0])]
        other = [t for t in terms if not _LATIN_EDGE.match(t[0])]
        factored = re.compile(
            f"(?<!{_EDGE})(?:" + "|".join(re.escape(t) for t in sorted(latin, key=len, reverse=True)) + f")(?!{_EDGE})|"
            + "|".join(re.escape(t) for t in sorted(other, key=len, reverse=True)),
            re.I,
        )
        timed("alternation, shared edges", lambda: with_regex(factored, body))
        try:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for term in terms:
                automaton.add_word(term, term)
            automaton.make_automaton()
            timed("pyahocorasick", lambda: with_pyahocorasick(automaton, body))
        except ImportError:
            print("pyahocorasick not installed")
        try:
            import ahocorasick_rs

            rs = ahocorasick_rs.AhoCorasick(terms)
            timed("ahocorasick-rs", lambda: with_ahocorasick_rs(rs, terms, body))
            matcher = compile_terms({topic: tuple(items) for topic, items in topics.items()})
            timed("templatekit Matcher", lambda: matcher.find(body))
        except ImportError:
            print("ahocorasick-rs not installed")


if __name__ == "__main__":
    main()
