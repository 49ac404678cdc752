"""Reading template sources: UTF-8 only, bounded in size, errors with a line number."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import ConfigError, TemplateError, line_of_offset

# SES refuses messages over 4 MB; a source this large is a mistake (a pasted
# base64 image, a log file), and reading it whole would only waste memory.
MAX_SOURCE_BYTES = 8 * 1024 * 1024

# A template's kind by its file's suffix (lower case).
KINDS = {".mjml": "mjml", ".html": "html", ".htm": "html", ".txt": "txt"}


def read_source(path: Path) -> str:
    """The text of a template file, or a TemplateError saying why it cannot be used."""
    try:
        data = read_bytes(path, MAX_SOURCE_BYTES)
    except FileNotFoundError:
        raise TemplateError("file not found", path) from None
    except IsADirectoryError:
        raise TemplateError("is a directory, not a file", path) from None
    except OSError as error:
        raise TemplateError(f"cannot read file: {error.strerror}", path) from None
    return decode_source(data, path)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of ``path``; with ``limit``, a TemplateError for a larger file, which is then not read.

    A descriptor and its fstat, not Path.stat and Path.read_bytes: those looked
    at the file three times more and built a buffered file object (a build
    reads each template twice, and a warm lint hashes every one).
    """
    descriptor = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(descriptor).st_size
        if limit is not None and size > limit:
            raise TemplateError(
                f"file is too large ({size / 1024 / 1024:.1f} MB; the limit is {limit // 1024 // 1024} MB)", path, 1,
            )
        chunks = []
        while chunk := os.read(descriptor, max(size, 1 << 16)):
            chunks.append(chunk)
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def read_setting_file(path: Path, what: str) -> str:
    """``read_source`` for a file the configuration names (data file, rule pack, lexicon):
    its errors are ConfigErrors that say which file it is, as in "rule pack: file not found"."""
    try:
        return read_source(path)
    except TemplateError as error:
        raise ConfigError(f"{what}: {error.message}", path, error.line) from None


def decode_source(data: bytes, path: Path) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        raise TemplateError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); save the file as UTF-8",
            path, line_of_offset(good, len(good)),
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise TemplateError("contains a NUL byte; is this a binary file?", path, line_of_offset(text, text.index("\x00")))
    return text
