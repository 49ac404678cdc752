"""Which files a template is built from: its layouts, partials, macros and mj-includes.

Used to re-check every template that includes a changed partial (pre-commit,
``--changed-since``) and to key the build cache. A name Jinja can only know at
render time (``{% include some_variable %}``) makes the template depend on
every partial, so a change is never missed.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Iterable

_MJ_INCLUDE = re.compile(r"<mj-include\b[^>]*?\bpath\s*=\s*[\"']([^\"']+)[\"']", re.I)


class Unknowable(Exception):
    """A template names what it includes only at render time."""


def dependencies(path: Path, root: Path) -> set[Path]:
    """Every file below ``root`` that ``path`` is built from, not counting ``path`` itself.

    Raises Unknowable when an include name is computed at render time.
    """
    root = root.resolve()
    path = path.resolve()
    top_folder = PurePosixPath(path.relative_to(root).as_posix()).parent
    seen: set[Path] = set()
    pending = [path]
    while pending:
        current = pending.pop()
        for name in _references(current, top_folder, root):
            target = (root / name).resolve()
            if target != path and target not in seen and target.is_relative_to(root) and target.is_file():
                seen.add(target)
                pending.append(target)
    return seen


def _references(path: Path, top_folder: PurePosixPath, root: Path) -> Iterable[str]:
    import jinja2
    from jinja2 import nodes

    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    from .frontmatter import body_of

    try:
        body = body_of(source, path)
        tree = jinja2.Environment().parse(body)
    except Exception:  # a broken file is reported by the build; here it just has no known references
        return []
    names: list[str] = []
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        template = node.template
        if isinstance(template, nodes.Const) and isinstance(template.value, str):
            names.append(template.value)
        elif isinstance(template, (nodes.List, nodes.Tuple)) and all(isinstance(i, nodes.Const) for i in template.items):
            names.extend(str(item.value) for item in template.items)
        else:
            raise Unknowable(str(path))
    for match in _MJ_INCLUDE.finditer(body):
        # As in the build: relative to the template being built, else to the templates folder.
        names.append(str(top_folder / match.group(1)))
        names.append(match.group(1))
    return names


def dependents(templates: Iterable[Path], changed: Iterable[Path], root: Path) -> list[Path]:
    """The templates among ``templates`` built from any of the ``changed`` files."""
    changed_set = {Path(c).resolve() for c in changed}
    result = []
    for template in templates:
        try:
            if dependencies(template, root) & changed_set:
                result.append(template)
        except Unknowable:
            result.append(template)
    return result
