"""``templatekit init``: the files of a new template repository, planned first, then written.

The files are package data (``templatekit/scaffold/``), so a wheel install can
scaffold. Nothing is written while any file would be overwritten without
``--force``. Files a repository shares with other tools are extended or left
with a note instead (``scaffold_existing.py``), so ``init .`` works in an
existing repository.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

from . import __version__
from .atomic import write_atomic
from .errors import TemplatekitError
from .scaffold_existing import Leave, Refuse, Update, decide

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
class LeftFile:
    path: PurePosixPath
    why: str
    snippet: str  # what to add to it by hand


@dataclass(frozen=True)
class Plan:
    root: Path
    files: tuple[PlannedFile, ...]
    conflicts: tuple[tuple[PurePosixPath, str], ...]  # (path, why) of files that exist
    left: tuple[LeftFile, ...] = ()


def plan(root: Path | str, ci: str = "github", force: bool = False) -> Plan:
    """What ``init`` would write into ``root``, and which existing files stand in the way.

    Raises ConfigError when an existing pyproject.toml is not valid TOML.
    """
    if ci not in CI_SYSTEMS:
        raise ValueError(f"ci must be one of {', '.join(CI_SYSTEMS)}")
    root = Path(root)
    files: list[PlannedFile] = []
    conflicts: list[tuple[PurePosixPath, str]] = []
    left: list[LeftFile] = []
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
        if not existing.is_file():
            conflicts.append((target, "is a folder" if existing.is_dir() else "exists"))
            continue
        decision = decide(target, existing, content)
        if isinstance(decision, Update):
            if decision.content != _read(existing):
                files.append(PlannedFile(target, decision.content, "update", decision.note))
        elif force and decision.force_overwrites:
            files.append(PlannedFile(target, content, "overwrite"))
        elif isinstance(decision, Leave):
            left.append(LeftFile(target, decision.why, decision.snippet))
        else:
            conflicts.append((target, decision.why))
    return Plan(root, tuple(files), tuple(conflicts), tuple(left))


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
