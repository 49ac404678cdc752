"""Bringing templates that already exist in SES under version control.

Each becomes a source file with front matter (``NAME.html``, or ``NAME.txt``
for a text-only template) that builds back to exactly the content in SES:
``inline: false`` keeps the HTML (or the text) as it is, SES's own text part
goes under ``text:`` unless it is the one the build derives from the HTML
(``text: false`` when it has none), ``{{name}}`` variables are declared, and
anything else Jinja would read is escaped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from ..atomic import write_atomic
from ..errors import TemplatekitError, display_path
from ..frontmatter import split
from ..lockfile import LockEntry, utc_time
from ..metadata import SAFE_NAME, VARIABLE_NAME
from ..plaintext import html_to_text
from ..providers import RemoteTemplate
from . import Workspace
from .hashing import content_hashes
from .selection import local_templates

PULLED, SKIPPED, NOT_FOUND = "pulled", "skipped", "not found"
# A carriage return is escaped too: Jinja turns line breaks into \n.
_JINJA = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}|\{\{|\{%|\{#|\r")


@dataclass(frozen=True)
class Pulled:
    name: str
    action: str
    id: int | None = None
    path: Path | None = None
    note: str = ""


def pull(workspace: Workspace, names: Iterable[str] = (), *, out: Path | None = None, force: bool = False,
         email_type: str = "notification") -> list[Pulled]:
    """Write the named SES templates (default: all) as sources under ``out`` and record them in the lock."""
    with workspace.exclusive():
        return _pull(workspace, names, out, force, email_type)


def _pull(workspace: Workspace, names: Iterable[str], out: Path | None, force: bool, email_type: str) -> list[Pulled]:
    project = workspace.project
    out = out or project.config.templates
    local = local_templates(project)
    newest: dict[str, RemoteTemplate] = {}
    for template in sorted(workspace.provider.list_templates(), key=lambda t: t.id):
        newest[template.name] = template
    wanted = list(dict.fromkeys(names)) or sorted(newest)
    results = []
    for name in wanted:
        remote = newest.get(name)
        if remote is None:
            results.append(Pulled(name, NOT_FOUND, note="no template of this name in SES"))
        elif name in local.by_name:
            results.append(Pulled(name, SKIPPED, remote.id, local.by_name[name], f"already a template here: {display_path(local.by_name[name])}"))
        elif not SAFE_NAME.match(name):
            results.append(Pulled(name, SKIPPED, remote.id, note="the name cannot be a file name; rename it in the console"))
        else:
            results.append(_pull_one(workspace, remote, out, force, email_type))
    return results


def _pull_one(workspace: Workspace, remote: RemoteTemplate, out: Path, force: bool, email_type: str) -> Pulled:
    found = workspace.provider.get_template(remote.id)
    html, text = found.content.html, found.content.text
    if html is None and text is None:
        return Pulled(remote.name, SKIPPED, remote.id, note="the template has no content")
    path = out / f"{remote.name}.{'html' if html is not None else 'txt'}"
    if path.exists() and not force:
        return Pulled(remote.name, SKIPPED, remote.id, path, f"{display_path(path)} exists (--force overwrites it)")
    write_atomic(path, source_text(remote, html, text, email_type))
    html_sha, text_sha = content_hashes(found.content)
    workspace.lock.record(
        remote.name,
        LockEntry(remote.id, html_sha, text_sha, utc_time(remote.created), remote.status, remote.status_code, remote.review_reason),
        workspace.settings.region,
    )
    return Pulled(remote.name, PULLED, remote.id, path, _round_trip_note(workspace, path, html, text))


def source_text(remote: RemoteTemplate, html: str | None, text: str | None, email_type: str) -> str:
    """The source file for a pulled template: front matter, then the body, escaped for Jinja."""
    body = html if html is not None else text or ""
    variables = sorted(set(_variables_in(html or "") + _variables_in(text or "")))
    matter: dict = {
        "type": email_type,
        "name": remote.name,
        "subject": remote.name,
        "summary": f"Pulled from SES (template ID {remote.id})",
    }
    if variables:
        matter["variables"] = variables
    if html is not None and (text is None or text != html_to_text(html)):
        # SES's own text part, rather than the one the build derives from the HTML (none if it has none).
        matter["text"] = escape_jinja(text) if text is not None else False
    matter["inline"] = False  # the content in SES is final: build it as it is
    for dumper in (_ReadableDumper, yaml.SafeDumper):
        header = (
            "# SES stores neither the email type nor the subject: check 'type' and 'subject'.\n"
            + yaml.dump(matter, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
        )
        source = f"---\n{header}---\n{escape_jinja(body)}"
        # A block scalar is easier to read and edit; a quoted one is always exact.
        if split(source, Path(remote.name))[0].values == matter:
            break
    return source


class _ReadableDumper(yaml.SafeDumper):
    """Multi-line strings (the text part) as ``|`` blocks where YAML allows it."""


_ReadableDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)
)


def escape_jinja(text: str) -> str:
    """Keep ``{{name}}`` SES variables; make every other Jinja opener literal."""

    def keep(match: re.Match) -> str:
        if match.group(1):
            return match.group(0)
        return "{{ '\\r' }}" if match.group(0) == "\r" else "{{ '" + match.group(0) + "' }}"

    return _JINJA.sub(keep, text)


def _variables_in(text: str) -> list[str]:
    return [name for name in re.findall(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}", text) if VARIABLE_NAME.match(name)]


def _round_trip_note(workspace: Workspace, path: Path, html: str | None, text: str | None) -> str:
    """Build the new file and say what, if anything, differs from SES."""
    try:
        built = workspace.project.load(path).build()
    except TemplatekitError as error:
        return f"does not build yet: {error}"
    differs = []
    if html is not None and built.html != html:
        differs.append("HTML")
    if built.text_part != text:
        differs.append("text part" if html is not None else "text")
    if not differs:
        return ""
    return f"the built {' and '.join(differs)} differs from SES's; submit will update it"
