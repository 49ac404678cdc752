"""Rule packs as last read, so that a run with nothing changed parses no YAML and checks no rule again.

Stored in ``.templatekit_cache/packs.pickle`` (safe to delete), and the pack
templatekit ships in ``packs.pickle`` of the user's cache folder, beside the
signing key (``~/.cache/templatekit``; safe to delete too), both signed as the
lint cache is (``signing.py``): unpickling a planted file would run its
code. A pack is reused only when its file and every lexicon and option file
it names (found again as ``load_pack`` finds them) have the bytes they had,
and templatekit, Python and PyYAML are the versions that read it. The pack was
checked in full when it was read, and checking depends on nothing else, so
its rules are not checked again (their options are prepared when first used).
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

from .packs import Pack, Rule, beside, load_pack

SCHEMA = 1
_NAME = "packs.pickle"


class PackCache:
    def __init__(self, folder: Path | None):
        self.file = None if folder is None else folder / _NAME
        self.entries: dict[str, tuple[Any, Pack]] = self._read() if self.file is not None else {}
        self.changed = False

    def load(self, path: Path) -> Pack:
        """``load_pack(path)``, from the cache when nothing it was read from has changed."""
        found = self.entries.get(str(path))
        if found is not None and _unchanged(path, found[0]):
            return found[1]
        pack = load_pack(path)
        stamp = _stamp(path, pack)
        if stamp is not None and self.file is not None:
            self.entries[str(path)] = (stamp, pack)
            self.changed = True
        return pack

    def save(self) -> None:
        if not self.changed or self.file is None:
            return
        import pickle

        from .cache import write_signed

        write_signed(self.file, pickle.dumps((_versions(), self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        self.changed = False

    def _read(self) -> dict[str, tuple[Any, Pack]]:
        from .signing import read_signed

        body = read_signed(self.file)
        if body is None:
            return {}
        import pickle

        try:
            versions, entries = pickle.loads(body)  # noqa: S301 - signed by this user's templatekit
        except Exception:  # an older templatekit's classes, say: read the packs again
            return {}
        if versions != _versions() or not isinstance(entries, dict):
            return {}
        return entries


def user_cache_folder() -> Path:
    """The user's own cache folder, outside any repository (where the signing key is kept)."""
    from .signing import key_file

    return key_file().parent


def _versions() -> tuple:
    from . import __version__
    from .cache import _installed

    # The fields too: a development checkout changes them without a new version.
    return (SCHEMA, __version__, sys.version, _installed("yaml"), tuple(Pack.__dataclass_fields__), tuple(Rule.__dataclass_fields__))


def _stamp(path: Path, pack: Pack) -> tuple | None:
    """What the pack was read from: its bytes, and each file it names with where it was found and its bytes."""
    own = _digest(path)
    files = tuple((name, str(file), _digest(file)) for name, file in pack.files)
    if own is None or any(digest is None for _, _, digest in files):
        return None
    return own, files


def _unchanged(path: Path, stamp: Any) -> bool:
    own, files = stamp
    if _digest(path) != own:
        return False
    for name, file, digest in files:
        found = beside(path, name)
        if found is None or str(found) != file or _digest(found) != digest:
            return False
    return True


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
