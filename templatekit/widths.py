"""Full-width letters and digits read as the ASCII letters and digits they stand for."""
from __future__ import annotations

import re

# Full-width letters and digits (ＱＱ, ｗｅｃｈａｔ, １２３) as their ASCII forms:
# Chinese input methods type them, and they write around an ASCII-only pattern.
# One for one, so offsets in the folded text are offsets in the original.
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_NARROW = {code: code - 0xFEE0 for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for code in range(start, end + 1)}


def fold_width(text: str) -> str:
    """``text`` with full-width letters and digits as ASCII, of the same length (most texts have none)."""
    if text.isascii() or not _WIDE.search(text):
        return text
    return text.translate(_NARROW)
