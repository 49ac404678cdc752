"""Rendering templates of text, variables and blocks without compiling them to Python.

Most email templates are MJML text with ``{{ name }}`` outputs, inside a layout's
``{% block %}``. Jinja turns each one into Python source and compiles it: 0.7 ms a
template here (1.4 ms for a large one), more than rendering it and half of all
Jinja costs. For a template of that shape alone (``plan``: text, ``{{ name }}``,
``{% extends "literal" %}``, blocks of text and names), this module reads the
template's tokens and yields what Jinja's generated code yields, through Jinja's
own context, undefined and escape: the same text. The layout and partials are
compiled as usual (once for all templates). Anything else, and any error, goes
through Jinja itself, so errors and their lines are always Jinja's.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

import jinja2
from jinja2.lexer import Token
from jinja2.runtime import escape, missing, new_context
from jinja2.utils import LRUCache

from .simple_tokens import simple_tokens

# One part of an output: literal text, or a variable to resolve: (name, attributes read from it).
_TEXT, _NAME = 0, 1
# Names Jinja's generated code binds itself (self, super() in a block...) rather than resolving.
_SPECIAL_NAMES = frozenset({"self", "super", "loop", "caller", "varargs", "kwargs"})
# Names Jinja's parser reads as something else: constants, and "not" that starts an expression.
_NOT_NAMES = frozenset({"true", "false", "True", "False", "none", "None", "not"})
Parts = tuple[tuple[int, Any], ...]
_PLANS_KEPT = 64
# Every tag of a simple template is one of these; a template with any other is left to Jinja
# before it is parsed, so that it is not parsed twice.
_TAG_START = re.compile(r"\{[{%#]")
_SIMPLE_TAG = re.compile(
    r"\{\{[-+]?\s*[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*\s*[-+]?\}\}"
    r"|\{%[-+]?\s*(?:extends\s+(?:\"[^\"]*\"|'[^']*')|block\s+\w+|endblock(?:\s+\w+)?)\s*[-+]?%\}"
    r"|\{#.*?#\}",
    re.S,
)


class Plan:
    """What a simple template yields: text and names before its extends, its parent, its blocks."""

    __slots__ = ("before", "parent", "body", "blocks")

    def __init__(self, before: Parts, parent: str | None, body: tuple, blocks: dict[str, Parts]):
        self.before = before  # a child's output before {% extends %} (Jinja yields it too)
        self.parent = parent
        self.body = body  # without a parent: parts and ("block", name) in order
        self.blocks = blocks


def plan(tokens: Iterable[Token]) -> Plan | None:
    """The plan of a template from its tokens (``Lexer.tokenize``), or None when it is not of the simple shape.

    Read from the tokens, not from Jinja's parse tree: parsing cost as much again
    as lexing (0.2 ms a template here), and the shape is small enough to read
    token by token. What Jinja would refuse (an endblock naming another block, a
    block never closed, a block twice) is refused here too and left to Jinja.
    """
    stream = iter(tokens)
    before: list[tuple[int, Any]] = []
    body: list = []
    blocks: dict[str, Parts] = {}
    parent: str | None = None
    block: tuple[str, list] | None = None  # the block being read: its name and parts
    for token in stream:
        if token.type == "data":
            part: tuple[int, Any] | None = (_TEXT, token.value)
        elif token.type == "variable_begin":
            part = _variable(stream)
            if part is None:
                return None
        elif token.type == "block_begin":
            tag = next(stream, None)
            if tag is None or tag.type != "name":
                return None
            if tag.value == "extends":
                target, end = next(stream, None), next(stream, None)
                if block is not None or parent is not None or blocks or not _is(target, "string") or not _is(end, "block_end"):
                    return None  # in a block, twice extended, blocks before it, or a computed parent
                parent = target.value
            elif tag.value == "block":
                name, end = next(stream, None), next(stream, None)
                if block is not None or not _is(name, "name") or not _is(end, "block_end") or name.value in blocks:
                    return None  # nested, scoped, required or repeated
                block = (name.value, [])
            elif tag.value == "endblock":
                end = next(stream, None)
                if block is not None and _is(end, "name") and end.value == block[0]:
                    end = next(stream, None)
                if block is None or not _is(end, "block_end"):
                    return None
                blocks[block[0]] = tuple(block[1])
                body.append(("block", block[0]))
                block = None
            else:
                return None
            continue
        else:
            return None
        if block is not None:
            block[1].append(part)
        elif parent is None:
            before.append(part)
            body.append(part)
        elif part[0] == _NAME:
            return None  # Jinja skips output after extends, names included: not worth following
    if block is not None:
        return None
    return Plan(tuple(before), parent, tuple(body), blocks)


def _is(token: Token | None, kind: str) -> bool:
    return token is not None and token.type == kind


def _variable(stream: Iterator[Token]) -> tuple[int, Any] | None:
    """``{{ name }}`` or ``{{ name.attribute... }}`` after its variable_begin, or None for anything else."""
    first = next(stream, None)
    if not _is(first, "name") or first.value in _SPECIAL_NAMES or first.value in _NOT_NAMES:
        return None
    attributes: list[str] = []
    for token in stream:
        if token.type == "variable_end":
            return _NAME, (first.value, tuple(attributes))
        attribute = next(stream, None)
        if token.type != "dot" or not _is(attribute, "name"):
            return None
        attributes.append(attribute.value)  # brand.name: environment.getattr, as Jinja does
    return None


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str | None:
    """Template ``name`` rendered with ``context`` as Jinja renders it; None when Jinja must do it.

    None also for any error: the caller renders with Jinja, which raises it
    with Jinja's message and line.
    """
    if env.finalize is not None or env.is_async or env.extensions or (env.block_start_string, env.variable_start_string, env.comment_start_string) != ("{%", "{{", "{#"):
        return None
    found = _planned(env, name)
    if found is None:
        return None
    try:
        return _render(env, name, found, context)
    except Exception:
        return None


def _planned(env: jinja2.Environment, name: str) -> Plan | None:
    # A few, as Jinja keeps a few compiled templates: a worker linting 10,000 templates
    # renders each once, and keeping every plan held all their text (256 -> 200 MB at peak).
    plans = env.__dict__.setdefault("_templatekit_plans", LRUCache(_PLANS_KEPT))
    cached = plans.get(name)
    if cached is not None and (cached[1] is None or cached[1]()):
        return cached[0]
    try:
        source, filename, uptodate = env.loader.get_source(env, name)
        found = None
        if _looks_simple(source):
            tokens = simple_tokens(env, source)
            found = plan(tokens if tokens is not None else env.lexer.tokenize(source, name, filename))
    except Exception:  # Jinja reports it when it loads the template
        return None
    plans[name] = (found, uptodate)
    return found


def _looks_simple(source: str) -> bool:
    """Whether each tag of ``source`` is a name, an extends, a block or a comment (then it may be simple)."""
    return len(_TAG_START.findall(source)) == len(_SIMPLE_TAG.findall(source))


def _render(env: jinja2.Environment, name: str, found: Plan, context: dict[str, Any]) -> str:
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    out = escape if autoescape else str

    def block(parts: Parts) -> Callable:
        def render_block(ctx) -> Iterator[str]:
            return _emit(parts, ctx, env, out)

        return render_block

    blocks = {block_name: block(parts) for block_name, parts in found.blocks.items()}
    ctx = new_context(env, name, blocks, context, False, env.make_globals(None), None)
    if found.parent is None:
        pieces = []
        for item in found.body:
            if item[0] == "block":
                pieces.extend(ctx.blocks[item[1]][0](ctx))
            else:
                pieces.extend(_emit((item,), ctx, env, out))
        return env.concat(pieces)
    pieces = list(_emit(found.before, ctx, env, out))
    parent = env.get_template(found.parent, name)
    for block_name, parent_block in parent.blocks.items():
        ctx.blocks.setdefault(block_name, []).append(parent_block)
    pieces.extend(parent.root_render_func(ctx))
    return env.concat(pieces)


def _emit(parts: Parts, ctx, env: jinja2.Environment, out: Callable) -> Iterator[str]:
    for kind, value in parts:
        if kind == _TEXT:
            yield value
        else:
            name, attributes = value
            found = ctx.resolve_or_missing(name)
            found = env.undefined(name=name) if found is missing else found
            for attribute in attributes:
                found = env.getattr(found, attribute)
            yield out(found)
