"""Counting words the way an SES reviewer does.

The review counts Chinese text per character (the Chinese edition of the rules
says 字) and variables not at all: the message must make sense without them.
So, in visible text:

* every CJK character (Han, Hiragana, Katakana, Hangul) is one word;
* other text is split into words at whitespace and punctuation, where letters
  and digits joined by one inner ``' ’ - . , : /`` stay one word (``don't``,
  ``e-mail``, ``example.com``), so a digits group such as ``2026-11-25``,
  ``09:30`` or ``1,000.50`` is one word;
* ``{{variables}}`` are not words, and neither is punctuation on its own.
"""
from __future__ import annotations

import re

# Han (with extensions and compatibility ideographs), Hiragana, Katakana,
# Hangul syllables and jamo.
CJK = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
    "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"
)
VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
# Letters and digits, not CJK (those are removed before this runs) and not "_".
_WORD = re.compile(r"[^\W_]+(?:['’\-.,:/][^\W_]+)*")


def strip_variables(text: str) -> str:
    return VARIABLE.sub(" ", text)


def count_cjk(text: str) -> int:
    return len(CJK.findall(text))


def count_words(text: str) -> int:
    """Words in ``text`` as the review counts them (see the module docstring)."""
    text = strip_variables(text)
    cjk = 0

    def blank(match: re.Match) -> str:
        nonlocal cjk
        cjk += 1
        return " "

    latin = CJK.sub(blank, text)
    return cjk + sum(1 for _ in _WORD.finditer(latin))


def variable_names(text: str) -> list[str]:
    """Names of the ``{{variables}}`` in ``text``, once per occurrence."""
    return VARIABLE.findall(text)
