"""The linter's library API: one template is a pure, picklable unit of work; repository rules run over summaries."""
from __future__ import annotations

import pickle

from fixture_project import REPO
from templatekit.linter import lint_paths, lint_template
from templatekit.project import Project
from templatekit.ruleset import load_settings


def test_one_template_lints_to_a_picklable_result_under_picklable_rules():
    project = Project.discover(REPO)
    settings = load_settings(project.config)
    template = project.load(REPO / "templates" / "newsletter.mjml")
    rules = pickle.loads(pickle.dumps(settings.for_path(template.path)))
    result = lint_template(template, rules)
    assert pickle.loads(pickle.dumps(result)) == result
    assert result.summary.fields["business"] == "e-commerce"
    assert result.problems == ()


def test_lint_paths_keeps_its_report_fields(project_dir):
    page = project_dir / "templates" / "t.html"
    page.write_text("---\ntype: notification\nsubject: Hi\n---\n<p>Short.</p>\n", encoding="utf-8")
    report = lint_paths(Project.discover(project_dir), [page])
    assert report.templates == 1
    assert [p.rule for p in report.errors] == ["min-words"]
    assert report.warnings == []


def test_a_problem_in_a_shared_partial_is_reported_once(project_dir):
    templates = project_dir / "templates"
    (templates / "_footer.html").write_text("<p>Join our lucky draw.</p>\n", encoding="utf-8")
    for name in ("a.html", "b.html"):
        (templates / name).write_text('---\ntype: trigger\nsubject: Hi\n---\n{% include "_footer.html" %}\n', encoding="utf-8")
    report = lint_paths(Project.discover(project_dir))
    banned = [p for p in report.problems if p.rule == "banned-topic"]
    assert [(p.path.name, p.line) for p in banned] == [("_footer.html", 1)]
