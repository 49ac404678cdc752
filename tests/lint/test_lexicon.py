"""The lexicon kind's matcher: whole Latin words, CJK anywhere, exceptions and case-sensitive terms."""
from __future__ import annotations

import pickle

import pytest

from templatekit.kinds.lexicon import compile_terms, prepare
from templatekit.kinds.options import OptionError

MATCHER = compile_terms(
    {
        "superstition": ("转运", "!转运中心"),
        "social": ("加我", "!参加"),
        "pornography": ("xxx (case)",),
        "cashback": ("cash back",),
        "loans": ("loan",),
    }
)


def _terms(text: str) -> list[str]:
    return [term for _, term, _ in MATCHER.find(text)]


def test_an_exception_covering_the_match_cancels_it():
    assert _terms("您的包裹已到达转运中心。") == []
    assert _terms("转运符保佑你。") == ["转运"]


def test_an_exception_overlapping_the_match_cancels_it():
    # 参加我们: the 加 of 加我 belongs to 参加 ("take part").
    assert _terms("欢迎参加我们的讲座") == []
    assert _terms("加我好友") == ["加我"]


def test_an_exception_cancels_only_the_matches_it_overlaps():
    assert _terms("欢迎参加讲座，转运符加我") == ["转运", "加我"]


def test_a_case_term_matches_only_as_written():
    assert _terms("free xxx videos") == ["xxx"]
    assert _terms("尊敬的XXX用户") == [] and _terms("card ending XXX-1234") == []
    assert _terms("Xxx") == []


def test_hyphens_match_spaces():
    assert [written for written, _, _ in MATCHER.find("Get 10% cash-back today")] == ["cash-back"]
    assert _terms("cash  back") == ["cash back"]


def test_latin_terms_match_whole_words_only():
    assert _terms("Sloane Square") == [] and _terms("a loan") == ["loan"]


def test_exceptions_are_never_reported_themselves():
    assert _terms("参加 转运中心") == []


def test_the_matcher_survives_pickling_for_worker_processes():
    assert pickle.loads(pickle.dumps(MATCHER)).find("转运中心 转运") == MATCHER.find("转运中心 转运")


def test_a_lexicon_of_only_exceptions_is_refused():
    with pytest.raises(OptionError, match="no terms"):
        prepare({"terms": {"": ("!参加",)}, "extra_terms": (), "allow": (), "scopes": ("body",)})


def test_allow_removes_a_term_but_keeps_exceptions():
    options = prepare({"terms": {"t": ("转运", "!转运中心", "风水")}, "extra_terms": (), "allow": ("风水",), "scopes": ("body",)})
    assert [term for _, term, _ in options["matcher"].find("风水 转运中心 转运")] == ["转运"]
