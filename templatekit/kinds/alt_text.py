"""Images without alternative text (a missing or empty ``alt``).

Many clients block images until the reader allows them; the alt text is what
the reader sees meanwhile, and spam filters weigh images without it.
"""
from __future__ import annotations

from typing import Any, Iterator

from . import Finding

FIELDS = ("src",)
OPTIONS: dict = {}


def check(options: dict[str, Any], document) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for image in document.images:
        nth = seen.get(image.src, 0)
        seen[image.src] = nth + 1
        if not image.alt:
            yield Finding({"src": image.src or "(no src)"}, snippet=image.src or None, nth=nth)
