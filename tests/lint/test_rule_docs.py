"""Every rule is documented, has pass and fail examples, and has cases that show it firing and quiet."""
from __future__ import annotations

import pytest
import yaml

from fixture_project import CASES, FIXTURES
from templatekit.packs import DOC_KEYS, default_pack_path, load_pack
from templatekit.ruleset import ENGINE_RULES

RULES = list(ENGINE_RULES) + list(load_pack(default_pack_path()).rules)

# The catalog of the issue: these ids are part of the public interface.
ERROR_IDS = [
    "min-words", "variable-ratio", "variable-only", "max-images", "image-only", "banned-topic", "social-contact",
    "url", "redirect-link", "subject-missing", "subject-too-long", "message-size", "undeclared-variable",
    "html-invalid", "external-resource", "mixed-business-type",
]
WARNING_IDS = [
    "subject-long", "image-advice", "unsubscribe-link", "spam-words", "img-alt", "font-variety", "unused-variable",
    "gmail-clip",
]


def _cases(rule_id: str) -> list[dict]:
    path = CASES / f"{rule_id}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []


def test_the_default_pack_has_exactly_the_catalog_ids_and_severities():
    pack = {rule.id: rule.severity for rule in load_pack(default_pack_path()).rules}
    assert pack == {**{i: "error" for i in ERROR_IDS}, **{i: "warning" for i in WARNING_IDS}}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_is_documented(rule):
    assert rule.summary and "\n" not in rule.summary
    assert rule.message
    for key in DOC_KEYS:
        assert rule.docs.get(key, "").strip(), f"{rule.id} lacks docs '{key}'"
    assert rule.examples.get("pass", "").strip(), f"{rule.id} lacks a passing example"
    assert rule.examples.get("fail", "").strip(), f"{rule.id} lacks a failing example"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_has_cases_that_fire_and_stay_quiet(rule):
    cases = _cases(rule.id)
    assert any(case["problems"] for case in cases), f"{rule.id} has no case where it fires"
    assert any(not case["problems"] for case in cases), f"{rule.id} has no case where it stays quiet"


def test_every_case_file_names_a_rule_and_existing_fixtures():
    ids = {rule.id for rule in RULES}
    used = set()
    for path in CASES.glob("*.yml"):
        assert path.stem in ids, f"{path.name} names no rule"
        for case in _cases(path.stem):
            for name in case.get("files") or [case["file"]]:
                assert (FIXTURES / name).is_file(), f"{path.name}: {name} does not exist"
                used.add(name)
    templates = {
        p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*") if p.suffix in (".html", ".mjml", ".txt") and not p.name.startswith("_")
    }
    assert templates - used == set(), "fixture templates no case uses"
