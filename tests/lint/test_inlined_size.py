"""Sizes as sent: lint bounds the inlined HTML's size cheaply and inlines only when the bound does not settle a limit."""
from __future__ import annotations

import lxml.etree
import pytest

from fixture_project import FIXTURES, REPO
from templatekit.inlined_size import inlined_size_bound
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
def test_the_bound_is_never_below_the_inlined_size(project, path):
    template = project.load(path)
    built = template.build(inline=False, require_subject=False)  # the subject-missing fixtures too
    if built.pending_css is None:
        return  # final HTML: not inlined
    inlined = len((template.inlined_html(built) or "").encode("utf-8"))
    tree = lxml.etree.fromstring(built.html, lxml.etree.HTMLParser())
    assert inlined_size_bound(built.html, built.pending_css) >= inlined
    assert inlined_size_bound(built.html, built.pending_css, tree=tree) >= inlined


def test_the_bound_counts_styles_repeated_on_every_matching_element():
    style = "td { padding: 8px 16px; font-family: Helvetica, Arial, sans-serif; }"
    html = f"<html><head><style>{style}</style></head><body><table>{'<tr><td>x</td></tr>' * 100}</table></body></html>"
    assert inlined_size_bound(html) >= len(html) + 100 * len("padding: 8px 16px;font-family: Helvetica, Arial, sans-serif;")
    # Rules inside @media stay in the <style> block: they add nothing.
    media = html.replace(style, "@media (max-width: 480px) { " + style + " }")
    assert inlined_size_bound(media) < inlined_size_bound(html)


def test_typical_templates_are_not_inlined_to_be_measured(monkeypatch):
    project = Project.discover(REPO)
    rules = load_settings(project.config).rules
    calls = []
    original = Template.inlined_html
    monkeypatch.setattr(Template, "inlined_html", lambda self, built: calls.append(self.path) or original(self, built))
    for path in project.find_templates(None):
        assert lint_template(project.load(path), rules).problems == ()
    assert calls == []


def test_a_template_the_bound_does_not_settle_is_inlined_and_measured(monkeypatch):
    project = Project.discover(FIXTURES)
    path = FIXTURES / "gmail-clip" / "fail-small-source-inlined-over-102-kb.html"
    result = lint_template(project.load(path), load_settings(project.config).rules)
    assert [p.rule for p in result.problems] == ["gmail-clip"]
    built = project.load(path).build()
    assert f"the HTML is {len(built.html.encode('utf-8')):,} bytes" in result.problems[0].message
