"""What ``init`` does with a file that already exists: extend it, leave it with a note, or refuse.

Files templatekit owns entirely (the example templates, a pyproject.toml that
holds nothing but templatekit's settings, the workflow it names) are refused
unless ``--force``. Files a repository shares with other tools are never
replaced, ``--force`` or not: a ``.gitignore`` and a ``pyproject.toml`` are
extended, a simple ``.pre-commit-config.yaml`` gets the hooks appended, and
otherwise ``init`` says what to add by hand.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

GITLAB_CI = PurePosixPath(".gitlab-ci.yml")
GITHUB_WORKFLOW = PurePosixPath(".github/workflows/templates.yml")
PRE_COMMIT = PurePosixPath(".pre-commit-config.yaml")


@dataclass(frozen=True)
class Update:
    content: str
    note: str = ""


@dataclass(frozen=True)
class Leave:
    """The file stays as it is and the other files are written; ``snippet`` is what to add to it by hand."""

    why: str
    snippet: str = ""
    force_overwrites: bool = False


@dataclass(frozen=True)
class Refuse:
    why: str
    force_overwrites: bool = True


def decide(target: PurePosixPath, existing: Path, content: str) -> Update | Leave | Refuse:
    """What to do with ``existing``, where ``init`` would write ``content``.

    Raises ConfigError for a pyproject.toml that is not valid TOML: it is the
    user's file, and nothing can be added to it safely.
    """
    text = _read(existing)
    if target.name == "pyproject.toml":
        return _pyproject(existing, text, content)
    if text is None:
        return Refuse("exists and cannot be read as UTF-8 text")
    if target == PurePosixPath(".gitignore"):
        return _gitignore(text, content)
    if target == PRE_COMMIT:
        return _pre_commit(text, content)
    if target == GITLAB_CI:
        return _ci(text, content, "add this job to it", owned=False)
    if target == GITHUB_WORKFLOW:
        return _ci(text, content, "merge this workflow into it, or --force replaces it", owned=True)
    return Refuse("exists")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _pyproject(path: Path, text: str | None, content: str) -> Update | Refuse:
    if text is None:
        raise ConfigError("cannot read as UTF-8 text; init changes nothing", path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message ends with "(at line L, column C)": keep the column, move the line to the prefix.
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        column = f" (column {match.group(2)})" if match else ""
        line = int(match.group(1)) if match else None
        raise ConfigError(f"invalid TOML: {message}{column}; init changes nothing until it is fixed", path, line) from None
    tool = data.get("tool", {})
    if "templatekit" not in tool:
        joined = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + _without_leading_comments(content)
        tomllib.loads(joined)  # the appended tables are new: the result is valid TOML
        return Update(joined, "added [tool.templatekit]")
    if set(data) == {"tool"} and set(tool) == {"templatekit"}:
        return Refuse("already has a [tool.templatekit] table")
    return Refuse("already has a [tool.templatekit] table, and other settings --force would lose", force_overwrites=False)


def _gitignore(text: str, content: str) -> Update:
    present = {line.strip() for line in text.splitlines()}
    wanted = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
    missing = [line for line in wanted if line not in present and line.rstrip("/") not in present]
    if not missing:
        return Update(text)
    joined = text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n"
    return Update(joined, f"added {', '.join(missing)}")


def _pre_commit(text: str, content: str) -> Update | Leave:
    entry = _repo_entry(content)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    repos = data.get("repos") if isinstance(data, dict) else None
    if isinstance(repos, list) and any(_runs_templatekit(repo) for repo in repos):
        return Update(text)
    appended = _append_repo(text, data, entry) if isinstance(repos, list) else None
    if appended is not None:
        return Update(appended, "added the templatekit hooks")
    return Leave("exists", "add to its repos:\n" + entry)


def _runs_templatekit(repo: object) -> bool:
    hooks = repo.get("hooks") if isinstance(repo, dict) else None
    return isinstance(hooks, list) and any(isinstance(hook, dict) and str(hook.get("id", "")).startswith("templatekit-") for hook in hooks)


def _repo_entry(content: str) -> str:
    """The scaffold's repos item, indented as a top-level list item (``  - repo: ...``)."""
    lines = content.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("repos:")) + 1
    return "".join(line + "\n" for line in lines[start:] if line.strip())


def _append_repo(text: str, data: dict, entry: str) -> str | None:
    """``text`` with ``entry`` appended to its block-style ``repos:`` list, or None when that is not simple."""
    lines = text.splitlines()
    heads = [number for number, line in enumerate(lines) if re.match(r"repos\s*:\s*(#.*)?$", line)]
    if len(heads) != 1:
        return None
    after = [line for line in lines[heads[0] + 1 :] if line.strip() and not line.lstrip().startswith("#")]
    if not after or any(not line[:1].isspace() and not line.startswith("-") for line in after):
        return None  # repos is not the last key, or the list is empty or not in block style
    indent = re.match(r"(\s*)-", after[0])
    if indent is None:
        return None
    ours = "".join(indent.group(1) + line[2:] + "\n" for line in entry.splitlines())
    joined = text + ("" if text.endswith("\n") else "\n") + ours
    try:
        result = yaml.safe_load(joined)
    except yaml.YAMLError:
        return None
    expected = dict(data, repos=[*data["repos"], yaml.safe_load(entry)[0]])
    return joined if result == expected else None


def _ci(text: str, content: str, what: str, owned: bool) -> Update | Leave:
    if "templatekit check" in text:
        return Update(text)
    return Leave("exists", f"{what}:\n{_without_leading_comments(content)}", force_overwrites=owned)


def _without_leading_comments(content: str) -> str:
    lines = content.splitlines(keepends=True)
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)
