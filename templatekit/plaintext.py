"""The plain-text part, derived from the built HTML.

Links are kept as ``text (url)``; images, styles, comments and hidden elements
(the preheader) are left out; blocks become paragraphs, table rows lines, list
items get a dash.
"""
from __future__ import annotations

import re

_PARAGRAPHS = frozenset(
    "address article aside blockquote center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header main nav ol p pre section table ul".split()
)
_LINES = frozenset({"tr", "li", "tbody", "thead", "tfoot"})
_SKIP = frozenset({"head", "style", "script", "title", "noscript", "template"})
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\n\u00a0]+")


class _Writer:
    """Collects words, turning requested breaks and spaces into at most one of each."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.breaks = 0
        self.space = False
        self.prefix = ""
        # Links not to write: an icon linking where the text next to it links too.
        self.skip: set = set()

    def text(self, value: str | None) -> None:
        if not value:
            return
        value = _SPACES.sub(" ", value)
        if value.startswith(" "):
            self.space = True
        core = value.strip()
        if core:
            if self.parts:
                self.parts.append("\n" * self.breaks if self.breaks else (" " if self.space else ""))
            self.parts.append(self.prefix + core)
            self.breaks, self.space, self.prefix = 0, False, ""
        if value.endswith(" "):
            self.space = True

    def need(self, breaks: int) -> None:
        self.breaks = max(self.breaks, breaks)

    def line_break(self) -> None:
        self.breaks = min(self.breaks + 1, 2) if self.parts else 0

    def result(self) -> str:
        return "".join(self.parts)


def html_to_text(html: str) -> str:
    import lxml.etree

    if not html.strip():
        return ""
    # lxml.etree's HTML parser: lxml.html's element classes cost a lookup per element.
    root = lxml.etree.fromstring(html, lxml.etree.HTMLParser())
    if root is None:
        return ""
    body = root.find("body")
    top = root if body is None else body
    writer = _Writer()
    writer.skip = _redundant_image_links(top)
    _walk(top, writer)
    text = writer.result()
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() + "\n"


def _walk(element, out: _Writer) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is None or tag in _SKIP or _HIDDEN.search(element.get("style", "")):
        out.text(element.tail)  # comments and hidden elements: only what follows them is text
        return
    if tag == "br":
        out.line_break()
    elif tag == "hr":
        out.need(2)
        out.text("----------")
        out.need(2)
    elif tag == "a":
        _link(element, out)
    elif tag != "img":
        breaks = 2 if tag in _PARAGRAPHS else 1 if tag in _LINES else 0
        out.need(breaks)
        if tag in ("td", "th"):
            out.space = True
        if tag == "li":
            out.prefix = "- "
        out.text(element.text)
        for child in element:
            _walk(child, out)
        out.need(breaks)
        if tag in ("td", "th"):
            out.space = True
    out.text(element.tail)


def _redundant_image_links(top) -> set:
    """Image-only links whose neighbouring link goes to the same place and has text.

    mj-social writes each network as an icon link and a text link to one URL;
    the text part needs the link once, as ``Facebook (url)``.
    """
    links = [a for a in top.iter("a") if not _HIDDEN.search(a.get("style", ""))]
    redundant = set()
    for index, link in enumerate(links):
        if not _image_only(link):
            continue
        href = (link.get("href") or "").strip()
        neighbours = links[max(0, index - 1):index] + links[index + 1:index + 2]
        if any((other.get("href") or "").strip() == href and not _image_only(other) for other in neighbours):
            redundant.add(link)
    return redundant


def _image_only(link) -> bool:
    text = "".join(link.itertext())
    return not text.strip() and link.find(".//img") is not None


def _link(element, out: _Writer) -> None:
    if element in out.skip:
        return
    inner = _Writer()
    inner.text(element.text)
    for child in element:
        _walk(child, inner)
    label = _SPACES.sub(" ", inner.result()).strip()
    if not label:
        label = " ".join(alt for alt in (img.get("alt", "").strip() for img in element.iter("img")) if alt)
    href = (element.get("href") or "").strip()
    target = href[len("mailto:"):] if href.lower().startswith("mailto:") else href
    if not target or href.startswith("#") or target == label:
        out.text(label or target)
    elif label:
        out.text(f"{label} ({target})")
    else:
        out.text(target)
