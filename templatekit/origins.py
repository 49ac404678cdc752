"""Rendered text that remembers where each part came from: which file, which line.

An MJML error is found in the rendered, include-expanded MJML, but must be
reported in the file the user edits: the template, its layout, a Jinja partial
or an mj-included one. Rendering with ``render_traced`` records, for every chunk
Jinja outputs, the template file and line that produced it. It is about six
times slower than a plain render, so it is only done once something went wrong.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

# A chunk's first line is looked for this far below the line Jinja reports: after
# `-%}` or a multi-line tag or comment, literal text starts lower than its tag.
_SEARCH_LINES = 12


@dataclass(frozen=True)
class Span:
    """From ``start`` on, the text comes from ``path`` at ``line``.

    ``literal``: the text is the source itself, so each line break in it is a
    line of the source; otherwise (a value, a macro's output) all of it belongs
    to ``line``.
    """

    start: int
    path: Path
    line: int
    literal: bool


@dataclass(frozen=True)
class Traced:
    """A text, and (when traced) the spans saying where each part of it came from."""

    text: str
    spans: tuple[Span, ...] | None = None

    def origin(self, offset: int) -> tuple[Path, int] | None:
        """The file and line the character at ``offset`` came from, if known."""
        if not self.spans:
            return None
        index = bisect.bisect_right([span.start for span in self.spans], offset) - 1
        if index < 0:
            return None
        span = self.spans[index]
        return span.path, _line_at(self.text, span, offset)

    def slice(self, start: int, end: int) -> "Traced":
        text = self.text[start:end]
        if self.spans is None:
            return Traced(text)
        spans: list[Span] = []
        for index, span in enumerate(self.spans):
            following = self.spans[index + 1].start if index + 1 < len(self.spans) else len(self.text)
            if following <= start or span.start >= end:
                continue
            if span.start <= start:
                spans.append(Span(0, span.path, _line_at(self.text, span, start), span.literal))
            else:
                spans.append(Span(span.start - start, span.path, span.line, span.literal))
        return Traced(text, tuple(spans))

    @staticmethod
    def join(parts: Iterable["Traced"]) -> "Traced":
        parts = list(parts)
        text = "".join(part.text for part in parts)
        if any(part.spans is None for part in parts):
            return Traced(text)
        spans: list[Span] = []
        offset = 0
        for part in parts:
            spans.extend(Span(span.start + offset, span.path, span.line, span.literal) for span in part.spans or ())
            offset += len(part.text)
        return Traced(text, tuple(spans))


def _line_at(text: str, span: Span, offset: int) -> int:
    return span.line + (text.count("\n", span.start, offset) if span.literal else 0)


def render_traced(template, context: dict[str, Any]) -> Traced:
    """Render a Jinja template as ``render`` does, recording where each chunk came from."""
    generator = template.root_render_func(template.new_context(context))
    pieces: list[str] = []
    spans: list[Span] = []
    offset = 0
    sources: dict[str, list[str] | None] = {}
    for chunk in generator:
        chunk = str(chunk)
        if chunk:
            span = _span_of(_producer(generator), chunk, offset, sources)
            if span is not None:
                spans.append(span)
            pieces.append(chunk)
            offset += len(chunk)
    return Traced("".join(pieces), tuple(spans))


def _producer(generator):
    """The frame of the innermost Jinja generator that yielded the current chunk.

    Blocks and layouts are delegated to with ``yield from``; an ``{% include %}``
    loops over its template's generator, kept in the local ``gen``.
    """
    frame = generator.gi_frame
    while True:
        inner = generator.gi_yieldfrom
        if inner is None and "gen" in frame.f_code.co_varnames:
            inner = frame.f_locals.get("gen")
        inner_frame = getattr(inner, "gi_frame", None)
        if inner_frame is None:
            return frame
        generator, frame = inner, inner_frame


def _span_of(frame, chunk: str, offset: int, sources: dict[str, list[str] | None]) -> Span | None:
    template = frame.f_globals.get("__jinja_template__")
    filename = frame.f_code.co_filename
    if template is None or not filename or filename.startswith("<"):
        return None
    line = template.get_corresponding_lineno(frame.f_lineno)
    lines = _source_lines(filename, sources)
    # Literal text is found in the source at (or a little below) the reported
    # line; a value or a macro's output is not, and stays on its tag's line.
    chunk_lines = chunk.split("\n")
    for skip, first in enumerate(chunk_lines):
        if first.strip():
            break
    else:
        return Span(offset, Path(filename), line, True)
    needle = first.strip()
    if lines is not None:
        for candidate in range(line + skip, min(line + skip + _SEARCH_LINES, len(lines)) + 1):
            if needle in lines[candidate - 1]:
                return Span(offset, Path(filename), candidate - skip, True)
    return Span(offset, Path(filename), line, False)


def _source_lines(filename: str, sources: dict[str, list[str] | None]) -> list[str] | None:
    if filename not in sources:
        try:
            sources[filename] = Path(filename).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            sources[filename] = None
    return sources[filename]
