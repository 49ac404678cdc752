"""Durations as people write them: ``2d``, ``36h``, ``1h30m``, ``90s``, ``0.5s`` or plain seconds."""
from __future__ import annotations

import math
import re

_UNITS = {"d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}
_PART = re.compile(r"(\d+(?:\.\d+)?)([dhms])")


def parse_duration(text: str) -> float:
    """Seconds in ``text``; ValueError with a readable message when it is not a duration."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    parts = _PART.findall(value)
    if not value or "".join(number + unit for number, unit in parts) != value:
        raise ValueError(f"'{text}' is not a duration; write e.g. 45s, 10m, 2h, 2d or 1h30m")
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


def format_age(seconds: float | None) -> str:
    """``45s``, ``12m``, ``5h``, ``3d``: coarse, as a status table wants."""
    if seconds is None:
        return "-"
    seconds = max(0.0, seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{int(seconds // size)}{unit}"
    return f"{int(seconds)}s"


def format_wait(seconds: float) -> str:
    """A wait still to come, never shorter than it is: ``0.05s``, ``8s`` (7.2 rounded up), ``1m30s``, ``2h``."""
    seconds = max(0.0, seconds)
    if seconds < 1:
        return f"{seconds:.2g}s" if seconds else "0s"
    whole = math.ceil(seconds - 1e-9)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if whole >= size:
            parts.append(f"{whole // size}{unit}")
            whole %= size
    return "".join(parts)
