"""Rule packs: YAML files that configure rule kinds, with lexicon files beside them.

A pack is data only. It names a kind from ``templatekit.kinds`` for each rule
and gives its options, message and documentation; no Python is ever loaded
from a pack's folder, so a pull request to a template repository cannot run
code. Decoding is strict: an unknown key, kind or option is an error naming the
pack file and line. The default SES pack ships inside the package (the
top-level ``rules/`` folder of a checkout).
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .vocabulary import MEASURES
from .errors import ConfigError, did_you_mean
from .located_yaml import line_of as _line, read_yaml as _read_yaml
from .kinds import KINDS, get_kind
from .kinds.options import OptionError, validate
from .metadata import TYPES
from .problem import SEVERITIES
from .source import read_setting_file

DEFAULT_PACK = "ses.yaml"
SOURCES = ("mjml", "html", "txt", "built")
DOC_KEYS = ("what", "why", "fact", "fix")
_PACK_KEYS = {"name", "description", "rules"}
_RULE_KEYS = {"id", "kind", "severity", "summary", "message", "built_message", "docs", "examples", "options", "option_files", "lexicons", "types", "sources"}
_REQUIRED = ("id", "kind", "severity", "summary", "message")


@dataclass(frozen=True)
class Rule:
    """A rule as its pack defines it (before a project's configuration)."""

    id: str
    kind: str
    severity: str
    summary: str
    message: str
    options: dict[str, Any]
    docs: dict[str, str] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)
    types: tuple[str, ...] | None = None
    sources: tuple[str, ...] | None = None
    pack: str = ""
    path: Path | None = None
    # The message for already-built HTML, where the advice differs (no front matter there).
    built_message: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Pack:
    name: str
    description: str
    path: Path
    rules: tuple[Rule, ...]
    # The lexicon and option files its rules name: (the name given, the file it was found at).
    files: tuple[tuple[str, Path], ...] = ()


def default_pack_path() -> Path:
    """The SES pack: inside the installed package, or the ``rules/`` folder of a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "rules", here.parent / "rules"):
        if (folder / DEFAULT_PACK).is_file():
            return folder / DEFAULT_PACK
    raise ConfigError("the default rule pack is missing from this installation (reinstall templatekit)", here / "rules")


def load_pack(path: Path) -> Pack:
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError("a rule pack must be a mapping with 'name' and 'rules'", path, 1)
    # "x-" keys hold YAML anchors shared by rules (a list of domain endings, say).
    _strict({k: v for k, v in data.items() if not str(k).startswith("x-")}, _PACK_KEYS, "rule pack", path)
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError("a rule pack needs a 'name'", path, _line(data))
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        raise ConfigError("a rule pack needs a non-empty list of 'rules'", path, _line(data))
    rules: dict[str, Rule] = {}
    files: list[tuple[str, Path]] = []
    for item in items:
        rule = _rule(item, path, name, files)
        if rule.id in rules:
            raise ConfigError(f"rule '{rule.id}' is defined twice", path, rule.line)
        rules[rule.id] = rule
    return Pack(name, str(data.get("description") or ""), path, tuple(rules.values()), tuple(dict.fromkeys(files)))


def _rule(item: Any, path: Path, pack: str, files: list[tuple[str, Path]]) -> Rule:
    line = _line(item)
    if not isinstance(item, dict):
        raise ConfigError("each rule must be a mapping", path, line)
    _strict(item, _RULE_KEYS, "rule", path)
    for key in _REQUIRED:
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise ConfigError(f"rule needs '{key}' (text)", path, line)
    rule_id = item["id"]
    if not all(part.isalnum() and part.islower() or part.isdigit() for part in rule_id.split("-")):
        raise ConfigError(f"rule id '{rule_id}' must be kebab-case (lowercase words joined by '-')", path, line)
    if item["kind"] not in KINDS:
        raise ConfigError(f"rule '{rule_id}': unknown kind '{item['kind']}'{did_you_mean(item['kind'], KINDS)}", path, line)
    if item["severity"] not in SEVERITIES:
        raise ConfigError(f"rule '{rule_id}': severity must be error or warning", path, line)
    options = item.get("options") or {}
    if not isinstance(options, dict):
        raise ConfigError(f"rule '{rule_id}': 'options' must be a mapping", path, _line(options) or line)
    options = dict(options)
    for option, values in _option_files(item.get("option_files"), path, rule_id, line, files).items():
        if option in options:
            raise ConfigError(f"rule '{rule_id}': give option '{option}' or name its file in 'option_files', not both", path, line)
        options[option] = values
    if item.get("lexicons"):
        if "terms" in options:
            raise ConfigError(f"rule '{rule_id}': give 'lexicons' or options 'terms', not both", path, line)
        options["terms"] = _lexicons(item["lexicons"], path, rule_id, line, files)
    docs = _texts(item.get("docs") or {}, DOC_KEYS, f"rule '{rule_id}' docs", path, line)
    examples = _texts(item.get("examples") or {}, ("pass", "fail"), f"rule '{rule_id}' examples", path, line)
    rule = Rule(
        id=rule_id, kind=item["kind"], severity=item["severity"], summary=item["summary"].strip(),
        message=item["message"].strip(), options=options, docs=docs, examples=examples,
        types=_choices(item.get("types"), TYPES, "types", rule_id, path, line),
        sources=_choices(item.get("sources"), SOURCES, "sources", rule_id, path, line),
        pack=pack, path=path, line=line, built_message=_optional_text(item, "built_message", rule_id, path, line),
    )
    prepare_options(rule, {}, path, line)  # fail now, naming the pack, not later
    for message in (rule.message, rule.built_message):
        if message:
            _check_message(message, rule, path, line)
    return rule


def prepare_options(rule: Rule, overrides: dict[str, Any], path: Path, line: int | None) -> dict[str, Any]:
    """The rule's options with a project's overrides, validated and prepared for its kind."""
    kind = get_kind(rule.kind)
    merged = dict(rule.options)
    for key, value in overrides.items():
        # A table merges into the pack's table: `min = {marketing = 200}` keeps the other types.
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    try:
        options = validate(kind.OPTIONS, merged, f"rule '{rule.id}'")
        if hasattr(kind, "prepare"):
            options = kind.prepare(options)
    except OptionError as error:
        raise ConfigError(str(error), path, line) from None
    for item in options.get("checks") or ():
        if item.get("message"):
            _check_message(item["message"], rule, path, line)
    return options


def _check_message(message: str, rule: Rule, path: Path, line: int | None) -> None:
    allowed = set(get_kind(rule.kind).FIELDS) | set(MEASURES)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    except ValueError as error:
        raise ConfigError(f"rule '{rule.id}': bad message template: {error}", path, line) from None
    for name in names:
        if name.split(".")[0].split("[")[0] not in allowed:
            raise ConfigError(
                f"rule '{rule.id}': message uses unknown field '{{{name}}}' (fields: {', '.join(sorted(allowed))})", path, line
            )


def _beside(path: Path, name: str, what: str, rule_id: str, line: int | None, files: list[tuple[str, Path]]) -> Path:
    """A data file named by a pack: it must be in the pack's folder (or below it)."""
    file = beside(path, name)
    if file is None:
        raise ConfigError(f"rule '{rule_id}': {what} '{name}' is outside the pack's folder", path, line)
    files.append((name, file))
    return file


def beside(path: Path, name: str) -> Path | None:
    """The file ``name`` of the pack ``path`` names, or None when it is outside the pack's folder."""
    folder = path.parent.resolve()
    file = (folder / name).resolve()
    return file if file.is_relative_to(folder) else None


def _option_files(value: Any, path: Path, rule_id: str, line: int | None, files: list[tuple[str, Path]]) -> dict[str, list[str]]:
    """Option values too long for the pack (the list of all TLDs, say): one value a line, ``#`` comments."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ConfigError(f"rule '{rule_id}': 'option_files' must map option names to file names", path, line)
    return {
        option: [term for _, term in read_lexicon(_beside(path, name, "option file", rule_id, line, files))]
        for option, name in value.items()
    }


def _lexicons(names: Any, path: Path, rule_id: str, line: int | None, files: list[tuple[str, Path]]) -> dict[str, list[str]]:
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ConfigError(f"rule '{rule_id}': 'lexicons' must be a list of file names", path, line)
    topics: dict[str, list[str]] = {}
    for name in names:
        file = _beside(path, name, "lexicon", rule_id, line, files)
        for topic, term in read_lexicon(file):
            topics.setdefault(topic, []).append(term)
    return topics


def read_lexicon(file: Path) -> list[tuple[str, str]]:
    """(topic, term) pairs of a lexicon file: a term a line, ``[topic]`` headers, ``#`` comments."""
    text = read_setting_file(file, "lexicon")
    topic, pairs = "", []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            topic = line[1:-1].strip()
        else:
            pairs.append((topic, line))
    return pairs


def _optional_text(item: dict, key: str, rule_id: str, path: Path, line: int | None) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"rule '{rule_id}': '{key}' must be text", path, line)
    return value.strip()


def _texts(value: Any, keys: tuple[str, ...], what: str, path: Path, line: int | None) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a mapping", path, line)
    _strict(value, set(keys), what, path)
    for key, text in value.items():
        if not isinstance(text, str):
            raise ConfigError(f"{what}: '{key}' must be text", path, _line(value) or line)
    return {key: text.strip() for key, text in value.items()}


def _choices(value: Any, choices: tuple[str, ...], key: str, rule_id: str, path: Path, line: int | None):
    if value is None:
        return None
    if not isinstance(value, list) or not all(item in choices for item in value):
        raise ConfigError(f"rule '{rule_id}': '{key}' must be a list of {', '.join(choices)}", path, line)
    return tuple(value)


def _strict(mapping: dict, keys: set[str], what: str, path: Path) -> None:
    for key in mapping:
        if key not in keys:
            raise ConfigError(f"unknown key '{key}' in {what}{did_you_mean(str(key), keys)}", path, _line(mapping))
