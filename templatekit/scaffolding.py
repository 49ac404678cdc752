"""``templatekit init``: the files of a new template repository, planned first, then written.

The files are package data (``templatekit/scaffold/``), so a wheel install can
scaffold. Nothing is written while any file would be overwritten without
``--force``. Two files are merged instead of conflicting: a ``.gitignore``
gets the lines it lacks, and a ``pyproject.toml`` without a
``[tool.templatekit]`` table gets the table appended, so ``init`` works in an
existing repository.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from . import __version__
from .atomic import write_atomic
from .errors import TemplatekitError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CI_SYSTEMS = ("github", "gitlab", "none")
_VERSION = "@templatekit_version@"

# target path in the new repository -> file in templatekit/scaffold/
_FIXED = {
    "pyproject.toml": "pyproject.toml",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
_CI = {
    "github": (".github/workflows/templates.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
}


@dataclass(frozen=True)
class PlannedFile:
    path: PurePosixPath  # relative to the new repository
    content: str
    action: str  # "create", "overwrite" or "update"
    note: str = ""


@dataclass(frozen=True)
class Plan:
    root: Path
    files: tuple[PlannedFile, ...]
    conflicts: tuple[tuple[PurePosixPath, str], ...]  # (path, why) of files that exist


def plan(root: Path | str, ci: str = "github", force: bool = False) -> Plan:
    """What ``init`` would write into ``root``, and which existing files stand in the way."""
    if ci not in CI_SYSTEMS:
        raise ValueError(f"ci must be one of {', '.join(CI_SYSTEMS)}")
    root = Path(root)
    files: list[PlannedFile] = []
    conflicts: list[tuple[PurePosixPath, str]] = []
    for target, content in _sources(ci):
        existing = root / target
        blocking = next((parent for parent in target.parents if (root / parent).is_file()), None)
        if blocking is not None:
            if (blocking, "is a file where a folder is needed") not in conflicts:
                conflicts.append((blocking, "is a file where a folder is needed"))
            continue
        if not existing.exists() and not existing.is_symlink():
            files.append(PlannedFile(target, content, "create"))
            continue
        merged = _merge(target, existing, content) if existing.is_file() else None
        if merged is not None:
            if merged.content != _read(existing):
                files.append(merged)
        elif force and existing.is_file():
            files.append(PlannedFile(target, content, "overwrite"))
        else:
            conflicts.append((target, "is a folder" if existing.is_dir() else _conflict_reason(target, existing)))
    return Plan(root, tuple(files), tuple(conflicts))


def write(plan: Plan) -> list[PlannedFile]:
    """Write a plan that has no conflicts; returns what was written."""
    if plan.conflicts:
        raise ValueError("the plan has conflicts")
    for number, planned in enumerate(plan.files):
        target = plan.root / planned.path
        try:
            write_atomic(target, planned.content)
        except OSError as error:
            written = f"; {number} file{'s' if number != 1 else ''} before it were written" if number else ""
            raise TemplatekitError(f"cannot write: {error.strerror or error}{written}", target) from None
    return list(plan.files)


def _sources(ci: str):
    scaffold = resources.files("templatekit") / "scaffold"
    entries = dict(_FIXED)
    if ci in _CI:
        target, source = _CI[ci]
        entries[target] = source
    for target, source in entries.items():
        yield PurePosixPath(target), _text(scaffold / source)
    for item in sorted(_walk(scaffold / "templates"), key=lambda pair: pair[0]):
        yield PurePosixPath("templates") / item[0], item[1]


def _walk(folder, prefix: PurePosixPath = PurePosixPath()):
    for entry in folder.iterdir():
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _walk(entry, prefix / entry.name)
        else:
            yield prefix / entry.name, _text(entry)


def _text(resource) -> str:
    return resource.read_text(encoding="utf-8").replace(_VERSION, __version__)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _merge(target: PurePosixPath, existing: Path, content: str) -> PlannedFile | None:
    """An update of ``existing`` that keeps everything in it, or None when it cannot be merged."""
    text = _read(existing)
    if text is None:
        return None
    if target.name == ".gitignore":
        present = {line.strip() for line in text.splitlines()}
        wanted = [line for line in content.splitlines() if line.strip() and not line.startswith("#")]
        missing = [line for line in wanted if line not in present and line.rstrip("/") not in present]
        if not missing:
            return PlannedFile(target, text, "update")
        joined = text + ("" if text.endswith("\n") or not text else "\n") + "\n".join(missing) + "\n"
        return PlannedFile(target, joined, "update", f"added {', '.join(missing)}")
    if target.name == "pyproject.toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
        if "templatekit" in data.get("tool", {}):
            return None
        joined = text + ("" if text.endswith("\n") or not text else "\n") + "\n" + _without_leading_comments(content)
        tomllib.loads(joined)  # the appended tables are new: the result is valid TOML
        return PlannedFile(target, joined, "update", "added [tool.templatekit]")
    return None


def _without_leading_comments(content: str) -> str:
    lines = content.splitlines(keepends=True)
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "".join(lines)


def _conflict_reason(target: PurePosixPath, existing: Path) -> str:
    if target.name == "pyproject.toml":
        try:
            tomllib.loads(_read(existing) or "\0")
        except tomllib.TOMLDecodeError:
            return "is not valid TOML"
        return "already has a [tool.templatekit] table"
    return "exists"
