"""Links and addresses in the content, except to allowed hosts.

Looks at link targets (``href`` with an http(s) or protocol-relative URL, or
written as ``www.`` or a domain), image addresses (``src``, and backgrounds:
``background`` attributes and CSS ``url()``; a separate allow-list, as images
often come from a CDN), and URLs or bare domains written in the text. Email
addresses are not URLs. SES variables in an address are filled in with their
sample values from the front matter.

Options: ``allowed_hosts`` and ``allowed_image_hosts`` (exact host names, or
``*.example.com`` for any subdomain), ``links``, ``images``, ``text`` (which
places to check), ``tlds`` (endings that make a word a bare domain: the SES
pack gives IANA's whole list), ``file_extensions`` (endings that are file names
when written without a path: ``main.py``, ``archive.zip``) and ``not_domains``
(names such as ASP.NET). A word whose ending is capitalised like a new sentence
("today.Click") is not a domain either.
"""
from __future__ import annotations

import functools
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
# no URL at all, and this pattern says so in a fraction of the time. Every match
# holds one of its matches: //, www. or a dot between a letter or digit and two
# letters. Each branch starts at the slash or the dot, characters the engine
# skips to, and looks back from there: "[a-z0-9]\.[a-z]{2}" tried every
# position instead (0.21 -> 0.03 ms on a 5.5 KB body).
_HINT = re.compile(r"//|\.(?:(?<=www\.)|(?<=[a-z0-9]\.)[a-z]{2})", re.I)


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    return {
        **options,
        "tld_set": _interned(frozenset(t.lower().lstrip(".") for t in options["tlds"])),
        "extension_set": _interned(frozenset(t.lower().lstrip(".") for t in options["file_extensions"])),
        "not_domain_set": _interned(frozenset(t.lower() for t in options["not_domains"])),
        "link_hosts": host_patterns(options.get("allowed_hosts", ())),
        "image_hosts": host_patterns(options.get("allowed_image_hosts", ())),
    }


_SETS: dict[frozenset, frozenset] = {}


def _interned(values: frozenset[str]) -> frozenset[str]:
    # One object for equal sets (the url and redirect-link rules read the same
    # lists): the keys of ``targets`` then compare by identity, not element by element.
    return _SETS.setdefault(values, values)


def text_urls(text: str, options: dict[str, Any]) -> Iterator[str]:
    """The URLs and bare domains written in ``text``, trailing punctuation removed."""
    for match in _text_matches(text):
        if _is_address(match, options):
            yield match.group(0).rstrip(".,;:!?")


# Characters _URL_CHARS matches when case is ignored: ASCII, and four letters
# that IGNORECASE reads as ASCII ones (dotted and dotless i, long s, Kelvin sign).
_RUN_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&*+,;=%{}\u0130\u0131\u017f\u212a"
)
_RUN = re.compile(f"{_URL_CHARS}+", re.I)


def _text_matches(text: str) -> Iterator[re.Match]:
    """``_TEXT_URL.finditer(text)``, searching only the runs of URL characters that hold a hint.

    A match is made of URL characters and holds a hint, so it lies in such a
    run; at the run's edges the pattern's assertions (no URL character before
    or after) hold with or without the text around it. A page of text with one
    address in it was searched whole: 0.5 ms for 5 KB, now a few microseconds.
    """
    position = 0
    while True:
        hint = _HINT.search(text, position)
        if hint is None:
            return
        start = hint.start()
        while start > position and text[start - 1] in _RUN_CHARS:
            start -= 1
        end = _RUN.match(text, hint.start()).end()
        yield from _TEXT_URL.finditer(text, start, end)
        position = end


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


# An address urlsplit reads the simple way: an http(s) or protocol-relative URL
# whose host is ASCII letters, digits, dots and hyphens (no user, port or IPv6
# brackets), then printable ASCII. Its host and query are cut out directly:
# 0.06 -> 0.03 ms a template for the addresses of one MJML template.
_SIMPLE_URL = re.compile(r"(?:https?:)?//([A-Za-z0-9.-]+)([/?#][!-~]*)?")


@functools.lru_cache(maxsize=4096)
def split_url(url: str) -> tuple[str | None, str] | None:
    """(host, query) of ``url`` (a bare domain read as one), as urlsplit gives them; None where it does not parse.

    Cached: the same addresses come back in template after template (and for
    the url and redirect-link rules alike).
    """
    candidate = url if "//" in url[:8] else "//" + url
    simple = _SIMPLE_URL.fullmatch(candidate)
    if simple is not None:
        host, rest = simple.group(1), simple.group(2) or ""
        rest = rest.split("#", 1)[0]
        return host.rstrip(".").lower(), rest.split("?", 1)[1] if "?" in rest else ""
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    host = parts.hostname
    return (host.rstrip(".").lower() if host else None), parts.query


def host_of(url: str) -> str | None:
    parts = split_url(url)
    return parts[0] if parts else None


def host_patterns(patterns: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """``allowed_hosts`` as ``allowed`` takes them: exact hosts, and the endings ``*.`` patterns ask for."""
    exact, endings = set(), []
    for pattern in patterns:
        pattern = pattern.lower().rstrip(".")
        if pattern.startswith("*."):
            endings.append(pattern[1:])
        else:
            exact.add(pattern)
    return frozenset(exact), tuple(endings)


def allowed(host: str, patterns: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    exact, endings = patterns
    return host in exact or host.endswith(endings)


_REMOTE = re.compile(r"^(?:https?:)?//", re.I)


def is_remote(url: str) -> bool:
    return _REMOTE.match(url.strip()) is not None


def targets(document, options: dict[str, Any]) -> tuple[tuple[str, str, str | None, str | None], ...]:
    """(url, where, snippet, key) for every URL the options ask to check.

    Found once for the url and redirect-link rules (0.10 -> 0.00 ms a template
    for the second), as both look at the same addresses.

    A link or image address made of SES variables is checked as it will be
    sent: each variable with a sample value (front matter) is filled in. One
    that is only a variable without a sample cannot be checked; a variable
    host without one is reported, since it can be any host at send time.
    """
    key = ("url targets", options["links"], options["images"], options["text"],
           options["tld_set"], options["extension_set"], options["not_domain_set"])
    return document.computed(key, lambda: tuple(_targets(document, options)))


def _targets(document, options: dict[str, Any]) -> Iterator[tuple[str, str, str | None, str | None]]:
    declared = document.declared or {}
    if options["links"]:
        for anchor in document.anchors:
            found = _filled(anchor.href, declared)
            if found is not None and _is_link(found[0], options):
                yield (found[0], "link", *found[1:])
    if options["images"]:
        for image in document.images:
            found = _filled(image.src, declared)
            if found is not None and is_remote(found[0]):
                yield (found[0], "image", *found[1:])
        for address in document.backgrounds:
            found = _filled(address, declared)
            if found is not None and is_remote(found[0]):
                yield (found[0], "background image", *found[1:])
    if options["text"]:
        for scope in ("body", "preheader"):
            for url in text_urls(document.scopes[scope], options):
                yield url, "text", url, None


def _filled(address: str, declared: dict[str, Any]) -> tuple[str, str, str | None] | None:
    """(address as sent, snippet to locate, front matter key) with sample values filled in."""
    if "{{" not in address:
        return address, address, None
    variable = _VARIABLE_ONLY.match(address)
    if variable:
        sample = declared.get(variable.group(1))
        if not isinstance(sample, str):
            return None
        return sample, sample, "variables"  # the sample's line in the front matter

    def sample(match: re.Match) -> str:
        value = declared.get(match.group(1))
        return value if isinstance(value, str) else match.group(0)

    # Imported here: checking a project's url options imports this module on every
    # run, a warm one too, and wordcount compiles its patterns when imported (2.7 ms).
    from ..wordcount import VARIABLE

    filled = VARIABLE.sub(sample, address)
    return filled, address, "variables" if filled != address else None


def _is_link(url: str, options: dict[str, Any]) -> bool:
    # Mail clients and reviewers read href="www.example.com/x" (MJML buttons
    # take whatever is written) as the address it names, scheme or not.
    return is_remote(url) or url[:4].lower() == "www." or looks_like_address(url, options)


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for url, where, snippet, key in targets(document, options):
        host = host_of(url)
        if not host or (url, where) in seen:
            continue
        seen.add((url, where))
        hosts = options["image_hosts"] if where in ("image", "background image") else options["link_hosts"]
        if allowed(host, hosts):
            continue
        yield Finding({"url": url, "host": host, "where": where}, snippet=snippet, key=key, in_text=where == "text")
