"""The rules' documentation as text: the listing and the pages that ``templatekit rules`` prints."""
from __future__ import annotations

import json
import textwrap
from typing import Any

from .kinds import get_kind
from .ruleset import LintSettings

_SECTIONS = (("what", "What it checks"), ("why", "Why"), ("fact", "The SES fact"), ("fix", "How to fix"))


def listing(settings: LintSettings) -> str:
    """One line per rule: id, severity in force (or off), summary."""
    in_force = settings.rules.severities
    width = max(len(rule_id) for rule_id in settings.catalog)
    lines = []
    for rule_id, rule in settings.catalog.items():
        severity = in_force.get(rule_id, "off")
        lines.append(f"{rule_id:<{width}}  {severity:<7}  {rule.summary}")
    return "\n".join(lines)


def options_of(settings: LintSettings, rule_id: str) -> dict[str, Any]:
    """The rule's options as the pack gives them with the project's overrides (lexicons summarised)."""
    rule = settings.catalog[rule_id]
    merged = dict(rule.options)
    for key, value in settings.base.options.get(rule_id, {}).items():
        merged[key] = {**merged[key], **value} if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    if "terms" in merged:
        terms = merged["terms"]
        items = [term for group in terms.values() for term in group] if isinstance(terms, dict) else list(terms)
        exceptions = sum(1 for term in items if str(term).startswith("!"))
        merged["terms"] = f"{len(items) - exceptions} terms" + (f" and {exceptions} exceptions" if exceptions else "") + (
            f" in {len(terms)} topics" if isinstance(terms, dict) else ""
        )
    return merged


def describe(settings: LintSettings, rule_id: str) -> str:
    rule = settings.catalog[rule_id]
    severity = settings.rules.severities.get(rule_id, "off")
    out = [f"{rule.id} ({severity}): {rule.summary}", f"pack: {rule.pack}, kind: {rule.kind}", ""]
    for key, title in _SECTIONS:
        if rule.docs.get(key):
            out += [title, _indent(rule.docs[key]), ""]
    for key, title in (("fail", "Example that fails"), ("pass", "Example that passes")):
        if rule.examples.get(key):
            out += [title, textwrap.indent(rule.examples[key], "    "), ""]
    if rule.kind != "engine":
        options = options_of(settings, rule_id)
        schema = get_kind(rule.kind).OPTIONS
        if schema:
            out.append("Options ([tool.templatekit.lint.options." + rule.id + "])")
            for name, option in schema.items():
                value = options.get(name, option.default)
                if value is None:
                    continue
                shown = json.dumps(value if not isinstance(value, tuple) else list(value), ensure_ascii=False, default=str)
                out.append(f"  {name} = {_shorten(shown)}" + (f"    # {option.doc}" if option.doc else ""))
            out.append("")
        if rule.types:
            out += [f"Applies to types: {', '.join(rule.types)}", ""]
        if rule.sources:
            out += [f"Applies to sources: {', '.join(rule.sources)}", ""]
    out.append(f"Message: {rule.message}")
    if rule.built_message:
        out.append(f"Message for already-built HTML: {rule.built_message}")
    return "\n".join(out)


def as_json(settings: LintSettings, rule_id: str | None = None) -> str:
    ids = [rule_id] if rule_id else list(settings.catalog)
    items = []
    for current in ids:
        rule = settings.catalog[current]
        items.append(
            {
                "id": rule.id,
                "severity": settings.rules.severities.get(current, "off"),
                "default_severity": rule.severity,
                "kind": rule.kind,
                "pack": rule.pack,
                "summary": rule.summary,
                "message": rule.message,
                "built_message": rule.built_message,
                "docs": rule.docs,
                "examples": rule.examples,
                "options": options_of(settings, current) if rule.kind != "engine" else {},
            }
        )
    return json.dumps(items[0] if rule_id else items, indent=2, ensure_ascii=False, default=str)


def _indent(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent="    ", subsequent_indent="    ")


def _shorten(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
