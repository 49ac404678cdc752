"""pull brings an account under version control; diff catches edits made in the console."""
from __future__ import annotations

from templatekit.building import iter_builds
from templatekit.lockfile import LOCK_NAME, Lock
from templatekit.project import Project
from templatekit.publishing.drift import DRIFTED, IN_SYNC, LOCAL_CHANGES, NOT_LOCKED, compare
from templatekit.publishing.pulling import escape_jinja


def builds(root):
    return {b.name: b for b in iter_builds(Project.discover(root))}


def test_pull_then_build_gives_the_same_html_and_text(bundled_project, tmp_path, tk, ses):
    tk("submit", cwd=bundled_project)
    original = builds(bundled_project)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "pyproject.toml").write_text("[tool.templatekit]\n", encoding="utf-8")

    result = tk("pull", cwd=fresh)

    assert result.status == 0, result.err
    assert "pulled 10 templates" in result.out
    assert "differs" not in result.out
    pulled = builds(fresh)
    assert set(pulled) == set(original)
    for name, built in original.items():
        assert pulled[name].html == built.html, name
        assert pulled[name].text == built.text, name
        assert pulled[name].variables.keys() == built.variables.keys(), name
    assert (fresh / "templates" / "login-alert.txt").is_file()  # text-only stays text-only
    lock = Lock.load(fresh / LOCK_NAME)
    assert {name: entry.id for name, entry in lock.entries.items()} == {t.name: t.id for t in ses.templates}
    diff = tk("diff", cwd=fresh)
    assert diff.status == 0, diff.out
    again = tk("submit", "--dry-run", cwd=fresh)
    assert "update" not in again.out and "create" not in again.out


def test_pull_escapes_jinja_syntax_other_than_ses_variables(batch_project, tk, ses):
    root = batch_project(0)
    html = "<p>Hi {{name}}, {{ spaced }} {% raw %} {# not a comment #} {{name}}</p>"
    ses.add_template("console-made", html, "Hi {{name}}")

    result = tk("pull", "console-made", cwd=root)

    assert result.status == 0, result.err
    source = (root / "templates" / "console-made.html").read_text(encoding="utf-8")
    assert "variables:\n- name\n" in source
    assert "inline: false" in source
    assert builds(root)["console-made"].html == html


def test_escape_jinja_keeps_variables_and_quotes_the_rest():
    assert escape_jinja("a {{x}} {{ y }} {%") == "a {{x}} {{ '{{' }} y }} {{ '{%' }}"


def test_pull_never_overwrites_local_sources(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    before = (bundled_project / "templates" / "password-reset.mjml").read_text(encoding="utf-8")

    result = tk("pull", "password-reset", "nope", cwd=bundled_project)

    assert "skipped    password-reset" in result.out and "already a template here" in result.out
    assert "not found  nope" in result.out
    assert result.status == 1
    assert (bundled_project / "templates" / "password-reset.mjml").read_text(encoding="utf-8") == before
    assert not (bundled_project / "templates" / "password-reset.html").exists()


def test_an_edit_in_the_console_is_reported_as_drift(bundled_project, connect, tk, ses):
    tk("submit", cwd=bundled_project)
    ses.edit_template("password-reset", html="<p>edited in the console</p>")

    result = tk("diff", cwd=bundled_project)

    assert result.status == 1
    line = next(line for line in result.out.splitlines() if "password-reset (ID" in line)
    assert line.startswith(DRIFTED)
    assert "--- ses/password-reset.html" in result.out
    assert "+++ local/password-reset.html" in result.out
    assert "-<p>edited in the console</p>" in result.out
    states = {d.name: d.state for d in compare(connect(bundled_project))}
    assert states["password-reset"] == DRIFTED
    assert states["login-alert"] == IN_SYNC


def test_submit_refuses_to_overwrite_drift_unless_forced(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    ses.edit_template("password-reset", html="<p>edited in the console</p>")
    source = bundled_project / "templates" / "password-reset.mjml"
    source.write_text(source.read_text(encoding="utf-8").replace("safely ignore", "ignore"), encoding="utf-8")

    refused = tk("submit", cwd=bundled_project)

    assert refused.status == 1
    assert "changed in SES since it was submitted" in refused.out
    assert ses.calls("UpdateEmailTemplate") == []
    assert next(t for t in ses.templates if t.name == "password-reset").html == "<p>edited in the console</p>"

    forced = tk("submit", "--force", cwd=bundled_project)

    assert forced.status == 0, forced.out
    assert "overwrites the changes made in SES" in forced.out
    assert "ignore" in next(t for t in ses.templates if t.name == "password-reset").html


def test_diff_tells_local_changes_and_templates_missing_from_the_lock(bundled_project, connect, tk, ses):
    tk("submit", "password-reset", cwd=bundled_project)
    built = builds(bundled_project)["login-alert"]
    ses.add_template("login-alert", None, built.text)
    source = bundled_project / "templates" / "password-reset.mjml"
    source.write_text(source.read_text(encoding="utf-8").replace("safely ignore", "ignore"), encoding="utf-8")

    states = {d.name: d for d in compare(connect(bundled_project), ["password-reset", "login-alert"])}

    assert states["password-reset"].state == LOCAL_CHANGES
    assert states["login-alert"].state == NOT_LOCKED
