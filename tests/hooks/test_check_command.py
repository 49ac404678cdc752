"""``templatekit check``: build and lint everything, one exit status, a summary table."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from editing import edit, write
from templatekit.checking import run_check
from templatekit.project import Project

PROMO = "---\ntype: trigger\nsubject: Act now\n---\n<p>Join our lucky draw and win a prize today.</p>\n"
NO_SUBJECT = "---\ntype: trigger\n---\n<p>Your sign-in code is ready to use.</p>\n"
MISSING_INCLUDE = '---\ntype: trigger\nsubject: Hi\n---\n{% include "_missing.html" %}\n'


def test_the_bundled_templates_pass(template_repo, cli):
    result = cli("check", "--strict", cwd=template_repo)
    assert (result.status, result.err) == (0, "")
    assert result.out.split("\n\n") == [
        "templates  built  failed  errors  warnings\n        6      6       0       0         0",
        "check passed: 6 templates built and linted; no problems\n",
    ], "a table even without problems"
    assert not (template_repo / "dist").exists(), "check writes nothing"


def test_problems_then_a_table_by_rule_then_the_verdict(template_repo, cli):
    write(template_repo / "templates/promo.html", PROMO)
    write(template_repo / "templates/broken.html", MISSING_INCLUDE)
    result = cli("check", cwd=template_repo)
    assert result.status == 1
    problems, table, totals, verdict = result.out.split("\n\n")
    assert problems.splitlines() == [
        "templates/broken.html:5:1: error build-error included template '_missing.html' not found",
        "templates/promo.html:3:1: warning spam-words over-commercial wording 'act now' in the subject",
        "templates/promo.html:5:13: error banned-topic banned topic (lucky draw): 'lucky draw' in the body",
    ]
    assert table.splitlines() == [
        "rule          files  templates  errors  warnings",
        "banned-topic      1          1       1         0",
        "build-error       1          1       1         0",
        "spam-words        1          1       0         1",
        "------------  -----  ---------  ------  --------",
        "total             2          2       2         1",
    ]
    assert totals.splitlines() == [
        "templates  built  failed  errors  warnings",
        "        8      7       1       2         1",
    ]
    assert verdict == "check failed: 8 templates, 1 did not build; 2 errors, 1 warning\n"


def test_a_template_the_full_build_refuses_fails_the_check_even_with_its_lint_rule_off(template_repo, cli):
    write(template_repo / "templates/code.html", NO_SUBJECT)
    edit(template_repo / "pyproject.toml", "[tool.templatekit.lint.options.url]", '[tool.templatekit.lint]\nignore = ["subject-missing"]\n\n[tool.templatekit.lint.options.url]')
    assert cli("lint", cwd=template_repo).status == 0
    result = cli("check", cwd=template_repo)
    assert result.status == 1
    assert "templates/code.html:1:1: error build-error missing required front matter key 'subject'" in result.out
    assert result.out.endswith("check failed: 7 templates, 1 did not build; 1 error, 0 warnings\n")


def test_warnings_pass_unless_strict(template_repo, cli):
    write(template_repo / "templates/code.html", "---\ntype: trigger\nsubject: Act now\n---\n<p>Your sign-in code is ready to use.</p>\n")
    assert cli("check", cwd=template_repo).status == 0
    strict = cli("check", "--strict", cwd=template_repo)
    assert strict.status == 1
    assert strict.out.endswith("check failed: 7 templates built and linted; 0 errors, 1 warning (--strict: warnings fail)\n")


def test_a_machine_format_keeps_stdout_clean_and_prints_the_summary_on_stderr(template_repo, cli):
    write(template_repo / "templates/promo.html", PROMO)
    result = cli("check", "--format", "json", cwd=template_repo)
    assert result.status == 1
    assert [item["rule"] for item in json.loads(result.out)] == ["spam-words", "banned-topic"]
    assert result.err.startswith("rule ") and result.err.endswith("check failed: 7 templates built and linted; 1 error, 1 warning\n")


def test_github_annotations_for_actions(template_repo, cli):
    write(template_repo / "templates/promo.html", PROMO)
    out = cli("check", "--format", "github", cwd=template_repo).out
    assert out.splitlines()[1] == (
        "::error file=templates/promo.html,line=5,col=13,title=banned-topic::banned topic (lucky draw): 'lucky draw' in the body"
    )


def test_extra_reports_are_written_in_the_same_run(template_repo, cli):
    write(template_repo / "templates/promo.html", PROMO)
    result = cli(
        "check", "--format", "github", "--report", "sarif=reports/templatekit.sarif",
        "--report", "gitlab=gl-code-quality-report.json", "--report", "junit=junit.xml", cwd=template_repo,
    )
    assert result.status == 1
    sarif = json.loads((template_repo / "reports/templatekit.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["spam-words", "banned-topic"]
    gitlab = json.loads((template_repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["severity"], i["location"]) for i in gitlab] == [
        ("spam-words", "minor", {"path": "templates/promo.html", "lines": {"begin": 3}}),
        ("banned-topic", "major", {"path": "templates/promo.html", "lines": {"begin": 5}}),
    ]
    junit = ElementTree.parse(template_repo / "junit.xml").getroot()
    assert junit.get("failures") == "2"


def test_output_file_gets_the_report_without_colour_and_stderr_the_summary(template_repo, cli):
    write(template_repo / "templates/promo.html", PROMO)
    result = cli("check", "--color", "-o", "check.txt", cwd=template_repo)
    assert result.out == ""
    text = (template_repo / "check.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in text and text.endswith("check failed: 7 templates built and linted; 1 error, 1 warning\n")
    assert result.err.endswith("check failed: 7 templates built and linted; 1 error, 1 warning\n")


def test_a_bad_report_option_is_a_usage_error(template_repo, cli):
    for value in ("sarif", "yaml=x.yaml", "sarif="):
        result = cli("check", "--report", value, cwd=template_repo)
        assert result.status == 2 and "--report" in result.err, value


def test_changed_since_checks_the_changes_against_every_template(template_repo, git, cli):
    git("switch", "-q", "-c", "feature", cwd=template_repo)
    edit(template_repo / "templates/login-alert.txt", "business: e-commerce", "business: games")
    result = cli("check", "--changed-since", "main", cwd=template_repo)
    assert result.status == 1
    assert result.out.splitlines()[0].startswith("templates/login-alert.txt:6:1: error mixed-business-type business type 'games'")
    assert result.out.endswith("check failed: 1 of 6 templates (those the changes concern) built and linted; 1 error, 0 warnings\n")


def test_a_changed_data_file_checks_everything(template_repo, cli):
    edit(template_repo / "templates/_brand.yaml", "name: Lumen Market", "name: Lumen Market Plus")
    result = cli("check", "--changed-since", "HEAD", cwd=template_repo)
    assert result.out.splitlines()[-1] == "check passed: 6 templates (all: templates/_brand.yaml changed) built and linted; no problems"


def test_a_configuration_error_exits_2(template_repo, cli):
    edit(template_repo / "pyproject.toml", 'out = "dist"', 'out = "dist"\noutput = "x"')
    result = cli("check", cwd=template_repo)
    assert result.status == 2 and result.err.startswith("pyproject.toml:") and "unknown key 'output'" in result.err


def test_the_library_call_behind_the_command(template_repo):
    write(template_repo / "templates/broken.html", MISSING_INCLUDE)
    report = run_check(Project.discover(template_repo))
    assert (report.templates, report.built, report.not_built) == (7, 6, 1)
    assert [(row.rule, row.files, row.templates, row.errors, row.warnings) for row in report.by_rule()] == [("build-error", 1, 1, 1, 0)]
    assert not report.passed()


def test_a_report_that_cannot_be_written_is_a_usage_error(template_repo, cli):
    write(template_repo / "taken", "a file, not a folder\n")
    result = cli("check", "--report", "sarif=taken/templatekit.sarif", cwd=template_repo)
    assert result.status == 2
    assert result.err.splitlines()[-1].startswith("taken/templatekit.sarif: cannot write the report:")


def test_changed_since_checks_the_templates_that_still_use_a_partial_renamed_away(template_repo, git, cli):
    git("mv", "templates/_footer.mjml", "templates/_bottom.mjml", cwd=template_repo)
    result = cli("check", "--changed-since", "HEAD", cwd=template_repo)
    assert result.status == 1
    assert "included template '_footer.mjml' not found" in result.out
    assert "4 of 6 templates (those the changes concern)" in result.out.splitlines()[-1]


def test_the_table_counts_the_templates_a_partial_s_problem_concerns_besides_its_file(template_repo, cli):
    footer = template_repo / "templates/_footer.mjml"
    # the marketing-only part of the footer, in one template, and the part every MJML template shows
    edit(footer, "at any time.", "at any time. Add us on WeChat.")
    edit(footer, '{% if template.type == "marketing" %}', '<mj-text>Scan the QR code.</mj-text>\n    {% if template.type == "marketing" %}')
    result = cli("check", cwd=template_repo)
    assert result.status == 1
    _, table, totals, _ = result.out.split("\n\n")
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[1:]}
    assert rows["social-contact"][:2] == ["1", "4"], table  # one file, four templates
    assert rows["total"][:2] == ["1", "4"]
    report = run_check(Project.discover(template_repo))
    by_problem = {problem.message.split("'")[1]: len(report.templates_of(problem)) for problem in report.problems}
    assert by_problem["Add us on WeChat"] == 1 and by_problem["QR code"] == 4


def test_an_error_the_build_and_lint_both_find_in_a_partial_is_reported_once(template_repo, cli):
    edit(template_repo / "templates/_footer.mjml", "<mj-column>", "<mj-colum>")
    result = cli("check", "--no-cache", cwd=template_repo)
    assert result.status == 1
    lines = [line for line in result.out.splitlines() if "build-error" in line and "mj-colum" in line]
    assert lines == [
        "templates/_footer.mjml:5:1: error build-error unknown MJML element <mj-colum>; did you mean <mj-column>? "
        "(in 4 templates: newsletter.mjml, order-shipped.mjml, password-reset.mjml, verification-code.mjml)"
    ]
    assert result.out.splitlines()[-1].endswith("4 did not build; 1 error, 0 warnings")
