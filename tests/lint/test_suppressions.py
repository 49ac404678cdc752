"""Inline suppressions: {# templatekit: disable=RULE #} for the next line, disable-file for the file."""
from __future__ import annotations

from templatekit.linter import lint_paths
from templatekit.project import Project
from templatekit.suppressions import parse

LINK = '<p>See <a href="https://partner.example.net/">this</a>.</p>'


def _lint(project_dir, body: str, front: str = "type: trigger\nsubject: Hi\n"):
    path = project_dir / "templates" / "t.html"
    path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    return lint_paths(Project.discover(project_dir), [path])


def test_parse_reads_rules_and_targets(tmp_path):
    text = "a\n{# templatekit: disable=url, spam-words #}\nb\n{#- templatekit: disable-file=all -#}\n"
    found = [(s.rule, s.line, s.target) for s in parse(tmp_path / "t.html", text)]
    assert found == [("url", 2, 3), ("spam-words", 2, 3), ("all", 4, None)]


def test_disable_covers_the_next_line_only(project_dir):
    report = _lint(project_dir, "{# templatekit: disable=url #}\n" + LINK + "\n" + LINK.replace("partner", "other"))
    assert [(p.rule, p.line) for p in report.problems] == [("url", 7)]
    assert report.suppressed == 1


def test_disable_file_covers_every_line(project_dir):
    report = _lint(project_dir, "{# templatekit: disable-file=url #}\n" + LINK + "\n" + LINK.replace("partner", "other"))
    assert [p.rule for p in report.problems] == []
    assert report.suppressed == 2


def test_disable_all(project_dir):
    report = _lint(project_dir, "{# templatekit: disable=all #}\n" + LINK)
    assert report.problems == []


def test_an_unused_suppression_is_reported_at_its_line(project_dir):
    report = _lint(project_dir, "<p>Nothing here.</p>\n{# templatekit: disable=url #}\n<p>Still nothing.</p>")
    assert [(p.rule, p.severity, p.line) for p in report.problems] == [("unused-suppression", "warning", 6)]


def test_a_suppression_of_an_unknown_rule_is_reported(project_dir):
    report = _lint(project_dir, "{# templatekit: disable=no-such-rule #}\n<p>Hello.</p>")
    assert [(p.rule, p.line) for p in report.problems] == [("unused-suppression", 5)]
    assert "unknown rule 'no-such-rule'" in report.problems[0].message


def test_a_suppression_of_a_rule_turned_off_in_config_is_not_reported(project_dir):
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n[lint]\nignore = ["url"]\n', encoding="utf-8")
    report = _lint(project_dir, "{# templatekit: disable=url #}\n<p>Hello.</p>")
    assert report.problems == []


def test_a_suppression_in_a_partial_covers_the_partial_for_every_template(project_dir):
    templates = project_dir / "templates"
    (templates / "_links.html").write_text("{# templatekit: disable=url #}\n" + LINK + "\n", encoding="utf-8")
    for name in ("a.html", "b.html"):
        (templates / name).write_text('---\ntype: trigger\nsubject: Hi\n---\n{% include "_links.html" %}\n', encoding="utf-8")
    report = lint_paths(Project.discover(project_dir))
    assert [p.rule for p in report.problems if p.rule in ("url", "unused-suppression")] == []
    assert report.suppressed == 2


def test_an_unused_suppression_in_a_layout_is_reported_once_all_its_templates_are_linted(project_dir):
    templates = project_dir / "templates"
    (templates / "_layout.html").write_text(
        "{# templatekit: disable=max-images #}\n<div>{% block content %}{% endblock %}</div>\n", encoding="utf-8"
    )
    page = '---\ntype: trigger\nsubject: Hi\n---\n{% extends "_layout.html" %}{% block content %}<p>Your code is ready.</p>{% endblock %}\n'
    for name in ("a.html", "b.html"):
        (templates / name).write_text(page, encoding="utf-8")
    project = Project.discover(project_dir)
    report = lint_paths(project)
    assert [(p.path.name, p.line, p.rule) for p in report.problems] == [("_layout.html", 1, "unused-suppression")]
    assert "suppression of 'max-images' is unused" in report.problems[0].message
    # With only one of its templates linted, the other may need it: nothing is said.
    assert lint_paths(project, [templates / "a.html"]).problems == []


def test_a_used_suppression_in_a_layout_is_not_reported(project_dir):
    templates = project_dir / "templates"
    (templates / "_layout.html").write_text("{# templatekit: disable=url #}\n" + LINK + "\n{% block content %}{% endblock %}\n", encoding="utf-8")
    page = '---\ntype: trigger\nsubject: Hi\n---\n{% extends "_layout.html" %}{% block content %}<p>Your code is ready.</p>{% endblock %}\n'
    (templates / "a.html").write_text(page, encoding="utf-8")
    assert [p.rule for p in lint_paths(Project.discover(project_dir)).problems] == []


def test_an_unused_disable_file_of_a_repository_rule_is_reported(project_dir):
    templates = project_dir / "templates"
    page = "---\ntype: trigger\nsubject: Hi\nbusiness: {}\n---\n{}<p>Your sign-in code is ready.</p>\n"
    (templates / "a.html").write_text(page.format("e-commerce", ""), encoding="utf-8")
    (templates / "b.html").write_text(page.format("e-commerce", "{# templatekit: disable-file=mixed-business-type #}\n"), encoding="utf-8")
    (templates / "c.html").write_text(page.format("gaming", "{# templatekit: disable-file=mixed-business-type #}\n"), encoding="utf-8")
    project = Project.discover(project_dir)
    for report in (lint_paths(project), lint_paths(project, [templates / "b.html"])):
        assert [(p.path.name, p.line, p.rule) for p in report.problems] == [("b.html", 6, "unused-suppression")]
        assert "this template agrees with the others" in report.problems[0].message


def test_a_templates_disable_file_covers_text_from_its_partials(project_dir):
    templates = project_dir / "templates"
    (templates / "_links.html").write_text(LINK + "\n", encoding="utf-8")
    (templates / "a.html").write_text(
        '---\ntype: trigger\nsubject: Hi\n---\n{# templatekit: disable-file=url #}\n{% include "_links.html" %}\n', encoding="utf-8"
    )
    report = lint_paths(Project.discover(project_dir))
    assert [p.rule for p in report.problems] == [] and report.suppressed == 1
