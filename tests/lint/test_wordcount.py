"""Counting words the way an SES reviewer does (templatekit.wordcount)."""
from __future__ import annotations

import pytest

from templatekit.wordcount import count_cjk, count_words


@pytest.mark.parametrize(
    "text, words",
    [
        ("Hello world", 2),
        ("Hello, world! How are you?", 5),
        ("don't stop", 2),
        ("an e-mail from example.com", 4),
        ("", 0),
        ("  ...  !!! — ", 0),
    ],
)
def test_latin_words_split_at_spaces_and_punctuation(text, words):
    assert count_words(text) == words


def test_cjk_characters_count_as_words():
    assert count_words("您的订单已发货") == 7
    assert count_words("ひらがなカタカナ") == 8
    assert count_words("한국어") == 3


def test_cjk_punctuation_is_not_a_word():
    assert count_words("您好，世界！") == 4


@pytest.mark.parametrize("text", ["2026-11-25", "09:30", "1,000,000", "3.5", "482913", "SF1234567890", "25/11/2026", "1,000.50"])
def test_a_digits_group_is_one_word(text):
    assert count_words(text) == 1


@pytest.mark.parametrize(
    "text, words",
    [("hello,world", 2), ("foo/bar/baz", 3), ("end.Next", 2), ("yes:no", 2), ("red,green,blue", 3), ("and/or", 2)],
)
def test_punctuation_without_a_space_still_separates_words(text, words):
    assert count_words(text) == words


@pytest.mark.parametrize(
    "text",
    ["https://shop.example.com/orders/1,2?tab=a.b", "www.example.com/help", "jo.doe+news@mail.example.com", "example.com", "well-known"],
)
def test_urls_email_addresses_and_domains_are_one_word(text):
    assert count_words(text) == 1
    assert count_words(f"see {text}, thanks") == 3


def test_variables_are_not_words():
    assert count_words("Hello {{name}}, your code is {{ code }}") == 4
    assert count_words("{{a}}{{b}}") == 0


def test_mixed_chinese_and_english():
    # 您好 (2) + Alex (1) + 您的订单 (4) + LM20261125001 (1) + 已于 (2) + 11 (1) + 月 (1) + 25 (1) + 日发货 (3)
    assert count_words("您好 Alex，您的订单 LM20261125001 已于 11 月 25 日发货") == 16
    assert count_words("请使用WeChat Pay付款") == 3 + 2 + 2  # 请使用, WeChat Pay, 付款
    assert count_cjk("请使用WeChat Pay付款") == 5


def test_a_run_of_cjk_between_latin_words_counts_each_character_and_splits_the_words():
    assert count_words("hello感谢您world") == 5
    assert count_words("2026年11月25日") == 3 + 3
    assert count_cjk("a感谢b가나c") == 4


@pytest.mark.parametrize("text", ["hello感谢您world {{ name }}", "2026年11月25日 e-mail", "가나 ｱｲ abc", ""])
def test_words_and_cjk_gives_both_counts_in_one_pass(text):
    from templatekit.wordcount import words_and_cjk

    latin, cjk = words_and_cjk(text)
    assert (latin + cjk, cjk) == (count_words(text), count_cjk(text))
