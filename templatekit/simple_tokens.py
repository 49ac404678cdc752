"""The tokens of a simple template (``simple_templates.py``) read tag by tag, without Jinja's lexer.

A simple template is text between ``{{ name }}``, ``{% extends "x" %}``,
``{% block %}`` and comments. Jinja's lexer reads each of its tags through a
dozen token rules and wraps every token again: 0.12 ms a template here, most of
planning one. One regular expression per tag finds the same tokens when each
tag Jinja would begin (at the first ``{{``, ``{%`` or ``{#`` after the last) is
of that shape; for anything else (a ``\\r``, a backslash in a string, a name
that is no identifier, other tags) there are no tokens here and Jinja's lexer
reads the template as before. Line numbers are not kept: a plan never reads them.
"""
from __future__ import annotations

import re

import jinja2
from jinja2.lexer import (
    TOKEN_BLOCK_BEGIN, TOKEN_BLOCK_END, TOKEN_DATA, TOKEN_DOT, TOKEN_NAME, TOKEN_STRING, TOKEN_VARIABLE_BEGIN,
    TOKEN_VARIABLE_END, Token,
)

# Where Jinja's root rule begins a tag: the first of these after the text.
_TAG_START = re.compile(r"\{[{%#]")
# The tags of a simple template as Jinja's rules delimit them. "-" strips the
# whitespace before a tag or after it (Jinja's "-%}\s*" takes it into the tag);
# "+" only matters with lstrip_blocks, refused below; "+}}" is no variable end.
_TAG = re.compile(
    r"\{\{(?P<variable>[-+]?)\s*(?P<names>[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*(?:\}\}|-\}\}\s*)"
    r"|\{%(?P<block>[-+]?)\s*(?:extends\s+(?:\"(?P<double>[^\"\\]*)\"|'(?P<single>[^'\\]*)')"
    r"|(?P<tag>block)\s+(?P<opened>\w+)|(?P<end>endblock)(?:\s+(?P<closed>\w+))?)\s*(?:\+?%\}|-%\}\s*)"
    r"|\{#(?P<comment>[-+]?).*?(?:\+?#\}|-#\}\s*)",
    re.S,
)
_DOT = re.compile(r"\s*\.\s*")


def simple_tokens(env: jinja2.Environment, source: str) -> list[Token] | None:
    """The tokens Jinja's lexer gives ``source`` (of the kinds a plan reads), or None when only it can tell."""
    if (
        env.lstrip_blocks or env.trim_blocks or not env.keep_trailing_newline or env.newline_sequence != "\n"
        or env.line_statement_prefix is not None or env.line_comment_prefix is not None or "\r" in source
    ):
        return None
    tokens: list[Token] = []
    text_start = 0
    search, match = _TAG_START.search, _TAG.match
    while True:
        start = search(source, text_start)
        if start is None:
            break
        tag = match(source, start.start())
        if tag is None:
            return None
        text = source[text_start : start.start()]
        if "-" in (tag.group("variable"), tag.group("block"), tag.group("comment")):
            text = text.rstrip()
        if text:
            tokens.append(Token(1, TOKEN_DATA, text))
        text_start = tag.end()
        names = tag.group("names")
        if names is not None:
            tokens.append(Token(1, TOKEN_VARIABLE_BEGIN, "{{"))
            for index, name in enumerate(_DOT.split(names) if "." in names else (names,)):
                if not name.isidentifier():
                    return None  # Jinja refuses it as an invalid identifier
                if index:
                    tokens.append(Token(1, TOKEN_DOT, "."))
                tokens.append(Token(1, TOKEN_NAME, name))
            tokens.append(Token(1, TOKEN_VARIABLE_END, "}}"))
        elif tag.group("comment") is None:
            tokens.append(Token(1, TOKEN_BLOCK_BEGIN, "{%"))
            if tag.group("tag"):
                words = [tag.group("tag"), tag.group("opened")]
            elif tag.group("end"):
                words = [tag.group("end")] + ([tag.group("closed")] if tag.group("closed") else [])
            else:
                words = ["extends"]
            for word in words:
                if not word.isidentifier():
                    return None  # a block named 1 is an integer to Jinja
                tokens.append(Token(1, TOKEN_NAME, word))
            parent = tag.group("double") if tag.group("double") is not None else tag.group("single")
            if parent is not None:
                tokens.append(Token(1, TOKEN_STRING, parent))
            tokens.append(Token(1, TOKEN_BLOCK_END, "%}"))
    if text_start < len(source):
        tokens.append(Token(1, TOKEN_DATA, source[text_start:]))
    return tokens
