"""Template metadata from front matter: type, subject, name, variables and build data.

Decoding is strict, as for the configuration: an unknown key or a value of the
wrong shape is an error naming the key, the file and its line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import TemplateError, did_you_mean
from .frontmatter import FrontMatter

# SES's email types; the word-count minimums of the review depend on them.
TYPES = ("marketing", "notification", "transactional", "trigger", "testing")
KEYS = ("type", "subject", "name", "summary", "business", "variables", "data", "inline")

# SES fills {{name}} at send time from TemplateData keys; keep names to
# identifiers so they can be written as Jinja expressions too.
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The SES name also names the output files (dist/NAME.html).
SAFE_NAME = re.compile(r"^(?!\.)[^/\\\x00-\x1f]{1,255}$")


@dataclass(frozen=True)
class Metadata:
    name: str
    type: str
    subject: str | None
    summary: str | None = None
    business: str | None = None
    # Declared SES variables mapped to their sample value (None when none given).
    variables: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    # False: the HTML is final (pulled from SES, inlined by hand) and is built as written.
    inline: bool = True

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def decode(matter: FrontMatter, path: Path) -> Metadata:
    values = matter.values
    if not matter.present:
        raise TemplateError("missing front matter: start the file with '---', 'type:' and 'subject:', then '---'", path, 1)
    for key in values:
        if key not in KEYS:
            raise TemplateError(f"unknown front matter key '{key}'{did_you_mean(str(key), KEYS)}", path, matter.line(key))

    def text(key: str, required: bool = False) -> str | None:
        value = values.get(key)
        if value is None:
            if required:
                raise TemplateError(f"missing required front matter key '{key}'", path, 1)
            return None
        if isinstance(value, (dict, list)):
            raise TemplateError(f"'{key}' must be text", path, matter.line(key))
        return str(value)

    kind = text("type", required=True)
    if kind not in TYPES:
        raise TemplateError(f"type must be one of {', '.join(TYPES)}, not '{kind}'{did_you_mean(kind, TYPES)}", path, matter.line("type"))
    name = text("name")
    if name is None:
        name = path.stem
    elif not name.strip():
        raise TemplateError("'name' is empty; leave it out to use the file name", path, matter.line("name"))
    if not SAFE_NAME.match(name):
        raise TemplateError(
            f"template name {name!r} must not contain '/', '\\' or control characters, nor start with '.'",
            path, matter.line("name"),
        )
    data = values.get("data") or {}
    if not isinstance(data, dict):
        raise TemplateError("'data' must be a mapping of names to values", path, matter.line("data"))
    variables = _variables(values.get("variables"), path, matter.line("variables"))
    for clash in sorted(set(variables) & set(data)):
        raise TemplateError(f"'{clash}' is both an SES variable and build-time data; rename one", path, matter.line("data"))
    inline = values.get("inline", True)
    if not isinstance(inline, bool):
        raise TemplateError("'inline' must be true or false", path, matter.line("inline"))
    return Metadata(
        name=name,
        type=kind,
        subject=text("subject"),
        summary=text("summary"),
        business=text("business"),
        variables=variables,
        data=data,
        lines=dict(matter.key_lines),
        inline=inline,
    )


def _variables(value: Any, path: Path, line: int) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, list):
        pairs = [(item, None) for item in value]
    elif isinstance(value, dict):
        pairs = list(value.items())
    else:
        raise TemplateError("'variables' must be a list of names or a mapping of names to sample values", path, line)
    result: dict[str, Any] = {}
    for name, sample in pairs:
        if not isinstance(name, str) or not VARIABLE_NAME.match(name):
            raise TemplateError(f"invalid SES variable name {name!r}: use letters, digits and underscores", path, line)
        if name in result:
            raise TemplateError(f"SES variable '{name}' is declared twice", path, line)
        if isinstance(sample, (dict, list)):
            raise TemplateError(f"sample value of '{name}' must be text or a number", path, line)
        result[name] = sample
    return result
