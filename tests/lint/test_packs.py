"""Rule packs: YAML data with lexicons beside it, strictly checked; a project can add or replace packs."""
from __future__ import annotations

from pathlib import Path

import pytest

from templatekit.config import load_config
from templatekit.errors import ConfigError
from templatekit.linter import lint_paths
from templatekit.packs import default_pack_path, load_pack
from templatekit.project import Project
from templatekit.ruleset import load_settings

PACK = """\
name: house
rules:
  - id: no-shouting
    kind: pattern
    severity: warning
    summary: words in capitals
    message: "'{match}' shouts"
    options:
      patterns: ['\\b[A-Z]{5,}\\b']
  - id: house-words
    kind: lexicon
    severity: error
    summary: words our legal team refuses
    message: "'{term}' ({topic})"
    lexicons: [words.txt]
"""


def _write(folder: Path, pack: str = PACK, lexicon: str = "[legal]\nbest in the world\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    (folder / "words.txt").write_text(lexicon, encoding="utf-8")
    return folder / "pack.yaml"


def test_the_default_pack_is_found_in_the_checkout():
    path = default_pack_path()
    assert path.name == "ses.yaml" and path.parent.name == "rules"


def test_a_project_pack_adds_rules(project_dir):
    _write(project_dir / "house")
    (project_dir / "templatekit.toml").write_text('templates = "templates"\n[lint]\npacks = ["house/pack.yaml"]\n', encoding="utf-8")
    page = project_dir / "templates" / "t.html"
    page.write_text("---\ntype: trigger\nsubject: Hi\n---\n<p>The BEST IN THE WORLD shoes.</p>\n", encoding="utf-8")
    report = lint_paths(Project.discover(project_dir), [page])
    found = {(p.rule, p.severity, p.message) for p in report.problems}
    assert ("house-words", "error", "'best in the world' (legal)") in found
    assert ("no-shouting", "warning", "'WORLD' shouts") in found


def test_default_pack_false_uses_only_the_project_packs(project_dir):
    _write(project_dir / "house")
    (project_dir / "templatekit.toml").write_text(
        'templates = "templates"\n[lint]\ndefault_pack = false\npacks = ["house/pack.yaml"]\n', encoding="utf-8"
    )
    settings = load_settings(load_config(project_dir))
    assert list(settings.catalog) == ["build-error", "unused-suppression", "no-shouting", "house-words"]


@pytest.mark.parametrize(
    "pack, message",
    [
        ("name: x\nrules:\n  - id: a\n    kind: sorcery\n    severity: error\n    summary: s\n    message: m\n", "unknown kind 'sorcery'"),
        ("name: x\nrules:\n  - id: a\n    kind: pattern\n    severity: fatal\n    summary: s\n    message: m\n", "severity must be error or warning"),
        ("name: x\nrules:\n  - id: Bad_Id\n    kind: pattern\n    severity: error\n    summary: s\n    message: m\n", "must be kebab-case"),
        ("name: x\nrules:\n  - id: a\n    kind: pattern\n    severity: error\n    summary: s\n    message: m\n", "needs the option 'patterns'"),
        ("name: x\nrules:\n  - id: a\n    kind: pattern\n    severity: error\n    summary: s\n    message: '{nope}'\n    options: {patterns: [x]}\n", "unknown field '{nope}'"),
        ("name: x\nrules:\n  - id: a\n    kind: pattern\n    severity: error\n    summary: s\n    mesage: m\n", "unknown key 'mesage' in rule; did you mean 'message'?"),
        ("name: x\nrules:\n  - id: a\n    kind: lexicon\n    severity: error\n    summary: s\n    message: m\n    lexicons: [../../etc/passwd]\n", "outside the pack's folder"),
        ("name: x\nrules:\n  - id: a\n    kind: url\n    severity: error\n    summary: s\n    message: m\n    option_files: {tlds: ../../etc/passwd}\n", "option file '../../etc/passwd' is outside the pack's folder"),
        ("name: x\nrules:\n  - id: a\n    kind: url\n    severity: error\n    summary: s\n    message: m\n    option_files: {tlds: words.txt}\n    options: {tlds: [com]}\n", "give option 'tlds' or name its file"),
        ("name: x\nrules:\n  - id: a\n    kind: url\n    severity: error\n    summary: s\n    message: m\n    option_files: [words.txt]\n", "'option_files' must map option names to file names"),
        ("name: x\nrules: [\n", "invalid YAML"),
        ("name: x\nname: y\nrules: []\n", "duplicate key 'name'"),
        ("name: x\nrules:\n  - id: a\n    kind: threshold\n    severity: error\n    summary: s\n    message: m\n    options: {measure: happiness, max: 1}\n", "must be one of words, cjk_characters"),
    ],
)
def test_pack_mistakes_name_the_pack_file(tmp_path, pack, message):
    path = _write(tmp_path / "p", pack)
    with pytest.raises(ConfigError) as raised:
        load_pack(path)
    assert message in raised.value.message
    assert raised.value.path == path


def test_no_python_is_loaded_from_a_pack_folder(tmp_path):
    folder = tmp_path / "evil"
    path = _write(folder, PACK.replace("kind: pattern", "kind: evil"))
    (folder / "evil.py").write_text("raise SystemExit('ran code from a pack')\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown kind 'evil'"):
        load_pack(path)


def test_option_files_give_a_list_option_one_value_a_line(tmp_path):
    folder = tmp_path / "p"
    path = _write(folder, "name: p\nrules:\n  - id: links\n    kind: url\n    severity: error\n    summary: s\n    message: m\n    option_files: {tlds: endings.txt}\n")
    (folder / "endings.txt").write_text("# endings\ncom\nexample  # a made-up one\n", encoding="utf-8")
    rule = load_pack(path).rules[0]
    assert rule.options["tlds"] == ["com", "example"]


def test_lexicon_files_have_topics_and_comments(tmp_path):
    path = _write(tmp_path / "p", lexicon="# comment\nfirst term  # trailing comment\n\n[topic b]\nsecond\n")
    rule = {r.id: r for r in load_pack(path).rules}["house-words"]
    assert rule.options["terms"] == {"": ["first term"], "topic b": ["second"]}


def test_unreadable_packs_and_lexicons_say_which_file_and_where(tmp_path):
    path = _write(tmp_path / "p", lexicon="[legal]\nbest in the world\n")
    (tmp_path / "p" / "words.txt").write_bytes("[legal]\nbest\n".encode("utf-8") + b"caf\xe9\n")
    with pytest.raises(ConfigError) as raised:
        load_pack(path)
    assert raised.value.path == tmp_path / "p" / "words.txt" and raised.value.line == 3
    assert raised.value.message.startswith("lexicon: not valid UTF-8 (byte 0xe9")

    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(ConfigError) as raised:
        load_pack(tmp_path / "dir.yaml")
    assert raised.value.message == "rule pack: is a directory, not a file"

    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (9 * 1024 * 1024))
    with pytest.raises(ConfigError, match=r"rule pack: file is too large"):
        load_pack(huge)


def test_the_repository_wide_kinds_are_those_with_check_all():
    from templatekit.kinds import KINDS, REPOSITORY_KINDS, get_kind

    assert REPOSITORY_KINDS == {kind for kind in KINDS if hasattr(get_kind(kind), "check_all")}
