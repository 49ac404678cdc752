"""Finding what MRML's vaguest errors are about, and where.

MRML says "unable to parse next template" or "unexpected end of stream" with no
position for a whole family of mistakes: text after ``</mjml>``, a bare ``<`` in
text, an unclosed comment, an unquoted or unclosed attribute, an HTML element
left open inside ``<mj-text>``. Only run once compiling failed, so it costs
nothing on a good template.
"""
from __future__ import annotations

import re

from .mjml_compiler import MjmlError, blank_comments

# Elements whose content is HTML, not MJML: MRML parses it and needs it balanced.
_HTML_CONTENT = ("mj-text", "mj-button", "mj-table", "mj-raw", "mj-navbar-link", "mj-accordion-title",
                 "mj-accordion-text", "mj-social-element")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_MJ_OPEN = re.compile(r"<(mj[\w-]*|mjml)\b")
_MJ_TAG = re.compile(r"<(/?)(mj[\w-]*|mjml)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_UNQUOTED = re.compile(r"([\w:.-]+)\s*=\s*(?![\s\"'])([^\s>]+)")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")


def diagnose(source: str) -> MjmlError | None:
    """The first mistake MRML would stumble on, with its offset; None if none is recognised."""
    for find in (_unclosed_comment, _outside_root, _mj_tag_syntax, _html_content):
        found = find(source)
        if found is not None:
            return found
    return None


def explain_token(source: str, offset: int) -> MjmlError | None:
    """MRML's "unexpected token" at ``offset``: usually a closing tag that closes nothing open.

    MRML often notices a misnested HTML closing tag only further on, so one
    inside an element with HTML content is looked for first.
    """
    misnested = _html_content(source, strict=True)
    if misnested is not None:
        return misnested
    match = re.compile(r"</?\s*([A-Za-z][\w:-]*)").match(source, offset)
    if match is None or not match.group(0).startswith("</"):
        return None
    name = match.group(1)
    element = _enclosing_html_element(source, offset)
    if element is not None:
        return MjmlError(f"</{name}> does not close <{element[0]}>", offset, opened=element[1])
    return MjmlError(f"</{name}> has no opening tag", offset)


def _unclosed_comment(source: str) -> MjmlError | None:
    for match in re.finditer(r"<!--", source):
        if source.find("-->", match.end()) < 0:
            return MjmlError("comment opened with <!-- is never closed with -->", match.start())
    return None


def _outside_root(source: str) -> MjmlError | None:
    text = blank_comments(source)
    first = re.search(r"\S", text)
    if first is not None and not text.startswith("<mjml", first.start()):
        return MjmlError("text before <mjml>: the root element must come first", first.start())
    end = text.rfind("</mjml>")
    if end >= 0:
        after = re.compile(r"\S").search(text, end + len("</mjml>"))
        if after is not None:
            return MjmlError("text after </mjml>: nothing may follow the root element", after.start())
    return None


def _mj_tag_syntax(source: str) -> MjmlError | None:
    text = blank_comments(source)
    for opening in _MJ_OPEN.finditer(text):
        tag = _MJ_TAG.match(text, opening.start())
        name = opening.group(1)
        if tag is None or re.search(r"<mj|</", tag.group(3)):
            return MjmlError(f"<{name}> is not closed with '>', or one of its attribute values lacks its closing quote", opening.start())
        unquoted = _UNQUOTED.search(_without_quoted(tag.group(3)))
        if unquoted is not None:
            attribute, value = unquoted.groups()
            return MjmlError(f"attribute '{attribute}' of <{name}> needs quotes: {attribute}=\"{value}\"", opening.start())
    return None


def _without_quoted(attributes: str) -> str:
    return re.sub(r"\"[^\"]*\"|'[^']*'", '""', attributes)


def _html_content(source: str, strict: bool = False) -> MjmlError | None:
    text = blank_comments(source)
    for name in _HTML_CONTENT:
        for opening in re.finditer(rf"<{name}\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", text):
            if opening.group(1):
                continue
            close = text.find(f"</{name}", opening.end())
            if close < 0:
                continue
            found = _html_problem(text, opening.end(), close, name, strict)
            if found is not None:
                return found
    return None


def _html_problem(text: str, start: int, end: int, container: str, strict: bool = False) -> MjmlError | None:
    stack: list[tuple[str, int]] = []
    index = start
    while True:
        index = text.find("<", index, end)
        if index < 0:
            break
        tag = _HTML_TAG.match(text, index, end)
        if tag is None:
            if re.match(r"<[A-Za-z/]", text[index:index + 2]):
                return MjmlError(f"a tag inside <{container}> is not closed with '>', or an attribute lacks its closing quote", index)
            return MjmlError(f"a bare '<' in the text of <{container}>: write &lt;", index)
        closing, name, _, self_closing = tag.groups()
        lowered = name.lower()
        if closing:
            names = [opened for opened, _ in stack]
            if strict and (not names or names[-1] != lowered):
                if names:
                    return MjmlError(f"</{name}> does not close <{names[-1]}>", index, opened=stack[-1][1])
                return MjmlError(f"</{name}> has no opening tag inside <{container}>", index)
            if lowered in names:
                del stack[len(names) - 1 - names[::-1].index(lowered):]
        elif not self_closing and lowered not in _VOID:
            stack.append((lowered, index))
        index = tag.end()
    if stack:
        name, offset = stack[-1]
        return MjmlError(f"<{name}> is never closed inside <{container}> (MJML needs every HTML element closed)", offset)
    return None


def _enclosing_html_element(source: str, offset: int) -> tuple[str, int] | None:
    """The innermost HTML element open at ``offset``, inside the element with HTML content around it."""
    text = blank_comments(source)
    starts = [(m.end(), m.group(1)) for m in re.finditer(r"<(" + "|".join(_HTML_CONTENT) + r")\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?>", text[:offset])]
    if not starts:
        return None
    start, _ = starts[-1]
    stack: list[tuple[str, int]] = []
    for tag in _HTML_TAG.finditer(text, start, offset):
        closing, name, _, self_closing = tag.groups()
        lowered = name.lower()
        if closing:
            if stack and stack[-1][0] == lowered:
                stack.pop()
        elif not self_closing and lowered not in _VOID:
            stack.append((lowered, tag.start()))
    return stack[-1] if stack else None
