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
    ("<p>\u6e29\u99a8\u63d0\u793a</p>", False),
])
def test_a_text_without_any_prefix_cannot_match(text, expected):
    import re

    from templatekit.kinds.prefilter import may_match

    assert may_match(("<link", "@import"), text, text.lower()) is expected
    if not expected:
        assert re.search(r"<link\b|@import", text, re.I) is None, "the prefilter only skips what cannot match"
