"""The plain-text part, derived from the built HTML.

Links are kept as ``text (url)``; images, styles, comments and hidden elements
(the preheader) are left out; blocks become paragraphs and list items get a dash.
"""
from __future__ import annotations

import re

_BLOCKS = frozenset(
    "address article aside blockquote center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody tfoot thead tr ul".split()
)
_SKIP = frozenset({"head", "style", "script", "title", "noscript", "template"})
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\n\u00a0]+")


def html_to_text(html: str) -> str:
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    out: list[str] = []
    _walk(root if body is None else body, out)
    return _tidy("".join(out))


def _walk(element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is None:  # comments, processing instructions: only their tail is text
        _text(element.tail, out)
        return
    tag = tag.lower()
    if tag in _SKIP or _HIDDEN.search(element.get("style", "")):
        _text(element.tail, out)
        return
    if tag == "br":
        out.append("\n")
    elif tag == "hr":
        out.append("\n\n----------\n\n")
    elif tag == "a":
        _link(element, out)
        _text(element.tail, out)
        return
    elif tag == "img":
        pass
    elif tag in ("td", "th"):
        # Cells sit side by side; layout cells holding blocks still break lines.
        if out and not out[-1].endswith((" ", "\n")):
            out.append(" ")
        _text(element.text, out)
        for child in element:
            _walk(child, out)
        out.append(" ")
    else:
        block = tag in _BLOCKS
        if block:
            out.append("\n\n" if tag not in ("tr", "li") else "\n")
        if tag == "li":
            out.append("- ")
        _text(element.text, out)
        for child in element:
            _walk(child, out)
        if block:
            out.append("\n\n" if tag not in ("tr", "li") else "\n")
    _text(element.tail, out)


def _link(element, out: list[str]) -> None:
    parts: list[str] = []
    _text(element.text, parts)
    for child in element:
        _walk(child, parts)
    label = _SPACES.sub(" ", "".join(parts)).strip()
    href = (element.get("href") or "").strip()
    if not label:
        images = [img.get("alt", "").strip() for img in element.iter("img")]
        label = " ".join(alt for alt in images if alt)
    target = href[len("mailto:"):] if href.lower().startswith("mailto:") else href
    if not target or href.startswith("#") or target == label:
        out.append(label or target)
    elif label:
        out.append(f"{label} ({target})")
    else:
        out.append(target)


def _text(value: str | None, out: list[str]) -> None:
    if value:
        out.append(_SPACES.sub(" ", value))


def _tidy(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    result: list[str] = []
    for line in lines:
        if line or (result and result[-1]):
            result.append(line)
    return "\n".join(result).strip() + "\n"
