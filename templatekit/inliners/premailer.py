"""The optional premailer inliner (``pip install templatekit[premailer]``).

Unlike css-inline, premailer lets an element's own ``style`` attribute win over
a stylesheet rule even when the rule is ``!important``.
"""
from __future__ import annotations

import logging
import re
import secrets

from ..errors import ConfigError

_DOCTYPE = re.compile(r"^\s*(<!doctype[^>]*>)", re.I)
_SES_VARIABLE = re.compile(r"\{\{[A-Za-z_][A-Za-z0-9_]*\}\}")


def inline(html: str, extra_css: str = "") -> str:
    try:
        import premailer
    except ImportError:
        raise ConfigError("inliner 'premailer' needs the premailer package: pip install 'templatekit[premailer]'") from None
    doctype = _DOCTYPE.match(html)
    html, extra_css, restore = _protect_variables(html, extra_css)
    # strip_important=False: premailer removes !important by default, which
    # breaks MJML's mobile overrides. allow_network=False: no remote CSS.
    result = premailer.Premailer(
        html,
        css_text=extra_css or None,
        keep_style_tags=True,
        strip_important=False,
        allow_network=False,
        disable_validation=True,
        disable_link_rewrites=True,
        cssutils_logging_level=logging.CRITICAL,
    ).transform()
    if doctype and not _DOCTYPE.match(result):
        # premailer drops the doctype, which puts clients into quirks mode.
        result = doctype.group(1) + "\n" + result
    return restore(result)


def _protect_variables(html: str, css: str):
    """Stand each ``{{name}}`` in for a CSS identifier while premailer works.

    premailer parses every style it merges with cssutils, which throws away a
    declaration it cannot parse, such as ``color: {{brand_colour}}``. An identifier
    parses anywhere a value may stand; it is swapped back afterwards.
    """
    found = set(_SES_VARIABLE.findall(html)) | set(_SES_VARIABLE.findall(css))
    if not found:
        return html, css, lambda text: text
    nonce = secrets.token_hex(4)
    while nonce in html or nonce in css:
        nonce = secrets.token_hex(4)
    tokens = {variable: f"tkvar{nonce}x{index}x" for index, variable in enumerate(sorted(found))}

    def protect(text: str) -> str:
        return _SES_VARIABLE.sub(lambda match: tokens[match.group(0)], text)

    def restore(text: str) -> str:
        for variable, token in tokens.items():
            text = text.replace(token, variable)
        return text

    return protect(html), protect(css), restore
