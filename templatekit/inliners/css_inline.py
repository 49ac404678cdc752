"""The default inliner, css-inline (Rust)."""
from __future__ import annotations

import functools

import css_inline


@functools.lru_cache(maxsize=64)
def _inliner(extra_css: str) -> css_inline.CSSInliner:
    # keep_style_tags: css-inline's default drops every <style> block, and with
    # it the @media rules that make MJML's columns responsive.
    # keep_link_tags: a remote stylesheet stays visible so lint can report it.
    return css_inline.CSSInliner(
        keep_style_tags=True,
        keep_link_tags=True,
        load_remote_stylesheets=False,
        extra_css=extra_css or None,
    )


def inline(html: str, extra_css: str = "") -> str:
    return _inliner(extra_css).inline(html)
