"""The preview's HTTP server: pages, the email frames and the version the pages poll to reload.

It listens on 127.0.0.1 unless told otherwise, and answers only requests addressed
to the host it listens on (a page elsewhere cannot reach it through a DNS name
that resolves here).
"""
from __future__ import annotations

import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from .pages import index_page, not_found_page, template_page
from .previews import Preview


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, preview: Preview, host: str = "127.0.0.1", port: int = 0):
        self.preview = preview
        super().__init__((host, port), _Handler)
        bound_host, bound_port = self.server_address[:2]
        self.host, self.port = (f"[{bound_host}]" if ":" in bound_host else bound_host), bound_port
        # Listening on a loopback address: only names of this machine. Elsewhere the user
        # chose to show the templates to the network, under whatever name it reaches them.
        names = {self.host, "localhost", "127.0.0.1", "[::1]"}
        loopback = bound_host in ("127.0.0.1", "::1") or bound_host.startswith("127.")
        self.allowed_hosts = frozenset(f"{name}:{self.port}" for name in names) if loopback else None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"


def serve(preview: Preview, host: str = "127.0.0.1", port: int = 0) -> PreviewServer:
    """A server for ``preview`` listening on ``host:port`` (0: any free port); call serve_forever()."""
    return PreviewServer(preview, host, port)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "templatekit-preview"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        allowed = self.server.allowed_hosts
        if allowed is not None and self.headers.get("Host", "") not in allowed:
            return self._send(HTTPStatus.FORBIDDEN, "text/plain", "unexpected Host header\n")
        address = urlsplit(self.path)
        route, _, key = address.path.lstrip("/").partition("/")
        key = unquote(key)
        preview = self.server.preview
        try:
            if address.path == "/version":
                return self._send(HTTPStatus.OK, "text/plain", preview.version())
            if address.path == "/":
                templates, error, version = preview.templates()
                return self._send(HTTPStatus.OK, "text/html", index_page(templates, version, error))
            if route in ("t", "email", "text") and key:
                shown, version = preview.preview_of(key, lint=route == "t")
            else:
                shown, version = None, preview.version()
            if shown is None:
                return self._send(HTTPStatus.NOT_FOUND, "text/html", not_found_page(f"no template at {address.path}", version))
            if route == "t":
                return self._send(HTTPStatus.OK, "text/html", template_page(shown, version))
            if route == "email" and shown.html is not None:
                raw = parse_qs(address.query).get("raw") == ["1"]
                # The email's own scripts never run here: mail clients do not run them either.
                return self._send(HTTPStatus.OK, "text/html", shown.raw_html if raw else shown.html, {"Content-Security-Policy": "script-src 'none'"})
            if route == "text" and shown.text is not None:
                return self._send(HTTPStatus.OK, "text/plain", shown.text)
            return self._send(HTTPStatus.NOT_FOUND, "text/plain", shown.error or f"{key} has no {'HTML' if route == 'email' else 'text'} part\n")
        except (BrokenPipeError, ConnectionResetError):  # the browser left: nothing to answer
            return None
        except Exception as error:  # a bug: say so in one line, keep serving
            print(f"templatekit preview: internal error answering {address.path}: {error!r}", file=sys.stderr)
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain", f"internal error: {error!r}\n")

    def _send(self, status: HTTPStatus, kind: str, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        pass  # a line per request would bury what matters; errors are printed where they happen
