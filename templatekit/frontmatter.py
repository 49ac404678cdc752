"""YAML front matter between ``---`` lines at the top of a template.

The front matter is replaced by blank lines in the body handed to Jinja, so that
line numbers in Jinja errors are line numbers in the file the user edits.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import TemplateError

_FENCE = "---"


@dataclass(frozen=True)
class FrontMatter:
    values: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    present: bool = False

    def line(self, key: str) -> int:
        """Line of ``key`` in the file, or 1 when it is absent."""
        return self.key_lines.get(key, 1)


def split(text: str, path: Path) -> tuple[FrontMatter, str]:
    """Front matter and the body with the front matter blanked out."""
    end = _closing_fence(text, path)
    if end is None:
        return FrontMatter({}), text
    lines = text.split("\n", end + 1)
    matter = parse_yaml("\n".join(lines[1:end]), path, first_line=2)
    return matter, _blank(lines, end)


def body_of(text: str, path: Path) -> str:
    """The body with the front matter blanked out, without parsing the YAML."""
    end = _closing_fence(text, path)
    return text if end is None else _blank(text.split("\n", end + 1), end)


def blank_lines(text: str, path: Path) -> int:
    """How many line breaks stand in for the front matter at the start of the body."""
    end = _closing_fence(text, path)
    if end is None:
        return 0
    return end + 1 if text.count("\n") > end else end


def _closing_fence(text: str, path: Path) -> int | None:
    """Index of the line closing the front matter; None when there is none."""
    if not _is_fence(text.split("\n", 1)[0]):
        return None
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if _is_fence(lines[end]) or lines[end].rstrip() == "...":
            return end
    raise TemplateError("front matter opened with '---' is never closed", path, 1)


def _blank(lines: list[str], end: int) -> str:
    # lines[end + 1], when present, is the unsplit rest of the file.
    return "\n" * (end + 1) + lines[end + 1] if end + 1 < len(lines) else "\n" * end


def parse_yaml(text: str, path: Path, first_line: int = 1) -> FrontMatter:
    """Parse a YAML mapping, remembering the line of each top-level key."""
    from .simple_yaml import simple_mapping

    simple = simple_mapping(text, first_line)
    if simple is not None:
        return FrontMatter(simple[0], simple[1], True)
    import yaml

    # libyaml's parser when present: 5-10x faster, same nodes and marks.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter({}, {}, True)
        if not isinstance(node, yaml.MappingNode):
            raise TemplateError("front matter must be a mapping of keys to values", path, first_line + node.start_mark.line)
        key_lines: dict[str, int] = {}
        for key_node, _ in node.value:
            key = key_node.value
            line = first_line + key_node.start_mark.line
            if key in key_lines:
                raise TemplateError(f"duplicate key '{key}' (first at line {key_lines[key]})", path, line)
            key_lines[key] = line
        for _, value_node in node.value:
            _refuse_duplicate_keys(value_node, path, first_line)
        values = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p)
        # An error found at the end of the text belongs to its last line, not the fence after it.
        line = first_line + min(mark.line, text.rstrip("\n").count("\n")) if mark else first_line
        raise TemplateError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as error:
        raise TemplateError(f"invalid YAML: {error}", path, first_line) from None
    finally:
        loader.dispose()
    return FrontMatter(values, key_lines, True)


def _refuse_duplicate_keys(node, path: Path, first_line: int) -> None:
    """YAML forbids a key twice in one mapping; PyYAML would silently keep the last value."""
    import yaml

    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, value_node in current.value:
                line = first_line + key_node.start_mark.line
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is not None and key in seen:
                    raise TemplateError(f"duplicate key '{key}' (first at line {seen[key]})", path, line)
                if key is not None:
                    seen[key] = line
                pending.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


def _is_fence(line: str) -> bool:
    return line.rstrip() == _FENCE
