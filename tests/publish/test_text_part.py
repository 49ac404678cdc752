"""The front matter keys pull writes: ``text:`` (an explicit text part) and ``inline: false`` (as written)."""
from __future__ import annotations

import pytest

from templatekit.errors import TemplateError
from templatekit.project import Project


def build(make_project, name: str, source: str):
    root = make_project({f"templates/{name}": source})
    return Project.discover(root).load(root / "templates" / name).build()


def test_an_explicit_text_part_replaces_the_derived_one_and_is_used_exactly(make_project):
    built = build(make_project, "a.html", """\
        ---
        type: trigger
        subject: Code
        variables: [code]
        data: {brand: Lumen}
        text: "{{ brand }} code: {{ code }}\\n\\n"
        ---
        <p>Your <b>code</b> is {{ code }}</p>
        """)

    assert built.text == built.text_part == "Lumen code: {{code}}\n\n"
    assert "<p>Your <b>code</b> is {{code}}</p>" in built.html


def test_text_false_sends_the_html_alone(make_project):
    built = build(make_project, "a.html", "---\ntype: trigger\nsubject: x\ntext: false\n---\n<p>Hello there</p>\n")

    assert built.text_part is None
    assert built.text == "Hello there\n"  # lint still reads the words


def test_inline_false_keeps_a_text_template_as_written(make_project):
    kept = build(make_project, "a.txt", "---\ntype: trigger\nsubject: x\ninline: false\n---\n\n  Hi {{ name }}  ".replace("{{ name }}", "there"))
    trimmed = build(make_project, "b.txt", "---\ntype: trigger\nsubject: x\n---\n\n  Hi there  ")

    assert kept.text == "\n  Hi there  "
    assert trimmed.text == "Hi there\n"


@pytest.mark.parametrize("front, message", [
    ("text: [a]", "'text' must be the text part, written out, or false for none"),
    ("text: true", "'text' must be the text part, written out, or false for none"),
])
def test_a_text_part_that_is_not_text_is_an_error(make_project, front, message):
    with pytest.raises(TemplateError) as raised:
        build(make_project, "a.html", f"---\ntype: trigger\nsubject: x\n{front}\n---\n<p>x</p>\n")

    assert message in str(raised.value)
    assert raised.value.line == 4


def test_a_text_template_cannot_have_a_text_part(make_project):
    with pytest.raises(TemplateError) as raised:
        build(make_project, "a.txt", "---\ntype: trigger\nsubject: x\ntext: other\n---\nbody\n")

    assert "a .txt template is its own text part" in str(raised.value)
