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
