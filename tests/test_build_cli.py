"""``templatekit build``: what it writes, the manifest, and atomic writes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import REPO

WELCOME = """
---
type: notification
subject: Welcome {{ name }}
summary: Sent after sign-up
business: retail
variables: {name: Ana}
---
<mjml><mj-body><mj-section><mj-column>
<mj-text>Welcome aboard, {{ name }}.</mj-text>
</mj-column></mj-section></mj-body></mjml>
""".lstrip()
CODE = "---\ntype: trigger\nsubject: Your code\nvariables: [code]\n---\nYour code is {{ code }}.\n"


def test_build_writes_html_text_and_manifest(make_project, cli):
    root = make_project({"templates/welcome.mjml": WELCOME, "templates/code.txt": CODE})
    result = cli("build", cwd=root)
    assert result.status == 0, result.err
    assert "wrote dist/welcome.html" in result.out and "wrote dist/manifest.json" in result.out
    assert "built 2 templates into dist" in result.out
    html = (root / "dist" / "welcome.html").read_text()
    assert html.lower().startswith("<!doctype html>") and "Welcome aboard, {{name}}." in html
    assert (root / "dist" / "welcome.txt").read_text() == "Welcome aboard, {{name}}.\n"
    assert not (root / "dist" / "code.html").exists()
    manifest = json.loads((root / "dist" / "manifest.json").read_text())["templates"]
    assert manifest["welcome"] == {
        "type": "notification",
        "subject": "Welcome {{name}}",
        "summary": "Sent after sign-up",
        "business": "retail",
        "variables": {"name": "Ana"},
        "source": "templates/welcome.mjml",
        "html": "welcome.html",
        "text": "welcome.txt",
        "html_sha256": __import__("hashlib").sha256(html.encode()).hexdigest(),
        "text_sha256": __import__("hashlib").sha256(b"Welcome aboard, {{name}}.\n").hexdigest(),
    }
    assert manifest["code"]["html"] is None and manifest["code"]["variables"] == {"code": None}


def test_build_selected_paths_into_another_folder_and_merge_the_manifest(make_project, cli):
    root = make_project({"templates/welcome.mjml": WELCOME, "templates/code.txt": CODE})
    assert cli("build", "--out", "out", cwd=root).status == 0
    (root / "templates" / "code.txt").write_text(CODE.replace("Your code is", "Use"))
    result = cli("build", "templates/code.txt", "--out", "out", cwd=root)
    assert result.status == 0
    assert "welcome" not in result.out
    assert (root / "out" / "code.txt").read_text() == "Use {{code}}.\n"
    assert set(json.loads((root / "out" / "manifest.json").read_text())["templates"]) == {"welcome", "code"}


def test_a_failed_rebuild_leaves_the_previous_output_intact(make_project, cli):
    root = make_project({"templates/welcome.mjml": WELCOME})
    assert cli("build", cwd=root).status == 0
    before = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}
    (root / "templates" / "welcome.mjml").write_text(WELCOME.replace("</mj-text>", "</mj-txt>"))
    result = cli("build", cwd=root)
    assert result.status == 1
    assert "templates/welcome.mjml:9: unknown MJML element <mj-txt>" in result.err
    after = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}
    assert after == before


def test_an_interrupted_write_leaves_no_partial_file(make_project, cli, monkeypatch):
    root = make_project({"templates/welcome.mjml": WELCOME})
    assert cli("build", cwd=root).status == 0
    before = (root / "dist" / "welcome.html").read_bytes()
    (root / "templates" / "welcome.mjml").write_text(WELCOME.replace("Welcome aboard", "Hello again"))

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    result = cli("build", cwd=root)
    assert result.status == 130
    assert (root / "dist" / "welcome.html").read_bytes() == before
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["manifest.json", "welcome.html", "welcome.txt"]


def test_a_template_that_becomes_text_only_loses_its_stale_html(make_project, cli):
    root = make_project({"templates/welcome.mjml": WELCOME})
    assert cli("build", cwd=root).status == 0
    (root / "templates" / "welcome.mjml").unlink()
    (root / "templates" / "welcome.txt").write_text(CODE.replace("[code]", "[code]\nname: welcome"))
    assert cli("build", cwd=root).status == 0
    assert not (root / "dist" / "welcome.html").exists()
    assert json.loads((root / "dist" / "manifest.json").read_text())["templates"]["welcome"]["html"] is None


def test_config_is_found_from_a_subfolder(make_project, cli):
    root = make_project({"templates/code.txt": CODE}, config='out = "build/mail"\n')
    result = cli("build", cwd=root / "templates")
    assert result.status == 0, result.err
    assert (root / "build" / "mail" / "code.txt").is_file()


def test_templatekit_toml_is_read_too(make_project, cli):
    root = make_project({"templates/code.txt": CODE, "templatekit.toml": 'out = "elsewhere"\n'})
    assert cli("build", cwd=root).status == 0
    assert (root / "elsewhere" / "code.txt").is_file()


def test_the_console_script_runs_and_help_stays_light():
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    code = (
        "import sys; from templatekit.cli import main\n"
        "try: main(['--help'])\n"
        "except SystemExit: pass\n"
        "heavy = [m for m in ('mjml', 'lxml', 'css_inline', 'jinja2', 'tencentcloud') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert "HEAVY []" in out
    assert "build" in out
    version = subprocess.run([sys.executable, "-m", "templatekit", "--version"], capture_output=True, text=True, check=True)
    assert "templatekit, version" in version.stdout


@pytest.mark.parametrize("argv", [["build", "--out", "{out}"]])
def test_bundled_templates_build_cleanly(tmp_path, argv):
    args = [a.replace("{out}", str(tmp_path)) for a in argv]
    result = subprocess.run([sys.executable, "-m", "templatekit", *args], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    names = {p.name for p in tmp_path.iterdir()}
    assert {"monthly-newsletter.html", "monthly-newsletter-zh.html", "order-shipped-zh.html", "password-reset.html",
            "password-reset-zh.html", "verification-code.html", "verification-code-zh.html", "delivery-test.html",
            "delivery-test-zh.html", "login-alert.txt", "manifest.json"} <= names


def test_paths_outside_the_working_directory_use_their_own_project(make_project, cli, tmp_path):
    root = make_project({
        "templates/_layout.txt": "Layout: {% block body %}{% endblock %}",
        "templates/a.txt": '---\ntype: testing\nsubject: s\n---\n{% extends "_layout.txt" %}{% block body %}A{% endblock %}',
    }, config='out = "built"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("build", str(root / "templates"), cwd=elsewhere)
    assert result.status == 0, result.err
    assert (root / "built" / "a.txt").read_text() == "Layout: A\n"


def manifest_names(root) -> set[str]:
    return set(json.loads((root / "dist" / "manifest.json").read_text())["templates"])


def test_a_full_build_forgets_deleted_and_renamed_templates_and_removes_their_outputs(make_project, cli):
    root = make_project({"templates/welcome.mjml": WELCOME, "templates/code.txt": CODE, "templates/old.txt": CODE})
    assert cli("build", cwd=root).status == 0
    (root / "dist" / "notes.txt").write_text("mine, not the build's\n")
    (root / "templates" / "old.txt").unlink()
    (root / "templates" / "welcome.mjml").write_text(WELCOME.replace("business: retail", "business: retail\nname: hello"))
    result = cli("build", cwd=root)
    assert result.status == 0, result.err
    assert manifest_names(root) == {"hello", "code"}
    assert sorted(p.name for p in (root / "dist").iterdir()) == [
        "code.txt", "hello.html", "hello.txt", "manifest.json", "notes.txt",
    ]
    assert "removed dist/old.txt (no template builds it any more)" in result.out
    assert "removed dist/welcome.html" in result.out


def test_a_full_build_keeps_the_last_output_of_a_template_that_fails_now(make_project, cli):
    root = make_project({
        "templates/_layout.txt": "{% block body %}{% endblock %}",
        "templates/code.txt": CODE.replace("Your code is {{ code }}.", '{% extends "_layout.txt" %}{% block body %}Code {{ code }}{% endblock %}'),
        "templates/other.txt": CODE,
    })
    assert cli("build", cwd=root).status == 0
    (root / "templates" / "_layout.txt").write_text("{{ nope }}{% block body %}{% endblock %}")  # the error names the layout
    assert cli("build", cwd=root).status == 1
    assert manifest_names(root) == {"code", "other"}
    assert (root / "dist" / "code.txt").read_text() == "Code {{code}}\n"


def test_a_manifest_entry_never_removes_files_outside_what_the_build_writes(make_project, cli):
    root = make_project({"templates/code.txt": CODE})
    (root / "dist").mkdir()
    (root / "precious.txt").write_text("keep\n")
    (root / "dist" / "manifest.json").write_text(json.dumps({"version": 1, "templates": {
        "evil": {"html": "../precious.txt", "text": "manifest.json"},
    }}))
    assert cli("build", cwd=root).status == 0
    assert (root / "precious.txt").read_text() == "keep\n"
    assert manifest_names(root) == {"code"}


def test_a_partial_build_still_merges_into_the_manifest(make_project, cli):
    root = make_project({"templates/code.txt": CODE, "templates/other.txt": CODE})
    assert cli("build", cwd=root).status == 0
    (root / "templates" / "other.txt").unlink()
    assert cli("build", "templates/code.txt", cwd=root).status == 0
    assert manifest_names(root) == {"code", "other"}
    assert (root / "dist" / "other.txt").is_file()
