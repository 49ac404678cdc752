"""No inlining: the HTML as compiled, with ``mj-style inline`` CSS kept in a <style> block."""
from __future__ import annotations


def inline(html: str, extra_css: str = "") -> str:
    if not extra_css:
        return html
    head_end = html.find("</head>")
    block = f"<style type=\"text/css\">{extra_css}</style>"
    return html[:head_end] + block + html[head_end:] if head_end >= 0 else block + html
