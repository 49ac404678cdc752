"""Declared option types for rule kinds, and strict checking of option values.

Each kind lists its options as ``{name: Option(...)}`` (as yamllint's rules do);
a value of the wrong shape or an unknown option is an error naming the rule and
the option. Checking also normalises: a number-by-type becomes a dict, regular
expressions are compiled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from ..vocabulary import MEASURES, SCOPES
from ..metadata import TYPES


class OptionError(ValueError):
    """An option value is wrong; the message says how."""


@dataclass(frozen=True)
class Option:
    check: Callable[[Any], Any]
    default: Any = None
    required: bool = False
    doc: str = ""


def number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionError(f"must be a number, not {value!r}")
    return value


def by_type(value: Any) -> dict[str, float]:
    """A number, or a mapping from email type (and ``default``) to a number."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key not in TYPES and key != "default":
                raise OptionError(f"unknown email type '{key}' (types: {', '.join(TYPES)}, default)")
            result[key] = number(item)
        return result
    return {"default": number(value)}


def string(value: Any) -> str:
    if not isinstance(value, str):
        raise OptionError(f"must be text, not {value!r}")
    return value


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"must be true or false, not {value!r}")
    return value


def strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise OptionError(f"must be a list of text values, not {value!r}")
    return tuple(value)


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in choices:
            raise OptionError(f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    return check


def some_of(*choices: str) -> Callable[[Any], tuple[str, ...]]:
    def check(value: Any) -> tuple[str, ...]:
        items = strings(value)
        for item in items:
            if item not in choices:
                raise OptionError(f"'{item}' is not one of {', '.join(choices)}")
        return items

    return check


measure = one_of(*MEASURES)
scopes = some_of(*SCOPES)
types = some_of(*TYPES)


def pattern(value: Any) -> re.Pattern:
    text = string(value)
    try:
        return re.compile(text, re.I)
    except re.error as error:
        raise OptionError(f"invalid regular expression {text!r}: {error}") from None


def patterns(value: Any) -> tuple[re.Pattern, ...]:
    return tuple(pattern(item) for item in strings(value))


def validate(schema: dict[str, Option], values: dict[str, Any], what: str) -> dict[str, Any]:
    """Check ``values`` against ``schema``; returns them normalised with defaults filled in."""
    from ..errors import did_you_mean

    result: dict[str, Any] = {}
    for key, value in values.items():
        option = schema.get(key)
        if option is None:
            raise OptionError(f"unknown option '{key}' for {what}{did_you_mean(key, schema)}")
        try:
            result[key] = option.check(value)
        except OptionError as error:
            raise OptionError(f"option '{key}' of {what} {error}") from None
    for key, option in schema.items():
        if key not in result:
            if option.required:
                raise OptionError(f"{what} needs the option '{key}'")
            result[key] = option.default
    return result
