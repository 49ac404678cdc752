"""The lint cache: a warm run reuses results, and any change to what a result depends on re-checks it."""
from __future__ import annotations

import json

import pytest

import templatekit
import templatekit.linter as linter
from templatekit.project import Project

LAYOUT = "<mjml><mj-body>{% block content %}{% endblock %}{% include '_footer.mjml' %}</mj-body></mjml>"
FOOTER = "<mj-section><mj-column><mj-text>{{ company }} footer text for every mail</mj-text></mj-column></mj-section>"


def page(n: int, extra: str = "") -> str:
    return (
        f"---\ntype: trigger\nsubject: Code {n}\nvariables: [code]\n---\n"
        "{% extends '_layout.mjml' %}{% block content %}<mj-section><mj-column>"
        f"<mj-text>Your code is {{{{ code }}}}, valid for ten minutes. {extra}</mj-text>"
        "</mj-column></mj-section>{% endblock %}\n"
    )


@pytest.fixture
def project_root(make_project):
    return make_project(
        {
            "templates/_layout.mjml": LAYOUT,
            "templates/_footer.mjml": FOOTER,
            "templates/a.mjml": page(1),
            "templates/b.mjml": page(2),
            "data.yaml": "company: Acme\n",
        },
        config='data = "data.yaml"\n',
    )


@pytest.fixture
def checked(monkeypatch):
    """The templates actually linted (not served from the cache) by each call of run()."""
    seen: list[str] = []
    original = linter._lint_file

    def spy(state, path):
        seen.append(path.name)
        return original(state, path)

    monkeypatch.setattr(linter, "_lint_file", spy)
    return seen


def run(root, checked):
    checked.clear()
    report = linter.lint_paths(Project.discover(root), cache=True)
    return sorted(checked), report


def test_a_warm_run_checks_nothing_and_reports_the_same(project_root, checked):
    first_checked, first = run(project_root, checked)
    assert first_checked == ["a.mjml", "b.mjml"]
    second_checked, second = run(project_root, checked)
    assert second_checked == []
    assert second.problems == first.problems and second.templates == first.templates == 2
    assert (project_root / ".templatekit_cache" / ".gitignore").read_text().endswith("*\n")


@pytest.mark.parametrize(
    "change, rechecked",
    [
        (lambda root: (root / "templates" / "a.mjml").write_text(page(1, "Changed.")), ["a.mjml"]),
        (lambda root: (root / "templates" / "_footer.mjml").write_text(FOOTER.replace("every", "each")), ["a.mjml", "b.mjml"]),
        (lambda root: (root / "templates" / "_layout.mjml").write_text(LAYOUT + "\n"), ["a.mjml", "b.mjml"]),
        (lambda root: (root / "data.yaml").write_text("company: Other\n"), ["a.mjml", "b.mjml"]),
        (lambda root: (root / "pyproject.toml").write_text(
            '[tool.templatekit]\ndata = "data.yaml"\n[tool.templatekit.lint]\nignore = ["min-words"]\n'), ["a.mjml", "b.mjml"]),
    ],
    ids=["template", "partial", "layout", "data-file", "configuration"],
)
def test_each_part_of_the_key_causes_a_recheck(project_root, checked, change, rechecked):
    run(project_root, checked)
    change(project_root)
    assert run(project_root, checked)[0] == rechecked
    assert run(project_root, checked)[0] == []


def test_a_changed_rule_pack_or_lexicon_causes_a_recheck(project_root, checked):
    (project_root / "packs").mkdir()
    (project_root / "packs" / "words.txt").write_text("forbidden\n")
    (project_root / "packs" / "extra.yaml").write_text(
        "name: extra\nrules:\n  - id: no-forbidden\n    kind: lexicon\n    severity: error\n"
        "    summary: a forbidden word\n    message: \"forbidden word {term}\"\n    lexicons: [words.txt]\n"
    )
    (project_root / "pyproject.toml").write_text('[tool.templatekit]\ndata = "data.yaml"\n[tool.templatekit.lint]\npacks = ["packs/extra.yaml"]\n')
    (project_root / "templates" / "a.mjml").write_text(page(1, "A minutes word."))
    checked_now, report = run(project_root, checked)
    assert checked_now == ["a.mjml", "b.mjml"] and not [p for p in report.problems if p.rule == "no-forbidden"]
    (project_root / "packs" / "words.txt").write_text("forbidden\nminutes\n")
    checked_now, report = run(project_root, checked)
    assert checked_now == ["a.mjml", "b.mjml"]
    assert {p.path.name for p in report.problems if p.rule == "no-forbidden"} == {"a.mjml", "b.mjml"}


def test_a_new_templatekit_version_causes_a_recheck(project_root, checked, monkeypatch):
    run(project_root, checked)
    monkeypatch.setattr(templatekit, "__version__", "99.0.0")
    assert run(project_root, checked)[0] == ["a.mjml", "b.mjml"]


def test_a_tampered_or_planted_cache_is_ignored(project_root, checked):
    (project_root / "templates" / "a.mjml").write_text(page(1).replace("trigger", "marketing"))
    _, honest = run(project_root, checked)
    assert any(p.rule == "min-words" for p in honest.problems)
    cache_file = project_root / ".templatekit_cache" / "lint.json"
    signature, _, body = cache_file.read_bytes().partition(b"\n")
    data = json.loads(body)
    for entry in data["entries"].values():
        entry["result"]["problems"] = []  # a forged "clean" result
    cache_file.write_bytes(signature + b"\n" + json.dumps(data).encode())
    checked_now, report = run(project_root, checked)
    assert checked_now == ["a.mjml", "b.mjml"]
    assert report.problems == honest.problems


def test_the_cache_can_be_turned_off(make_project, checked):
    root = make_project({"templates/_layout.mjml": LAYOUT, "templates/_footer.mjml": FOOTER, "templates/a.mjml": page(1),
                         "data.yaml": "company: Acme\n"}, config='data = "data.yaml"\ncache = false\n')
    run(root, checked)
    assert run(root, checked)[0] == ["a.mjml"]
    assert not (root / ".templatekit_cache").exists()


def test_the_cli_uses_the_cache_unless_told_not_to(project_root, cli, checked):
    assert cli("lint", cwd=project_root).status == 0
    checked.clear()
    assert cli("lint", cwd=project_root).status == 0
    assert checked == []
    assert cli("lint", "--no-cache", cwd=project_root).status == 0
    assert sorted(checked) == ["a.mjml", "b.mjml"]


def test_compiled_templates_are_cached_and_a_forged_entry_is_not_loaded(project_root):
    built = templatekit.load(project_root / "templates" / "a.mjml").build()
    entries = list((project_root / ".templatekit_cache" / "jinja").iterdir())
    # The layout and its footer; the template, only text and variables, is rendered without compiling.
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(b"0" * 64 + b"\n" + b"not bytecode")
    again = templatekit.load(project_root / "templates" / "a.mjml").build()
    assert again.html == built.html


def test_a_new_file_is_seen_by_a_template_whose_include_is_named_at_render_time(make_project, checked):
    root = make_project({
        "templates/_a.txt": "first partial",
        "templates/t.txt": "---\ntype: testing\nsubject: s\ndata: {part: _a.txt}\n---\n{% include part %}\n",
    })
    run(root, checked)
    assert run(root, checked)[0] == []
    (root / "templates" / "_b.txt").write_text("a new partial")
    assert run(root, checked)[0] == ["t.txt"]


def test_a_new_include_in_a_layout_is_followed(project_root, checked):
    run(project_root, checked)
    (project_root / "templates" / "_extra.mjml").write_text("<mj-section><mj-column><mj-text>extra</mj-text></mj-column></mj-section>")
    (project_root / "templates" / "_layout.mjml").write_text(LAYOUT.replace("{% include '_footer.mjml' %}", "{% include '_footer.mjml' %}{% include '_extra.mjml' %}"))
    assert run(project_root, checked)[0] == ["a.mjml", "b.mjml"]
    assert run(project_root, checked)[0] == []
    (project_root / "templates" / "_extra.mjml").write_text("<mj-section><mj-column><mj-text>changed</mj-text></mj-column></mj-section>")
    assert run(project_root, checked)[0] == ["a.mjml", "b.mjml"]


def test_a_one_file_lint_compares_with_the_others_front_matter_from_the_cache_and_sees_their_edits(project_root, monkeypatch):
    import templatekit.project as project_module

    b = project_root / "templates" / "b.mjml"
    linter.lint_paths(Project.discover(project_root), cache=True)  # fills the cache
    loaded: list[str] = []
    original = project_module.Project.load
    monkeypatch.setattr(project_module.Project, "load", lambda self, path, *rest: loaded.append(path.name) or original(self, path, *rest))

    quiet = linter.lint_paths(Project.discover(project_root), [project_root / "templates" / "a.mjml"], cache=True)
    assert [p.rule for p in quiet.problems] == []
    assert "b.mjml" not in loaded, "an unchanged template's front matter comes from the cache"

    b.write_text(b.read_text(encoding="utf-8").replace("type: trigger", "type: trigger\nbusiness: games"), encoding="utf-8")
    (project_root / "templates" / "c.mjml").write_text(page(3).replace("type: trigger", "type: trigger\nbusiness: games"), encoding="utf-8")
    (project_root / "templates" / "a.mjml").write_text(
        page(1).replace("type: trigger", "type: trigger\nbusiness: e-commerce"), encoding="utf-8"
    )
    loaded.clear()
    mixed = linter.lint_paths(Project.discover(project_root), [project_root / "templates" / "a.mjml"], cache=True)
    assert {"b.mjml", "c.mjml"} <= set(loaded), "changed and new templates are read"
    assert [p.rule for p in mixed.problems] == ["mixed-business-type"]


def test_a_one_file_lint_finds_the_others_in_the_cache_however_their_paths_were_spelt(project_root, monkeypatch):
    import templatekit.project as project_module

    monkeypatch.chdir(project_root)
    from pathlib import Path

    linter.lint_paths(Project.discover(project_root), [Path("templates")], cache=True)  # relative paths in the cache
    loaded: list[str] = []
    original = project_module.Project.load
    monkeypatch.setattr(project_module.Project, "load", lambda self, path, *rest: loaded.append(path.name) or original(self, path, *rest))
    (project_root / "templates" / "a.mjml").write_text(
        page(1).replace("type: trigger", "type: trigger\nbusiness: games"), encoding="utf-8"
    )
    report = linter.lint_paths(Project.discover(project_root), [Path("templates/a.mjml")], cache=True)
    assert loaded == ["a.mjml"], "the others' front matter comes from the cache"
    assert report.problems == linter.lint_paths(Project.discover(project_root), [Path("templates/a.mjml")]).problems


def test_the_key_of_the_bytes_a_worker_read_is_the_key_of_the_file(project_root):
    from templatekit.ruleset import load_settings

    project = Project.discover(project_root)
    settings = load_settings(project.config)
    path = project_root / "templates" / "a.mjml"

    def key(source=None):
        return linter.open_cache(project, settings).key(path, project.root_for, source)

    assert key(path.read_bytes()) == key()
    # The key is that of the bytes given: other bytes (the file edited since) give another.
    assert key(page(1, "Edited.").encode()) != key()


def test_a_template_edited_while_it_was_linted_is_checked_again(project_root, checked, monkeypatch):
    # The key is taken from the very bytes linted, so an edit made after they were read is seen next time.
    template = project_root / "templates" / "a.mjml"
    original = linter._read

    def read_then_edit(path):
        source = original(path)
        if path.name == "a.mjml":
            template.write_text(page(1, "Edited meanwhile."))
        return source

    monkeypatch.setattr(linter, "_read", read_then_edit)
    run(project_root, checked)
    monkeypatch.setattr(linter, "_read", original)
    assert run(project_root, checked)[0] == ["a.mjml"]
    assert run(project_root, checked)[0] == []


def test_a_warm_run_imports_no_parser_and_loads_no_template(project_root):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from templatekit.cli import main\n"
        "status = main(['lint', '--format', 'json'])\n"
        "print(status, sorted(m for m in ('mjml', 'lxml', 'css_inline', 'jinja2', 'templatekit.template') if m in sys.modules))\n"
    )
    cold = subprocess.run([sys.executable, "-c", code], cwd=project_root, capture_output=True, text=True, timeout=120)
    assert cold.returncode == 0, cold.stderr
    assert "'templatekit.template'" in cold.stdout.splitlines()[-1]  # the cold run loaded both templates
    warm = subprocess.run([sys.executable, "-c", code], cwd=project_root, capture_output=True, text=True, timeout=120)
    assert warm.returncode == 0, warm.stderr
    status, cold_status = warm.stdout.splitlines()[-1], cold.stdout.splitlines()[-1]
    assert status.endswith("[]") and status.split()[0] == cold_status.split()[0]
