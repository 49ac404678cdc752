"""Links and addresses in the content, except to allowed hosts.

Looks at link targets (``href`` with an http(s) or protocol-relative URL), image
addresses (``src``, a separate allow-list: images often come from a CDN), and
URLs or bare domains written in the text. Email addresses are not URLs. A link
target that is only an SES variable is checked through its sample value when
the front matter gives one.

Options: ``allowed_hosts`` and ``allowed_image_hosts`` (exact host names, or
``*.example.com`` for any subdomain), ``links``, ``images``, ``text`` (which
places to check), ``tlds`` (endings that make a word a bare domain).
"""
from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import urlsplit

from . import Finding
from .options import Option, boolean, strings

FIELDS = ("url", "host", "where")

OPTIONS = {
    "allowed_hosts": Option(strings, default=(), doc="hosts links may point to"),
    "allowed_image_hosts": Option(strings, default=(), doc="hosts images may load from"),
    "links": Option(boolean, default=True, doc="check link targets (href)"),
    "images": Option(boolean, default=True, doc="check image addresses (src)"),
    "text": Option(boolean, default=True, doc="check URLs and domains written in the text"),
    "tlds": Option(strings, default=("com", "net", "org", "cn", "io"), doc="domain endings recognised in text"),
}

_VARIABLE_ONLY = re.compile(r"^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    tlds = "|".join(sorted((re.escape(t.lower().lstrip(".")) for t in options["tlds"]), key=len, reverse=True))
    text_url = re.compile(
        r"(?:https?://|//|www\.)[^\s<>\"'()]+"
        rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{tlds})(?![\w@-])(?:[/?#][^\s<>\"'()]*)?",
        re.I,
    )
    # The full pattern tries every word as the start of a domain; most texts have
    # no URL at all, and this literal-led pattern says so in a fraction of the time.
    hint = re.compile(rf"https?://|//|www\.|\.(?:{tlds})(?![\w@-])", re.I)
    return {**options, "text_url": text_url, "text_url_hint": hint}


def host_of(url: str) -> str | None:
    candidate = url if "//" in url[:8] else "//" + url
    try:
        host = urlsplit(candidate).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def allowed(host: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        pattern = pattern.lower().rstrip(".")
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):
                return True
        elif host == pattern:
            return True
    return False


def is_remote(url: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//", url.strip(), re.I))


def targets(document, options: dict[str, Any]) -> Iterator[tuple[str, str, str | None, str | None]]:
    """(url, where, snippet, key) for every URL the options ask to check."""
    declared = document.declared or {}
    if options["links"]:
        for anchor in document.anchors:
            url, snippet, key = anchor.href, anchor.href, None
            variable = _VARIABLE_ONLY.match(url)
            if variable:
                sample = declared.get(variable.group(1))
                if not isinstance(sample, str):
                    continue
                url, snippet, key = sample, sample, "variables"  # the sample's line in the front matter
            if is_remote(url):
                yield url, "link", snippet, key
    if options["images"]:
        for image in document.images:
            if is_remote(image.src):
                yield image.src, "image", image.src, None
    if options["text"]:
        for scope in ("body", "preheader"):
            text = document.scopes[scope]
            if not options["text_url_hint"].search(text):
                continue
            for match in options["text_url"].finditer(text):
                yield match.group(0).rstrip(".,;:!?"), "text", match.group(0).rstrip(".,;:!?"), None


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for url, where, snippet, key in targets(document, options):
        host = host_of(url)
        if not host or "{" in host or (url, where) in seen:
            continue
        seen.add((url, where))
        hosts = options["allowed_image_hosts"] if where == "image" else options["allowed_hosts"]
        if allowed(host, hosts):
            continue
        yield Finding({"url": url, "host": host, "where": where}, snippet=snippet, key=key)
