"""Link shorteners and redirect or tracking wrappers, wherever URLs appear.

A link through a shortener (t.cn, bit.ly ...) or with a parameter that carries
another address (``?url=``, ``?redirect=``, or any parameter whose value is an
absolute URL) hides where it leads; SES asks for no redirection links even
where plain links are accepted, so allowed hosts do not exempt them.

Options: ``hosts`` (shortener and redirector hosts; subdomains match too),
``parameters`` (query parameter names that carry a destination whatever their
value: ``url=``, ``redirect=``) and ``address_parameters`` (names that do so only
when their value is an address, with a scheme, ``//`` or a domain: ``target=``,
``next=``; ``?target=kids`` is a page's own state).
"""
from __future__ import annotations

import re
from typing import Any, Iterator
from urllib.parse import parse_qsl, unquote

from . import Finding
from .options import Option, strings
from .url import host_of, looks_like_address, prepare as _prepare_urls, split_url, targets

FIELDS = ("url", "host", "reason")

OPTIONS = {
    "hosts": Option(strings, default=(), doc="shortener and redirector hosts"),
    "parameters": Option(strings, default=(), doc="query parameters that carry a destination, whatever their value"),
    "address_parameters": Option(
        strings, default=(), doc="query parameters that carry a destination when their value is an address (target=, next=)"
    ),
    "tlds": Option(strings, default=("com", "net", "org", "cn", "io"), doc="domain endings recognised in text"),
    "file_extensions": Option(strings, default=(), doc="endings that are file names when written bare (main.py)"),
    "not_domains": Option(strings, default=(), doc="words that look like domains and are not (ASP.NET)"),
}

_ABSOLUTE = re.compile(r"^(?:https?:)?//", re.I)


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    return {
        **_prepare_urls({**options}), "links": True, "images": True, "text": True,
        "host_set": frozenset(host.lower() for host in options["hosts"]),
        "parameter_set": frozenset(name.lower() for name in options["parameters"]),
        "address_parameter_set": frozenset(name.lower() for name in options["address_parameters"]),
    }


def reason(url: str, options: dict[str, Any]) -> str | None:
    parts = split_url(url)
    if parts is None:
        return None
    host, query = parts
    if host and _redirector(host, options["host_set"]):
        return f"{host} is a link shortener or redirector"
    if not query:  # most links: nothing to parse
        return None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name.lower() in options["parameter_set"]:
            return f"the parameter '{name}' passes on a destination"
        if _ABSOLUTE.match(unquote(value)):
            return f"the parameter '{name}' carries another address"
        # target=kids or continue=1 on your own site is a page's state, not a redirect.
        if name.lower() in options["address_parameter_set"] and looks_like_address(unquote(value), options):
            return f"the parameter '{name}' carries another address"
    return None


def _redirector(host: str, hosts: frozenset[str]) -> bool:
    """Whether ``host`` is one of ``hosts`` or a subdomain of one: a set lookup for each of its endings."""
    if host in hosts:
        return True
    dot = host.find(".")
    while dot != -1:
        if host[dot + 1 :] in hosts:
            return True
        dot = host.find(".", dot + 1)
    return False


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    seen: set[str] = set()
    for url, where, snippet, key in targets(document, options):
        if url in seen:
            continue
        seen.add(url)
        why = reason(url, options)
        if why:
            yield Finding({"url": url, "host": host_of(url) or "", "reason": why}, snippet=snippet, key=key, in_text=where == "text")
