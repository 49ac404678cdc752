"""``templatekit lint`` and ``templatekit rules`` from the command line: output, formats and exit statuses."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from fixture_project import REPO
from templatekit.cli import main

ERRORS = "---\ntype: notification\nsubject: Hi\n---\n<p>Too short.</p>\n"
WARNING_ONLY = "---\ntype: trigger\nsubject: Act now\n---\n<p>Your sign-in code is ready to use.</p>\n"
CLEAN = "---\ntype: trigger\nsubject: Your code\n---\n<p>Your sign-in code is ready to use.</p>\n"


def run(args, cwd: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def _page(project_dir: Path, text: str, name: str = "t.html") -> Path:
    path = project_dir / "templates" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_templates_lint_clean(monkeypatch, capsys):
    status, out, err = run(["lint", "--strict"], REPO, monkeypatch, capsys)
    assert (status, out) == (0, "10 templates checked: no problems\n"), err


def test_url_still_fires_for_hosts_the_bundled_config_does_not_allow(tmp_path, monkeypatch, capsys):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    reset = tmp_path / "templates" / "password-reset.mjml"
    reset.write_text(
        reset.read_text(encoding="utf-8").replace(
            "new password.\n", 'new password at <a href="https://lumen-login.example.net/reset">our help page</a>.\n'
        ),
        encoding="utf-8",
    )
    status, out, _ = run(["lint"], tmp_path, monkeypatch, capsys)
    assert status == 1
    line = next(n for n, text in enumerate(reset.read_text(encoding="utf-8").splitlines(), 1) if "lumen-login" in text)
    assert f"templates/password-reset.mjml:{line}:" in out and "error url link to https://lumen-login.example.net/reset" in out


def test_exit_1_on_errors(project_dir, monkeypatch, capsys):
    _page(project_dir, ERRORS)
    status, out, _ = run(["lint"], project_dir, monkeypatch, capsys)
    assert status == 1
    assert out.splitlines()[0].startswith("templates/t.html:1:1: error min-words 2 words")
    assert out.splitlines()[-1] == "1 template checked: 1 error, 0 warnings"


def test_warnings_pass_unless_strict(project_dir, monkeypatch, capsys):
    _page(project_dir, WARNING_ONLY)
    assert run(["lint"], project_dir, monkeypatch, capsys)[0] == 0
    status, out, _ = run(["lint", "--strict"], project_dir, monkeypatch, capsys)
    assert status == 1 and "warning spam-words" in out


def test_paths_are_files_or_folders(project_dir, monkeypatch, capsys):
    _page(project_dir, CLEAN, "a.html")
    (project_dir / "more" / "deep").mkdir(parents=True)
    (project_dir / "more" / "deep" / "b.html").write_text(ERRORS, encoding="utf-8")
    (project_dir / "more" / "_partial.html").write_text(ERRORS, encoding="utf-8")
    status, out, _ = run(["lint", "more"], project_dir, monkeypatch, capsys)
    assert status == 1 and "more/deep/b.html:1:1" in out and "_partial" not in out
    assert run(["lint", "templates/a.html"], project_dir, monkeypatch, capsys)[:2] == (0, "1 template checked: no problems\n")


def test_a_missing_path_is_a_usage_error(project_dir, monkeypatch, capsys):
    status, out, err = run(["lint", "nowhere.html"], project_dir, monkeypatch, capsys)
    assert (status, out, err) == (2, "", "nowhere.html: no such file or folder\n")


def test_a_file_that_is_not_a_template_is_a_usage_error(project_dir, monkeypatch, capsys):
    (project_dir / "notes.md").write_text("# Notes\n", encoding="utf-8")
    status, out, err = run(["lint", "notes.md"], project_dir, monkeypatch, capsys)
    assert (status, out, err) == (2, "", "notes.md: not a template: expected .mjml, .html or .txt\n")


def test_a_template_that_fails_to_build_is_reported_and_others_go_on(project_dir, monkeypatch, capsys):
    _page(project_dir, ERRORS, "a.html")
    (project_dir / "templates" / "b.html").write_bytes(b"---\ntype: trigger\nsubject: x\n---\n<p>caf\xe9</p>\n")
    status, out, _ = run(["lint"], project_dir, monkeypatch, capsys)
    assert status == 1
    assert "templates/b.html:5:1: error build-error not valid UTF-8" in out
    assert "templates/a.html:1:1: error min-words" in out


def test_json_format(project_dir, monkeypatch, capsys):
    _page(project_dir, ERRORS)
    status, out, _ = run(["lint", "--format", "json"], project_dir, monkeypatch, capsys)
    assert status == 1
    assert json.loads(out)[0] == {
        "file": "templates/t.html", "line": 1, "column": 1, "rule": "min-words", "severity": "error",
        "message": "2 words of visible text; SES review asks for at least 50 in a notification template (variables do not count)",
    }


def test_output_file_gets_the_report_and_stderr_the_summary(project_dir, monkeypatch, capsys):
    _page(project_dir, ERRORS)
    status, out, err = run(["lint", "-f", "sarif", "-o", "lint.sarif"], project_dir, monkeypatch, capsys)
    assert (status, out) == (1, "")
    assert err == "1 template checked: 1 error, 0 warnings\n"
    assert json.loads((project_dir / "lint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_colour_can_be_forced(project_dir, monkeypatch, capsys):
    _page(project_dir, ERRORS)
    assert "\x1b[31m" in run(["lint", "--color"], project_dir, monkeypatch, capsys)[1]
    assert "\x1b[" not in run(["lint"], project_dir, monkeypatch, capsys)[1]


def test_already_built_html_with_type_and_subject(project_dir, monkeypatch, capsys):
    built = project_dir / "dist" / "promo.html"
    built.parent.mkdir()
    built.write_text("<html><body><p>Join our lucky draw today.</p></body></html>\n", encoding="utf-8")
    status, out, _ = run(["lint", "dist/promo.html", "--type", "marketing", "--subject", "Hello " * 20], project_dir, monkeypatch, capsys)
    assert status == 1
    rules = {line.split()[2] for line in out.splitlines()[:-1]}
    assert {"min-words", "banned-topic", "unsubscribe-link", "subject-long"} <= rules
    assert "undeclared-variable" not in rules and "subject-missing" not in rules
    assert "dist/promo.html:1:" in out


def test_already_built_html_needs_a_subject_given_with_the_subject_option(project_dir, monkeypatch, capsys):
    built = project_dir / "promo.html"
    built.write_text("<html><body><p>Hello.</p></body></html>\n", encoding="utf-8")
    _, out, _ = run(["lint", "promo.html", "--type", "trigger"], project_dir, monkeypatch, capsys)
    assert "error subject-missing no subject: give --subject for already-built HTML" in out
    assert "front matter" not in out


def test_html_without_front_matter_and_without_type_hints_at_type(project_dir, monkeypatch, capsys):
    (project_dir / "promo.html").write_text("<html><body><p>Hello.</p></body></html>\n", encoding="utf-8")
    status, out, _ = run(["lint", "promo.html"], project_dir, monkeypatch, capsys)
    assert status == 1
    assert "error build-error missing front matter" in out and "for already-built HTML give --type (and --subject)" in out


def test_a_built_folder_lints_text_parts_with_their_html_not_as_templates(tmp_path, monkeypatch, capsys):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    assert run(["build", "-q"], tmp_path, monkeypatch, capsys)[0] == 0
    assert (tmp_path / "dist" / "password-reset.txt").is_file() and (tmp_path / "dist" / "login-alert.txt").is_file()
    status, out, _ = run(["lint", "dist", "--type", "notification", "--subject", "Your account"], tmp_path, monkeypatch, capsys)
    # Nine HTML emails (their .txt parts go with them) and the text-only login alert.
    assert (status, out) == (0, "10 templates checked: no problems\n")


def test_the_text_part_of_built_html_is_the_txt_file_beside_it(project_dir, monkeypatch, capsys):
    page = "<html><body><p>" + "Your parcel has left our warehouse today. " * 10 + "</p></body></html>\n"
    (project_dir / "dist").mkdir()
    (project_dir / "dist" / "a.html").write_text(page, encoding="utf-8")
    (project_dir / "dist" / "a.txt").write_text("x" * 4_200_000, encoding="utf-8")
    status, out, _ = run(["lint", "dist", "--type", "notification", "--subject", "Parcel"], project_dir, monkeypatch, capsys)
    assert status == 1 and "dist/a.html:1:1: error message-size" in out and "dist/a.txt" not in out


def test_built_output_of_the_bundled_templates_lints_clean(tmp_path, monkeypatch, capsys):
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    assert run(["build", "-q"], tmp_path, monkeypatch, capsys)[0] == 0
    status, out, _ = run(
        ["lint", "dist/password-reset.html", "--type", "transactional", "--subject", "Reset your password"],
        tmp_path, monkeypatch, capsys,
    )
    assert (status, out) == (0, "1 template checked: no problems\n")


def test_subject_without_type_is_a_usage_error(project_dir, monkeypatch, capsys):
    status, _, err = run(["lint", "--subject", "x"], project_dir, monkeypatch, capsys)
    assert status == 2 and "--type" in err


def test_a_broken_project_pack_exits_2_naming_it(project_dir, monkeypatch, capsys):
    (project_dir / "pack.yaml").write_text("name: p\nrules: [\n", encoding="utf-8")
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n[lint]\npacks = ["pack.yaml"]\n', encoding="utf-8")
    status, out, err = run(["lint"], project_dir, monkeypatch, capsys)
    assert status == 2 and out == ""
    assert err.startswith("pack.yaml:3: invalid YAML")


def test_rules_lists_every_rule(project_dir, monkeypatch, capsys):
    status, out, _ = run(["rules"], project_dir, monkeypatch, capsys)
    assert status == 0
    rows = [line.split(None, 2) for line in out.splitlines()]
    assert ["url", "error"] == rows[[r[0] for r in rows].index("url")][:2]
    assert len(rows) == 26


def test_rules_shows_the_severity_in_force(project_dir, monkeypatch, capsys):
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n[lint]\nignore = ["img-alt"]\n[lint.severity]\nurl = "warning"\n', encoding="utf-8")
    out = run(["rules"], project_dir, monkeypatch, capsys)[1]
    assert "\nurl                  warning" in out and "\nimg-alt              off" in out


def test_rules_id_prints_the_documentation(project_dir, monkeypatch, capsys):
    status, out, _ = run(["rules", "min-words"], project_dir, monkeypatch, capsys)
    assert status == 0
    for heading in ("What it checks", "Why", "The SES fact", "How to fix", "Example that fails", "Example that passes", "Options"):
        assert f"\n{heading}" in out
    assert "marketing at least 150 words" in out


def test_rules_unknown_id(project_dir, monkeypatch, capsys):
    status, _, err = run(["rules", "min-word"], project_dir, monkeypatch, capsys)
    assert status == 2 and "did you mean 'min-words'?" in err


def test_rules_json(project_dir, monkeypatch, capsys):
    rule = json.loads(run(["rules", "url", "--format", "json"], project_dir, monkeypatch, capsys)[1])
    assert rule["id"] == "url" and rule["severity"] == "error" and rule["docs"]["fact"]


def test_help_does_not_import_the_heavy_modules():
    code = (
        "import sys\nfrom templatekit.cli import main\nstatus = main(['--help'])\n"
        "heavy = sorted(m for m in ('lxml', 'mjml', 'ahocorasick_rs', 'yaml') if m in sys.modules)\n"
        "print(status, heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_no_templates_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    status, out, err = run(["lint"], tmp_path, monkeypatch, capsys)
    assert (status, out) == (2, "")
    assert err.startswith("templates: no templates folder")


def test_a_named_template_is_compared_with_every_template_of_the_project(project_dir, monkeypatch, capsys):
    page = "---\ntype: trigger\nsubject: Code\nbusiness: {}\n---\n<p>Your sign-in code is ready to use.</p>\n"
    _page(project_dir, page.format("e-commerce"), "a.html")
    _page(project_dir, page.format("e-commerce"), "b.html")
    (project_dir / "templates" / "sub").mkdir()
    _page(project_dir, page.format("gaming"), "sub/c.html")
    status, out, _ = run(["lint", "templates/sub/c.html"], project_dir, monkeypatch, capsys)
    assert status == 1 and "templates/sub/c.html:4:1: error mixed-business-type business type 'gaming'" in out
    assert run(["lint", "templates/a.html"], project_dir, monkeypatch, capsys)[:2] == (0, "1 template checked: no problems\n")


def test_rules_counts_lexicon_terms_and_exceptions_apart(project_dir, monkeypatch, capsys):
    out = run(["rules", "banned-topic"], project_dir, monkeypatch, capsys)[1]
    assert re.search(r'terms = "\d+ terms and \d+ exceptions in 16 topics"', out)
