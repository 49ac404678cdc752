"""Problems point at the file and line the user edits, not at the compiled HTML."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from fixture_project import REPO
from templatekit.config import load_config
from templatekit.linter import lint_paths
from templatekit.project import Project


def _line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def _bundled(tmp_path: Path, lint: dict) -> tuple[Path, Project]:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    config = dataclasses.replace(load_config(root), lint=lint)
    return root, Project(config)


def test_urls_in_the_bundled_newsletter_point_into_its_source(tmp_path):
    root, project = _bundled(tmp_path, {"select": ["url"]})
    newsletter = root / "templates" / "newsletter.mjml"
    report = lint_paths(project, [newsletter])
    found = {(p.path.name, p.line) for p in report.problems}
    assert found == {
        ("newsletter.mjml", _line_of(newsletter, "unsubscribe_url: https://")),  # a variable: its sample's line
        ("newsletter.mjml", _line_of(newsletter, "newsletter/layers.jpg")),  # front matter data
        ("newsletter.mjml", _line_of(newsletter, "newsletter/kitchen.jpg")),
        ("newsletter.mjml", _line_of(newsletter, 'href="https://lumen.example.com/autumn"')),  # the body
    }


def test_text_from_a_partial_points_into_the_partial(tmp_path):
    root, project = _bundled(tmp_path, {"select": ["spam-words"], "options": {"spam-words": {"extra_terms": ["Prefer fewer emails"]}}})
    report = lint_paths(project, [root / "templates" / "newsletter.mjml"])
    footer = root / "templates" / "_footer.mjml"
    assert [(p.path, p.line) for p in report.problems] == [(footer, _line_of(footer, "Prefer fewer emails?"))]


def test_text_from_build_data_points_into_the_data_file(tmp_path):
    root, project = _bundled(tmp_path, {"select": ["banned-topic"], "options": {"banned-topic": {"extra_terms": ["Harbour Road"]}}})
    report = lint_paths(project, [root / "templates" / "password-reset.mjml"])
    brand = root / "templates" / "_brand.yaml"
    assert [(p.path, p.line) for p in report.problems] == [(brand, _line_of(brand, "88 Harbour Road"))]


def test_comments_are_not_taken_for_the_source_of_text(tmp_path):
    # _footer.mjml's leading comment mentions "unsubscribe link"; the text comes from its body.
    root, project = _bundled(tmp_path, {"select": ["spam-words"], "options": {"spam-words": {"extra_terms": ["Unsubscribe"]}}})
    report = lint_paths(project, [root / "templates" / "newsletter.mjml"])
    footer = root / "templates" / "_footer.mjml"
    assert [(p.path, p.line) for p in report.problems] == [(footer, _line_of(footer, ">Unsubscribe</a>"))]


def test_untraceable_text_is_reported_at_line_1_saying_so(project_dir):
    (project_dir / "templates" / "gen.html").write_text(
        "---\ntype: trigger\nsubject: Hi\n---\n<p>{{ 'ca' ~ 'sino' }} night</p>\n", encoding="utf-8"
    )
    report = lint_paths(Project.discover(project_dir), [project_dir / "templates" / "gen.html"])
    problem = next(p for p in report.problems if p.rule == "banned-topic")
    assert (problem.line, problem.column) == (1, 1)
    assert "not traced to a source line" in problem.message


def test_comments_are_blanked_with_their_line_breaks_and_text_without_any_is_kept():
    from templatekit.sourcemap import without_comments

    assert without_comments("a {# b\nc #} d <!-- e\n--> f") == "a     \n     d       \n    f"
    assert without_comments("no comment {{ here }} <!- nor -> {-# this #}") == "no comment {{ here }} <!- nor -> {-# this #}"
