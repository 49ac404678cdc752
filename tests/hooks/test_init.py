"""``templatekit init``: a new template repository that builds, lints clean and runs its own CI commands."""
from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from editing import REPO
from templatekit import __version__

EXAMPLES = {
    "delivery-test.html": "testing", "login-alert.txt": "notification", "newsletter.mjml": "marketing",
    "order-shipped.mjml": "notification", "password-reset.mjml": "transactional", "verification-code.mjml": "trigger",
}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_then_check_passes(tmp_path, cli):
    result = cli("init", "mail", cwd=tmp_path)
    assert result.status == 0, result.err
    root = tmp_path / "mail"
    assert set(_tree(root)) == {
        "pyproject.toml", ".gitignore", ".pre-commit-config.yaml", ".github/workflows/templates.yml",
        "templates/_brand.yaml", "templates/_layout.mjml", "templates/_footer.mjml", "templates/_components.mjml",
        *(f"templates/{name}" for name in EXAMPLES),
    }
    assert "created mail/templates/_footer.mjml" in result.out.splitlines()
    check = cli("check", "--strict", cwd=root)
    assert (check.status, check.out) == (0, (
        "templates  built  failed  errors  warnings\n"
        "        6      6       0       0         0\n"
        "\n"
        "check passed: 6 templates built and linted; no problems\n"
    ))


def test_there_is_one_example_of_every_email_type(tmp_path, cli):
    from templatekit.metadata import TYPES
    from templatekit.project import Project

    cli("init", str(tmp_path), cwd=tmp_path)
    project = Project.discover(tmp_path)
    found = {path.name: project.load(path).meta.type for path in project.find_templates()}
    assert found == EXAMPLES
    assert set(found.values()) == set(TYPES)


def test_existing_files_are_listed_and_nothing_is_written(tmp_path, cli):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "newsletter.mjml").write_text("mine\n", encoding="utf-8")
    (tmp_path / "templates" / "_layout.mjml").write_text("mine\n", encoding="utf-8")
    before = _tree(tmp_path)
    result = cli("init", cwd=tmp_path)
    assert result.status == 1 and result.out == ""
    assert result.err.splitlines() == [
        "2 files already exist; nothing was written (--force overwrites):",
        "  templates/_layout.mjml exists",
        "  templates/newsletter.mjml exists",
    ]
    assert _tree(tmp_path) == before


def test_force_overwrites(tmp_path, cli):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "newsletter.mjml").write_text("mine\n", encoding="utf-8")
    result = cli("init", "--force", cwd=tmp_path)
    assert result.status == 0 and "overwrote templates/newsletter.mjml" in result.out
    assert (tmp_path / "templates" / "newsletter.mjml").read_text(encoding="utf-8").startswith("---\ntype: marketing\n")


def test_an_existing_pyproject_and_gitignore_are_extended_not_replaced(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 100\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("node_modules/\ndist\n", encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 0, result.err
    assert "updated pyproject.toml (added [tool.templatekit])" in result.out
    assert "updated .gitignore (added .templatekit_cache/)" in result.out
    pyproject = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert pyproject.startswith('[project]\nname = "shop"\n\n[tool.ruff]\nline-length = 100\n\n[tool.templatekit]\n')
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "node_modules/\ndist\n.templatekit_cache/\n"
    assert cli("check", cwd=tmp_path).status == 0


def test_a_pyproject_that_already_configures_templatekit_is_a_conflict(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[tool.templatekit]\ntemplates = "mail"\n', encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 1
    assert "  pyproject.toml already has a [tool.templatekit] table" in result.err.splitlines()
    assert not (tmp_path / "templates").exists()


def test_running_init_twice_changes_nothing(tmp_path, cli):
    cli("init", cwd=tmp_path)
    before = _tree(tmp_path)
    assert cli("init", cwd=tmp_path).status == 1
    assert _tree(tmp_path) == before


def test_gitlab_ci_instead_of_github_actions(tmp_path, cli):
    assert cli("init", "--ci", "gitlab", cwd=tmp_path).status == 0
    assert (tmp_path / ".gitlab-ci.yml").is_file() and not (tmp_path / ".github").exists()
    assert cli("init", "--ci", "none", str(tmp_path / "bare"), cwd=tmp_path).status == 0
    assert not (tmp_path / "bare" / ".gitlab-ci.yml").exists() and not (tmp_path / "bare" / ".github").exists()


def test_the_pre_commit_configuration_is_valid_and_names_the_hooks_this_repository_defines(tmp_path, cli):
    cli("init", cwd=tmp_path)
    config = tmp_path / ".pre-commit-config.yaml"
    validated = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    [repo] = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
    assert repo["rev"] == f"v{__version__}"
    defined = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {hook["id"] for hook in repo["hooks"]} == defined == {"templatekit-lint", "templatekit-build"}


def _templatekit_commands(lines: list[str]) -> list[list[str]]:
    return [shlex.split(line)[1:] for line in lines if line.startswith("templatekit ")]


def test_the_github_workflow_commands_run_in_the_new_repository(tmp_path, cli):
    cli("init", cwd=tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github/workflows/templates.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert workflow["jobs"]["check"]["permissions"]["security-events"] == "write"
    assert any(f"git+https://github.com/templatekit/templatekit@v{__version__}" in step.get("run", "") for step in steps)
    commands = _templatekit_commands([step["run"] for step in steps if "run" in step])
    assert [command[0] for command in commands] == ["check", "build"]
    for command in commands:
        result = cli(*command, cwd=tmp_path)
        assert result.status == 0, (command, result.out, result.err)
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    sarif = tmp_path / upload["with"]["sarif_file"]
    assert sarif.is_file() and '"version": "2.1.0"' in sarif.read_text(encoding="utf-8")
    assert (tmp_path / "dist" / "manifest.json").is_file()


def test_the_gitlab_ci_commands_run_and_write_the_reports_gitlab_reads(tmp_path, cli):
    cli("init", "--ci", "gitlab", cwd=tmp_path)
    job = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))["templates"]
    for command in _templatekit_commands(job["script"]):
        result = cli(*command, cwd=tmp_path)
        assert result.status == 0, (command, result.out, result.err)
    for report in job["artifacts"]["reports"].values():
        assert (tmp_path / report).is_file(), report


def test_a_file_where_a_folder_is_needed_is_a_conflict(tmp_path, cli):
    (tmp_path / "templates").write_text("not a folder\n", encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 1
    assert result.err.splitlines()[1:] == ["  templates is a file where a folder is needed"]
    assert not (tmp_path / "pyproject.toml").exists()


def test_a_folder_that_cannot_be_created_is_one_line_not_a_traceback(tmp_path, cli):
    (tmp_path / "taken").write_text("a file\n", encoding="utf-8")
    result = cli("init", "taken/mail", cwd=tmp_path)
    assert result.status == 1 and result.out == ""
    assert result.err == "taken/mail/pyproject.toml: cannot write: Not a directory\n"


def test_an_invalid_pyproject_is_one_line_with_its_location_and_is_never_overwritten(tmp_path, cli):
    mine = '[project]\nname = "shop"\nversion = 1.0.0\n'
    (tmp_path / "pyproject.toml").write_text(mine, encoding="utf-8")
    for options in ((), ("--force",)):
        result = cli("init", *options, cwd=tmp_path)
        assert (result.status, result.out) == (2, ""), options
        assert result.err == (
            "pyproject.toml:3: invalid TOML: Expected newline or end of document after a statement (column 14); "
            "init changes nothing until it is fixed\n"
        )
        assert _tree(tmp_path) == {"pyproject.toml": mine.encode()}


def test_force_does_not_replace_a_pyproject_holding_other_settings_than_templatekit_s(tmp_path, cli):
    mine = '[project]\nname = "shop"\n\n[tool.templatekit]\ntemplates = "mail"\n'
    (tmp_path / "pyproject.toml").write_text(mine, encoding="utf-8")
    result = cli("init", "--force", cwd=tmp_path)
    assert result.status == 1
    assert "  pyproject.toml already has a [tool.templatekit] table, and other settings --force would lose" in result.err.splitlines()
    assert _tree(tmp_path) == {"pyproject.toml": mine.encode()}


def _validate_pre_commit_config(path: Path) -> None:
    validated = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(path)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_the_hooks_are_appended_to_an_existing_pre_commit_configuration(tmp_path, cli):
    mine = "default_stages: [pre-commit]\nrepos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks:\n  - id: black\n"
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(mine, encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 0, result.err
    assert "updated .pre-commit-config.yaml (added the templatekit hooks)" in result.out.splitlines()
    text = config.read_text(encoding="utf-8")
    assert text.startswith(mine)
    _validate_pre_commit_config(config)
    repos = yaml.safe_load(text)["repos"]
    assert [repo["repo"] for repo in repos] == ["https://github.com/psf/black", "https://github.com/templatekit/templatekit"]
    assert [hook["id"] for hook in repos[1]["hooks"]] == ["templatekit-lint", "templatekit-build"]
    (tmp_path / "templates").rename(tmp_path / "mine")  # so that init has something to write again
    (tmp_path / "pyproject.toml").unlink()
    assert cli("init", cwd=tmp_path).status == 0
    assert config.read_text(encoding="utf-8") == text, "the hooks are there: nothing is added twice"


def test_a_pre_commit_configuration_that_is_not_simple_to_extend_is_left_with_what_to_add(tmp_path, cli):
    mine = "repos: [{repo: local, hooks: [{id: x, name: x, entry: x, language: system}]}]\nfail_fast: true\n"
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(mine, encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 0, result.err
    assert config.read_text(encoding="utf-8") == mine
    assert (tmp_path / "templates" / "newsletter.mjml").is_file(), "the other files are written"
    lines = result.out.splitlines()
    start = lines.index(".pre-commit-config.yaml".join(["left ", " as it is (exists); add to its repos:"]))
    assert lines[start + 1 : start + 3] == ["      - repo: https://github.com/templatekit/templatekit", f"        rev: v{__version__}"]


def test_an_existing_gitlab_ci_file_is_left_with_the_job_to_add_even_with_force(tmp_path, cli):
    mine = "test:\n  script: [make test]\n"
    (tmp_path / ".gitlab-ci.yml").write_text(mine, encoding="utf-8")
    for options in ((), ("--force",)):
        result = cli("init", "--ci", "gitlab", *options, cwd=tmp_path)
        assert result.status == 0, result.err
        assert (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8") == mine
        assert "left .gitlab-ci.yml as it is (exists); add this job to it:" in result.out.splitlines()
        assert "    templates:" in result.out.splitlines()
        assert any(line.strip().startswith("- templatekit check ") for line in result.out.splitlines())


def test_a_ci_file_that_already_runs_templatekit_is_left_quietly(tmp_path, cli):
    mine = "templates:\n  script: [templatekit check]\n"
    (tmp_path / ".gitlab-ci.yml").write_text(mine, encoding="utf-8")
    result = cli("init", "--ci", "gitlab", cwd=tmp_path)
    assert result.status == 0 and ".gitlab-ci.yml" not in result.out


def test_an_existing_workflow_is_left_unless_force(tmp_path, cli):
    workflow = tmp_path / ".github/workflows/templates.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n", encoding="utf-8")
    result = cli("init", cwd=tmp_path)
    assert result.status == 0, result.err
    assert "left .github/workflows/templates.yml as it is (exists); merge this workflow into it, or --force replaces it:" in result.out
    assert workflow.read_text(encoding="utf-8") == "name: mine\n"
    forced = cli("init", "--force", cwd=tmp_path)
    assert "overwrote .github/workflows/templates.yml" in forced.out
    assert "templatekit check" in workflow.read_text(encoding="utf-8")
