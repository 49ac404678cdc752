"""The optional premailer inliner (``pip install templatekit[premailer]``).

Unlike css-inline, premailer lets an element's own ``style`` attribute win over
a stylesheet rule even when the rule is ``!important``.
"""
from __future__ import annotations

import logging
import re

from ..errors import ConfigError

_DOCTYPE = re.compile(r"^\s*(<!doctype[^>]*>)", re.I)


def inline(html: str, extra_css: str = "") -> str:
    try:
        import premailer
    except ImportError:
        raise ConfigError("inliner 'premailer' needs the premailer package: pip install 'templatekit[premailer]'") from None
    doctype = _DOCTYPE.match(html)
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
    return result
