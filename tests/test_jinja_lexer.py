"""The fast lexer gives Jinja's tokens (and Jinja's errors) for every input."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import jinja2
import pytest
from jinja2.lexer import Lexer

from templatekit.jinja_lexer import FastLexer, fast_lexer
from templatekit.render import make_environment

ROOT = Path(__file__).resolve().parents[1]
PIECES = ["{", "}", "%", "#", "-", "+", " ", "\n", "\t", "raw", "endraw", "if x", "endif", "a", "{{", "}}",
          "{%", "%}", "{#", "#}", "'", '"', "<mj-text>", "\u6d4b", "\\"]
SETTINGS = [
    {},
    {"trim_blocks": True, "lstrip_blocks": True},
    {"keep_trailing_newline": True},
    {"block_start_string": "<%", "block_end_string": "%>", "variable_start_string": "<<", "variable_end_string": ">>"},
    {"comment_start_string": "[#", "comment_end_string": "#]"},
]


def tokens(lexer: Lexer, source: str):
    try:
        return list(lexer.tokeniter(source, "t"))
    except jinja2.TemplateSyntaxError as error:
        return ("error", error.message, error.lineno)


def random_sources(seed: int, count: int, pieces=PIECES):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


def real_sources():
    folders = [ROOT / "templates", ROOT / "tests"]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".mjml", ".html", ".txt", ".j2") and path.is_file():
                try:
                    yield path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: ",".join(s) or "default")
def test_same_tokens_as_jinja_on_random_input(settings):
    env = jinja2.Environment(**settings)
    fast, jinja = FastLexer(env), Lexer(env)
    assert fast.rules["root"][0].pattern.pattern != jinja.rules["root"][0].pattern.pattern
    pieces = PIECES + [env.block_start_string, env.variable_start_string, env.comment_start_string, "<", "[", ">", "]"]
    differing = [s for s in random_sources(len(settings), 8000, pieces) if tokens(fast, s) != tokens(jinja, s)]
    assert differing == []


def test_same_tokens_as_jinja_on_the_templates_and_fixtures():
    env = jinja2.Environment(keep_trailing_newline=True)
    fast, jinja = FastLexer(env), Lexer(env)
    sources = list(real_sources())
    assert len(sources) > 50
    assert [tokens(fast, s) for s in sources] == [tokens(jinja, s) for s in sources]


def test_same_tokens_on_a_generated_corpus(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    corpus.generate(tmp_path, 60)
    env = jinja2.Environment(keep_trailing_newline=True)
    fast, jinja = FastLexer(env), Lexer(env)
    for path in sorted((tmp_path / "templates").rglob("*.mjml")):
        source = path.read_text(encoding="utf-8")
        assert tokens(fast, source) == tokens(jinja, source), path


def test_text_without_any_tag_is_one_data_token():
    env = jinja2.Environment()
    text = "<mj-text>{ not a tag } 100% #1 {</mj-text>" * 200
    assert [(token, value) for _, token, value in FastLexer(env).tokeniter(text, "t")] == [("data", text)]


def test_line_statements_keep_jinjas_own_pattern():
    env = jinja2.Environment(line_statement_prefix="%", line_comment_prefix="##")
    assert FastLexer(env).rules["root"][0].pattern.pattern == Lexer(env).rules["root"][0].pattern.pattern
    source = "% if x\nyes ## note\n% endif\n{{ y }}"
    assert tokens(FastLexer(env), source) == tokens(Lexer(env), source)


def test_the_build_environment_uses_it(tmp_path):
    env = make_environment(tmp_path)
    assert isinstance(env.lexer, FastLexer)
    assert env.lexer is fast_lexer(env)
    assert env.from_string("{% if a %}{{ a }}{% endif %} {# c #}{% raw %}{{ b }}{% endraw %}").render(a=1) == "1 {{ b }}"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_breaks_are_still_normalised(newline):
    env = jinja2.Environment(newline_sequence=newline, keep_trailing_newline=True)
    source = "a\r\nb\rc\n{{ x }}\r\nd"
    assert tokens(FastLexer(env), source) == tokens(Lexer(env), source)
    assert [t.value for t in FastLexer(env).tokenize(source) if t.type == "data"] == [t.value for t in Lexer(env).tokenize(source) if t.type == "data"]
