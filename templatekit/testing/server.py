"""``FakeSes``: a real HTTP server on 127.0.0.1 that answers like the SES API, for tests.

It checks the TC3-HMAC-SHA256 signature, speaks the real JSON envelopes, keeps
templates in a ``FakeAccount``, lets the test decide reviews, and injects
faults: error codes, HTTP 500, RequestLimitExceeded, dropped connections and
slow answers.
"""
from __future__ import annotations

import ipaddress
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from .account import APPROVED, REJECTED, UNDER_REVIEW, ApiError, FakeAccount, FakeTemplate, SentEmail
from .signature import SignatureError, verify

API_VERSION = "2020-10-02"
SERVICE = "ses"
REGIONS = ("ap-guangzhou", "ap-hongkong", "ap-singapore")
CONTROL_PATH = "/_control/review"  # lets a person play the reviewer (see ``python -m templatekit.testing``)
DEFAULT_SECRET_ID = "AKIDtemplatekitFAKE0000000000000000"
DEFAULT_SECRET_KEY = "templatekitFAKEsecretKEY0000000000"

ACTIONS = {
    "CreateEmailTemplate": FakeAccount.create,
    "UpdateEmailTemplate": FakeAccount.update,
    "GetEmailTemplate": FakeAccount.get,
    "ListEmailTemplates": FakeAccount.list,
    "DeleteEmailTemplate": FakeAccount.delete,
    "SendEmail": FakeAccount.send,
}


@dataclass(frozen=True)
class Request:
    """One request the server received (whatever it answered)."""

    action: str
    params: dict[str, Any]
    region: str
    headers: dict[str, str]


@dataclass
class Fault:
    action: str | None  # None: any action
    kind: str  # "error", "http", "drop", "slow"
    times: int = 1
    after: int = 0  # let this many matching requests through first
    code: str = ""
    message: str = ""
    status: int = 500
    seconds: float = 0.0
    commit: bool = False  # drop/slow: perform the action before failing to answer
    seen: int = field(default=0, repr=False)


class FakeSes:
    """The fake SES API. Use as a context manager, or ``start()`` and ``stop()``.

    ``endpoint`` ("127.0.0.1:PORT") is what ``--endpoint`` and
    ``TEMPLATEKIT_SES_ENDPOINT`` take.
    """

    def __init__(
        self,
        secret_id: str = DEFAULT_SECRET_ID,
        secret_key: str = DEFAULT_SECRET_KEY,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        account: FakeAccount | None = None,
        approve_after: float | None = None,
    ):
        if not ipaddress.ip_address(host).is_loopback:
            raise ValueError("the fake SES server listens on a loopback address only")
        self.account = account or FakeAccount()
        self.secrets = {secret_id: secret_key}
        self.requests: list[Request] = []
        self.faults: list[Fault] = []
        self.content_type = "application/json"  # what the real API sends; tests may change it
        self.approve_after = approve_after
        self.clock: Callable[[], float] = time.time
        self.log: Callable[[str], None] | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), _handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # --- running ------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.endpoint}"

    def start(self) -> "FakeSes":
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-ses", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeSes":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what the test sees and controls ------------------------------------------

    @property
    def templates(self) -> list[FakeTemplate]:
        with self.account.lock:
            return sorted(self.account.templates.values(), key=lambda t: t.id)

    @property
    def sent(self) -> list[SentEmail]:
        return list(self.account.sent)

    def calls(self, action: str | None = None) -> list[Request]:
        return [r for r in self.requests if action is None or r.action == action]

    def add_template(self, name: str, html: str | None = None, text: str | None = None, *, status: int = APPROVED, reason: str = "") -> int:
        """A template made elsewhere (the console, another tool); returns its ID."""
        return self.account.add(name, html, text, status, reason)

    def edit_template(self, key: int | str, *, html: str | None = None, text: str | None = None) -> None:
        """Change a template's content as an edit in the console would."""
        with self.account.lock:
            template = self.account.find(key)
            if html is not None:
                template.html = html
            if text is not None:
                template.text = text
            template.status = UNDER_REVIEW

    def approve(self, key: int | str) -> None:
        self.account.review(key, APPROVED)

    def reject(self, key: int | str, reason: str) -> None:
        self.account.review(key, REJECTED, reason)

    def set_status(self, key: int | str, status: int, reason: str = "") -> None:
        """Any TemplateStatus code, including ones SES may add later."""
        self.account.review(key, status, reason)

    def review_after_lists(self, lists: int, decide: Callable[[FakeTemplate], tuple[int, str]]) -> None:
        """After ``lists`` ListEmailTemplates calls, ``decide`` each template under review: (status, reason)."""
        remaining = [lists]

        def hook() -> None:
            remaining[0] -= 1
            if remaining[0] == 0:
                with self.account.lock:
                    for template in self.account.templates.values():
                        if template.status == UNDER_REVIEW:
                            template.status, template.reason = decide(template)

        self.account.on_list.append(hook)

    def fail(self, action: str | None, code: str, message: str = "", *, times: int = 1, after: int = 0) -> None:
        """Answer with the error envelope ``code``."""
        self.faults.append(Fault(action, "error", times, after, code=code, message=message or f"injected {code}"))

    def throttle(self, action: str | None = None, *, times: int = 1, after: int = 0) -> None:
        self.fail(action, "RequestLimitExceeded", "Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.", times=times, after=after)

    def http_error(self, action: str | None = None, status: int = 500, *, times: int = 1, after: int = 0) -> None:
        self.faults.append(Fault(action, "http", times, after, status=status))

    def drop(self, action: str | None = None, *, times: int = 1, after: int = 0, commit: bool = False) -> None:
        """Close the connection without an answer; with ``commit``, after doing what was asked."""
        self.faults.append(Fault(action, "drop", times, after, commit=commit))

    def slow(self, action: str | None = None, seconds: float = 1.0, *, times: int = 1, after: int = 0) -> None:
        """Do what was asked, then wait ``seconds`` before answering."""
        self.faults.append(Fault(action, "slow", times, after, seconds=seconds, commit=True))

    # --- answering --------------------------------------------------------------

    def _take_fault(self, action: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times <= 0 or fault.action not in (None, action):
                    continue
                fault.seen += 1
                if fault.seen <= fault.after:
                    continue
                fault.times -= 1
                return fault
        return None

    def _auto_review(self) -> None:
        if self.approve_after is None:
            return
        now = time.monotonic()
        with self.account.lock:
            for template in self.account.templates.values():
                if template.status == UNDER_REVIEW and now - template.submitted >= self.approve_after:
                    template.status = APPROVED

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        request_id = str(uuid.uuid4())
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        action = handler.headers.get("X-TC-Action", "")
        region = handler.headers.get("X-TC-Region", "")
        try:
            params = json.loads(body) if body else {}
        except (json.JSONDecodeError, UnicodeDecodeError):
            params = None
        if handler.path == CONTROL_PATH:
            self._control(handler, params)
            return
        self.requests.append(Request(action, params if isinstance(params, dict) else {}, region, _safe_headers(handler.headers)))
        try:
            if handler.path.split("?")[0] != "/":
                raise ApiError("InvalidAction", f"No API at {handler.path}.")
            verify(handler.command, "/", "", handler.headers, body, self.secrets, SERVICE, self.clock())
            if handler.headers.get("X-TC-Version") != API_VERSION:
                raise ApiError("NoSuchVersion", f"The API version `{handler.headers.get('X-TC-Version')}` is not supported.")
            if action not in ACTIONS:
                raise ApiError("InvalidAction", f"The action `{action}` is not supported.")
            if region not in REGIONS:
                raise ApiError("UnsupportedRegion", f"The region `{region}` is not supported.")
            if not isinstance(params, dict):
                raise ApiError("InvalidParameter", "The request body is not a JSON object.")
            fault = self._take_fault(action)
            if fault is not None and fault.kind == "error":
                raise ApiError(fault.code, fault.message)
            if fault is not None and fault.kind == "http":
                self._write(handler, fault.status, b"<html><body>Internal Server Error</body></html>", "text/html")
                return
            if fault is not None and fault.kind == "drop" and not fault.commit:
                handler.close_connection = True
                return
            self._auto_review()
            result = ACTIONS[action](self.account, params)
            if fault is not None and fault.kind == "drop":
                handler.close_connection = True
                return
            if fault is not None and fault.kind == "slow":
                time.sleep(fault.seconds)
            answer = {"Response": {**result, "RequestId": request_id}}
        except SignatureError as error:
            answer = _error(error.code, error.message, request_id)
        except ApiError as error:
            answer = _error(error.code, error.message, request_id)
        if self.log is not None:
            code = answer["Response"].get("Error", {}).get("Code", "ok")
            self.log(f"{action or '-'} {code}")
        self._write(handler, 200, json.dumps(answer, ensure_ascii=False).encode("utf-8"), self.content_type)

    def _control(self, handler: BaseHTTPRequestHandler, params: Any) -> None:
        """``POST /_control/review {"name": ..., "status": "approved"|"rejected", "reason": ...}``."""
        statuses = {"approved": APPROVED, "rejected": REJECTED, "under review": UNDER_REVIEW}
        try:
            key = params["name"] if "name" in params else int(params["id"])
            self.account.review(key, statuses[params.get("status", "approved")], str(params.get("reason") or ""))
        except (KeyError, TypeError, ValueError):
            self._write(handler, 400, b'{"error": "give an existing name (or id) and a status: approved, rejected"}\n', "application/json")
            return
        self._write(handler, 200, b'{"ok": true}\n', "application/json")

    @staticmethod
    def _write(handler: BaseHTTPRequestHandler, status: int, payload: bytes, content_type: str) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
            pass


def _error(code: str, message: str, request_id: str) -> dict:
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}}


def _safe_headers(headers) -> dict[str, str]:
    # Kept for assertions; the Authorization header names the SecretId, so it is left out.
    return {name: value for name, value in headers.items() if name.lower() != "authorization"}


def _handler(fake: FakeSes) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "FakeSES/1"

        def do_POST(self) -> None:  # noqa: N802 - the http.server naming
            fake.handle(self)

        def do_GET(self) -> None:  # noqa: N802
            fake._write(self, 200, json.dumps(_error("InvalidAction", "Use POST with a JSON body.", str(uuid.uuid4()))).encode(), fake.content_type)

        def log_message(self, format: str, *args: Any) -> None:  # requests are recorded, not printed
            pass

    return Handler
