"""Rule packs kept between runs: a warm run parses no YAML, and any change to a pack is read again."""
from __future__ import annotations

import os
import pickle
import re

import pytest

import templatekit.pack_cache as pack_cache
from templatekit.cli import main
from templatekit.config import load_config
from templatekit.errors import ConfigError
from templatekit.packs import load_pack, prepare_options
from templatekit.ruleset import load_settings

PACK = """name: house
rules:
  - id: house-words
    kind: lexicon
    severity: error
    summary: a house word
    message: "house word {term}"
    lexicons: [words.txt]
  - id: house-pattern
    kind: pattern
    severity: warning
    summary: a house pattern
    message: "house pattern {match}"
    options:
      patterns: ['\\bfoo\\d+', 'bar(?=baz)']
"""
GOOD = "---\ntype: trigger\nsubject: Your code\n---\n<p>Your code is 1234, valid for ten minutes.</p>\n"


@pytest.fixture
def project(make_project):
    root = make_project(
        {"templates/t.html": GOOD, "packs/house.yaml": PACK, "packs/words.txt": "forbidden\n"},
        config='[tool.templatekit.lint]\npacks = ["packs/house.yaml"]\n',
    )
    return root


def _shown(options) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", repr(options))


def settings(root):
    return load_settings(load_config(root))


def no_yaml(monkeypatch) -> list:
    read: list = []
    monkeypatch.setattr(pack_cache, "load_pack", lambda path: read.append(path.name) or load_pack(path))
    return read


def test_a_warm_run_reads_no_pack_and_has_the_same_rules(project, monkeypatch):
    first = settings(project)
    assert (project / ".templatekit_cache" / "packs.pickle").is_file()
    read = no_yaml(monkeypatch)
    second = settings(project)
    assert read == []
    assert second.catalog == first.catalog
    assert [(r.id, r.severity, r.types, r.sources) for r in second.rules.rules] == [
        (r.id, r.severity, r.types, r.sources) for r in first.rules.rules
    ]


def test_rules_prepared_on_first_use_have_the_options_preparing_them_at_once_gives(project):
    settings(project)
    rules = settings(project)
    for rule in rules.rules.rules:
        eager = prepare_options(rules.catalog[rule.id], {}, None, None)
        assert rule.options.keys() == eager.keys()
        assert _shown(rule.options) == _shown(eager)


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "packs" / "words.txt").write_text("forbidden\nminutes\n"),
        lambda root: (root / "packs" / "house.yaml").write_text(PACK.replace("severity: warning", "severity: error")),
        lambda root: os.rename(root / "packs" / "words.txt", root / "packs" / "gone.txt"),
    ],
    ids=["lexicon", "pack", "missing-lexicon"],
)
def test_a_changed_pack_or_lexicon_is_read_again(project, monkeypatch, change):
    settings(project)
    change(project)
    read = no_yaml(monkeypatch)
    try:
        settings(project)
    except ConfigError:
        pass
    assert read == ["house.yaml"]


def test_a_lexicon_moved_outside_the_pack_folder_is_refused_though_its_bytes_are_the_same(project):
    settings(project)
    outside = project / "elsewhere"
    outside.mkdir()
    (project / "packs" / "words.txt").rename(outside / "words.txt")
    os.symlink(outside / "words.txt", project / "packs" / "words.txt")
    with pytest.raises(ConfigError, match="lexicon 'words.txt' is outside the pack's folder"):
        settings(project)


@pytest.mark.parametrize("runs", [1, 3])
def test_an_invalid_pattern_in_a_pack_is_one_line_naming_the_pack_on_every_run(project, monkeypatch, capsys, runs):
    monkeypatch.chdir(project)
    assert main(["lint"]) == 0  # the valid pack is cached
    capsys.readouterr()
    (project / "packs" / "house.yaml").write_text(PACK.replace("bar(?=baz)", "bar(?=baz"))
    for _ in range(runs):
        assert main(["lint"]) == 2
        err = capsys.readouterr().err
        assert err.strip().splitlines() == [
            "packs/house.yaml:9: option 'patterns' of rule 'house-pattern' invalid regular expression "
            "'bar(?=baz': missing ), unterminated subpattern at position 3"
        ]


def test_an_invalid_pattern_in_the_configuration_is_reported_with_the_packs_cached(project, monkeypatch, capsys):
    monkeypatch.chdir(project)
    assert main(["lint"]) == 0
    capsys.readouterr()
    with (project / "pyproject.toml").open("a") as config:
        config.write("[tool.templatekit.lint.options.house-pattern]\npatterns = ['(unclosed']\n")
    assert main(["lint"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "pyproject.toml:5: option 'patterns' of rule 'house-pattern' invalid regular expression "
        "'(unclosed': missing ), unterminated subpattern at position 0"
    ]


class _Planted:
    def __reduce__(self):
        return (os.mkdir, ("planted-ran",))


def test_a_planted_or_tampered_pack_cache_is_not_loaded(project, monkeypatch):
    monkeypatch.chdir(project)
    settings(project)
    cache_file = project / ".templatekit_cache" / "packs.pickle"
    signature, _, body = cache_file.read_bytes().partition(b"\n")
    cache_file.write_bytes(signature + b"\n" + pickle.dumps(_Planted()))
    read = no_yaml(monkeypatch)
    settings(project)
    assert not (project / "planted-ran").exists()
    assert read == ["house.yaml"]  # the shipped pack is kept in the user's folder, not the project's


def test_the_shipped_pack_is_read_once_for_every_project(make_project, monkeypatch):
    first = make_project({"templates/t.html": GOOD})
    settings(first)
    shipped = pack_cache.user_cache_folder() / "packs.pickle"
    assert shipped.is_file()
    second = make_project({"templates/t.html": GOOD})
    read = no_yaml(monkeypatch)
    assert settings(second).catalog.keys() == settings(first).catalog.keys()
    assert read == []
    assert not (second / ".templatekit_cache" / "packs.pickle").exists()  # it holds only the project's own packs


def test_a_planted_shipped_pack_cache_is_not_loaded(make_project, monkeypatch):
    root = make_project({"templates/t.html": GOOD})
    monkeypatch.chdir(root)
    settings(root)
    shipped = pack_cache.user_cache_folder() / "packs.pickle"
    signature, _, _ = shipped.read_bytes().partition(b"\n")
    shipped.write_bytes(signature + b"\n" + pickle.dumps(_Planted()))
    read = no_yaml(monkeypatch)
    settings(root)
    assert not (root / "planted-ran").exists()
    assert read == ["ses.yaml"]
    read.clear()
    settings(root)  # written again, signed, when it was read
    assert read == []


def test_no_pack_cache_when_the_cache_is_turned_off(make_project, monkeypatch):
    root = make_project({"templates/t.html": GOOD}, config="cache = false\n")
    settings(root)
    read = no_yaml(monkeypatch)
    settings(root)
    assert read == ["ses.yaml"]
    assert not (root / ".templatekit_cache").exists()


def test_no_cache_neither_reads_nor_writes_the_pack_cache(project, cli, monkeypatch):
    assert cli("lint", "--no-cache", cwd=project).status == 0
    assert not (project / ".templatekit_cache" / "packs.pickle").exists()
    assert cli("lint", cwd=project).status == 0
    read = no_yaml(monkeypatch)
    assert cli("lint", "--no-cache", cwd=project).status == 0
    assert sorted(read) == ["house.yaml", "ses.yaml"]
