"""Well-formed HTML: every element closed, properly nested, no attribute given twice.

SES's review and receiving spam filters treat non-standard HTML as a spam
signal. Void elements (``<br>``, ``<img>`` ...) need no end tag, and neither do
the elements whose end tag HTML lets authors omit (``<p>``, ``<li>``, ``<td>`` ...).
Checked on the rendered HTML, so Jinja tags do not count as markup.
"""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Any, Iterator

from . import Finding

FIELDS = ("detail",)
OPTIONS: dict = {}

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_OPTIONAL_END = frozenset(
    "p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rt rp html head body".split()
)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, int]] = []  # (tag, start tag text, nth occurrence of that text)
        self.findings: list[Finding] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}

    def _start(self, tag: str, attrs, self_closing: bool) -> None:
        text = self.get_starttag_text() or f"<{tag}"
        nth = self.starts.get(text, 0)
        self.starts[text] = nth + 1
        names = [name for name, _ in attrs]
        for index, name in enumerate(names):
            if name in names[:index]:
                self._report(f"duplicate attribute '{name}' on <{tag}>", text, nth)
                break
        if not self_closing and tag not in _VOID:
            self.stack.append((tag, text, nth))

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, True)

    def handle_endtag(self, tag):
        snippet = f"</{tag}>"
        nth = self.ends.get(snippet, 0)
        self.ends[snippet] = nth + 1
        if tag in _VOID:
            return
        if not any(open_tag == tag for open_tag, _, _ in self.stack):
            self._report(f"</{tag}> closes no open element", snippet, nth)
            return
        while self.stack:
            open_tag, text, open_nth = self.stack.pop()
            if open_tag == tag:
                return
            if open_tag not in _OPTIONAL_END:
                self._report(f"<{open_tag}> is not closed before </{tag}> (misnested)", text, open_nth)

    def _report(self, detail: str, snippet: str, nth: int) -> None:
        self.findings.append(Finding({"detail": detail}, snippet=snippet, nth=nth))

    def finish(self) -> list[Finding]:
        self.close()
        for open_tag, text, nth in self.stack:
            if open_tag not in _OPTIONAL_END:
                self._report(f"<{open_tag}> is never closed", text, nth)
        return self.findings


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    if not document.html:
        return
    checker = _Checker()
    checker.feed(document.html)
    yield from checker.finish()
