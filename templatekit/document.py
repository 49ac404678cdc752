"""The measured email: one built template parsed once and measured once, for every rule to read.

The HTML is parsed with lxml's HTML parser (it keeps source lines and is fast; BeautifulSoup
measured 7x slower). Measures form a closed vocabulary (``MEASURES``); rules name
them, they never compute their own. Text is split into scopes (``SCOPES``) that
lexicon and pattern rules search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .styles import colour, collect_styles, font_family, known_styles, read_block, read_style, selected
from .sourcemap import SourceMap
from .vocabulary import MEASURES, SCOPES  # noqa: F401 - the names rules use, here with what computes them
from .widths import fold_width
from .wordcount import VARIABLE, count_words, variable_names, words_and_cjk

_SKIP = frozenset({"head", "style", "script", "title", "noscript", "template"})
_BLOCKS = frozenset(
    "address article aside blockquote br center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_BACKGROUND_TAGS = frozenset({"body", "table", "td", "th", "tr"})  # where HTML takes a background attribute
_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$")
_STYLE_WIDTH = re.compile(r"(?<![\w-])width\s*:\s*(\d+(?:\.\d+)?)px", re.I)
_STYLE_HEIGHT = re.compile(r"(?<![\w-])height\s*:\s*(\d+(?:\.\d+)?)px", re.I)
# Areas for the 2:8 advice (image-advice). An email is about 600 pixels wide.
# One character of 15px text (spaces included) is about 8 pixels wide on a 24px
# line, a CJK character twice as wide; in a rendered email, line spacing,
# paragraph margins and the padding around text about double the area text
# takes, so a character counts 8 x 48. An image without a width is taken as a
# 200px logo (a hero image states its size; MJML always writes it).
_EMAIL_WIDTH = 600
_CHAR_AREA = 8 * 48
_UNSIZED_WIDTH = 200
_STAND_IN = "x" * 10


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None
    width: float
    height: float


@dataclass(frozen=True)
class Anchor:
    href: str
    text: str


@dataclass(frozen=True)
class Document:
    path: Path
    name: str
    type: str
    source_kind: str  # mjml, html, txt, or built (an already-built .html file)
    subject: str | None
    declared: dict[str, Any] | None  # None when unknown (already-built HTML)
    business: str | None
    html: str | None
    text_part: "Lazy"
    scopes: dict[str, str]
    images: tuple[Image, ...]
    anchors: tuple[Anchor, ...]
    used_variables: tuple[str, ...]
    measures: dict[str, float]
    key_lines: dict[str, int] = field(default_factory=dict)
    sources: SourceMap = field(default_factory=SourceMap)
    # Addresses loaded as backgrounds: background attributes and CSS url(), hidden elements included.
    backgrounds: tuple[str, ...] = ()
    _computed: dict = field(default_factory=dict, compare=False, repr=False)

    def measure(self, name: str) -> float:
        return self.measures[name]

    def computed(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, once for every rule that asks with an equal ``key`` (holding all it depends on but the document)."""
        if key not in self._computed:
            self._computed[key] = compute()
        return self._computed[key]

    def folded(self, scope: str) -> str:
        """A scope's text through ``fold_width``, computed once for all the rules that search it."""
        # The markup is matched as written: its patterns are HTML and CSS syntax,
        # and scanning a whole page for full-width letters cost a quarter of one.
        return self.computed(("folded", scope), lambda: self.scopes[scope] if scope == "markup" else fold_width(self.scopes[scope]))

    @property
    def text(self) -> str:
        """The text part (for HTML templates, derived from the HTML on first use)."""
        return self.text_part()


class Lazy:
    """A value computed on first use: the text part costs 1 ms a template and most rules never need it."""

    def __init__(self, value: "str | Callable[[], str]"):
        self._value = value

    def __call__(self) -> str:
        if callable(self._value):
            self._value = self._value()
        return self._value


class Measures(dict):
    """The measures of a document by name; those that need the text part are computed when first read.

    Such a measure may have a cheap upper bound, so that a maximum the bound
    already respects is checked without computing it.
    """

    def __init__(self, values: dict[str, float], later: dict[str, "Callable[[], float]"], bounds: dict[str, float]):
        super().__init__(values)
        self._later = later
        self._bounds = bounds

    def __missing__(self, name: str) -> float:
        if name not in self._later:
            raise KeyError(name)
        value = self[name] = self._later[name]()
        return value

    def upper_bound(self, name: str) -> float:
        if name in self or name not in self._bounds:
            return self[name]
        bound = self._bounds[name]
        if callable(bound):  # computed on first use too, but far cheaper than the measure
            bound = self._bounds[name] = bound()
        return bound


def measure(
    *,
    path: Path,
    name: str,
    type: str,
    source_kind: str,
    subject: str | None,
    declared: dict[str, Any] | None,
    business: str | None,
    html: str | None,
    text: "str | Callable[[], str]",
    key_lines: dict[str, int] | None = None,
    sources: SourceMap | None = None,
    sent_html: "Callable[[], str] | None" = None,
) -> Document:
    """Parse and measure one built email.

    ``text`` may be a function giving the text part: it is only called if a rule
    needs it. ``sent_html`` gives the HTML as sent, when that is ``html`` with
    its styles still to inline: it is only called if a size rule needs it.
    """
    text_part = Lazy(text)
    parts = _parse(html) if html is not None and html.strip() else None
    if parts is None:
        visible, hidden, images, anchors, fonts, colours, backgrounds, tree = text_part(), "", [], [], set(), set(), [], None
    else:
        visible, hidden, images, anchors, fonts, colours, backgrounds, tree = parts
    latin, cjk = words_and_cjk(visible)
    words = latin + cjk
    # The text part of an HTML template is derived from the HTML: its variables are the HTML's.
    used = variable_names(subject or "") + variable_names(html if html is not None else text_part())
    measures = {
        "words": words,
        "cjk_characters": cjk,
        "variables": len(variable_names(visible)),
        "images": len(images),
        "links": len(anchors),
        "subject_length": _subject_length(subject, declared or {}),
        "preheader_words": count_words(hidden),
        "font_families": len(fonts),
        "text_colours": len(colours),
        "image_area": sum(image.width * image.height for image in images),
        "text_area": (len(visible.strip()) + cjk) * _CHAR_AREA,
    }
    scopes = {
        "subject": subject or "",
        "body": visible,
        "preheader": hidden,
        "alt": "\n".join(image.alt for image in images if image.alt),
        "image_src": "\n".join(image.src for image in images),
        "links": "\n".join(f"{anchor.text} {anchor.href}" for anchor in anchors),
        "markup": html or "",
    }
    return Document(
        path=path, name=name, type=type, source_kind=source_kind, subject=subject, declared=declared,
        business=business, html=html, text_part=text_part, scopes=scopes, images=tuple(images),
        anchors=tuple(anchors), used_variables=tuple(used), key_lines=dict(key_lines or {}),
        measures=_sizes(measures, utf8_size(html or ""), html is not None and callable(text), text_part, sent_html),
        sources=sources or SourceMap(), backgrounds=tuple(dict.fromkeys(backgrounds)),
    )


def utf8_size(text: str) -> int:
    """The size of ``text`` in UTF-8: its length when it is ASCII (known without looking), else encoded."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _sizes(measures, html_size, derived_text, text_part, sent_html) -> Measures:
    """The measures, with the sizes computed when first read and bounded where that is cheap."""
    later: dict[str, Callable[[], float]] = {"text_bytes": lambda: utf8_size(text_part())}
    bounds: dict[str, float | Callable[[], float]] = {}
    if sent_html is None:
        measures["html_bytes"] = html_size
    else:
        # Measured on the inlined HTML itself: no cheap bound of it holds on every page,
        # since the inliner's HTML5 parser may copy an unclosed <b> into every paragraph after it.
        later["html_bytes"] = lambda: utf8_size(sent_html())
    later["message_bytes"] = lambda: values["html_bytes"] + values["text_bytes"]
    if derived_text:
        # A text part still to compute is derived from the HTML, never longer than 4 times it:
        # the widest expansion is <hr> (4 characters) becoming a 14-character rule.
        bounds["text_bytes"] = 4 * html_size
        bounds["message_bytes"] = lambda: values["html_bytes"] + 4 * html_size
    values = Measures(measures, later, bounds)
    return values


def _subject_length(subject: str | None, declared: dict[str, Any]) -> int:
    # SES counts the subject as sent: each variable filled in. A sample value
    # stands for it when the front matter gives one.
    if not subject:
        return 0

    def filled(match: re.Match) -> str:
        sample = declared.get(match.group(1))
        return _STAND_IN if sample is None else str(sample)

    return len(VARIABLE.sub(filled, subject))


_PARSER = None


def _parse(html: str):
    global _PARSER
    import lxml.etree

    # lxml.etree's HTML parser, not lxml.html: the same tree without lxml.html's
    # per-element class lookup in Python (0.84 -> 0.75 ms a template here).
    # Comments are dropped as they are parsed: they hold no text, the text on
    # either side of one reads as one text either way, and a quarter of an MJML
    # page's nodes are Outlook's conditional comments, each one more visit.
    if _PARSER is None:
        _PARSER = lxml.etree.HTMLParser(remove_comments=True)
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except Exception:  # lxml refuses some inputs (only a comment, say); treat as no markup
        return None
    if root is None:
        return None
    body = root.find("body")
    # The <style> blocks outside the body, and those in it from the walk: finding them
    # with root.iter("style") went through every element of the body once more (0.03 ms).
    outside = root.iter("style") if body is None else (style for child in root if child is not body for style in child.iter("style"))
    walker = _walk(root, body, [style.text or "" for style in outside])
    if walker.late_styles:
        late = [read_block(block) for block in walker.late_styles]
        if any(urls or classes or ids for urls, classes, ids in late):
            # They hide elements before them or load addresses before the body's: walk again knowing them all.
            walker = _walk(root, body, [style.text or "" for style in root.iter("style")])
        else:
            walker.styles.extend(walker.late_styles)
    collect_styles(walker.styles, walker.fonts, walker.colours)
    return (
        " ".join("".join(walker.visible).split()), " ".join("".join(walker.hidden).split()), walker.images,
        walker.anchors, walker.fonts, walker.colours, walker.backgrounds, root,
    )


def _walk(root, body, styles: list[str]) -> "_Walker":
    walker = _Walker(styles)
    for block in styles:
        urls, classes, ids = read_block(block)
        walker.backgrounds.extend(urls)
        walker.hidden_classes.update(classes)
        walker.hidden_ids.update(ids)
    walker.walk(root if body is None else body, collect_late=body is not None)
    return walker


# What the walk does with an element, by its tag: one dict look-up, not a lower() and five set tests.
_SKIPPED, _BLOCK, _BACKGROUND, _FONT, _IMG, _ANCHOR, _HOLDS = 1, 2, 4, 8, 16, 32, 64
_SPECIAL = _BACKGROUND | _FONT | _IMG
_KINDS: dict[Any, int] = {}  # tag (a name, or the Comment factory) to flags


def _kind(tag) -> int:
    if isinstance(tag, str):
        name = tag.lower()
        kind = (
            (_SKIPPED | _HOLDS if name in _SKIP else 0) | (_BLOCK if name in _BLOCKS else 0)
            | (_BACKGROUND if name in _BACKGROUND_TAGS else 0)
            | {"font": _FONT, "img": _IMG, "a": _ANCHOR}.get(name, 0)
        )
    else:  # lxml's Comment or ProcessingInstruction: only their tail is text
        kind = _SKIPPED
    if len(_KINDS) < 1024:  # tag names are few; bounded against pages of made-up ones
        _KINDS[tag] = kind
    return kind


class _Walker:
    """What one walk over the body collects: visible and hidden text, images, links, styles."""

    def __init__(self, styles: list[str]):
        self.visible: list[str] = []
        self.hidden: list[str] = []
        self.images: list[Image] = []
        self.anchors: list[Anchor] = []
        self.fonts: set[str] = set()
        self.colours: set[str] = set()
        self.styles = styles
        self.backgrounds: list[str] = []
        self.hidden_classes: set[str] = set()
        self.hidden_ids: set[str] = set()
        self.late_styles: list[str] = []  # the <style> blocks met in the walk (when asked), in document order

    def walk(self, root, collect_late: bool = False) -> None:
        """Sort the text under ``root`` into visible and hidden, in document order, and collect the rest.

        Text is hidden inside a hidden element, and inside font-size:0 until an element sets a size.
        """
        # Recursion, not a flat loop over iter() or iterwalk() with a stack of open
        # elements: measured, the stack costs what the calls save. What paid is less
        # work on each element (flags by tag, fewer reads): 0.28 -> 0.24 ms a template.
        visible, hidden, styles, backgrounds, images = self.visible, self.hidden, self.styles, self.backgrounds, self.images
        classes, ids = self.hidden_classes, self.hidden_ids
        selectors = bool(classes or ids)
        kinds, known_style, late = _KINDS, known_styles(), self.late_styles

        def visit(element, out: list[str], is_hidden: bool, zero_font: bool) -> None:
            kind = kinds.get(element.tag)
            if kind is None:
                kind = _kind(element.tag)
            if kind & _SKIPPED:  # <style>, <script>, comments...: only the tail is text
                if kind & _HOLDS and collect_late:  # an element, not a comment: a <style> or one in it
                    late.extend(style.text or "" for style in element.iter("style"))
                tail = element.tail
                if tail:
                    out.append(tail)
                return
            style = element.get("style")
            if style:
                hides, font_zero, urls = known_style(style) or read_style(style)
                if urls:
                    backgrounds.extend(urls)
                if font_zero is not None:
                    zero_font = font_zero
                if not is_hidden:
                    is_hidden = hides or element.get("hidden") is not None or (selectors and selected(element, classes, ids))
                    if not is_hidden:
                        styles.append(style)
            elif not is_hidden:
                is_hidden = element.get("hidden") is not None or (selectors and selected(element, classes, ids))
            inner = hidden if is_hidden or zero_font else visible
            if kind & _SPECIAL:
                if kind & _BACKGROUND:
                    background = element.get("background")
                    if background:
                        backgrounds.append(background.strip())
                elif kind & _IMG:
                    images.append(_image(element, style))
                elif not is_hidden:  # <font>
                    if element.get("color"):
                        self.colours.add(colour(element.get("color")))
                    if element.get("face"):
                        self.fonts.add(font_family(element.get("face")))
            if kind & _BLOCK:
                inner.append(" ")
            start = len(inner)
            text = element.text
            if text:
                inner.append(text)
            for child in element:
                visit(child, inner, is_hidden, zero_font)
            if kind & _ANCHOR:
                href = element.get("href")
                if href is not None:
                    # Under font-size:0 a child that sets a size writes to the visible text: read the element itself.
                    text = "".join(element.itertext()) if zero_font and not is_hidden else "".join(inner[start:])
                    self.anchors.append(Anchor(href.strip(), " ".join(text.split())))
            if kind & _BLOCK:
                inner.append(" ")
            tail = element.tail
            if tail:
                out.append(tail)

        visit(root, visible, False, False)


# An image's shown size by its width, height and style attributes: MJML writes the same few.
_SIZES: dict[tuple[str | None, str | None, str | None], tuple[float, float]] = {}


def _image(element, style: str | None) -> Image:
    key = (element.get("width"), element.get("height"), style)
    size = _SIZES.get(key)
    if size is None:
        size = _size(*key)
        if len(_SIZES) > 1024:
            _SIZES.clear()
        _SIZES[key] = size
    alt = element.get("alt")
    return Image(src=(element.get("src") or "").strip(), alt=alt.strip() if alt is not None else None, width=size[0], height=size[1])


def _size(width_attribute: str | None, height_attribute: str | None, style: str | None) -> tuple[float, float]:
    width = _pixels(width_attribute) or _style_pixels(style, _STYLE_WIDTH) or _UNSIZED_WIDTH
    height = _pixels(height_attribute) or _style_pixels(style, _STYLE_HEIGHT) or width / 2
    if width > _EMAIL_WIDTH:  # shown at the email's width, its height scaled with it
        width, height = _EMAIL_WIDTH, height * _EMAIL_WIDTH / width
    return width, height


def _pixels(value: str | None) -> float | None:
    if not value:
        return None
    if value.isdecimal():  # width="600", the usual case (isdecimal is what \d matches)
        return float(value) or None
    match = _PIXELS.match(value)
    return float(match.group(1)) or None if match else None


def _style_pixels(style: str | None, pattern: re.Pattern) -> float | None:
    match = pattern.search(style) if style else None
    return float(match.group(1)) if match else None
