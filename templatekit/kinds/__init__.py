"""Rule kinds: the generic checks that rule packs configure.

A kind is a module with ``OPTIONS`` (its option schema), ``FIELDS`` (the names
its findings give to the rule's message) and a pure ``check(options, document)``
generator of ``Finding``. A repository-wide kind has ``check_all(options,
summaries)`` instead. Kinds know neither the id nor the severity of the rule
they serve: the linter stamps both. No Python is ever loaded from a rule pack;
the kinds are this fixed list.
"""
from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

KINDS = ("threshold", "lexicon", "pattern", "url", "redirect", "metadata", "variables", "html", "alt-text", "consistent")
# The kinds with ``check_all``, known without importing every kind (and compiling
# its patterns) to ask; a test holds it to the modules.
REPOSITORY_KINDS = frozenset({"consistent"})


@dataclass(frozen=True)
class Finding:
    """What a kind found: fields for the message, and where to point.

    ``snippet`` is output text to find again in the sources (``in_text``: visible
    text, so occurrences outside tags come first: the word, not a title="..."
    holding it); ``key`` a front matter key whose line to use; ``message``
    overrides the rule's message template.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    snippet: str | None = None
    key: str | None = None
    message: str | None = None
    nth: int = 0
    in_text: bool = False


@functools.lru_cache(maxsize=None)
def get_kind(name: str) -> ModuleType:
    # Cached: the linter asks for each rule's kind for every template, and
    # import_module costs a microsecond or two even for a module already loaded.
    if name not in KINDS:
        raise KeyError(name)
    return importlib.import_module(f"templatekit.kinds.{name.replace('-', '_')}")
