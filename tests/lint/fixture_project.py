"""The fixture project of the lint tests, and linting fixture files in it (packs read once per configuration)."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from templatekit.config import load_config
from templatekit.linter import LintReport, lint_paths
from templatekit.project import Project
from templatekit.ruleset import LintSettings, load_settings

LINT_TESTS = Path(__file__).parent
FIXTURES = LINT_TESTS / "fixtures"
CASES = LINT_TESTS / "cases"
REPO = LINT_TESTS.parent.parent

_settings: dict[str, tuple[Project, LintSettings]] = {}


def fixture_project(lint_table: dict | None = None) -> tuple[Project, LintSettings]:
    """The fixture project, with ``lint_table`` as its [tool.templatekit.lint]; packs are read once per table."""
    key = json.dumps(lint_table or {}, sort_keys=True)
    if key not in _settings:
        config = load_config(FIXTURES)
        if lint_table is not None:
            config = dataclasses.replace(config, lint=lint_table)
        _settings[key] = (Project(config), load_settings(config))
    return _settings[key]


def lint_fixtures(files: list[str], lint_table: dict | None = None) -> LintReport:
    project, settings = fixture_project(lint_table)
    return lint_paths(project, [FIXTURES / name for name in files], settings=settings)
