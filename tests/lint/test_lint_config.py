"""[tool.templatekit.lint] is checked strictly: every mistake is an error naming the file, exit status 2."""
from __future__ import annotations

import pytest

from templatekit.cli import main
from templatekit.config import load_config
from templatekit.errors import ConfigError
from templatekit.ruleset import load_settings

GOOD = "---\ntype: trigger\nsubject: Hi\n---\n<p>Your code is ready.</p>\n"


def _settings(project_dir, lint_toml: str):
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n' + lint_toml, encoding="utf-8")
    return load_settings(load_config(project_dir))


@pytest.mark.parametrize(
    "toml, message, line",
    [
        ("[lint]\nselcet = ['url']\n", "unknown key 'selcet' in [tool.templatekit.lint]; did you mean 'select'?", 3),
        ("[lint]\nignore = ['urll']\n", "unknown rule 'urll' in 'ignore'; did you mean 'url'?", 3),
        ("[lint]\nselect = 'url'\n", "'select' must be a list of text values", 3),
        ("[lint.severity]\nurl = 'fatal'\n", "severity of 'url' must be error or warning", 3),
        ("[lint.options.url]\nallowed_host = ['a.example.com']\n", "unknown option 'allowed_host' for rule 'url'; did you mean 'allowed_hosts'?", 3),
        ("[lint.options.min-words]\nmin = 'many'\n", "option 'min' of rule 'min-words' must be a number", 3),
        ("[lint.options.min-words]\nmin = {promotional = 10}\n", "unknown email type 'promotional'", 3),
        # The key in its own table, not the first line that names the rule.
        ("[lint.options.url]\nallowed_hosts = ['a.example.com']\n\n[lint.severity]\nurl = 'fatal'\n", "severity of 'url' must be error", 6),
        ("[lint.severity]\nurl = 'warning'\n[lint.options.url]\nallowed_hostz = ['x']\n", "unknown option 'allowed_hostz'", 5),
        ("[lint]\nseverity = { spam-words = 'error', url = 'bad' }\n", "severity of 'url' must be error", 3),
        ("[lint.options]\nurl = { allowed_hosts = 'x' }\n", "option 'allowed_hosts' of rule 'url' must be a list", 3),
        ("[lint.options.social-contact]\npatterns = ['(unclosed']\n", "invalid regular expression", 3),
        ("[lint]\nignore = ['build-error']\n", "'build-error' cannot be ignored", 3),
        ("[lint]\npacks = ['missing.yaml']\n", "rule pack: file not found", None),
        ("[[lint.overrides]]\nignore = ['url']\n", "an override needs 'paths'", 2),
        ("[[lint.overrides]]\npaths = ['legacy/*']\nignor = ['url']\n", "unknown key 'ignor' in an override", 4),
        ("[lint]\ndefault_pack = 'no'\n", "'default_pack' must be true or false", 3),
    ],
)
def test_configuration_mistakes_name_the_file(project_dir, toml, message, line):
    with pytest.raises(ConfigError) as raised:
        _settings(project_dir, toml)
    assert message in raised.value.message
    if line is not None:
        assert raised.value.path == project_dir / "templatekit.toml"
        assert raised.value.line == line


def test_the_cli_exits_2_with_one_line_naming_the_file(project_dir, monkeypatch, capsys):
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n[lint]\nignore = ["urll"]\n', encoding="utf-8")
    (project_dir / "templates" / "t.html").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(project_dir)
    assert main(["lint"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["templatekit.toml:3: unknown rule 'urll' in 'ignore'; did you mean 'url'?"]


def test_select_ignore_and_severity(project_dir):
    settings = _settings(project_dir, "[lint]\nselect = ['url', 'spam-words', 'min-words']\nignore = ['min-words']\n[lint.severity]\nspam-words = 'error'\n")
    rules = settings.rules
    assert sorted(rules.severities) == ["build-error", "spam-words", "url"]
    assert rules.severities["spam-words"] == "error"


def test_overrides_apply_to_matching_paths_only(project_dir):
    settings = _settings(
        project_dir,
        "[[lint.overrides]]\npaths = ['templates/legacy/*']\nignore = ['url']\n[lint.overrides.severity]\nmin-words = 'warning'\n",
    )
    legacy = settings.for_path(project_dir / "templates" / "legacy" / "deep" / "old.html")
    current = settings.for_path(project_dir / "templates" / "new.html")
    assert not legacy.enabled("url") and legacy.severities["min-words"] == "warning"
    assert current.enabled("url") and current.severities["min-words"] == "error"


def test_options_merge_over_the_pack(project_dir):
    settings = _settings(project_dir, "[lint.options.url]\nallowed_hosts = ['shop.example.com']\n")
    url = next(rule for rule in settings.rules.rules if rule.id == "url")
    assert url.options["allowed_hosts"] == ("shop.example.com",)
    assert "com" in url.options["tlds"]  # the pack's own options stay
