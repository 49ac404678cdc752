"""``templatekit preview``: a local web page showing each template as sent, with its lint problems.

``Preview`` builds and lints on request (``preview_of``); ``serve`` puts it behind an HTTP
server on 127.0.0.1 whose pages reload themselves when a source file changes.
"""
from __future__ import annotations

from .previews import Preview, TemplatePreview
from .server import PreviewServer, serve

__all__ = ["Preview", "TemplatePreview", "PreviewServer", "serve"]
