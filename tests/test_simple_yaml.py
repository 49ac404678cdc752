"""Front matter read without a YAML parser is exactly what PyYAML reads, or left to it."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from templatekit import frontmatter, simple_yaml
from templatekit.errors import TemplateError

KEYS = ["type", "name", "subject", "variables", "x-y", "_k", "yes", "on", "null", "a b", "1", "<<", "=", "~"]
VALUES = ["marketing", "sample 0", '"Hi {{ name }}"', "Hi {{ name }}", "'q'", "中文", "x y  ", "  lead", "a'b", 'a"b', "x{y}", "a,b",
          "3", "1.5", "true", "no", "~", "null", "2026-01-01", "0x1f", ".inf", "12:30", "1_0", "+1", "1e3", "Yes", "=", "",
          "a: b", "a:", "-x", "[1, 2]", "{a: 1}", "'it''s'", '"a\\"b"', "a #c", "&a x", "*a", "!t x", "%x", "@x", "`x", "?x", ":x", "|", ">",
          "\u0085x", "x\u2028", "\ufeffx"]


def parsed(text: str):
    try:
        matter = frontmatter.parse_yaml(text, Path("t.mjml"), 2)
    except TemplateError as error:
        return "error", error.message, error.line
    return matter.values, matter.key_lines


def random_matter(rng: random.Random) -> str:
    # Mostly what may be read simply, so that what breaks it is tried next to everything else.
    def key() -> str:
        return rng.choice(KEYS[:6] if rng.random() < 0.85 else KEYS)

    def value() -> str:
        return rng.choice(VALUES[:12] if rng.random() < 0.7 else VALUES)

    lines = []
    for _ in range(rng.randint(1, 5)):
        name, separator = key(), rng.choice([": ", ":  ", ":"])
        if rng.random() < 0.25:
            lines.append(name + ":")
            indent = rng.choice([" ", "  "])
            for _ in range(rng.randint(0, 3)):
                lines.append(rng.choice([indent, indent, "   ", ""]) + key() + separator + value())
        else:
            lines.append(name + separator + value() + rng.choice(["", " "]))
    if rng.random() < 0.1:
        lines.insert(rng.randint(0, len(lines)), rng.choice(["", "# note", "---", "\t", " "]))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(3))
def test_what_is_read_simply_is_what_pyyaml_reads(seed, monkeypatch):
    rng = random.Random(seed)
    cases = [random_matter(rng) for _ in range(3000)]
    simple = [(text, simple_yaml.simple_mapping(text, 2)) for text in cases]
    monkeypatch.setattr(simple_yaml, "simple_mapping", lambda text, first_line: None)  # PyYAML alone from here
    read_here = 0
    for text, found in simple:
        if found is not None:
            read_here += 1
            assert found == parsed(text), text
            assert [type(value) for value in found[0].values()] == [type(value) for value in parsed(text)[0].values()]
    assert read_here > 200


@pytest.mark.parametrize("text", [
    "type: marketing\ntype: other", "variables:\n  a: x\n  a: y", "variables:", "variables:\nname: x", "name: x\n  more: y",
    "count: 3", "flag: yes", "subject: a # note", 'subject: "a\\tb"', "when: 2026-01-01", "list:\n  - a", "a:\n  b:\n    c: d",
    "name: x\n\nsubject: y", "name:\tx", "yes: x", "name: 'it''s'", "variables:\n  a: x\n   b: y",
])
def test_anything_else_is_left_to_pyyaml(text):
    assert simple_yaml.simple_mapping(text, 2) is None


def test_the_usual_front_matter_is_read_simply_with_its_lines():
    text = 'type: marketing\nname: spring-sale\nsubject: "Spring {{ name }}"\nvariables:\n  name: Ada\n  code: "X-1"'
    assert simple_yaml.simple_mapping(text, 2) == (
        {"type": "marketing", "name": "spring-sale", "subject": "Spring {{ name }}", "variables": {"name": "Ada", "code": "X-1"}},
        {"type": 2, "name": 3, "subject": 4, "variables": 5},
    )


def test_refused_characters_are_those_pyyaml_refuses_less_its_line_breaks():
    import re

    from templatekit.simple_yaml import _REFUSED

    allowed = re.compile("[\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    everything = "".join(map(chr, range(0x110000)))
    assert "".join(_REFUSED.findall(everything)) == allowed.sub("", everything)
