"""Expanding ``<mj-include>`` before MRML compiles, as the reference MJML does.

MRML's own include support resolves every path from the top-level template,
refuses a partial that is a whole ``<mjml>`` document or nothing but another
mj-include, and reports problems without a file or line. Expanding here keeps
paths relative to the file that wrote them and, when the text is traced, the
file and line of every part of the result.

Paths are looked for beside the file that wrote the mj-include, then beside the
template being built, then in the templates folder. Text rendered from the
template itself (with its layout and Jinja partials) only knows its writer once
traced, so that folder comes last for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from .mjml_compiler import MjmlError, blank_comments, check
from .origins import Traced

_INCLUDE = re.compile(r"<mj-include\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)/?>(?:\s*</mj-include\s*>)?", re.I)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_BODY = re.compile(r"<mj-body\b[^>]*>(.*)</mj-body\s*>", re.S | re.I)
_HEAD = re.compile(r"<mj-head\b[^>]*>(.*)</mj-head\s*>", re.S | re.I)
_MAX_DEPTH = 20


@dataclass
class Includes:
    """What expanding needs: the templates folder, the template's folder and a renderer.

    ``render(name)`` renders the partial at ``name`` (relative to the folder) as
    traced or plain text, matching how the top-level text was rendered.
    """

    root: Path
    template_folder: PurePosixPath
    render: Callable[[str], Traced]
    heads: list[Traced] = field(default_factory=list)

    def expand(self, source: Traced) -> Traced:
        """``source`` (the rendered template) with every mj-include replaced by what it names."""
        expanded = self._expand(source, None, ())
        return _merge_heads(expanded, self.heads)

    def _expand(self, source: Traced, writer: str | None, stack: tuple[str, ...]) -> Traced:
        text = blank_comments(source.text)
        if "<mj-include" not in text:
            return source
        parts: list[Traced] = []
        position = 0
        for match in _INCLUDE.finditer(text):
            parts.append(source.slice(position, match.start()))
            parts.append(self._included(source, match, writer, stack))
            position = match.end()
        parts.append(source.slice(position, len(source.text)))
        return Traced.join(parts)

    def _included(self, source: Traced, match: re.Match, writer: str | None, stack: tuple[str, ...]) -> Traced:
        def error(message: str) -> MjmlError:
            return MjmlError(message, match.start(), within=source)

        attributes = {a.group(1).lower(): a.group(2) if a.group(2) is not None else a.group(3) for a in _ATTRIBUTE.finditer(match.group(1))}
        path = attributes.get("path")
        if not path:
            raise error("<mj-include> needs a path attribute")
        if "{{" in path:
            raise error(f"mj-include path '{path}' holds an SES variable: which file to include must be known at build time, not at send time")
        if path.startswith("/") or "://" in path:
            raise error(f"mj-include path '{path}' must be relative to the file that includes it")
        name = self._resolve(path, writer if writer is not None else self._writer_of(source, match.start()), nested=writer is not None, error=error)
        if name in stack or len(stack) >= _MAX_DEPTH:
            chain = " -> ".join((*stack, name))
            raise error(f"mj-include loops back on itself: {chain}")
        content = self.render(name)
        kind = (attributes.get("type") or "mjml").lower()
        if kind == "css":
            inline = ' inline="inline"' if (attributes.get("css-inline") or "").lower() == "inline" else ""
            return Traced.join([_plain(f"<mj-style{inline}>", source, match.start()), content, _plain("</mj-style>", source, match.start())])
        if kind == "html":
            return Traced.join([_plain("<mj-raw>", source, match.start()), content, _plain("</mj-raw>", source, match.start())])
        try:
            check(content.text, fragment=True)
        except MjmlError as failure:
            failure.within = content
            raise
        content = self._expand(content, name, (*stack, name))
        return self._body_of(content)

    def _resolve(self, path: str, writer: str | None, *, nested: bool, error) -> str:
        writer_folder = [PurePosixPath(writer).parent / path] if writer is not None else []
        others = [self.template_folder / path, PurePosixPath(path)]
        candidates = writer_folder + others if nested else others + writer_folder
        names = [name for name in (_normalise(candidate) for candidate in candidates) if name is not None]
        if not names:
            raise error(f"mj-include '{path}' is outside the templates folder")
        for name in dict.fromkeys(names):
            target = self.root / name
            if target.is_file():
                if not target.resolve().is_relative_to(self.root.resolve()):
                    raise error(f"mj-include '{path}' leads outside the templates folder (a symlink to {target.resolve()})")
                return name
        raise error(f"included template '{path}' not found")

    def _writer_of(self, source: Traced, offset: int) -> str | None:
        origin = source.origin(offset)
        if origin is None:
            return None
        try:
            return origin[0].resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def _body_of(self, content: Traced) -> Traced:
        """A partial that is a whole document gives its body here, and its head to the template's head."""
        text = blank_comments(content.text)
        if not re.match(r"\s*<mjml\b", text):
            return content
        head = _HEAD.search(text)
        if head is not None:
            self.heads.append(content.slice(head.start(1), head.end(1)))
        body = _BODY.search(text)
        return content.slice(body.start(1), body.end(1)) if body else content.slice(0, 0)


def _plain(text: str, source: Traced, offset: int) -> Traced:
    """Markup added around an included file, placed where the mj-include was."""
    if source.spans is None:
        return Traced(text)
    origin = source.origin(offset)
    if origin is None:
        return Traced(text, ())
    from .origins import Span

    return Traced(text, (Span(0, origin[0], origin[1], False),))


def _merge_heads(document: Traced, heads: list[Traced]) -> Traced:
    if not heads:
        return document
    text = blank_comments(document.text)
    close = re.search(r"</mj-head\s*>", text, re.I)
    if close is not None:
        at = close.start()
        return Traced.join([document.slice(0, at), *heads, document.slice(at, len(text))])
    root = re.search(r"<mjml\b[^>]*>", text)
    at = root.end() if root else 0
    head = [_plain("<mj-head>", document, at), *heads, _plain("</mj-head>", document, at)]
    return Traced.join([document.slice(0, at), *head, document.slice(at, len(text))])


def _normalise(path: PurePosixPath) -> str | None:
    parts: list[str] = []
    for part in path.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
