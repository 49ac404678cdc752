"""Which templates a set of changed files concerns, and linting only those."""
from __future__ import annotations

import pytest

from editing import edit, write
from templatekit.affected import affected_templates, lint_selection
from templatekit.project import Project
from templatekit.ruleset import load_settings

ALL = [
    "delivery-test-zh.html", "delivery-test.html", "login-alert.txt", "newsletter-zh.mjml", "newsletter.mjml", "order-shipped.mjml",
    "password-reset-zh.mjml", "password-reset.mjml", "verification-code-en.mjml", "verification-code.mjml",
]
MJML = [
    "newsletter-zh.mjml", "newsletter.mjml", "order-shipped.mjml", "password-reset-zh.mjml", "password-reset.mjml",
    "verification-code-en.mjml", "verification-code.mjml",
]


@pytest.fixture
def project(template_repo) -> Project:
    return Project.discover(template_repo)


def _select(project: Project, changed=(), deleted=(), **options) -> list[str]:
    root = project.config.root
    selection = affected_templates(project, [root / p for p in changed], [root / p for p in deleted], **options)
    return [path.name for path in selection.templates]


def test_a_changed_template_is_selected_alone(project):
    assert _select(project, ["templates/login-alert.txt"]) == ["login-alert.txt"]


def test_a_changed_partial_selects_every_template_built_from_it(project):
    assert _select(project, ["templates/_footer.mjml"]) == MJML  # through the layout
    assert _select(project, ["templates/_components.mjml"]) == ["newsletter-zh.mjml", "newsletter.mjml", "order-shipped.mjml"]


def test_the_data_file_and_the_configuration_select_everything(project):
    for changed in ("templates/_brand.yaml", "pyproject.toml"):
        selection = affected_templates(project, [project.config.root / changed])
        assert [p.name for p in selection.templates] == ALL
        assert selection.everything == project.config.root / changed


def test_a_project_rule_pack_or_its_lexicon_selects_everything(template_repo):
    write(template_repo / "lint/house.yaml", (
        "name: house\nrules:\n  - id: no-promo\n    kind: lexicon\n    severity: error\n    summary: s\n"
        "    message: \"{term}\"\n    lexicons: [words.txt]\n"
    ))
    write(template_repo / "lint/words.txt", "promo\n")
    write(template_repo / "lint/notes.txt", "not named by the pack\n")
    edit(template_repo / "pyproject.toml", "[tool.templatekit.lint.options.url]", '[tool.templatekit.lint]\npacks = ["lint/house.yaml"]\n\n[tool.templatekit.lint.options.url]')
    project = Project.discover(template_repo)
    settings = load_settings(project.config)
    assert _select(project, ["lint/words.txt"], settings=settings) == ALL
    assert _select(project, ["lint/house.yaml"], settings=settings) == ALL
    assert _select(project, ["lint/notes.txt"], settings=settings) == []


def test_files_that_are_not_templatekit_s_business_are_skipped(project):
    root = project.config.root
    write(root / "README.md", "# emails\n")
    write(root / "docs/page.html", "<p>documentation, not a template</p>\n")
    assert _select(project, ["README.md", "docs/page.html", "templates/login-alert.txt"]) == ["login-alert.txt"]


def test_files_outside_the_templates_folder_are_skipped_even_in_a_folder_named_templates(project):
    root = project.config.root
    write(root / "app/templates/base.html", "<html>{% block body %}{% endblock %}</html>\n")  # a web app's, not an email
    assert _select(project, ["app/templates/base.html", "templates/login-alert.txt"]) == ["login-alert.txt"]


def test_a_deleted_partial_selects_everything_and_a_deleted_template_nothing(project):
    assert _select(project, deleted=["templates/_old_banner.mjml"]) == ALL
    assert _select(project, deleted=["templates/retired.mjml"]) == []


def test_paths_limit_the_selection(project):
    root = project.config.root
    assert _select(project, ["templates/_footer.mjml"], within=[root / "templates/newsletter.mjml"]) == ["newsletter.mjml"]


def test_a_selected_template_is_still_compared_with_every_template_for_the_business_type(template_repo):
    edit(template_repo / "templates/login-alert.txt", "business: e-commerce", "business: games")
    project = Project.discover(template_repo)
    settings = load_settings(project.config)
    selection = affected_templates(project, [template_repo / "templates/login-alert.txt"])
    report = lint_selection(project, selection, settings)
    assert report.templates == 1
    assert [(p.path.name, p.rule) for p in report.problems] == [("login-alert.txt", "mixed-business-type")]
    assert "used by 9 other template(s)" in report.problems[0].message


def test_an_older_inconsistency_does_not_block_an_unrelated_change(template_repo):
    edit(template_repo / "templates/login-alert.txt", "business: e-commerce", "business: games")
    project = Project.discover(template_repo)
    selection = affected_templates(project, [template_repo / "templates/delivery-test.html"])
    assert lint_selection(project, selection, load_settings(project.config)).problems == []


def test_nothing_selected_lints_nothing(project):
    report = lint_selection(project, affected_templates(project, []), load_settings(project.config))
    assert (report.templates, report.problems) == (0, [])


def test_lint_changed_on_the_command_line(template_repo, cli):
    edit(template_repo / "templates/_footer.mjml", "at any time.", "at any time. Add us on WeChat.")
    result = cli("lint", "--changed", "templates/_footer.mjml", "README.md", "pyproject.nothing", cwd=template_repo)
    assert result.status == 1
    line = next(n for n, text in enumerate((template_repo / "templates/_footer.mjml").read_text().splitlines(), 1) if "WeChat" in text)
    assert f"templates/_footer.mjml:{line}:" in result.out and "error social-contact" in result.out
    assert result.out.splitlines()[-1].startswith("7 templates checked:")


def test_lint_changed_since_on_the_command_line(template_repo, git, cli):
    git("switch", "-q", "-c", "feature", cwd=template_repo)
    write(template_repo / "templates/promo.html", "---\ntype: trigger\nsubject: Hi\n---\n<p>Join our lucky draw and win a prize today.</p>\n")
    result = cli("lint", "--changed-since", "main", cwd=template_repo)
    assert result.status == 1
    assert [line.split()[0:3] for line in result.out.splitlines()[:-1]] == [["templates/promo.html:5:13:", "error", "banned-topic"]]
    assert result.out.splitlines()[-1] == "1 template checked: 1 error, 0 warnings"
    git("switch", "-q", "main", cwd=template_repo)
    assert cli("lint", "--changed-since", "HEAD", "templates/newsletter.mjml", cwd=template_repo).out == "0 templates checked: no problems\n"


def test_build_check_writes_nothing_and_fails_on_a_template_that_does_not_build(template_repo, cli):
    ok = cli("build", "--check", cwd=template_repo)
    assert (ok.status, ok.out) == (0, "10 templates built; nothing written (--check)\n")
    assert not (template_repo / "dist").exists()
    edit(template_repo / "templates/_footer.mjml", "<mj-column>", "<mj-colum>")
    broken = cli("build", "--check", "--quiet", "--changed", "templates/_footer.mjml", cwd=template_repo)
    assert broken.status == 1 and broken.out == ""
    assert len(broken.err.splitlines()) == 7 and "unknown MJML element <mj-colum>" in broken.err
    assert not (template_repo / "dist").exists()


def test_given_paths_must_exist_unless_they_are_changed_files(template_repo, cli):
    assert cli("lint", "gone.mjml", cwd=template_repo).status == 2
    result = cli("lint", "--changed", "templates/gone.mjml", cwd=template_repo)
    assert (result.status, result.out) == (0, "0 templates checked: no problems\n")


def test_changed_and_changed_since_exclude_each_other(template_repo, cli):
    result = cli("lint", "--changed", "--changed-since", "main", "templates/x.mjml", cwd=template_repo)
    assert result.status == 2 and "not both" in result.err
