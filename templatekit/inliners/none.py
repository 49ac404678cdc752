"""No inlining: the HTML as compiled, with ``mj-style inline`` CSS kept in a <style> block."""
from __future__ import annotations

from .at_rules import add_style_block


def inline(html: str, extra_css: str = "") -> str:
    return add_style_block(html, extra_css)
