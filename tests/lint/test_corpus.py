"""The content rules on a corpus of real sentences: legitimate mail stays quiet, violations fire (corpus.yml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fixture_project import LINT_TESTS, fixture_project
from templatekit.document import measure
from templatekit.linter import check_document

CORPUS = yaml.safe_load((LINT_TESTS / "corpus.yml").read_text(encoding="utf-8"))
CONTENT_RULES = ("banned-topic", "social-contact", "url", "redirect-link", "spam-words")


def _problems(sentence: str) -> list[str]:
    _, settings = fixture_project()
    html = f"<html><body><p>{sentence}</p></body></html>"
    document = measure(
        path=Path("corpus.html"), name="corpus", type="notification", source_kind="html", subject="Hello",
        declared={}, business=None, html=html, text=sentence,
    )
    return [f"{p.rule}: {p.message}" for p in check_document(document, settings.rules) if p.rule in CONTENT_RULES]


@pytest.mark.parametrize("sentence", CORPUS["legitimate"])
def test_legitimate_mail_is_not_reported(sentence):
    assert _problems(sentence) == []


@pytest.mark.parametrize(
    "rule, sentence", [(rule, sentence) for rule, sentences in CORPUS["violations"].items() for sentence in sentences]
)
def test_violations_are_reported(rule, sentence):
    assert any(problem.startswith(rule + ":") for problem in _problems(sentence)), _problems(sentence)
