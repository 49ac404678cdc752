"""Simple templates rendered without compiling give exactly what Jinja gives."""
from __future__ import annotations

import os
import random

import jinja2
import jinja2.sandbox
import pytest
from markupsafe import Markup

from templatekit import simple_templates
from templatekit.errors import TemplateError
from templatekit.render import SesVariable, make_environment, render
from templatekit.simple_tokens import simple_tokens

LAYOUTS = {
    "layout.html": "<html>{% block head %}<title>{{ x }}</title>{% endblock %}<body>{% block body %}default{% endblock %}"
                   "{% block tail %}{% endblock %}{{ self.head() }}</body></html>\n",
    "layout.txt": "{% block body %}{% endblock %} -- {{ obj.title }}{% block tail %}[t]{% endblock %}",
    "nested.html": '{% extends "layout.html" %}{% block body %}<main>{% block inner %}{% endblock %}</main>{% endblock %}',
}
TEXT = ["<p>", "a & b", "\n", "  ", "{", "}", "%", '"q"', "'", "\u6d4b\u8bd5", "x", "\t"]
NAMES = ["x", "y", "ses", "obj.title", "d.k", "d.missing", "missing", "obj . title", "n", "obj.title.upper",
         # names the parser reads as something else: constants, operators, keywords
         "true", "None", "not", "and", "in", "if", "is", "or", "else", "loop", "self", "d.0", "x.y.", "x y", "x|e"]


class Thing:
    title = "<T&>"


CONTEXT = {"x": "<b>&", "y": Markup("<i>ok</i>"), "ses": SesVariable("ses"), "obj": Thing(), "d": {"k": "v"}, "n": 3,
           **{name: f"[{name}]" for name in ("true", "None", "not", "and", "in", "if", "is", "or", "else", "loop", "self")}}


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.DictLoader(templates), undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        autoescape=lambda name: name is not None and name.endswith(".html"),
    )


def jinja_render(env: jinja2.Environment, name: str):
    try:
        return env.get_template(name).render(CONTEXT)
    except Exception as error:
        return type(error)


def random_body(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(0, 6)):
        roll = rng.random()
        if roll < 0.5:
            parts.append(rng.choice(TEXT))
        elif roll < 0.85:
            left, right = rng.choice(["{{ ", "{{- ", "{{"]), rng.choice([" }}", " -}}", "}}"])
            parts.append(f"{left}{rng.choice(NAMES)}{right}")
        elif roll < 0.95 and depth == 0:
            name = rng.choice(["body", "tail", "head", "inner", "other"])
            end = rng.choice(["{% endblock %}", f"{{% endblock {name} %}}", "{%- endblock -%}"])
            parts.append(f"{{% block {name} %}}{random_body(rng, depth + 1)}{end}")
        else:
            parts.append(rng.choice(["{{ x|upper }}", "{% if n %}y{% endif %}", "{# note #}", "{{ super() }}", "{{ d['k'] }}",
                                     "{% block body scoped %}s{% endblock %}", "{% endblock %}", "{% block %}", "{% extends 'layout.txt' %}",
                                     '{% extends "layout.html" "x" %}', "{% endblock other %}", "{% raw %}{{ x }}{% endraw %}"]))
    return "".join(parts)


def random_template(rng: random.Random) -> str:
    before = rng.choice(["", "\n\n", "{{ x }}", "hello {{ y }}\n"])
    extends = rng.choice(['{% extends "layout.html" %}', '{% extends "layout.txt" %}', '{% extends "nested.html" %}', ""])
    return before + extends + random_body(rng)


@pytest.mark.parametrize("seed", range(4))
def test_same_text_as_jinja_on_random_templates(seed):
    rng = random.Random(seed)
    rendered_here = 0
    for index in range(600):
        name = f"t{index}." + rng.choice(["html", "txt"])
        templates = {**LAYOUTS, name: random_template(rng)}
        ours = simple_templates.render(environment(templates), name, CONTEXT)
        if ours is not None:
            rendered_here += 1
            assert ours == jinja_render(environment(templates), name), templates[name]
    assert rendered_here > 150  # the shortcut is taken for the simple ones


@pytest.mark.parametrize("source", [
    "{{ x|upper }}", "{% if n %}y{% endif %}", "{{ super() }}", "{% raw %}{{ x }}{% endraw %}",
    "{{ missing }}", "{{ d.missing }}", '{% block a %}{% endblock %}{% extends "layout.html" %}',
    '{% extends "layout.html" %}{% extends "layout.txt" %}', "{% block a %}{% block b %}{% endblock %}{% endblock %}",
    "{{ self }}", "{{ x ", '{% extends "nowhere.html" %}', "{% block a %}x{% endblock b %}", "{% block a %}x",
    "{% block a scoped %}{% endblock %}", "{% block a required %}{% endblock %}", "x{% endblock %}", "{{ true }}", "{{ d.0 }}",
    '{% extends "layout.html" %}{{ x }}', '{% extends "layout" ".html" %}', "{% block a %}{% endblock %}{% block a %}{% endblock %}",
])
def test_anything_else_is_left_to_jinja(source):
    assert simple_templates.render(environment({**LAYOUTS, "t.html": source}), "t.html", CONTEXT) is None


def test_the_build_renders_a_simple_template_without_compiling_it(tmp_path):
    (tmp_path / "_layout.mjml").write_text("<mjml>{% block content %}{% endblock %}</mjml>", encoding="utf-8")
    (tmp_path / "t.mjml").write_text('---\nname: t\n---\n{% extends "_layout.mjml" %}{% block content %}{{ ses }} & {{ x }}{% endblock %}', encoding="utf-8")
    env = make_environment(tmp_path)
    assert render(env, "t.mjml", CONTEXT, tmp_path / "t.mjml") == "\n\n\n<mjml>{{ses}} & &lt;b&gt;&amp;</mjml>"
    assert [key[1] for key in env.cache.keys()] == ["_layout.mjml"]  # only the layout was compiled


def test_an_error_is_jinjas_with_its_line(tmp_path):
    (tmp_path / "t.mjml").write_text("---\nname: t\n---\nline four\n{{ nobody }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render(make_environment(tmp_path), "t.mjml", CONTEXT, tmp_path / "t.mjml")
    assert caught.value.line == 5
    assert "nobody" in caught.value.message


def test_an_edited_template_is_planned_again(tmp_path):
    path = tmp_path / "t.html"
    path.write_text("one {{ n }}", encoding="utf-8")
    env = make_environment(tmp_path)
    assert render(env, "t.html", CONTEXT, path) == "one 3"
    path.write_text("two {{ n }}", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert render(env, "t.html", CONTEXT, path) == "two 3"


def test_only_a_few_plans_are_kept(tmp_path):
    env = make_environment(tmp_path)
    for index in range(simple_templates._PLANS_KEPT * 3):
        (tmp_path / f"t{index}.html").write_text(f"<p>{index} {{{{ n }}}}</p>", encoding="utf-8")
        assert render(env, f"t{index}.html", CONTEXT, tmp_path / f"t{index}.html") == f"<p>{index} 3</p>"
    assert len(env._templatekit_plans) == simple_templates._PLANS_KEPT


# Pieces of tags and of the text around them: delimiters, whitespace control, names
# that are no identifier, strings with escapes, line breaks Jinja rewrites.
PIECES = ["{{", "}}", "{%", "%}", "{#", "#}", "-", "+", " ", "\n", "\t", "\r", "\u3000", "x", "a.b", " . ", "_", "if",
          "e1", "1", "\u00b2", "\u6d4b", "extends", "block", "endblock", "raw", '"p"', "'q'", '"a\\"b"', "{", "}", "%", "#", "."]


def _read(tokens):
    # What a plan reads: every token's type, and the value of all but the delimiters.
    return [(token.type, None if token.type.endswith(("_begin", "_end")) else token.value) for token in tokens]


@pytest.mark.parametrize("seed", range(3))
def test_simple_tokens_are_jinjas_tokens(seed):
    rng = random.Random(seed)
    env = environment({})
    read_here = 0
    for _ in range(4000):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        if not simple_templates._looks_simple(source):
            continue
        ours = simple_tokens(env, source)
        if ours is None:
            continue
        read_here += 1
        assert _read(ours) == _read(env.lexer.tokenize(source)), source
    assert read_here > 1000


@pytest.mark.parametrize("source", ["a\r\n{{ x }}", '{% extends "a\\"b" %}', "{{ x\u00b2 }}", "{% block 1 %}", "{{ x +}}", "{{-+ x }}",
                                    "{{ x|e }}", "{%- raw %}{% endraw %}"])
def test_what_the_simple_tokens_cannot_tell_is_left_to_jinjas_lexer(source):
    assert simple_tokens(environment({}), source) is None


def test_simple_tokens_follow_the_whitespace_control_of_each_tag():
    tokens = simple_tokens(environment({}), 'a \n{%- extends "l" -%}\n b {{- x.y -}} c {#- note -#}\n d {{+ z }}')
    assert _read(tokens) == [
        ("data", "a"), ("block_begin", None), ("name", "extends"), ("string", "l"), ("block_end", None), ("data", "b"),
        ("variable_begin", None), ("name", "x"), ("dot", "."), ("name", "y"), ("variable_end", None), ("data", "c"),
        ("data", "d "), ("variable_begin", None), ("name", "z"), ("variable_end", None),
    ]
