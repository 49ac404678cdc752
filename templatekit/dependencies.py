"""Which files a template is built from: its layouts, partials, macros and mj-includes.

Used to re-check every template that includes a changed partial (pre-commit,
``--changed-since``) and to key the build cache. A name Jinja can only know at
render time (``{% include some_variable %}``) makes the template depend on
every partial, so a change is never missed.
"""
from __future__ import annotations

import os
import re
import stat as file_types
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

_MJ_INCLUDE = re.compile(r"<mj-include\b[^>]*?\bpath\s*=\s*[\"']([^\"']+)[\"']", re.I)


class Unknowable(Exception):
    """A template names what it includes only at render time."""


def dependencies(path: Path, root: Path) -> set[Path]:
    """Every file below ``root`` that ``path`` is built from, not counting ``path`` itself.

    Raises Unknowable when an include name is computed at render time.
    """
    return {Path(target) for target in _closure(path, root)[0]}


def references(path: Path, root: Path, real_path: Callable[[Path], str] = os.path.realpath) -> set[Path]:
    """The files ``path`` is built from, and the names it references that are no file (yet).

    What a cached result depends on: a missing partial that appears again
    changes the result as much as an included one that changes. ``real_path``
    resolves ``path`` and ``root`` (``RealPaths.text`` for many templates in few folders).
    """
    return {Path(target) for target in referenced_files(path, root, real_path)}


def referenced_files(
    path: Path, root: Path, real_path: Callable[[Path], str] = os.path.realpath, source: bytes | None = None
) -> list[str]:
    """``references`` as sorted absolute paths, read from ``source`` when given (the bytes of ``path``).

    For the lint cache's key, which has read the template already: scanning those
    bytes, not the file again, and keeping the paths as text, made a cold lint's
    keys about three times cheaper.
    """
    present, missing = _closure(path, root, real_path, source)
    return sorted(present | missing)


def _closure(
    path: Path, root: Path, real_path: Callable[[Path], str] = os.path.realpath, source: bytes | None = None
) -> tuple[set[str], set[str]]:
    """The files below ``root`` that ``path`` is built from, and the names it references that are no file."""
    # Plain strings and lexical normalisation: resolving every name through the
    # filesystem was half the time of a cached lint run.
    root_text = real_path(root)
    path_text = real_path(path)
    inside = root_text.rstrip(os.sep) + os.sep
    top_folder = _relative_folder(os.path.dirname(path_text), root_text)
    seen: set[str] = set()
    missing: set[str] = set()
    pending: list[tuple[str, os.stat_result | None]] = [(path_text, None)]
    while pending:
        current, info = pending.pop()
        if source is not None and current is path_text:
            found = _scan_source(source, path)
            if found is None:
                raise Unknowable(str(path))
            names = _expand(found, current, top_folder, root_text)
        else:
            names = _names(current, top_folder, root_text, info)
        for name in names:
            target = os.path.normpath(os.path.join(root_text, name))
            if target == path_text or target in seen or target in missing or not target.startswith(inside):
                continue
            info = _file_stat(target)
            if info is not None:
                seen.add(target)
                pending.append((target, info))  # its stat keys the memo of its names: one stat, not two
            else:
                missing.add(target)
    return seen, missing


# Folders relative to a root, as mj-include resolves names against them: a few folders hold every file.
_RELATIVE_FOLDERS: dict[tuple[str, str], PurePosixPath] = {}


def _relative_folder(folder: str, root_text: str) -> PurePosixPath:
    """``folder`` relative to ``root_text``, with ``/`` between its parts ("." for the root itself)."""
    found = _RELATIVE_FOLDERS.get((folder, root_text))
    if found is None:
        inside = root_text.rstrip(os.sep) + os.sep
        relative = folder[len(inside):] if folder.startswith(inside) else os.path.relpath(folder, root_text)
        found = PurePosixPath(relative.replace(os.sep, "/") or ".")
        if len(_RELATIVE_FOLDERS) < 4096:
            _RELATIVE_FOLDERS[(folder, root_text)] = found
    return found


def _file_stat(path: str) -> os.stat_result | None:
    """The stat of a regular file (symbolic links followed, as os.path.isfile does), else None."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if file_types.S_ISREG(info.st_mode) else None


def dependents(templates: Iterable[Path], changed: Iterable[Path], root: Path) -> list[Path]:
    """The templates among ``templates`` built from any of the ``changed`` files.

    A changed file that no longer exists (a partial deleted, or renamed away)
    concerns the templates that still reference it by its old name.
    """
    changed_set = {os.path.realpath(c) for c in changed}
    result = []
    for template in templates:
        try:
            present, missing = _closure(template, root)
            if (present | missing) & changed_set:
                result.append(template)
        except Unknowable:
            result.append(template)
    return result


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA_REFERENCE = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\s+(.*?)\s*[-+]?%\}", re.S)
_LITERAL = re.compile(r"""\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*""")
_AFTER_LITERAL = re.compile(r"(?:ignore\s+missing|with\s+context|without\s+context|as\s+\w+|import\s+.*|\s)*$", re.S)

# Parsed references per file, keyed by (path, mtime, size): a layout shared by
# a thousand templates is read once per run.
_MEMO: dict[tuple[str, int, int], tuple[tuple[str, ...], tuple[str, ...]] | None] = {}


def _names(path: str, top_folder: PurePosixPath, root_text: str, stat: os.stat_result | None = None) -> list[str]:
    if stat is None:
        try:
            stat = os.stat(path)
        except OSError:
            return []
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _MEMO:
        _MEMO[key] = _scan(Path(path))
    found = _MEMO[key]
    if found is None:
        raise Unknowable(str(path))
    return _expand(found, path, top_folder, root_text)


def _expand(found: tuple[tuple[str, ...], tuple[str, ...]], path: str, top_folder: PurePosixPath, root_text: str) -> list[str]:
    """The names a file's references may be found under, relative to the root."""
    jinja_names, mj_includes = found
    names = list(jinja_names)
    writer_folder = _relative_folder(os.path.dirname(path), root_text) if mj_includes else None
    for include in mj_includes:
        # As in the build: relative to the file that includes it, to the template
        # being built, else to the templates folder.
        names.append(str(writer_folder / include))
        names.append(str(top_folder / include))
        names.append(include)
    return names


def _scan(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Names a file references, or None when one is computed at render time.

    A regular expression reads the usual ``{% include "name" %}`` forms; anything
    else falls back to Jinja's own parser (ten times slower).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return (), ()
    return _scan_text(text, path)


def _scan_source(source: bytes, path: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """``_scan`` of a file's bytes already read: decoded as ``Path.read_text`` does, newlines included."""
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        return (), ()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _scan_text(text, path)


def _scan_text(text: str, path: Path) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    from .frontmatter import body_of

    try:
        body = body_of(text, path)
    except Exception:  # a broken file is reported by the build; here it just has no known references
        return (), ()
    mj_includes = tuple(match.group(1) for match in _MJ_INCLUDE.finditer(body))
    names: list[str] = []
    for match in _JINJA_REFERENCE.finditer(_JINJA_COMMENT.sub("", body)):
        literals = _literals(match.group(1))
        if literals is None:
            return _parse(body, mj_includes)
        names.extend(literals)
    return tuple(names), mj_includes


def _literals(argument: str) -> list[str] | None:
    """String literals naming templates at the start of a tag's argument; None if it is not that simple."""
    items = argument.strip()
    bracketed = items[:1] in "[("
    if bracketed:
        closing = items.find("]" if items[0] == "[" else ")")
        if closing < 0:
            return None
        inner, rest = items[1:closing], items[closing + 1 :]
        parts = [part for part in inner.split(",") if part.strip()]
    else:
        match = _LITERAL.match(items)
        if not match:
            return None
        parts, rest = [match.group(0)], items[match.end() :]
    names = []
    for part in parts:
        literal = _LITERAL.fullmatch(part)
        if not literal:
            return None
        names.append(literal.group(1) if literal.group(1) is not None else literal.group(2))
    return names if _AFTER_LITERAL.fullmatch(rest) else None


def _parse(body: str, mj_includes: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    import jinja2
    from jinja2 import nodes

    try:
        tree = jinja2.Environment().parse(body)
    except Exception:
        return (), mj_includes
    def constants(node) -> list[str] | None:
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, (nodes.List, nodes.Tuple)):
            items = [constants(item) for item in node.items]
            return None if None in items else [name for item in items for name in item]
        if isinstance(node, nodes.CondExpr):  # "a" if flag else "b": either may be used
            branches = [constants(node.expr1), constants(node.expr2) if node.expr2 is not None else []]
            return None if None in branches else branches[0] + branches[1]
        return None

    names: list[str] = []
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        found = constants(node.template)
        if found is None:
            return None
        names.extend(found)
    return tuple(names), mj_includes
