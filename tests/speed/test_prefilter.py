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


@pytest.mark.parametrize("text", [
    "no address here", "WWW.Example.net", "www.{{host}}", "see example.com", "pay 3.5 euros", "e.g. this",
    "today.Click here", "a.\u017ft", "\u212a.co", "\u8bbf\u95eeexample.com\u67e5\u770b", "//cdn", "a. bc", "end.",
])
def test_the_url_hint_says_what_the_plain_one_said(text):
    from templatekit.kinds.url import _HINT

    # The plain form of the hint: it tried every position, the fast one starts at a slash or a dot.
    assert (_HINT.search(text) is not None) == (re.search(r"//|www\.|[a-z0-9]\.[a-z]{2}", text, re.I) is not None)


@pytest.mark.parametrize("url", [
    "https://Example.COM/a?b=1#c", "//x.example.com", "www.example.com/x?y=1", "example.com", "https://a.example.com.",
    "https://user@host.example.com:80/x", "https://[::1]/x", "https://[::1/x", "http://exa mple.com/", "https://ex\tample.com/",
    "https://\u4f8b\u5b50.\u4e2d\u56fd/x", "https://x.com/a#b?c=d", "https://x.com?#", "HTTPS://X.COM", "https://x.com:port/",
    "https://x.com/%41?q=%2F", "https://...", "https://-a-.com/?a=1?b=2", "ftp://x.com/?u=1", "http:/x.com", "https:///x.com",
    "https://x.com/\u00e9?q=\u00e9", " https://x.com/", "https://x.com/ ?q=1",
])
def test_addresses_are_split_as_urlsplit_splits_them(url):
    from urllib.parse import urlsplit

    from templatekit.kinds.url import split_url

    try:
        parts = urlsplit(url if "//" in url[:8] else "//" + url)
    except ValueError:
        expected = None
    else:
        expected = (parts.hostname.rstrip(".").lower() if parts.hostname else None), parts.query
    assert split_url(url) == expected


def test_the_characters_of_a_url_run_are_those_the_pattern_takes():
    import sys

    from templatekit.kinds.url import _RUN_CHARS, _URL_CHARS

    url_char = re.compile(_URL_CHARS, re.I)
    taken = {chr(code) for code in range(sys.maxunicode + 1) if url_char.fullmatch(chr(code))}
    assert taken == set(_RUN_CHARS)


@pytest.mark.parametrize("text", [
    "Visit www.example.com, or https://shop.example.com/a?b=c#d. Thanks!",
    "访问example.com查看 http://x.cn/a，欢迎 partner.example.net。",
    "a.b.c.example.org/path?x=1 then //cdn.example.net and user@mail.example.com",
    "today.Click here; main.py and 3.5 and e.g. nothing; WWW.X.NET; ſ.ſt \u212a.com",
    "x" * 50 + ".com" + " " + "-" * 10 + "www." + "{{host}}/p",
    "https://", "www.", ".com", "a.co", "..com", "ex_ample.com a-b.example.com- end.com.",
])
def test_text_urls_are_found_as_searching_the_whole_text_finds_them(text):
    from templatekit.kinds.url import _TEXT_URL, _text_matches

    assert [(m.span(), m.groups()) for m in _text_matches(text)] == [(m.span(), m.groups()) for m in _TEXT_URL.finditer(text)]
