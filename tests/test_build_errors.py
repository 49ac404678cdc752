"""Bad input: one clear ``path:line: message`` on stderr, exit status 1, no traceback."""
from __future__ import annotations

import pytest

GOOD = "---\ntype: testing\nsubject: ok\n---\nAll good here.\n"
FM = "---\ntype: notification\nsubject: Hello\nvariables: [name]\n---\n"


def mjml(body: str) -> str:
    return FM + "<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n" + body + "\n</mj-column>\n</mj-section>\n</mj-body>\n</mjml>\n"


CASES = {
    "unknown-variable": (
        {"templates/bad.mjml": mjml("<mj-text>Hi {{ nmae }}</mj-text>")},
        "templates/bad.mjml:10: unknown variable 'nmae'; did you mean 'name'?",
    ),
    "jinja-syntax": (
        {"templates/bad.html": FM + "<p>\n{% if name %}\n</p>\n"},
        "templates/bad.html:7: Jinja syntax error: Unexpected end of template",
    ),
    "missing-include": (
        {"templates/bad.html": FM + "<p>\n{% include '_nope.html' %}\n</p>\n"},
        "templates/bad.html:7: included template '_nope.html' not found",
    ),
    "missing-layout": (
        {"templates/bad.txt": FM + '{% extends "_nolayout.txt" %}\n'},
        "templates/bad.txt:6: layout (extended template) '_nolayout.txt' not found",
    ),
    "missing-import": (
        {"templates/bad.txt": FM + '\n{% import "_macros.txt" as m %}\n'},
        "templates/bad.txt:7: imported template '_macros.txt' not found",
    ),
    "style-css-inline-cannot-parse": (
        {"templates/bad.html": FM + "<html><head><style>p { color: red; }</style></head>\n<body>\n<p style=\"a\">Hi {{ name }}</p></body></html>\n"},
        "templates/bad.html:8: CSS inlining failed: End of input; a style attribute with no 'property: value'?",
    ),
    "empty-name": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nname: ''\n---\nbody\n"},
        "templates/bad.txt:4: 'name' is empty; leave it out to use the file name",
    ),
    "variable-declared-twice": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nvariables: [code, code]\n---\n{{ code }}\n"},
        "templates/bad.txt:4: SES variable 'code' is declared twice",
    ),
    "sample-given-twice": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nvariables:\n  code: 1\n  code: 2\n---\n{{ code }}\n"},
        "templates/bad.txt:6: duplicate key 'code' (first at line 5)",
    ),
    "front-matter-only": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\n---\n\n"},
        "templates/bad.txt:4: nothing after the front matter: the email itself is missing",
    ),
    "renders-empty": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\n---\n\n{% if false %}x{% endif %}\n"},
        "templates/bad.txt:6: the email is empty once rendered",
    ),
    "missing-mj-include": (
        {"templates/bad.mjml": mjml('<mj-include path="./_missing.mjml" />')},
        "templates/bad.mjml:10: included template './_missing.mjml' not found",
    ),
    "include-outside-templates": (
        {"templates/bad.html": FM + "{% include '../secret.txt' %}\n", "secret.txt": "s3cret"},
        "templates/bad.html:6: '../secret.txt' is outside the templates folder",
    ),
    "mj-include-outside-templates": (
        {"templates/bad.mjml": mjml('<mj-include path="../secret.mjml" />'), "secret.mjml": "<mj-text>x</mj-text>"},
        "templates/bad.mjml:10: mj-include '../secret.mjml' is outside the templates folder",
    ),
    "broken-mjml-unclosed": (
        {"templates/bad.mjml": FM + "<mjml>\n<mj-body>\n<mj-section>\n<mj-column>\n<mj-text>x</mj-text>\n</mj-section>\n</mj-body>\n</mjml>\n"},
        "templates/bad.mjml:11: </mj-section> does not close <mj-column> opened at line 9",
    ),
    "broken-mjml-misspelt": (
        {"templates/bad.mjml": mjml("<mj-txt>x</mj-txt>")},
        "templates/bad.mjml:10: unknown MJML element <mj-txt>",
    ),
    "broken-mjml-duplicate-attribute": (
        {"templates/bad.mjml": mjml('<mj-text color="red" color="blue">x</mj-text>')},
        "templates/bad.mjml:10: duplicate attribute 'color' on <mj-text>",
    ),
    "not-mjml": (
        {"templates/bad.mjml": FM + "<p>plain html in an .mjml file</p>\n"},
        "templates/bad.mjml:1: not an MJML document: the <mjml> root element is missing",
    ),
    "unknown-front-matter-key": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nsubjet: t\n---\nbody\n"},
        "templates/bad.txt:4: unknown front matter key 'subjet'; did you mean 'subject'?",
    ),
    "bad-type": (
        {"templates/bad.txt": "---\ntype: marketting\nsubject: s\n---\nbody\n"},
        "templates/bad.txt:2: type must be one of marketing, notification, transactional, trigger, testing, not 'marketting'; did you mean 'marketing'?",
    ),
    "invalid-yaml": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: [unclosed\n---\nbody\n"},
        "templates/bad.txt:3: invalid YAML",
    ),
    "unclosed-front-matter": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nbody\n"},
        "templates/bad.txt:1: front matter opened with '---' is never closed",
    ),
    "no-front-matter": (
        {"templates/bad.txt": "just a body\n"},
        "templates/bad.txt:1: missing front matter",
    ),
    "missing-subject": (
        {"templates/bad.txt": "---\ntype: testing\n---\nbody\n"},
        "templates/bad.txt:1: missing required front matter key 'subject'",
    ),
    "empty-subject": (
        {"templates/bad.txt": "---\ntype: testing\nname: bad\nsubject: \"\"\n---\nbody\n"},
        "templates/bad.txt:4: front matter key 'subject' is empty; SES needs a subject to send the mail",
    ),
    "subject-empty-once-rendered": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: \"{{ nothing }}\"\ndata: {nothing: ''}\n---\nbody\n"},
        "templates/bad.txt:3: the subject is empty once rendered",
    ),
    "non-utf8": (
        {"templates/bad.txt": b"---\ntype: testing\nsubject: s\n---\ncaf\xe9\n"},
        "templates/bad.txt:5: not valid UTF-8 (byte 0xe9 at offset 36); save the file as UTF-8",
    ),
    "empty": (
        {"templates/bad.txt": ""},
        "templates/bad.txt:1: empty file",
    ),
    "bad-variable-name": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nvariables: [first-name]\n---\nbody\n"},
        "templates/bad.txt:4: invalid SES variable name 'first-name'",
    ),
    "filter-on-ses-variable": (
        {"templates/bad.txt": FM + "Hi {{ name | upper }}\n"},
        "templates/bad.txt:6: filter 'upper' cannot change SES variable 'name': its value is only known at send time",
    ),
    "condition-on-ses-variable": (
        {"templates/bad.txt": FM + "\n{% if name %}x{% endif %}\n"},
        "templates/bad.txt:7: SES variable 'name' is filled at send time; it cannot decide a build-time condition",
    ),
    "comparison-with-ses-variable": (
        {"templates/bad.txt": FM + '{% if name == "pro" %}PRO{% else %}FREE{% endif %}\n'},
        "templates/bad.txt:6: SES variable 'name' is filled at send time; it cannot be compared at build time",
    ),
    "ses-variable-in-a-list": (
        {"templates/bad.txt": FM + '\n{{ name in ["a", "b"] }}\n'},
        "templates/bad.txt:7: SES variable 'name' is filled at send time; it cannot be compared at build time",
    ),
    "ses-variable-as-a-key": (
        {"templates/bad.txt": FM + "{{ {'a': 1}[name] }}\n"},
        "templates/bad.txt:6: SES variable 'name' is filled at send time; it cannot be looked up in a set or mapping at build time",
    ),
    "ses-variable-added-to-text": (
        {"templates/bad.txt": FM + '{{ "Dear " + name }}\n'},
        "templates/bad.txt:6: SES variable 'name' is filled at send time; it cannot be added to at build time (to join text, use ~: it keeps {{name}})",
    ),
    "arithmetic-on-ses-variable": (
        {"templates/bad.txt": FM + "{{ name * 2 }}\n"},
        "templates/bad.txt:6: SES variable 'name' is filled at send time; it cannot be used in arithmetic at build time",
    ),
    "sandbox": (
        {"templates/bad.txt": FM + "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"},
        "templates/bad.txt:6:",
    ),
    "unknown-variable-in-subject": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: Hi {{ nme }}\nvariables: [name]\n---\nbody\n"},
        "templates/bad.txt:3: unknown variable 'nme'; did you mean 'name'?",
    ),
    "variable-is-also-data": (
        {"templates/bad.txt": "---\ntype: testing\nsubject: s\nvariables: [name]\ndata: {name: x}\n---\nbody\n"},
        "templates/bad.txt:5: 'name' is both an SES variable and build-time data; rename one",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_gets_one_line_and_exit_1_and_the_rest_still_builds(case, make_project, cli):
    files, expected = CASES[case]
    root = make_project({**files, "templates/good.txt": GOOD})
    result = cli("build", cwd=root)
    assert result.status == 1
    assert "Traceback" not in result.err
    error_lines = [line for line in result.err.splitlines() if line.startswith("templates/")]
    assert len(error_lines) == 1, result.err
    assert error_lines[0].startswith(expected), result.err
    assert (root / "dist" / "good.txt").read_text() == "All good here.\n"
    assert not (root / "dist" / "bad.html").exists() and not (root / "dist" / "bad.txt").exists()
    assert "1 failed" in result.err


def test_huge_file_is_refused_without_reading_it(make_project, cli, monkeypatch):
    import templatekit.source

    monkeypatch.setattr(templatekit.source, "MAX_SOURCE_BYTES", 1000)
    root = make_project({"templates/huge.txt": GOOD + "word " * 1000})
    result = cli("build", cwd=root)
    assert result.status == 1
    assert "templates/huge.txt:1: file is too large" in result.err


def test_every_failure_is_reported_not_just_the_first(make_project, cli):
    root = make_project({
        "templates/a.txt": "---\ntype: testing\n---\nx\n",
        "templates/b.txt": "",
        "templates/c.txt": GOOD,
    })
    result = cli("build", cwd=root)
    assert result.status == 1
    assert "templates/a.txt:1:" in result.err and "templates/b.txt:1:" in result.err
    assert "built 1 template" in result.err and "2 failed" in result.err


def test_duplicate_template_names_are_an_error(make_project, cli):
    root = make_project({
        "templates/a.txt": "---\ntype: testing\nsubject: s\nname: same\n---\nx\n",
        "templates/b.txt": "---\ntype: testing\nsubject: s\nname: same\n---\ny\n",
    })
    result = cli("build", cwd=root)
    assert result.status == 1
    assert "templates/b.txt:4: template name 'same' is already used by" in result.err


@pytest.mark.parametrize("config, message", [
    ('templates = "t"\ncolour = "x"\n', "pyproject.toml:3: unknown key 'colour' in [tool.templatekit]"),
    ('inliner = "fast"\n', "pyproject.toml:2: inliner must be one of css-inline, premailer, none, not 'fast'"),
    ("out = 3\n", "pyproject.toml:2: 'out' must be a str"),
    ('templates = "t\n', "pyproject.toml:2: invalid TOML"),
])
def test_bad_configuration_is_a_usage_error(make_project, cli, config, message):
    root = make_project({"templates/a.txt": GOOD}, config=config)
    result = cli("build", cwd=root)
    assert result.status == 2
    assert result.err.strip().startswith(message), result.err
    assert "Traceback" not in result.err


def test_missing_data_file_is_a_configuration_error(make_project, cli):
    root = make_project({"templates/a.txt": GOOD}, config='data = "nope.yaml"\n')
    result = cli("build", cwd=root)
    assert result.status == 2
    assert "nope.yaml: data file: file not found" in result.err


def test_usage_errors_exit_2(make_project, cli):
    root = make_project({"templates/a.txt": GOOD})
    assert cli("build", "--no-such-option", cwd=root).status == 2
    assert cli("no-such-command", cwd=root).status == 2


def test_a_path_that_does_not_exist_is_a_usage_error(make_project, cli):
    root = make_project({"templates/a.txt": GOOD})
    result = cli("build", "templates/a.txt", "templates/missing.mjml", cwd=root)
    assert result.status == 2
    assert result.err == "templates/missing.mjml: no such file or folder\n"
    assert not (root / "dist").exists()


def test_a_configured_templates_folder_that_does_not_exist_is_a_configuration_error(make_project, cli):
    root = make_project({"templates/a.txt": GOOD}, config='templates = "mail"\n')
    result = cli("build", cwd=root)
    assert result.status == 2
    assert result.err == "mail: no templates folder (give paths, or set 'templates' in the configuration)\n"


def test_joining_text_to_an_ses_variable_with_a_tilde_keeps_the_variable(make_project, cli):
    root = make_project({"templates/t.txt": FM + '{{ "Dear " ~ name ~ "," }} {{ "%s!" % name }}\n'})
    assert cli("build", cwd=root).status == 0
    assert (root / "dist" / "t.txt").read_text() == "Dear {{name}}, {{name}}!\n"


def test_the_loader_refuses_a_link_out_of_the_folder_a_folder_and_a_missing_file(tmp_path):
    import os

    import jinja2

    from templatekit.render import make_environment

    templates = tmp_path / "templates"
    (templates / "_folder").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("s3cret")
    os.symlink(tmp_path / "secret.txt", templates / "_link.txt")
    (templates / "ok.txt").write_text("---\nx: 1\n---\nok")
    loader = make_environment(templates).loader
    with pytest.raises(jinja2.TemplateNotFound, match="outside the templates folder"):
        loader.get_source(None, "_link.txt")
    for name in ("_folder", "missing.txt", "ok.txt/x"):
        with pytest.raises(jinja2.TemplateNotFound) as raised:
            loader.get_source(None, name)
        assert "outside" not in str(raised.value)
    body, where, uptodate = loader.get_source(None, "ok.txt")
    assert (body, where, uptodate()) == ("\n\n\nok", str(templates.resolve() / "ok.txt"), True)
