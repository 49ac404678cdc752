"""Reporters: functions from a lint report to text, one module per format.

Each module has ``render(report, catalog, color=False) -> str``; ``catalog``
maps rule ids to their ``Rule`` (for formats that describe the rules).
Reporters never lint, and the linter never prints.
"""
from __future__ import annotations

import importlib
from typing import Callable

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def get_reporter(name: str) -> Callable[..., str]:
    if name not in FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"templatekit.reporters.{name}_format").render
