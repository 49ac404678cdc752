"""Links and addresses in the content, except to allowed hosts.

Looks at link targets (``href`` with an http(s) or protocol-relative URL), image
addresses (``src``, a separate allow-list: images often come from a CDN), and
URLs or bare domains written in the text. Email addresses are not URLs. A link
target that is only an SES variable is checked through its sample value when
the front matter gives one.

Options: ``allowed_hosts`` and ``allowed_image_hosts`` (exact host names, or
``*.example.com`` for any subdomain), ``links``, ``images``, ``text`` (which
places to check), ``tlds`` (endings that make a word a bare domain: the SES
pack gives IANA's whole list), ``file_extensions`` (endings that are file names
when written without a path: ``main.py``, ``archive.zip``) and ``not_domains``
(names such as ASP.NET). A word whose ending is capitalised like a new sentence
("today.Click") is not a domain either.
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
    "file_extensions": Option(strings, default=(), doc="endings that are file names when written bare (main.py)"),
    "not_domains": Option(strings, default=(), doc="words that look like domains and are not (ASP.NET)"),
}

_VARIABLE_ONLY = re.compile(r"^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$")
# What a URL is made of (RFC 3986), ASCII only: Chinese text and full-width
# punctuation run straight on from a URL ("www.example.com，欢迎访问") and are not part of it.
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%{}]"
# A URL with a scheme or www., or a bare domain: ASCII labels, then an ending
# checked against the TLD list. The edges are ASCII too, since Python counts Han
# characters as word characters and "访问example.com查看" must be found.
_TEXT_URL = re.compile(
    rf"(?:https?://|//|www\.){_URL_CHARS}+"
    rf"|(?<![A-Za-z0-9@.\-_])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{{2,63}}))(?![A-Za-z0-9@\-_])(/{_URL_CHARS}*|[?#]{_URL_CHARS}+)?",
    re.I,
)
# The full pattern tries every word as the start of a domain; most texts have
# no URL at all, and this literal-led pattern says so in a fraction of the time.
_HINT = re.compile(r"//|www\.|[a-z0-9]\.[a-z]{2}", re.I)


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    return {
        **options,
        "tld_set": frozenset(t.lower().lstrip(".") for t in options["tlds"]),
        "extension_set": frozenset(t.lower().lstrip(".") for t in options["file_extensions"]),
        "not_domain_set": frozenset(t.lower() for t in options["not_domains"]),
    }


def text_urls(text: str, options: dict[str, Any]) -> Iterator[str]:
    """The URLs and bare domains written in ``text``, trailing punctuation removed."""
    if not _HINT.search(text):
        return
    for match in _TEXT_URL.finditer(text):
        if _is_address(match, options):
            yield match.group(0).rstrip(".,;:!?")


def looks_like_address(value: str, options: dict[str, Any]) -> bool:
    """Whether all of ``value`` is a URL or a domain (with a path or not), as text_urls finds them."""
    match = _TEXT_URL.match(value.strip())
    return bool(match) and match.end() == len(value.strip()) and _is_address(match, options)


def _is_address(match: re.Match, options: dict[str, Any]) -> bool:
    if match.group(1) is None:  # a scheme or www.
        return True
    name, ending = match.group(1), match.group(2)
    if ending.lower() not in options["tld_set"] or name.lower() in options["not_domain_set"]:
        return False
    if match.group(3) is None:
        if ending.lower() in options["extension_set"]:
            return False  # main.py, archive.zip: a file name unless it has a path
        if ending[0].isupper() and ending[1:].islower() and not name[0].isupper():
            return False  # "today.Click here": a sentence missing its space, not a domain
    return True


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
            for url in text_urls(document.scopes[scope], options):
                yield url, "text", url, None


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
