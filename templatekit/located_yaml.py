"""YAML files whose mappings and lists remember their line, for errors that name file and line.

A duplicate key is an error (PyYAML would silently keep the last one).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ConfigError
from .source import read_setting_file


def line_of(value: Any) -> int | None:
    """The line a mapping or list read by ``read_yaml`` starts at."""
    return getattr(value, "line", None)


class _Mapping(dict):
    line: int | None = None


class _List(list):
    line: int | None = None


def read_yaml(path: Path) -> Any:
    """The document in ``path``; ConfigError with the line for invalid YAML or a duplicate key."""
    import yaml

    # libyaml's parser when present (the rule pack reads 4x faster); same nodes and marks.
    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    def mapping(loader, node):
        loader.flatten_mapping(node)
        result = _Mapping()
        result.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise ConfigError(f"duplicate key '{key}'", path, key_node.start_mark.line + 1)
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    def sequence(loader, node):
        result = _List(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    text = read_setting_file(path, "rule pack")
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(p for p in (error.context, error.problem) if p)
        raise ConfigError(f"invalid YAML: {problem}", path, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"invalid YAML: {error}", path) from None
