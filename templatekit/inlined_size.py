"""An upper bound of a page's size once its styles are inlined, without inlining it.

The size rules (gmail-clip at 102 KB, message-size at 4 MB) measure the HTML as
sent, and inlining repeats each style on every element it matches; the bound
settles almost every template at a tenth of inlining's cost, and the page is
inlined and measured only when it does not.
"""
from __future__ import annotations

import functools
import re

# The size bound (inlined_size_bound): rules, comments and selector parts of CSS.
_STYLE_BLOCK = re.compile(rb"<style[^>]*>(.*?)</style>", re.S)
_CSS_COMMENT = re.compile(rb"/\*.*?\*/", re.S)
_EXPANDABLE = b"=:>'&\xa0"
_CLASS_VALUES = re.compile(rb"class\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
# Led by the literal so that re skips to it ("\bid" was 15 times slower); data-id= only adds text to count in.
_ID_VALUES = re.compile(rb"id\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)")
_CSS_RULE_BYTES = re.compile(rb"([^{}@;]+)\{([^{}]*)\}")
_MEDIA_BYTES = re.compile(rb"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
_COMBINATOR = re.compile(rb"\s*[\s>+~]\s*")
_PSEUDO = re.compile(rb"::?[a-z-]+(?:\([^)]*\))?")
_COMPOUND_PART = re.compile(rb"([.#]?)(-?[a-z_][\w-]*)")


def inlined_size_bound(html: str, css: str = "", *, data: bytes | None = None, tree=None) -> int:
    """An upper bound of the UTF-8 size of ``html`` once its <style> rules (and ``css``) are inlined.

    Inlining copies each rule's declarations onto every element it matches, so a
    small template with a big <style> can grow past Gmail's 102 KB. Bounded
    without inlining (a tenth of its cost): each rule outside @media adds its
    declarations (with the ": " and ";" the inliner writes) to at most as many
    elements as have its rightmost tag name, or as there are occurrences of its
    class or id name; every element may gain ` style=""` and every table a
    <tbody>, and writing the page again may escape or quote the few characters
    that it can (= : > ' & and no-break spaces, 5 bytes each at most).
    ``data`` is ``html`` in UTF-8 and ``tree`` its lxml tree, when already made.
    """
    data = html.encode("utf-8") if data is None else data
    size = len(data)
    lowered = data.lower() if tree is None else data
    if tree is not None:
        styles = "\n".join(style.text or "" for style in tree.iter("style"))
    else:
        styles = "\n".join(block.decode("utf-8", "replace") for block in _STYLE_BLOCK.findall(lowered))
    tag_counts: dict[str, int] = {}

    def tags(name: str) -> int:
        if name not in tag_counts:
            if tree is not None:
                tag_counts[name] = int(_xpath(f"count(//{name})")(tree)) if name.isidentifier() else elements
            else:
                tag_counts[name] = len(re.findall(rb"<" + re.escape(name.encode()) + rb"[\s/>]", lowered))
            if name == "tbody":  # the HTML parser adds one to a table without
                tag_counts[name] += tags("table")
        return tag_counts[name]

    # Elements (from the page's tags when there is no tree: end tags count too,
    # which only loosens the bound), and the html, head, body and tbody the parser may add.
    elements = int(_xpath("count(//*)")(tree)) if tree is not None else data.count(b"<")
    elements += 3 + tags("table")
    expandable = size - len(data.translate(None, _EXPANDABLE))
    slack = elements * len(' style=""') + 15 * tags("table") + 5 * expandable
    rules = _inlined_rules((styles + "\n" + css).lower().encode("utf-8"))
    if not rules:
        return size + slack
    counts: dict[bytes, int] = {}
    names: dict[bytes, bytes] = {}  # the page's class (".") and id ("#") attribute values, joined

    def named(kind: bytes, name: bytes) -> int:
        # An element with the class or id has its name in that attribute's value:
        # counting there is counting in a few hundred bytes, not the whole page.
        if kind not in names:
            if tree is not None:  # lxml reads the attribute values in C, and the page is not lowered
                values = _xpath("//@class" if kind == b"." else "//@id")(tree)
                names[kind] = " ".join(values).lower().encode("utf-8")
            else:
                names[kind] = b" ".join((_CLASS_VALUES if kind == b"." else _ID_VALUES).findall(lowered))
        if kind + name not in counts:
            counts[kind + name] = names[kind].count(name)
        return counts[kind + name]

    added = 0
    for compounds, cost in rules:
        matched = 0
        for parts in compounds:
            if parts is None:
                matched = elements
                break
            most = elements
            for kind, name in parts:
                most = min(most, tags(name.decode("ascii", "replace")) if not kind else named(kind, name))
            matched += most
        added += min(matched, elements) * cost
    return size + slack + added


@functools.lru_cache(maxsize=64)
def _inlined_rules(css: bytes) -> tuple[tuple[tuple, int], ...]:
    """The rules inlining copies (outside @media), each as (its selectors' compounds, bytes it adds).

    Cached: most templates of a project share their <style> (MJML's is the same in all).
    """
    if b"{" not in css:
        return ()
    rules = []
    for selectors, declarations in _CSS_RULE_BYTES.findall(_MEDIA_BYTES.sub(b"", _CSS_COMMENT.sub(b"", css))):
        compounds = tuple(_compound(selector.strip()) for selector in selectors.split(b","))
        rules.append((compounds, len(declarations) + 2 * declarations.count(b":")))
    return tuple(rules)


@functools.lru_cache(maxsize=64)
def _xpath(expression: str):
    import lxml.etree

    return lxml.etree.XPath(expression)


@functools.lru_cache(maxsize=1024)
def _compound(selector: bytes) -> tuple[tuple[bytes, bytes], ...] | None:
    """The (kind, name) parts of a selector's rightmost compound; None when it can match any element."""
    compound = _PSEUDO.sub(b"", _COMBINATOR.split(selector)[-1])
    parts = tuple(_COMPOUND_PART.findall(compound))
    if not parts or b"[" in compound or b"*" in compound:
        return None
    return parts
