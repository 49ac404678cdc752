"""A measure (or a ratio of two measures) against a minimum or maximum that may depend on the email type.

Options: ``measure``; ``per`` (divide by this measure: a ratio); ``min`` / ``max``
(a number, or a mapping from email type to number with a ``default``); ``when``
(conditions on other measures that must hold for the check to apply); or
``checks``, a list of such checks each with its own ``message``. A ratio whose
``per`` measure is zero does not apply. A type with no limit and no
``default`` is not checked.
"""
from __future__ import annotations

from typing import Any, Iterator

from . import Finding
from .options import Option, OptionError, by_type, measure, string, validate

FIELDS = ("value", "limit", "measure", "type")


def _when(value: Any) -> dict[str, dict[str, float]]:
    if not isinstance(value, dict):
        raise OptionError("must map measures to {min: N} or {max: N}")
    result = {}
    for name, bounds in value.items():
        measure(name)
        if not isinstance(bounds, dict) or not set(bounds) <= {"min", "max"} or not bounds:
            raise OptionError(f"condition on '{name}' must be a table with min and/or max")
        result[name] = {key: by_type(item)["default"] for key, item in bounds.items()}
    return result


_CHECK = {
    "measure": Option(measure, doc="the measure to check"),
    "per": Option(measure, doc="divide by this measure (a ratio)"),
    "min": Option(by_type, doc="fire below this value"),
    "max": Option(by_type, doc="fire above this value"),
    "when": Option(_when, default={}, doc="only when these measures are within bounds"),
    "message": Option(string, doc="message for this check (in a list of checks)"),
}


def _checks(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise OptionError("must be a non-empty list of checks")
    return [_one(item) for item in value]


def _one(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise OptionError("each check must be a table")
    checked = validate(_CHECK, item, "a check")
    if checked["measure"] is None:
        raise OptionError("each check needs a 'measure'")
    if checked["min"] is None and checked["max"] is None:
        raise OptionError(f"the check of '{checked['measure']}' needs 'min' or 'max'")
    return checked


OPTIONS = {**{key: option for key, option in _CHECK.items() if key != "message"}, "checks": Option(_checks)}


def prepare(options: dict[str, Any]) -> dict[str, Any]:
    """One list of checks, whether the rule gave ``checks`` or a single check."""
    if options["checks"]:
        if options["measure"] is not None:
            raise OptionError("give either 'checks' or 'measure', not both")
        return {"checks": options["checks"]}
    single = {key: options[key] for key in _CHECK if key != "message"}
    return {"checks": [_one({key: value for key, value in single.items() if value not in (None, {})})]}


def _limit(limits: dict[str, float] | None, kind: str) -> float | None:
    if not limits:
        return None
    return limits.get(kind, limits.get("default"))


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    for item in options["checks"]:
        if not all(
            bounds.get("min", float("-inf")) <= document.measure(name) <= bounds.get("max", float("inf"))
            for name, bounds in item["when"].items()
        ):
            continue
        low, high = _limit(item["min"], document.type), _limit(item["max"], document.type)
        if low is None and high is not None and not item["per"] and document.measures.upper_bound(item["measure"]) <= high:
            continue  # within the limit without computing the measure
        value = document.measure(item["measure"])
        if item["per"]:
            denominator = document.measure(item["per"])
            if not denominator:
                continue
            value = value / denominator
        limit = low if low is not None and value < low else high if high is not None and value > high else None
        if limit is None:
            continue
        key = "subject" if item["measure"].startswith("subject") else None
        fields = {"value": _show(value), "limit": _show(limit), "measure": item["measure"], "type": document.type}
        yield Finding(fields, key=key, message=item["message"])


def _show(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:.2f}"
