"""Sizes as sent: lint builds without inlining, and the size rules measure the inlined HTML."""
from __future__ import annotations

import dataclasses

import pytest

from fixture_project import FIXTURES, REPO
from templatekit.linter import lint_template
from templatekit.project import Project
from templatekit.ruleset import load_settings
from templatekit.template import Template


def _templates():
    for folder in (REPO, FIXTURES):
        project = Project.discover(folder)
        for path in project.find_templates(None):
            if path.suffix != ".txt" and "build-error" not in path.parts:
                yield pytest.param(project, path, id=str(path.relative_to(folder)))


@pytest.mark.parametrize("project, path", list(_templates()))
def test_html_bytes_is_the_size_of_the_html_as_sent(project, path, monkeypatch):
    template = project.load(path)
    sent = template.build(require_subject=False).html  # the subject-missing fixtures too
    measured = []
    original = Template.inlined_html
    monkeypatch.setattr(Template, "inlined_html", lambda self, built: measured.append(original(self, built)) or measured[-1])
    rules = load_settings(project.config).rules
    lint_template(template, rules)
    if template.build(inline=False, require_subject=False).pending_css is None:
        assert measured == []  # final HTML as built: nothing to inline
    else:
        assert measured == [sent]  # inlined by lint, once, to be measured


def test_the_html_is_inlined_only_when_a_size_rule_reads_it(monkeypatch):
    project = Project.discover(REPO)
    path = project.find_templates(None)[0]
    rules = load_settings(project.config).rules
    sizeless = dataclasses.replace(rules, rules=tuple(rule for rule in rules.rules if rule.id not in ("gmail-clip", "message-size")))
    calls = []
    original = Template.inlined_html
    monkeypatch.setattr(Template, "inlined_html", lambda self, built: calls.append(self.path) or original(self, built))
    lint_template(project.load(path), sizeless)
    assert calls == []
    lint_template(project.load(path), rules)
    assert calls == [path]


@pytest.mark.parametrize("fixture, size", [
    ("fail-small-source-inlined-over-102-kb.html", None),
    # The inliner's HTML5 parser reopens an unclosed <b> in every paragraph after it, styles and all:
    # 31 KB of source is 112 KB as sent.
    ("fail-unclosed-bold-copied-into-every-paragraph.html", 112_088),
])
def test_a_template_that_inlines_past_102_kb_is_clipped(fixture, size):
    project = Project.discover(FIXTURES)
    path = FIXTURES / "gmail-clip" / fixture
    result = lint_template(project.load(path), load_settings(project.config).rules)
    clipped = [p for p in result.problems if p.rule == "gmail-clip"]
    built = project.load(path).build()
    sent = len(built.html.encode("utf-8"))
    assert len(clipped) == 1 and f"the HTML is {sent:,} bytes" in clipped[0].message
    assert len(project.load(path).build(inline=False).html.encode("utf-8")) < 104448 < sent
    if size is not None:
        assert sent == size
