"""The CI and pre-commit examples in the documentation are the files ``init`` writes."""
from __future__ import annotations

import re

import pytest
import yaml

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


def test_the_gitlab_example_in_docs_is_what_init_writes():
    assert _documented("docs/ci.md")[".gitlab-ci.yml"] == [_scaffold("gitlab", ".gitlab-ci.yml")]


def test_the_documented_version_is_this_version():
    for document in ("README.md", "docs/ci.md"):
        text = (REPO / document).read_text(encoding="utf-8")
        assert set(re.findall(r"templatekit==([\d.]+)", text)) == {__version__}
        assert set(re.findall(r"rev: v([\d.]+)", text)) == {__version__}

