"""Splitting CSS meant for inlining into what can be inlined and what cannot.

``@media``, ``@font-face``, ``@supports`` and the other at-rules have no place in
a ``style`` attribute: css-inline silently drops them from the CSS it is given to
inline, which lost the mobile overrides of ``<mj-style inline="inline">``. They
stay in a ``<style>`` block in the head instead, as the reference MJML does.
"""
from __future__ import annotations

import re

_SIGNIFICANT = re.compile(r"[\"'{};]|/\*")


def split_at_rules(css: str) -> tuple[str, str]:
    """(the plain rules, the at-rules) of ``css``, each in its original order."""
    if "@" not in css:  # the usual case, and the scan below costs 0.1 ms a template
        return css, ""
    plain: list[str] = []
    at_rules: list[str] = []
    index, length = 0, len(css)
    while index < length:
        start = _skip_space_and_comments(css, index)
        if start >= length:
            break
        end = _statement_end(css, start)
        (at_rules if css[start] == "@" else plain).append(css[start:end].strip())
        index = end
    return "\n".join(plain), "\n".join(at_rules)


def _skip_space_and_comments(css: str, index: int) -> int:
    while index < len(css):
        if css[index].isspace():
            index += 1
        elif css.startswith("/*", index):
            close = css.find("*/", index + 2)
            index = len(css) if close < 0 else close + 2
        else:
            break
    return index


def _statement_end(css: str, index: int) -> int:
    """Where the rule or at-rule starting at ``index`` ends: after its block, or its ``;``."""
    depth = 0
    while index < len(css):
        found = _SIGNIFICANT.search(css, index)
        if found is None:
            return len(css)
        index = found.start()
        char = css[index]
        if char in "\"'":
            index = _string_end(css, index)
            continue
        if css.startswith("/*", index):
            close = css.find("*/", index + 2)
            index = len(css) if close < 0 else close + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth <= 0:
                return index + 1
        elif char == ";" and depth == 0:  # @import, @charset: no block
            return index + 1
        index += 1
    return index


def _string_end(css: str, index: int) -> int:
    quote = css[index]
    index += 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def add_style_block(html: str, css: str) -> str:
    """``html`` with a ``<style>`` block holding ``css`` at the end of its head."""
    if not css:
        return html
    block = f'<style type="text/css">{css}</style>'
    head_end = html.find("</head>")
    return html[:head_end] + block + html[head_end:] if head_end >= 0 else block + html
