"""One email template and the build pipeline that turns it into what SES accepts.

front matter -> Jinja -> MJML (for .mjml) -> CSS inlining -> plain-text part.
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import frontmatter, metadata
from .errors import TemplateError, TemplatekitError, display_path, line_of_offset, same_file
from .source import KINDS, decode_source, read_source

# A style attribute with no "property: value" in it, which css-inline cannot parse.
_BAD_STYLE = re.compile(r"""\bstyle\s*=\s*(?:"[^":]*[^\s":][^":]*"|'[^':]*[^\s':][^':]*')""", re.I)

if TYPE_CHECKING:
    from .project import Project


@dataclass(frozen=True)
class Built:
    """A built template: the HTML (None for plain-text templates), the text part and its metadata."""

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
    # The front matter as decoded; the fields above are what the build made of it.
    metadata: metadata.Metadata | None = field(default=None, repr=False)
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
        real = self.project.real_path.text(self.path)
        inside = os.fspath(self.root).rstrip(os.sep) + os.sep
        # As text: the Path objects and relative_to cost more than the lookup itself.
        if real.startswith(inside):
            return real[len(inside) :].replace(os.sep, "/")
        return Path(real).relative_to(self.root).as_posix()

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

    def build(self, inline: bool = True, require_subject: bool = True) -> Built:
        """Render, compile and inline; ``inline=False`` skips CSS inlining (lint does not need it).

        A template without a subject does not build: SES needs one to send it.
        Lint passes ``require_subject=False`` to report it as a rule instead.
        """
        try:
            return self._build(inline, require_subject)
        except TemplateError as error:
            raise self._name_the_template(error) from None

    def _build(self, inline: bool, require_subject: bool) -> Built:
        from .render import render, render_string

        if require_subject:
            self._check_subject(self.meta.subject)
        context = self.context()
        env = self.project.environment(self.root)
        body = render(env, self.loader_name, context, self.path)
        subject = self.meta.subject
        if subject is not None:
            subject = render_string(env, subject, context, self.path, self.meta.line("subject")).strip()
            if require_subject and not subject:
                raise TemplateError("the subject is empty once rendered", self.path, self.meta.line("subject"))
        html: str | None = None
        text: str | None = None
        pending_css: str | None = None
        if self.kind == "txt":
            if self.meta.text is not None:
                raise TemplateError("'text' is for HTML and MJML templates: a .txt template is its own text part", self.path, self.meta.line("text"))
            if not body.strip():
                raise TemplateError("the email is empty once rendered", self.path, _first_body_line(self.source))
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
                    html = self._inline(html, extra_css)
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
            metadata=self.meta,
            sends_text=self.meta.text is not False,
        )

    def _check_subject(self, subject: str | None) -> None:
        if subject is None:
            raise TemplateError("missing required front matter key 'subject'", self.path, 1)
        if not subject.strip():
            raise TemplateError("front matter key 'subject' is empty; SES needs a subject to send the mail", self.path, self.meta.line("subject"))

    def _as_written(self, rendered: str) -> str:
        """The rendered body less the blank lines standing in for the front matter, and nothing more."""
        blanks = "\n" * frontmatter.blank_lines(self.source, self.path)
        return rendered[len(blanks):] if rendered.startswith(blanks) else rendered.lstrip("\n")

    def inlined_html(self, built: Built) -> str | None:
        """The HTML ``build()`` gives, from what ``build(inline=False)`` gave, without building again."""
        if built.pending_css is None or built.html is None:
            return built.html
        return self._inline(built.html, built.pending_css)

    def _inline(self, html: str, css: str) -> str:
        try:
            return self.project.inliner()(html, css)
        except TemplatekitError:
            raise
        except Exception as error:  # css-inline refuses CSS it cannot parse ("End of input"): one line, not a traceback
            match = _BAD_STYLE.search(self.source)
            line = self.source.count("\n", 0, match.start()) + 1 if match else 1
            hint = "; a style attribute with no 'property: value'?" if match else ""
            raise TemplateError(f"CSS inlining failed: {error}{hint}", self.path, line) from None

    def _compile_mjml(self, body: str, context: dict[str, Any]):
        from .mjml_compiler import MjmlError
        from .origins import Traced, render_traced

        try:
            return self._mjml(Traced(body), context, traced=False)
        except MjmlError:
            pass
        # Something is wrong, or an mj-include is relative to a layout: do it again,
        # knowing which file and line every part of the MJML came from.
        env = self.project.environment(self.root)
        try:
            traced = render_traced(env.get_template(self.loader_name), context)
        except Exception as error:
            from .render import as_template_error

            raise as_template_error(error, self.path, context) from None
        try:
            return self._mjml(traced, context, traced=True)
        except MjmlError as error:
            raise self._locate(error) from None

    def _mjml(self, body, context: dict[str, Any], traced: bool):
        from .mj_include import Includes
        from .mjml_compiler import MjmlError, compile_mjml

        includes = Includes(
            root=self.root,
            template_folder=PurePosixPath(self.loader_name).parent,
            render=lambda name: self._render_partial(name, context, traced),
        )
        expanded = includes.expand(body)
        try:
            return compile_mjml(expanded.text, remote_fonts=self.project.config.remote_fonts)
        except MjmlError as error:
            if error.within is None:
                error.within = expanded
            raise

    def _render_partial(self, name: str, context: dict[str, Any], traced: bool):
        from .origins import Traced, render_traced
        from .render import as_template_error, render

        env = self.project.environment(self.root)
        path = self.root / name
        if not traced:
            return Traced(render(env, name, context, path))
        try:
            return render_traced(env.get_template(name), context)
        except Exception as error:
            raise as_template_error(error, path, context) from None

    def _locate(self, error) -> TemplateError:
        """Point an MJML error at the file and line the user edits."""
        within = error.within
        origin = within.origin(error.offset) if within is not None and error.offset is not None else None
        message = error.message
        if error.opened is not None and within is not None:
            opened = within.origin(error.opened)
            if opened is not None:
                same = origin is not None and opened[0] == origin[0]
                message += f" opened at line {opened[1]}" if same else f" opened at {display_path(opened[0])}:{opened[1]}"
        if origin is not None:
            return TemplateError(message, origin[0], origin[1])
        if within is None or error.offset is None:
            return TemplateError(message, self.path, 1)
        line = line_of_offset(within.text, error.offset)
        return TemplateError(f"{message} (line {line} of the rendered MJML)", self.path, 1)

    def _name_the_template(self, error: TemplateError) -> TemplateError:
        """An error found in a layout or partial also says which template was being built."""
        if error.path is not None and not same_file(error.path, self.path):
            error.building = self.loader_name
        return error


def _first_body_line(source: str) -> int:
    body = frontmatter.body_of(source, Path())
    return body[: len(body) - len(body.lstrip())].count("\n") + 1


def load_template(path: Path, project: "Project", root: Path, source: bytes | None = None) -> Template:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise TemplateError(f"not a template: expected .mjml, .html or .txt, not '{path.suffix}'", path)
    text = read_source(path) if source is None else decode_source(source, path)
    if not text.strip():
        raise TemplateError("empty file", path, 1)
    matter, body = frontmatter.split(text, path)
    meta = metadata.decode(matter, path)
    if not body.strip():
        # The closing fence is the last line with anything on it.
        raise TemplateError("nothing after the front matter: the email itself is missing", path, text.rstrip().count("\n") + 1)
    # ``root`` comes from Project.root_for, resolved once for its folder: resolving it again cost a look at it for each template.
    return Template(path=path, kind=kind, meta=meta, source=text, project=project, root=root)
