"""One email template and the build pipeline that turns it into what SES accepts.

front matter -> Jinja -> MJML (for .mjml) -> CSS inlining -> plain-text part.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import frontmatter, metadata
from .errors import TemplateError, line_of_offset
from .source import read_source

if TYPE_CHECKING:
    from .project import Project

KINDS = {".mjml": "mjml", ".html": "html", ".htm": "html", ".txt": "txt"}


@dataclass(frozen=True)
class Built:
    """A built template: the HTML (None for plain-text templates) and the text part."""

    name: str
    type: str
    subject: str | None
    summary: str | None
    business: str | None
    variables: dict[str, Any]
    source: Path
    html: str | None
    # The text of a .txt template; for HTML templates the text part is derived
    # on first use, since lint mostly does not need it (1 ms a template).
    plain: str | None = None
    # Built with inline=False: the CSS still to inline (see Template.inlined_html).
    pending_css: str | None = field(default=None, repr=False, compare=False)
    # False for `text: false` in the front matter: SES gets the HTML alone.
    sends_text: bool = True

    @functools.cached_property
    def text(self) -> str:
        if self.plain is not None or self.html is None:
            return self.plain or ""
        from .plaintext import html_to_text

        return html_to_text(self.html)

    @property
    def text_part(self) -> str | None:
        """The text part sent to SES: ``text``, or None when the template has none."""
        return self.text if self.sends_text or self.html is None else None

    @property
    def html_sha256(self) -> str | None:
        return hashlib.sha256(self.html.encode("utf-8")).hexdigest() if self.html is not None else None

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Template:
    path: Path
    kind: str
    meta: metadata.Metadata
    source: str
    project: "Project" = field(repr=False)
    root: Path = field(repr=False)

    @property
    def name(self) -> str:
        return self.meta.name

    @functools.cached_property
    def loader_name(self) -> str:
        return self.path.resolve().relative_to(self.root).as_posix()

    def context(self) -> dict[str, Any]:
        """The template's metadata, build-time data, its own data, then SES variable placeholders."""
        from .render import SesVariable

        context: dict[str, Any] = {
            "template": {"name": self.meta.name, "type": self.meta.type, "summary": self.meta.summary},
        }
        context.update(self.project.data())
        context.update(self.meta.data)
        context.update({name: SesVariable(name) for name in self.meta.variables})
        return context

    def build(self, inline: bool = True) -> Built:
        """Render, compile and inline; ``inline=False`` skips CSS inlining (lint does not need it)."""
        from .render import render, render_string

        context = self.context()
        env = self.project.environment(self.root)
        body = render(env, self.loader_name, context, self.path)
        subject = self.meta.subject
        if subject is not None:
            subject = render_string(env, subject, context, self.path, self.meta.line("subject")).strip()
        html: str | None = None
        text: str | None = None
        pending_css: str | None = None
        if self.kind == "txt":
            if self.meta.text is not None:
                raise TemplateError("'text' is for HTML and MJML templates: a .txt template is its own text part", self.path, self.meta.line("text"))
            text = self._as_written(body) if not self.meta.inline else body.strip() + "\n"
        else:
            if isinstance(self.meta.text, str):
                # Used exactly as written: the text part of a pulled template builds back byte for byte.
                text = render_string(env, self.meta.text, context, self.path, self.meta.line("text"))
            extra_css = ""
            if self.kind == "mjml":
                compiled = self._compile_mjml(body, context)
                html, extra_css = compiled.html, compiled.inline_css
            else:
                html = body
            if self.meta.inline:
                if inline:
                    html = self.project.inliner()(html, extra_css)
                else:
                    pending_css = extra_css
            else:
                from .inliners.none import inline as keep_in_style_block

                # Built as written, less the blank lines standing in for the front matter.
                html = keep_in_style_block(self._as_written(html) if self.kind == "html" else html, extra_css)
        return Built(
            name=self.meta.name,
            type=self.meta.type,
            subject=subject,
            summary=self.meta.summary,
            business=self.meta.business,
            variables=dict(self.meta.variables),
            source=self.path,
            html=html,
            plain=text,
            pending_css=pending_css,
            sends_text=self.meta.text is not False,
        )

    def _as_written(self, rendered: str) -> str:
        """The rendered body less the blank lines standing in for the front matter, and nothing more."""
        blanks = "\n" * frontmatter.blank_lines(self.source, self.path)
        return rendered[len(blanks):] if rendered.startswith(blanks) else rendered.lstrip("\n")

    def inlined_html(self, built: Built) -> str | None:
        """The HTML ``build()`` gives, from what ``build(inline=False)`` gave, without building again."""
        if built.pending_css is None or built.html is None:
            return built.html
        return self.project.inliner()(built.html, built.pending_css)

    def _compile_mjml(self, body: str, context: dict[str, Any]):
        from .mjml_compiler import MjmlError, compile_mjml
        from .render import render

        env = self.project.environment(self.root)
        here = PurePosixPath(self.loader_name).parent

        def include(path: str) -> str:
            # After Jinja, the file an mj-include was written in is unknown: paths are
            # relative to the template being built, else to the templates folder.
            if path.startswith("/") or "://" in path:
                raise TemplateError(f"mj-include path '{path}' must be relative to the template", self.path, self._line_of(path))
            candidates = [_normalise(here / path), _normalise(PurePosixPath(path))]
            if all(name is None for name in candidates):
                raise TemplateError(f"mj-include '{path}' is outside the templates folder", self.path, self._line_of(path))
            for name in candidates:
                if name is not None and (self.root / name).is_file():
                    return render(env, name, context, self.root / name)
            raise TemplateError(f"included template '{path}' not found", self.path, self._line_of(path))

        try:
            return compile_mjml(body, include=include, remote_fonts=self.project.config.remote_fonts)
        except MjmlError as error:
            raise self._locate(error, body) from None

    def _line_of(self, text: str) -> int | None:
        for number, line in enumerate(self.source.split("\n"), 1):
            if text in line:
                return number
        return None

    def _locate(self, error, rendered: str) -> TemplateError:
        """Point an MJML error at the line of the file the user edits."""
        line = self._line_of(error.snippet) if error.snippet else None
        if line is not None:
            return TemplateError(error.message, self.path, line)
        if error.offset is None:
            return TemplateError(error.message, self.path, 1)
        line = line_of_offset(rendered, error.offset)
        return TemplateError(f"{error.message} (line {line} of the rendered MJML)", self.path, 1)


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


def load_template(path: Path, project: "Project", root: Path) -> Template:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise TemplateError(f"not a template: expected .mjml, .html or .txt, not '{path.suffix}'", path)
    text = read_source(path)
    if not text.strip():
        raise TemplateError("empty file", path, 1)
    matter, _ = frontmatter.split(text, path)
    meta = metadata.decode(matter, path)
    return Template(path=path, kind=kind, meta=meta, source=text, project=project, root=root.resolve())
