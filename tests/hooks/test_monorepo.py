"""A repository holding template projects beside other code: each changed file belongs to the project above it."""
from __future__ import annotations

from pathlib import Path

import pytest

from editing import edit, write
from templatekit.attribution import by_project

PROMO = (
    "---\ntype: trigger\nsubject: Your prize\nbusiness: e-commerce\n---\n"
    "<mjml><mj-body><mj-section><mj-column><mj-text>Join our lucky draw and win a prize today.</mj-text>"
    "</mj-column></mj-section></mj-body></mjml>\n"
)
APP_PAGE = "<p>{{ user }}</p>\n"
APP_PYPROJECT = '[project]\nname = "shop"\nversion = "1.0"\n'


@pytest.fixture
def mono(tmp_path, cli, git) -> Path:
    """``emails/`` and ``news/`` are template projects; ``app/`` and the root pyproject.toml are a web application's."""
    root = tmp_path / "mono"
    root.mkdir()
    for name in ("emails", "news"):
        assert cli("init", "--ci", "none", name, cwd=root).status == 0
    # news allows the word emails forbids, so each project must be linted with its own configuration
    edit(root / "news/pyproject.toml", '# ignore = ["font-variety"]', 'ignore = ["banned-topic"]')
    write(root / "app/templates/index.html", APP_PAGE)
    write(root / "pyproject.toml", APP_PYPROJECT)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "start", cwd=root)
    return root


def _shares(groups) -> list[tuple[str, tuple[Path, ...], tuple[Path, ...]]]:
    return [(group.project.config.root.name, group.changed, group.deleted) for group in groups]


def test_each_file_belongs_to_the_project_above_it_and_files_in_none_are_left_out(mono):
    app, pyproject, footer = mono / "app/templates/index.html", mono / "pyproject.toml", mono / "news/templates/_footer.mjml"
    deleted = mono / "emails/templates/gone/a.mjml"  # its folder is gone too: the nearest folder there is decides
    assert _shares(by_project([app, pyproject, footer], [deleted])) == [("emails", (), (deleted,)), ("news", (footer,), ())]
    assert _shares(by_project([footer, pyproject, app], [deleted])) == _shares(by_project([app, pyproject, footer], [deleted]))
    assert by_project([app, pyproject]) == []


def test_the_application_s_files_do_not_hide_the_problems_of_a_template(mono, cli):
    write(mono / "emails/templates/promo.mjml", PROMO)
    for order in (["app/templates/index.html", "emails/templates/promo.mjml"], ["emails/templates/promo.mjml", "app/templates/index.html"]):
        result = cli("lint", "--changed", *order, cwd=mono)
        assert result.status == 1, order
        assert result.out.splitlines() == [
            "emails/templates/promo.mjml:6:57: error banned-topic banned topic (lucky draw): 'lucky draw' in the body",
            "1 template checked: 1 error, 0 warnings",
        ]
        assert result.err == ""


def test_a_run_that_concerns_no_project_passes_quietly(mono, cli):
    for command in (["lint"], ["build", "--check", "--quiet"], ["check"]):
        result = cli(*command, "--changed", "app/templates/index.html", "pyproject.toml", cwd=mono)
        assert (result.status, result.err) == (0, ""), command
        assert "no such file" not in result.out


def test_several_projects_in_one_run_are_each_checked_with_their_own_configuration(mono, cli):
    write(mono / "emails/templates/promo.mjml", PROMO)
    write(mono / "news/templates/promo.mjml", PROMO)
    paths = ["news/templates/promo.mjml", "app/templates/index.html", "emails/templates/promo.mjml"]
    lint = cli("lint", "--changed", *paths, cwd=mono)
    assert lint.status == 1
    assert lint.out.splitlines() == [
        "emails/templates/promo.mjml:6:57: error banned-topic banned topic (lucky draw): 'lucky draw' in the body",
        "2 templates checked: 1 error, 0 warnings",
    ]
    check = cli("check", "--changed", *paths, cwd=mono)
    assert check.status == 1 and "news/templates" not in check.out
    assert check.out.endswith("check failed: 2 of 14 templates (those the changes concern) built and linted; 1 error, 0 warnings\n")
    edit(mono / "news/templates/promo.mjml", "<mj-column>", "<mj-colum>")
    build = cli("build", "--check", "--quiet", "--changed", *paths, cwd=mono)
    assert build.status == 1
    assert build.err.startswith("news/templates/promo.mjml:") and "unknown MJML element <mj-colum>" in build.err


def test_a_project_s_configuration_still_concerns_all_of_its_templates(mono, cli):
    result = cli("lint", "--changed", "pyproject.toml", "news/pyproject.toml", cwd=mono)
    assert (result.status, result.out) == (0, "6 templates checked: no problems\n")


def test_the_hooks_at_the_repository_root_check_each_project(mono, git, hook_source, precommit):
    source, commit = hook_source
    write(mono / ".pre-commit-config.yaml", (
        f"repos:\n  - repo: {source.as_uri()}\n    rev: {commit}\n    hooks:\n"
        "      - id: templatekit-lint\n      - id: templatekit-build\n"
    ))
    git("add", ".pre-commit-config.yaml", cwd=mono)
    git("commit", "-q", "-m", "hooks", cwd=mono)
    assert precommit("install", "--install-hooks", cwd=mono).returncode == 0

    write(mono / "emails/templates/promo.mjml", PROMO)
    write(mono / "app/templates/index.html", "<p>{{ user.name }}</p>\n")
    git("add", "-A", cwd=mono)
    refused = precommit("commit", "-m", "promo", cwd=mono, program=("git",))
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1
    assert "emails/templates/promo.mjml:6:57: error banned-topic" in output
    assert "no such file or folder" not in output

    git("rm", "-q", "--cached", "emails/templates/promo.mjml", cwd=mono)
    edit(mono / "pyproject.toml", 'version = "1.0"', 'version = "1.1"')
    git("add", "pyproject.toml", cwd=mono)
    passed = precommit("commit", "-m", "the application only", cwd=mono, program=("git",))
    assert passed.returncode == 0, passed.stdout + passed.stderr
