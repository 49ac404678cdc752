"""The CI and pre-commit examples in the documentation are the files ``init`` writes."""
from __future__ import annotations

import re
import shlex

import pytest
import yaml
from packaging.requirements import Requirement

from editing import REPO
from templatekit import __version__
from templatekit.scaffolding import plan

BLOCK = re.compile(r"```yaml\n# (?P<name>[^\n]+)\n(?P<body>.*?)```", re.S)


def _documented(document: str) -> dict[str, list[object]]:
    blocks: dict[str, list[object]] = {}
    for match in BLOCK.finditer((REPO / document).read_text(encoding="utf-8")):
        blocks.setdefault(match["name"], []).append(yaml.safe_load(match["body"]))
    return blocks


def _scaffold(ci: str, name: str) -> object:
    files = {str(planned.path): planned.content for planned in plan(REPO / "no-such-folder", ci=ci).files}
    return yaml.safe_load(files[name])


@pytest.mark.parametrize("document", ["README.md", "docs/ci.md"])
def test_the_documented_github_workflow_and_pre_commit_configuration_are_what_init_writes(document):
    blocks = _documented(document)
    assert blocks[".github/workflows/templates.yml"] == [_scaffold("github", ".github/workflows/templates.yml")]
    assert blocks[".pre-commit-config.yaml"] == [_scaffold("github", ".pre-commit-config.yaml")]


@pytest.mark.parametrize("document", ["README.md", "docs/ci.md"])
def test_the_documented_gitlab_job_is_what_init_writes(document):
    assert _documented(document)[".gitlab-ci.yml"] == [_scaffold("gitlab", ".gitlab-ci.yml")]


def test_the_documented_version_is_this_version():
    for document in ("README.md", "docs/ci.md"):
        text = (REPO / document).read_text(encoding="utf-8")
        assert set(re.findall(r"templatekit/templatekit@v([\d.]+)", text)) == {__version__}
        assert set(re.findall(r"rev: v([\d.]+)", text)) == {__version__}
        # PyPI's "templatekit" is another project: no install may name it from there
        assert "templatekit==" not in text and "pip install templatekit\n" not in text


def _installs(lines: list[str]) -> list[Requirement]:
    return [Requirement(shlex.split(line)[2]) for line in lines if line.startswith("pip install ")]


def test_ci_installs_templatekit_from_the_tag_pre_commit_installs_the_hooks_from():
    [repo] = _scaffold("github", ".pre-commit-config.yaml")["repos"]
    steps = _scaffold("github", ".github/workflows/templates.yml")["jobs"]["check"]["steps"]
    script = _scaffold("gitlab", ".gitlab-ci.yml")["templates"]["script"]
    for requirement in _installs([step["run"] for step in steps if "run" in step]) + _installs(script):
        assert requirement.name == "templatekit"
        assert requirement.url == f"git+{repo['repo']}@{repo['rev']}"
    assert len(_installs(script)) == 1 and len(_installs([step.get("run", "") for step in steps])) == 1


def test_the_gitlab_job_installs_git_before_pip_needs_it():
    script = _scaffold("gitlab", ".gitlab-ci.yml")["templates"]["script"]
    install_git = next(n for n, line in enumerate(script) if "apt-get install" in line and " git" in line)
    assert install_git < next(n for n, line in enumerate(script) if line.startswith("pip install "))



def _scripts(value) -> list[list[str]]:
    if isinstance(value, dict):
        found = [value["script"]] if isinstance(value.get("script"), list) else []
        return found + [script for item in value.values() for script in _scripts(item)]
    return []


@pytest.mark.parametrize("document", ["README.md", "docs/ci.md"])
def test_every_documented_gitlab_script_installs_git_before_using_it(document):
    """The GitLab examples run in python:3.12-slim, which has no git: pip's git+https install and git fetch need it."""
    text = (REPO / document).read_text(encoding="utf-8")
    scripts = [script for body in re.findall(r"```yaml\n(.*?)```", text, re.S) if "script:" in body for script in _scripts(yaml.safe_load(body))]
    assert scripts
    for script in scripts:
        uses_git = [n for n, line in enumerate(script) if line.startswith("git ") or "git+" in line or "--changed-since" in line]
        installs_git = [n for n, line in enumerate(script) if "apt-get install" in line and " git" in line]
        assert not uses_git or (installs_git and installs_git[0] < uses_git[0]), script
