"""MJML to HTML with mjml-python (MRML), and the gaps between MRML and the reference compiler.

MRML is lenient where the reference MJML reports errors (a misspelt closing tag
or an unknown element is silently dropped), so the markup is checked first and
problems are reported with their line. Three differences are repaired:
``<mj-style inline="inline">`` is extracted and its plain rules handed to the
CSS inliner (MRML emits it as a plain ``<style>``; its at-rules, such as
``@media``, stay in a ``<style>`` block), ``alt=""`` is given to an mj-image
(and social or carousel image) without one, as the reference compiler does, and no remote font links are emitted
unless asked for (SES refuses templates that reference external CSS).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .origins import Traced

ELEMENTS = frozenset(
    """mjml mj-head mj-body mj-attributes mj-all mj-class mj-breakpoint mj-font mj-html-attributes
    mj-html-attribute mj-selector mj-preview mj-style mj-title mj-include mj-accordion
    mj-accordion-element mj-accordion-title mj-accordion-text mj-button mj-carousel
    mj-carousel-image mj-column mj-divider mj-group mj-hero mj-image mj-navbar mj-navbar-link
    mj-raw mj-section mj-social mj-social-element mj-spacer mj-table mj-text mj-wrapper""".split()
)

_COMMENT = re.compile(r"<!--.*?-->", re.S)
# The attributes as runs of plain characters between quoted values (and a "/" not ending the tag),
# not a lazy repeat of single characters: the same matches, 0.05 -> 0.034 ms a template.
_TAG = re.compile(r"<(/?)(mj[\w-]*)\b([^>\"'/]*(?:(?:\"[^\"]*\"|'[^']*'|/(?!>))[^>\"'/]*)*)(/?)>")
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+)")
_INLINE_STYLE = re.compile(
    r"<mj-style\b[^>]*\binline\s*=\s*[\"']inline[\"'][^>]*>(.*?)</mj-style\s*>", re.S | re.I
)
# The elements the reference compiler gives alt="" when none is written.
_IMAGE_ELEMENT_WITHOUT_ALT = re.compile(r"<(mj-image|mj-social-element|mj-carousel-image)\b(?![^>]*\salt\s*=)", re.I)


class MjmlError(Exception):
    """Invalid MJML at ``offset`` of the text ``within`` (the rendered MJML), when known.

    ``opened``: for a tag closed by the wrong one, where the unclosed tag is.
    """

    def __init__(
        self, message: str, offset: int | None = None, snippet: str | None = None, *,
        opened: int | None = None, within: "Traced | None" = None,
    ):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.snippet = snippet
        self.opened = opened
        self.within = within


@dataclass(frozen=True)
class CompiledMjml:
    html: str
    inline_css: str


def check(source: str, *, fragment: bool = False) -> None:
    """Report unbalanced, misspelt or unknown MJML elements and duplicate attributes."""
    text = blank_comments(source)
    # The tags' groups alone, without match objects; the match of a tag is found again
    # only to report a problem at it (nearly every template has none).
    tags = _TAG.findall(text)
    stack: list[tuple[str, int]] = []  # the open elements: name and index in tags
    seen_root = False
    for index, (closing, name, attributes, self_closing) in enumerate(tags):
        if name not in ELEMENTS:
            raise _error(text, index, f"unknown MJML element <{name}>{_did_you_mean(name)}")
        if not closing:
            if attributes.count("=") > 1:  # each attribute has one: a single "=" cannot repeat one
                seen: set[str] = set()
                for attribute in _ATTRIBUTE.findall(attributes):
                    if attribute in seen:
                        raise _error(text, index, f"duplicate attribute '{attribute}' on <{name}>")
                    seen.add(attribute)
            if name == "mjml":
                seen_root = True
            if not self_closing:
                stack.append((name, index))
        else:
            if not stack:
                raise _error(text, index, f"closing </{name}> has no opening tag")
            opened, at = stack.pop()
            if opened != name:
                raise _error(text, index, f"</{name}> does not close <{opened}>", opened=_tag(text, at).start())
    if stack:
        opened, at = stack[-1]
        raise _error(text, at, f"<{opened}> is never closed")
    if not fragment and not seen_root:
        raise MjmlError("not an MJML document: the <mjml> root element is missing", 0)


def _tag(text: str, index: int) -> re.Match:
    """The match of the tag at ``index`` of ``_TAG.findall(text)``."""
    return next(itertools.islice(_TAG.finditer(text), index, None))


def _error(text: str, index: int, message: str, **where) -> MjmlError:
    match = _tag(text, index)
    return MjmlError(message, match.start(), match.group(0), **where)


def blank_comments(text: str) -> str:
    """``text`` with HTML comments blanked, line breaks and offsets kept."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text) if "<!--" in text else text


def _did_you_mean(name: str) -> str:
    from .errors import did_you_mean

    return did_you_mean(name, ELEMENTS).replace("'", "<", 1).replace("'", ">", 1)


def extract_inline_styles(source: str) -> tuple[str, list[str]]:
    """Remove ``<mj-style inline="inline">`` blocks, returning their CSS separately."""
    styles: list[str] = []

    def keep(match: re.Match) -> str:
        styles.append(match.group(1))
        return "\n" * match.group(0).count("\n")  # keep line numbers of what follows

    return _INLINE_STYLE.sub(keep, source), styles


def compile_mjml(source: str, *, remote_fonts: bool = False) -> CompiledMjml:
    """Compile rendered MJML, its mj-includes already expanded, to HTML."""
    import mjml

    check(source)
    stripped, styles = extract_inline_styles(source)

    def no_include(path: str) -> str:  # expanded before: MRML must never read files itself
        raise ValueError(f"unexpected mj-include {path!r}")

    options = {} if remote_fonts else {"fonts": {}}
    # The reference compiler writes alt="" on an mj-image without alt; MRML writes
    # none. Only there: a raw <img> in mj-text keeps its missing alt for lint to see.
    with_alt = _IMAGE_ELEMENT_WITHOUT_ALT.sub(r'<\1 alt=""', stripped)
    try:
        html = mjml.mjml2html(with_alt, include_loader=no_include, **options)
    except Exception as error:
        failure = error
        try:  # again without the added alt="", for positions in the text as rendered
            mjml.mjml2html(stripped, include_loader=no_include, **options)
        except Exception as positioned:
            failure = positioned
        raise _as_mjml_error(failure, source, stripped) from None
    from .inliners.at_rules import add_style_block, split_at_rules

    inline_css, at_rules = split_at_rules("\n".join(styles))
    html = add_style_block(html, at_rules)
    return CompiledMjml(html=html, inline_css=inline_css)


def _as_mjml_error(error: Exception, source: str, compiled: str) -> MjmlError:
    message = str(error)
    match = re.search(r"\s*at position (\d+):(\d+)", message)
    text = re.sub(r"\s*in root template|\s*at position \d+:\d+", "", message)
    from .mjml_diagnosis import diagnose, explain_token

    if match:
        offset = _source_offset(source, _char_offset(compiled, int(match.group(1))))
        if text.startswith("unexpected token"):
            explained = explain_token(source, offset)
            if explained is not None:
                return explained
        return MjmlError(f"MJML error: {text}", offset)

    found = diagnose(source)
    if found is not None:
        return found
    return MjmlError(f"MJML error: {text} (the compiler does not say where)")


def _char_offset(text: str, byte_offset: int) -> int:
    # MRML counts UTF-8 bytes.
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _source_offset(source: str, offset: int) -> int:
    """Where ``offset`` of the text MRML compiled is in ``source``, before the inline styles were taken out."""
    shift = 0
    for match in _INLINE_STYLE.finditer(source):
        kept = match.group(0).count("\n")
        if match.start() - shift >= offset:
            break
        shift += len(match.group(0)) - kept
    return offset + shift
