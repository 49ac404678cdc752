"""The GitLab Code Quality report: what the merge request widget needs to match issues between runs."""
from __future__ import annotations

import json
from pathlib import Path

from templatekit.linter import LintReport
from templatekit.problem import Problem
from templatekit.reporters import get_reporter


def _report(*problems: Problem) -> list[dict]:
    return json.loads(get_reporter("gitlab")(LintReport(problems=list(problems))))


def _problem(line: int, message: str = "banned topic (lucky draw)", path: str = "templates/a.mjml") -> Problem:
    return Problem(Path(path).resolve(), line, 1, "banned-topic", "error", message)


def test_each_issue_has_the_fields_gitlab_reads(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    [issue] = _report(_problem(12))
    assert issue["check_name"] == "banned-topic"
    assert issue["description"] == "banned-topic: banned topic (lucky draw)"
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "templates/a.mjml", "lines": {"begin": 12}}
    assert len(issue["fingerprint"]) == 32


def test_warnings_are_minor(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    warning = Problem(Path("t.html").resolve(), 1, 1, "spam-words", "warning", "act now")
    assert _report(warning)[0]["severity"] == "minor"


def test_fingerprints_are_unique_even_for_the_same_problem_twice_in_a_file(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    issues = _report(_problem(3), _problem(9), _problem(9, "banned topic (loans)"))
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_a_problem_that_moved_to_another_line_keeps_its_fingerprint(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert _report(_problem(3))[0]["fingerprint"] == _report(_problem(30))[0]["fingerprint"]
    assert _report(_problem(3))[0]["fingerprint"] != _report(_problem(3, path="templates/b.mjml"))[0]["fingerprint"]


def test_paths_are_relative_to_the_repository_root_in_gitlab_ci(monkeypatch, tmp_path):
    (tmp_path / "emails").mkdir()
    monkeypatch.chdir(tmp_path / "emails")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    assert _report(_problem(1))[0]["location"]["path"] == "emails/templates/a.mjml"
