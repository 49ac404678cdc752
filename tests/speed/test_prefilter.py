"""The first-character lookahead never changes what a pattern matches."""
from __future__ import annotations

import re

import pytest

from templatekit.kinds.prefilter import with_lookahead

TEXT = (
    "Add me on WeChat: lumen_shop or weixin 123. 加我微信，扫码进群！QQ: 123456, qr-code.png, QRcode, "
    "join our group, add us as a friend. Nothing here: equal, square, aqr, 微博. @import url(x); "
    "<link rel=stylesheet href=//x.css> 1234 2025 a-b [x] ^caret\\slash"
)


@pytest.mark.parametrize("pattern", [
    r"\b(?:we\s?chat|weixin)\b|微信|\bQQ\b|扣扣",
    r"(?<![a-z0-9])qr(?:[-_]?codes?)?(?![a-z])",
    r"\b(?:join|add)\s+(?:me|us|our)\s+(?:group|chat|friends?)\b",
    r"加(?:好友|我|群|微信?)|进群|入群|群号",
    r"<link\b[^>]*\brel\s*=\s*[\"']?stylesheet[^>]*>|@import\s+[^;]+;?",
    r"\d{4}",
    r"a?b",
    r"[\]\^\\-]",
    r"x*",
])
def test_same_matches_with_and_without_the_lookahead(pattern):
    plain = re.compile(pattern, re.I)
    fast = with_lookahead(pattern, re.I)
    assert [m.span() for m in fast.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]


def test_no_lookahead_when_a_match_may_start_anywhere_or_be_empty():
    assert with_lookahead(r".+x", re.I).pattern == r".+x"
    assert with_lookahead(r"x*", 0).pattern == "x*"
    assert with_lookahead(r"\w+@", 0).pattern == r"\w+@"
    assert with_lookahead(r"ab|cd", 0).pattern == "ab|cd"  # the engine already skips ahead here
    assert with_lookahead(r"\bab|cd", 0).pattern.startswith("(?=[")


def test_required_prefixes_are_the_literal_starts_of_every_pattern_or_nothing():
    from templatekit.kinds.prefilter import required_prefixes

    assert required_prefixes((r"<link\b[^>]*>", r"@import\s+[^;]+;?")) == ("<link", "@import")
    assert required_prefixes((r"<link\b", r"\bqq")) is None  # one pattern has no literal start
    assert required_prefixes((r"a\d",)) is None  # a single character says too little


@pytest.mark.parametrize("text, expected", [
    ("<p>no stylesheet here</p>", False),
    ('<LINK rel="stylesheet" href="x.css">', True),  # case is ignored, as by the expression
    ("<l\u0131nk rel=stylesheet>", True),  # dotless i: IGNORECASE matches it with i, lower() does not
    ("<l\u0130nk rel=stylesheet>", True),  # capital I with a dot: lower() makes two characters of it
    ("<lin\u212a rel=stylesheet>", True),  # the Kelvin sign is a k to IGNORECASE
    ("@IMPORT url(x.css);", True),
    ("<p>\u6e29\u99a8\u63d0\u793a</p>", False),
    ("<p>\u00abl\u0131n\u00bb @ import</p>", False),  # a dotless i alone is no prefix
])
def test_a_text_without_any_prefix_cannot_match(text, expected):
    from templatekit.kinds.prefilter import may_match, prefix_searchers

    assert may_match(prefix_searchers(("<link", "@import")), text) is expected
    # The prefilter says exactly whether the expression's literal starts are there.
    assert (re.search(r"<link|@import", text, re.I) is not None) is expected


def test_the_pattern_rule_finds_in_the_markup_what_its_expression_finds():
    from pathlib import Path

    from templatekit.document import measure
    from templatekit.kinds import pattern

    options = pattern.prepare({
        "patterns": (re.compile(r"<link\b[^>]*\brel\s*=\s*stylesheet[^>]*>", re.I), re.compile(r"@import\s+[^;]+;?", re.I)),
        "scopes": ("markup",), "must": "not-appear", "inserted_on_send": False,
    })
    assert options["prefixes"] is not None
    found = []
    for html in (
        "<html><head><l\u0131nk rel=stylesheet href=x.css></head><body><p>Hi</p></body></html>",
        "<html><head><style>@Import url(a.css);</style></head><body><p>Hi</p></body></html>",
        "<html><body><p>\u6e29\u99a8\u63d0\u793a: plain</p></body></html>",
    ):
        document = measure(
            path=Path("t.html"), name="t", type="notification", source_kind="html", subject=None,
            declared={}, business=None, html=html, text="",
        )
        expected = [m.group(0) for m in options["combined"].finditer(html)]
        found.append([f.fields["match"] for f in pattern.check(options, document)])
        assert found[-1] == expected
    assert [len(matches) for matches in found] == [1, 1, 0]  # the dotless i is not skipped

