"""The rules in force: the packs' rules with a project's ``[tool.templatekit.lint]`` applied.

Keys: ``select`` (only these rules), ``ignore``, ``severity`` (rule -> error or
warning), ``options`` (rule -> its kind's options), ``packs`` (extra pack files,
relative to the configuration file), ``default_pack`` (false to use only your
own packs) and ``overrides`` (a list of tables with ``paths``, glob patterns
relative to the configuration file where ``*`` also crosses folders, and any of
select, ignore, severity, options). Everything is checked strictly: an unknown
key, rule id or option is an error naming the configuration file.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Config, _key_line
from .errors import ConfigError, did_you_mean
from .engine_rules import BUILD_ERROR, ENGINE_RULES, UNUSED_SUPPRESSION
from .pack_cache import PackCache, user_cache_folder
from .packs import Rule, default_pack_path, prepare_options
from .problem import SEVERITIES

__all__ = ["BUILD_ERROR", "ENGINE_RULES", "UNUSED_SUPPRESSION", "LintSettings", "RuleSet", "load_settings"]
_KEYS = ("select", "ignore", "severity", "options", "packs", "default_pack", "overrides")
_OVERRIDE_KEYS = ("paths", "select", "ignore", "severity", "options")


@dataclass(frozen=True)
class ActiveRule:
    """A rule ready to run: the linter stamps its id and severity on what its kind finds."""

    id: str
    kind: str
    severity: str
    message: str
    prepared: "_Options"
    types: tuple[str, ...] | None
    sources: tuple[str, ...] | None
    built_message: str | None = None

    @property
    def options(self) -> dict[str, Any]:
        """The kind's options, prepared (patterns compiled, lexicons indexed)."""
        return self.prepared.get()

    def message_for(self, document) -> str:
        """The rule's message, or its wording for already-built HTML when it has one."""
        return self.built_message if self.built_message and document.source_kind == "built" else self.message

    def applies_to(self, document) -> bool:
        return (self.types is None or document.type in self.types) and (
            self.sources is None or document.source_kind in self.sources
        )


class _Options:
    """A rule's prepared options; a rule the configuration leaves as its pack has it is prepared on first use.

    Its pack's options were checked when the pack was read (``packs.py``), so
    preparing them again cannot fail; a warm run, with every result from the
    cache, then compiles none of the packs' patterns (15-20 ms).
    """

    __slots__ = ("rule", "value")

    def __init__(self, rule: Rule, value: dict[str, Any] | None = None):
        self.rule = rule
        self.value = value

    def get(self) -> dict[str, Any]:
        if self.value is None:
            self.value = prepare_options(self.rule, {}, self.rule.path, self.rule.line)
        return self.value


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[ActiveRule, ...]
    severities: dict[str, str]  # every enabled rule, engine rules included
    known: frozenset[str] = frozenset()  # every rule id of the packs, enabled or not

    def enabled(self, rule_id: str) -> bool:
        return rule_id in self.severities

    def prepare(self) -> None:
        """Prepare every rule's options now (before worker processes fork, so that each need not)."""
        for rule in self.rules:
            rule.options  # noqa: B018


@dataclass(frozen=True)
class _Layer:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class LintSettings:
    catalog: dict[str, Rule]
    base: _Layer
    overrides: list[tuple[tuple[str, ...], _Layer]]
    root: Path
    source: Path
    _cache: dict = field(default_factory=dict)

    def for_path(self, path: Path) -> RuleSet:
        """The rules for one template file, with the overrides whose paths match it."""
        if not self.overrides:  # most projects: no path to work out (15 ms a warm run of 1,000)
            return self._combined(())
        relative = self._relative(path)
        matching = tuple(
            index for index, (globs, _) in enumerate(self.overrides)
            if any(fnmatch.fnmatchcase(relative, glob) for glob in globs)
        )
        return self._combined(matching)

    def _relative(self, path: Path) -> str:
        # Lexically when the path is plainly below the root: resolving every
        # template through the filesystem was most of the repository-wide pass.
        text = os.path.abspath(path)
        root = str(self.root).rstrip(os.sep) + os.sep
        if text.startswith(root) and os.sep + ".." not in text:
            return Path(text[len(root):]).as_posix()
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()

    def rule_sets(self) -> list[RuleSet]:
        """The rule sets built so far: the base one, and one for each set of matching overrides."""
        return list(self._cache.values())

    @property
    def rules(self) -> RuleSet:
        """The rules with no override applied."""
        return self._combined(())

    def _combined(self, matching: tuple[int, ...]) -> RuleSet:
        if matching not in self._cache:
            layers = [self.base] + [self.overrides[index][1] for index in matching]
            self._cache[matching] = _build(self.catalog, layers, self.source)
        return self._cache[matching]


def load_settings(config: Config, *, cache: bool = True) -> LintSettings:
    """Read packs and apply ``[tool.templatekit.lint]``; ConfigError names the file on any mistake.

    ``cache``: keep the packs as read in the configured cache folder (``pack_cache.py``).
    """
    table = config.lint
    source = config.source
    if not isinstance(table, dict):
        raise ConfigError("[tool.templatekit.lint] must be a table", source)
    _known_keys(table, _KEYS, "[tool.templatekit.lint]", source)
    default_pack = table.get("default_pack", True)
    if not isinstance(default_pack, bool):
        raise ConfigError("'default_pack' must be true or false", source, _key_line(source, "default_pack"))
    packs = PackCache(config.cache if cache else None)
    # The pack templatekit ships is the same in every project: kept as read once for
    # them all, in the user's cache folder beside the signing key, as Python keeps
    # the package's bytecode. A cold lint in a new or cleaned project then parses
    # no YAML for it: its workers started 25-50 ms sooner in a cold lint of 1,000 templates.
    shipped = PackCache(user_cache_folder() if cache and config.cache is not None else None) if default_pack else None
    # Each pack with the cache that keeps it.
    sources = [(default_pack_path(), shipped)] if shipped is not None else []
    sources += [(config.root / name, packs) for name in _strings(table.get("packs", []), "packs", source)]
    catalog: dict[str, Rule] = {rule.id: rule for rule in ENGINE_RULES}
    for pack_path, kept in sources:
        for rule in kept.load(pack_path).rules:
            if rule.id in catalog:
                raise ConfigError(f"rule '{rule.id}' is already defined by pack '{catalog[rule.id].pack}'", pack_path, rule.line)
            catalog[rule.id] = rule
    for kept in (packs, shipped):
        if kept is not None:
            kept.save()
    base = _layer(table, catalog, source, "[tool.templatekit.lint]")
    overrides = []
    items = table.get("overrides", [])
    if not isinstance(items, list):
        raise ConfigError("'overrides' must be a list of tables ([[tool.templatekit.lint.overrides]])", source, _key_line(source, "overrides"))
    for item in items:
        if not isinstance(item, dict):
            raise ConfigError("each override must be a table", source, _key_line(source, "overrides"))
        _known_keys(item, _OVERRIDE_KEYS, "an override", source)
        globs = _strings(item.get("paths"), "paths", source)
        if not globs:
            raise ConfigError("an override needs 'paths' (glob patterns)", source, _key_line(source, "overrides"))
        overrides.append((globs, _layer(item, catalog, source, "an override", "lint.overrides")))
    settings = LintSettings(catalog, base, overrides, config.root.resolve(), source)
    settings.rules  # noqa: B018 - validate the base options now, naming the file
    for index in range(len(overrides)):
        settings._combined((index,))
    return settings


def _layer(table: dict[str, Any], catalog: dict[str, Rule], source: Path, where: str, prefix: str = "lint") -> _Layer:
    def ids(key: str) -> tuple[str, ...]:
        values = _strings(table.get(key, []), key, source)
        for rule_id in values:
            _known_rule(rule_id, catalog, source, key)
            if rule_id == BUILD_ERROR and key == "ignore":
                raise ConfigError("'build-error' cannot be ignored: a template that does not build cannot be checked", source, _key_line(source, key))
        return values

    severity = table.get("severity", {})
    options = table.get("options", {})
    for key, value in (("severity", severity), ("options", options)):
        if not isinstance(value, dict):
            raise ConfigError(f"'{key}' in {where} must be a table of rule ids", source, _key_line(source, key))
        for rule_id in value:
            _known_rule(rule_id, catalog, source, key)
    for rule_id, level in severity.items():
        if level not in SEVERITIES:
            line = key_line_in(source, f"{prefix}.severity", rule_id)
            raise ConfigError(f"severity of '{rule_id}' must be error or warning, not {level!r}", source, line)
    for rule_id, values in options.items():
        # Lines are looked for only for a mistake: finding one reads and scans the file.
        if not isinstance(values, dict):
            raise ConfigError(f"options of '{rule_id}' must be a table", source, key_line_in(source, f"{prefix}.options", rule_id))
        if catalog[rule_id].kind == "engine" and values:
            raise ConfigError(f"'{rule_id}' has no options", source, key_line_in(source, f"{prefix}.options", rule_id))
    return _Layer(
        select=ids("select") if "select" in table else None,
        ignore=ids("ignore"),
        severity=dict(severity),
        options={rule_id: dict(values) for rule_id, values in options.items()},
    )


def _build(catalog: dict[str, Rule], layers: list[_Layer], source: Path) -> RuleSet:
    enabled = [rule_id for rule_id in catalog]
    severity: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    for layer in layers:
        if layer.select is not None:
            enabled = [rule_id for rule_id in catalog if rule_id in layer.select or rule_id == BUILD_ERROR]
        enabled = [rule_id for rule_id in enabled if rule_id not in layer.ignore]
        severity.update(layer.severity)
        for rule_id, values in layer.options.items():
            options[rule_id] = {**options.get(rule_id, {}), **values}
    active = []
    severities = {}
    for rule_id in enabled:
        rule = catalog[rule_id]
        level = severity.get(rule_id, rule.severity)
        severities[rule_id] = level
        if rule.kind == "engine":
            continue
        if rule_id in options:
            try:
                prepared = prepare_options(rule, options[rule_id], source, None)
            except ConfigError as error:
                # Point at the option the message names, in the rule's options table, when it is
                # there, else at the table (looked for only now: finding a line reads the file).
                named = re.search(r"option '([^']+)'", error.message)
                line = key_line_in(source, f"lint.options.{rule_id}", named.group(1)) if named else None
                raise ConfigError(error.message, error.path, line or key_line_in(source, "lint.options", rule_id)) from None
        else:
            prepared = None
        active.append(ActiveRule(rule_id, rule.kind, level, rule.message, _Options(rule, prepared), rule.types, rule.sources, rule.built_message))
    return RuleSet(tuple(active), severities, frozenset(catalog))


@functools.cache
def _toml_lines() -> tuple[re.Pattern, re.Pattern]:
    # Compiled when a mistake is reported, not at every start (2.7 ms).
    header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    key = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[\w-]+)(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[\w-]+))*)\s*=")
    return header, key


def key_line_in(file: Path, table: str, key: str) -> int | None:
    """The line of ``key`` in the TOML ``table`` (``lint.severity``, below [tool.templatekit] or at the top
    of templatekit.toml): ``key = ...`` under the table's header, a dotted key, an inline table, or the
    header ``[table.key]`` itself. Falls back to the first line naming the key anywhere."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted = f"{table}.{key}"
    current = ""
    header_line, key_line = _toml_lines()
    for number, line in enumerate(lines, 1):
        header = header_line.match(line)
        if header:
            current = _dotted(header.group(1))
            if current == wanted:
                return number
            continue
        match = key_line.match(line)
        if not match:
            continue
        full = ".".join(part for part in (current, _dotted(match.group(1))) if part)
        if full == wanted or (full == table and re.search(rf"[{{,]\s*[\"']?{re.escape(key)}[\"']?\s*=", line)):
            return number
    return _key_line(file, key)


def _dotted(name: str) -> str:
    """A TOML key path without quotes and spaces, and without the tool.templatekit. of pyproject.toml."""
    parts = [part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", name)]
    path = ".".join(parts)
    return path[len("tool.templatekit."):] if path.startswith("tool.templatekit.") else path


def _known_rule(rule_id: Any, catalog: dict[str, Rule], source: Path, key: str) -> None:
    if rule_id not in catalog:
        raise ConfigError(f"unknown rule '{rule_id}' in '{key}'{did_you_mean(str(rule_id), catalog)}", source, _key_line(source, str(rule_id)) or _key_line(source, key))


def _known_keys(table: dict[str, Any], keys: tuple[str, ...], where: str, source: Path) -> None:
    for key in table:
        if key not in keys:
            raise ConfigError(f"unknown key '{key}' in {where}{did_you_mean(key, keys)}", source, _key_line(source, key))


def _strings(value: Any, key: str, source: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"'{key}' must be a list of text values", source, _key_line(source, key))
    return tuple(value)
