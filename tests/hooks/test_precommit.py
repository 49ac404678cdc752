"""The pre-commit hooks, run by the real pre-commit in real git repositories.

pre-commit installs templatekit from the repository into a virtual
environment of its own, as it does for users: these tests cover the hook
manifest, the installation from source and the hooks' file selection together.
Each try-repo run builds a fresh environment (tens of seconds the first time),
so there are two; the installed-hook tests share one environment per session.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from editing import edit, write

CLEAN = "---\ntype: trigger\nsubject: Your code\nbusiness: e-commerce\n---\n<p>Your sign-in code is ready to use.</p>\n"
VIOLATING = "---\ntype: trigger\nsubject: Your prize\nbusiness: e-commerce\n---\n<p>Join our lucky draw and win a prize today.</p>\n"


def _output(result) -> str:
    return result.stdout + result.stderr


def test_try_repo_passes_a_clean_template_and_fails_a_violating_one_naming_the_rule(template_repo, git, hook_source, precommit):
    source, _ = hook_source
    write(template_repo / "templates/code.html", CLEAN)
    git("add", "templates/code.html", cwd=template_repo)
    clean = precommit("try-repo", str(source), "templatekit-lint", "--files", "templates/code.html", "--verbose", cwd=template_repo)
    assert clean.returncode == 0, _output(clean)
    assert "templatekit lint" in clean.stdout and "Passed" in clean.stdout
    assert "1 template checked: no problems" in clean.stdout

    write(template_repo / "templates/prize.html", VIOLATING)
    git("add", "templates/prize.html", cwd=template_repo)
    failing = precommit("try-repo", str(source), "templatekit-lint", "--files", "templates/code.html", "templates/prize.html", cwd=template_repo)
    assert failing.returncode == 1, _output(failing)
    assert "Failed" in failing.stdout
    assert "templates/prize.html:6:13: error banned-topic banned topic (lucky draw)" in failing.stdout
    assert "templates/code.html" not in failing.stdout.split("hook id: templatekit-lint", 1)[1]


@pytest.fixture
def hooked_repo(template_repo, git, hook_source, precommit) -> Path:
    """The template repository with both hooks installed into git, as `pre-commit install` does for users."""
    source, commit = hook_source
    write(template_repo / ".pre-commit-config.yaml", (
        f"repos:\n  - repo: {source.as_uri()}\n    rev: {commit}\n    hooks:\n"
        "      - id: templatekit-lint\n      - id: templatekit-build\n"
    ))
    git("add", ".pre-commit-config.yaml", cwd=template_repo)
    git("commit", "-q", "-m", "pre-commit configuration", cwd=template_repo)
    installed = precommit("install", "--install-hooks", cwd=template_repo)
    assert installed.returncode == 0, _output(installed)
    return template_repo


def _commit(precommit, repo: Path, message: str):
    # git runs the pre-commit hook with its output on stderr
    return precommit("commit", "-m", message, cwd=repo, program=("git",))


def _commits(git, repo: Path) -> int:
    return int(git("rev-list", "--count", "HEAD", cwd=repo))


def test_a_commit_with_a_clean_template_goes_through_and_one_with_a_violation_is_refused(hooked_repo, git, precommit):
    write(hooked_repo / "templates/code.html", CLEAN)
    git("add", "templates/code.html", cwd=hooked_repo)
    before = _commits(git, hooked_repo)
    result = _commit(precommit, hooked_repo, "a clean template")
    assert result.returncode == 0, _output(result)
    assert "templatekit lint" in _output(result) and "templatekit build" in _output(result)
    assert _commits(git, hooked_repo) == before + 1

    write(hooked_repo / "templates/prize.html", VIOLATING)
    git("add", "templates/prize.html", cwd=hooked_repo)
    refused = _commit(precommit, hooked_repo, "a violating template")
    assert refused.returncode == 1
    assert "templates/prize.html:6:13: error banned-topic" in _output(refused)
    assert _commits(git, hooked_repo) == before + 1


def test_a_staged_partial_re_checks_every_template_built_from_it(hooked_repo, git, precommit):
    footer = hooked_repo / "templates/_footer.mjml"
    edit(footer, "at any time.", "at any time. Add us on WeChat for offers.")
    git("add", "templates/_footer.mjml", cwd=hooked_repo)
    refused = _commit(precommit, hooked_repo, "footer")
    assert refused.returncode == 1
    line = next(n for n, text in enumerate(footer.read_text(encoding="utf-8").splitlines(), 1) if "WeChat" in text)
    assert f"templates/_footer.mjml:{line}:" in _output(refused) and "error social-contact" in _output(refused)
    # only the partial was staged; the layout includes it in all seven MJML templates
    assert "7 templates checked:" in _output(refused)

    edit(footer, " Add us on WeChat for offers.", "")
    edit(footer, "<mj-column>", "<mj-colum>")
    git("add", "templates/_footer.mjml", cwd=hooked_repo)
    broken = _commit(precommit, hooked_repo, "footer")
    assert broken.returncode == 1
    build_output = _output(broken).split("hook id: templatekit-build", 1)[1]
    # the error is in the partial, at its line; each template built from it is named
    for name in ("newsletter", "newsletter-zh", "order-shipped", "password-reset", "password-reset-zh", "verification-code", "verification-code-en"):
        assert f"templates/_footer.mjml:5: unknown MJML element <mj-colum>; did you mean <mj-column>? (building {name}.mjml)" in build_output


def test_the_hooks_check_what_is_staged_not_what_is_in_the_working_tree(hooked_repo, git, precommit):
    write(hooked_repo / "templates/code.html", CLEAN)
    git("add", "templates/code.html", cwd=hooked_repo)
    write(hooked_repo / "templates/code.html", VIOLATING)  # not staged: pre-commit sets it aside
    result = _commit(precommit, hooked_repo, "the staged version is clean")
    assert result.returncode == 0, _output(result)
    assert (hooked_repo / "templates/code.html").read_text(encoding="utf-8") == VIOLATING
