"""Front matter in the plainest YAML, read without a YAML parser.

Most front matter is a few ``key: value`` lines and one indented mapping
(``variables:``) of the same. libyaml's parser, PyYAML's constructor and the
duplicate-key checks cost 0.033 ms a template here for that; this 0.013 ms.
Only text where nothing can mean anything else is read here: no comments, escapes, tabs, blank lines, flow or block collections, tags,
anchors or multi-line scalars, every key and plain value one that PyYAML's own
resolver reads as a string, no key twice. Anything else is for the parser, so
values and errors are always PyYAML's.
"""
from __future__ import annotations

import re
from typing import Any

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Characters YAML refuses in a stream (PyYAML's Reader), and the line breaks it reads besides "\n".
# Written as the few refused ranges, not as the complement of the allowed ones: the
# same set (checked over every code point), compiled at start-up in 0.4 ms, not 4.8.
_REFUSED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# What a plain scalar may not start with: an indicator.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def simple_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """(values, line of each top-level key) of ``text``, or None when only a YAML parser can tell."""
    if not text or "#" in text or "\\" in text or "\t" in text or _REFUSED.search(text):
        return None
    from yaml.resolver import Resolver

    resolvers = Resolver.yaml_implicit_resolvers
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    nested: dict[str, Any] | None = None  # the mapping being read under a "key:" line
    indent = 0
    for index, line in enumerate(text.split("\n")):
        if line.startswith(" "):
            if nested is None:
                return None
            width = len(line) - len(line.lstrip(" "))
            if indent == 0:
                indent = width
            if width != indent:
                return None
            entry = _entry(line[width:], resolvers)
            if entry is None or entry[1] is None or entry[0] in nested:
                return None
            nested[entry[0]] = entry[1]
            continue
        if nested is not None and not nested:
            return None  # "key:" with nothing under it is null
        entry = _entry(line, resolvers)
        if entry is None or entry[0] in values:
            return None
        key, value = entry
        nested, indent = ({}, 0) if value is None else (None, 0)
        values[key] = nested if value is None else value
        lines[key] = first_line + index
    if nested is not None and not nested:
        return None
    return values, lines


def _entry(line: str, resolvers) -> tuple[str, str | None] | None:
    """(key, value) of a ``key: value`` line, value None for ``key:``; None for any other line."""
    if line.endswith(":"):
        key, value = line[:-1], None
    else:
        key, colon, rest = line.partition(": ")
        if not colon:
            return None
        value = _scalar(rest.strip(" "), resolvers)
        if value is None:
            return None
    if not _KEY.fullmatch(key) or not _is_string(key, resolvers):
        return None
    return key, value


def _scalar(text: str, resolvers) -> str | None:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        inner = text[1:-1]
        return None if text[0] in inner else inner
    if not text or text[0] in _INDICATORS or ": " in text or text.endswith(":") or not _is_string(text, resolvers):
        return None
    return text


def _is_string(plain: str, resolvers) -> bool:
    # As PyYAML's Resolver.resolve for a plain scalar: no implicit type (bool, int, float, null, timestamp...).
    return not any(regexp.match(plain) for _, regexp in resolvers.get(plain[0], []) + resolvers.get(None, []))
