"""What CSS says about an element, read from style attributes and <style> blocks.

Whether it is hidden (the preheader tricks), whether its text is sized to
nothing, which remote addresses it loads, and its fonts and colours: the
measures of the ``font-variety`` and hidden-text rules and of the url rule's
backgrounds.
"""
from __future__ import annotations

import re

# Styles that hide an element with all it holds, matched on lower-cased CSS:
# display:none, visibility:hidden, mso-hide:all (Outlook), opacity:0, and a zero
# (max-)height with overflow:hidden, the preheader tricks. font-size:0 hides
# only the text that does not set its own size (MJML puts it on column wrappers).
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden|(?<![\w-])opacity\s*:\s*(?:0+(?:\.0*)?|\.0+)\s*(?:[;!}]|$)")
_NO_HEIGHT = re.compile(r"(?<![\w-])(?:max-)?height\s*:\s*0(?:px)?\s*(?:[;!}]|$)")
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden")
_ZERO_FONT = re.compile(r"(?<![\w-])font-size\s*:\s*(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?\s*(?:[;!}]|$)")
# <style> rules, outside @media, whose selector is one class or id (span.preheader counts as .preheader).
_MEDIA = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", re.I)
_CSS_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"(?:[a-z][a-z0-9]*)?([.#])([\w-]+)", re.I)
# Matched against lower-cased CSS: case-sensitive patterns let re skip to the literal.
# "color" first and the look-behind after it, so that re searches for the literal:
# the same matches as (?<![\w-])color, 0.041 -> 0.003 ms a template.
_COLOR = re.compile(r"color(?<![\w-]color)\s*:\s*([^;\"'}]+)")
_FONT = re.compile(r"font-family\s*:\s*([^;\"}]+)")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]*)\1\s*\)", re.I)
# Remote fonts and imported stylesheets are the external-resource rule's; the url rule takes the rest of CSS url().
_FONTS_AND_IMPORTS = re.compile(r"@font-face\s*\{[^}]*\}|@import[^;]*;?", re.I)


# What a style attribute means, by its text: MJML repeats the same few styles on
# every element of every template. Bounded, so a long run does not grow it forever.
_KNOWN: dict[str, tuple[bool, bool | None, list[str]]] = {}


def known_styles():
    """The look-up of styles already read: their ``read_style`` or None (a walk calls it for each element)."""
    return _KNOWN.get


def read_style(style: str) -> tuple[bool, bool | None, list[str]]:
    """(hides, font-size is zero or None when not set, CSS url() addresses) of a style attribute."""
    known = _KNOWN.get(style)
    if known is not None:
        return known
    low = style.lower()
    font_zero = bool(_ZERO_FONT.search(low)) if "font-size" in low else None
    known = (hides(low), font_zero, css_urls(style) if "url(" in low else [])
    if len(_KNOWN) > 4096:
        _KNOWN.clear()
    _KNOWN[style] = known
    return known


def hides(style: str) -> bool:
    """Whether a lower-cased style hides the element and everything in it."""
    if not ("none" in style or "hidden" in style or "mso-hide" in style or "opacity" in style):
        return False
    return bool(_HIDDEN.search(style)) or (bool(_NO_HEIGHT.search(style)) and bool(_OVERFLOW_HIDDEN.search(style)))


# What a <style> block means, by its text: MJML writes the same few blocks in every template.
_KNOWN_BLOCKS: dict[str, tuple[list[str], frozenset[str], frozenset[str]]] = {}


def read_block(css: str) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """(url() addresses but fonts and imports, hidden classes, hidden ids) of a <style> block."""
    known = _KNOWN_BLOCKS.get(css)
    if known is not None:
        return known
    urls = css_urls(_FONTS_AND_IMPORTS.sub("", css)) if "url(" in css else []
    classes: set[str] = set()
    ids: set[str] = set()
    if "none" in css or "hidden" in css or "opacity" in css or "mso-hide" in css:
        hidden_selectors(css, classes, ids)
    known = (urls, frozenset(classes), frozenset(ids))
    if len(_KNOWN_BLOCKS) > 1024:
        _KNOWN_BLOCKS.clear()
    _KNOWN_BLOCKS[css] = known
    return known


def hidden_selectors(css: str, classes: set[str], ids: set[str]) -> None:
    """Classes and ids that a <style> block hides everywhere (rules in @media apply to some screens only)."""
    for selectors, declarations in _CSS_RULE.findall(_MEDIA.sub("", css)):
        if not hides(declarations.lower()):
            continue
        for selector in selectors.split(","):
            simple = _SIMPLE_SELECTOR.fullmatch(selector.strip())
            if simple:
                (classes if simple.group(1) == "." else ids).add(simple.group(2))


def selected(element, classes: set[str], ids: set[str]) -> bool:
    names = element.get("class")
    if names and classes and not classes.isdisjoint(names.split()):
        return True
    return bool(ids) and element.get("id") in ids


def css_urls(css: str) -> list[str]:
    return [match.group(2).strip() for match in _CSS_URL.finditer(css)]


# The fonts and colours of a style, by its text: the same few in every template.
_KNOWN_LOOKS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}


def collect_styles(styles: list[str], fonts: set[str], colours: set[str]) -> None:
    """Add the font families and colours that ``styles`` (style attributes and blocks) set.

    Each distinct style read once a run, not all of them joined for each
    template (0.020 -> 0.008 ms a template); a match never spans two styles, as
    it never spanned the ";" that joined them.
    """
    for style in dict.fromkeys(styles):
        known = _KNOWN_LOOKS.get(style)
        if known is None:
            low = style.lower()
            families = {family for family in map(font_family, _FONT.findall(low)) if family}
            known = (frozenset(families), frozenset(map(colour, _COLOR.findall(low))))
            if len(_KNOWN_LOOKS) > 4096:
                _KNOWN_LOOKS.clear()
            _KNOWN_LOOKS[style] = known
        fonts |= known[0]
        colours |= known[1]


def font_family(stack: str) -> str:
    return stack.split(",")[0].strip().strip("'\"").lower()


def colour(value: str) -> str:
    value = value.replace("!important", "").strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value
