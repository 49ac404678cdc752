"""Sending a test email with an approved template, to check it in your own mailbox.

TemplateData is a JSON object serialised to a string whose keys are exactly
the variables the built template uses, in its HTML, its text and the subject
sent with it (SES answers TemplateNotMatchData otherwise; a variable declared
but not used is left out): the sample values from the front matter,
overridden by a JSON file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..building import iter_builds
from ..errors import TemplateError, TemplatekitError
from ..providers import APPROVED, Content
from . import Workspace
from .hashing import content_hashes
from .selection import local_templates, require_local, select

# SES refuses HTML in variable values.
_HTML = re.compile(r"<\s*[A-Za-z/!]")


@dataclass(frozen=True)
class SentTest:
    name: str
    template_id: int
    message_id: str
    data: dict[str, str]
    subject: str
    note: str = ""


def read_data_file(path: Path) -> dict[str, Any]:
    from ..source import read_source

    text = read_source(path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateError(f"invalid JSON: {error.msg}", path, error.lineno) from None
    if not isinstance(value, dict):
        raise TemplateError("must be a JSON object mapping variable names to values", path, 1)
    return value


def used_variables(*parts: str | None) -> list[str]:
    """The variables SES fills in ``parts`` (HTML, text, subject), in order of first use."""
    from ..wordcount import variable_names

    return list(dict.fromkeys(name for part in parts if part for name in variable_names(part)))


def template_data(variables: dict[str, Any], overrides: dict[str, Any], source: Path, data_file: Path | None = None,
                  used: list[str] | None = None) -> dict[str, str]:
    """The TemplateData for a send: the ``used`` variables (default: every declared one), and only those.

    A value in ``overrides`` for a declared variable the template does not use is left out."""
    used = list(variables) if used is None else used
    extra = sorted(set(overrides) - set(variables) - set(used))
    if extra:
        raise TemplateError(
            f"{', '.join(repr(k) for k in extra)} {'is' if len(extra) == 1 else 'are'} not a variable of the template "
            f"(its variables: {', '.join(variables) or 'none'})", data_file or source, 1,
        )
    data: dict[str, str] = {}
    missing = []
    for name in used:
        value = overrides.get(name, variables.get(name))
        if value is None:
            missing.append(name)
            continue
        if isinstance(value, (dict, list)):
            raise TemplateError(f"the value of '{name}' must be text or a number", data_file or source, 1)
        text = str(value).lower() if isinstance(value, bool) else str(value)
        if _HTML.search(text):
            raise TemplateError(f"the value of '{name}' looks like HTML, which SES refuses in TemplateData", data_file or source, 1)
        data[name] = text
    if missing:
        raise TemplateError(
            f"no value for {', '.join(repr(m) for m in missing)}: give sample values under 'variables:' "
            f"in the front matter or pass --data FILE.json", source, 1,
        )
    return data


def send_test(workspace: Workspace, name: str, *, to: list[str], sender: str, data_file: Path | None = None,
              subject: str | None = None) -> SentTest:
    project = workspace.project
    local = local_templates(project)
    selection = select(project, [name], local)
    require_local(selection, local)
    built = next(iter(iter_builds(project, selection.paths[:1])))
    if isinstance(built, TemplatekitError):
        raise built
    overrides = read_data_file(data_file) if data_file else {}
    subject = subject or built.subject
    if not subject:
        raise TemplateError("no subject: add 'subject:' to the front matter or pass --subject", built.source, 1)
    data = template_data(built.variables, overrides, built.source, data_file, used_variables(built.html, built.text_part, subject))
    entry = workspace.lock.get(built.name)
    listed = {t.id: t for t in workspace.provider.list_templates()}
    remote = listed.get(entry.id) if entry else None
    if remote is None:
        namesakes = sorted((t for t in listed.values() if t.name == built.name), key=lambda t: t.id)
        if not namesakes:
            raise TemplateError(f"'{built.name}' is not in SES; run templatekit submit first", built.source, 1)
        remote = namesakes[-1]
    if remote.status != APPROVED:
        reason = f": {remote.review_reason}" if remote.review_reason else ""
        raise TemplateError(f"'{built.name}' (ID {remote.id}) is {remote.status}{reason}; only approved templates can send", built.source, 1)
    note = ""
    if entry is not None and entry.has_content and (entry.html_sha256, entry.text_sha256) != content_hashes(Content(built.html, built.text_part)):
        note = "local changes are not submitted: the email uses the version in SES"
    message_id = workspace.provider.send_email(
        remote.id, data, sender=sender, to=to, subject=subject, trigger=built.type == "trigger"
    )
    return SentTest(built.name, remote.id, message_id, data, subject, note)
