"""The rule cases: each YAML file under cases/ lists fixture templates and the problems one rule must report.

One parametrized driver runs them all, so ``pytest -k url`` runs the cases of
the ``url`` rule. A case gives ``file`` (or ``files``), an optional ``config``
(the [tool.templatekit.lint] table) and the expected ``problems`` of its rule in
report order, each with ``line`` and optionally ``column``, ``file``,
``severity`` and a ``message`` fragment.
"""
from __future__ import annotations

import pytest
import yaml

from fixture_project import CASES, FIXTURES, fixture_project, lint_fixtures


def _cases():
    for path in sorted(CASES.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(path.stem, case, id=f"{path.stem}::{case['name']}")


@pytest.mark.parametrize("rule, case", list(_cases()))
def test_rule_case(rule: str, case: dict) -> None:
    files = case.get("files") or [case["file"]]
    report = lint_fixtures(files, case.get("config"))
    found = [problem for problem in report.problems if problem.rule == rule]
    shown = "\n".join(f"  {p.path.relative_to(FIXTURES)}:{p.line}:{p.column} {p.severity} {p.message}" for p in found)
    expected = case["problems"]
    assert len(found) == len(expected), f"expected {len(expected)} '{rule}' problems, got:\n{shown}"
    _, settings = fixture_project(case.get("config"))
    for problem, want in zip(found, expected, strict=True):
        assert problem.line == want["line"], shown
        if "column" in want:
            assert problem.column == want["column"], shown
        if "message" in want:
            assert want["message"] in problem.message, shown
        if "file" in want:
            assert problem.path == FIXTURES / want["file"], shown
        assert problem.severity == want.get("severity", settings.catalog[rule].severity), shown
