"""The in-memory SES account behind the fake server: templates, their review, and sent mail.

Each action takes the request's parameters and returns the ``Response`` fields,
or raises ``ApiError`` with an SES error code, as the real API does.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

APPROVED, UNDER_REVIEW, REJECTED = 0, 1, 2
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_SENDER = re.compile(r"^(?:(?P<alias>[^:<>]+) <(?P<inner>[^<>]+)>|(?P<plain>[^<>\s]+))$")


class ApiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class FakeTemplate:
    id: int
    name: str
    html: str | None
    text: str | None
    status: int = UNDER_REVIEW
    reason: str = ""
    created: int = field(default_factory=lambda: int(time.time()))
    submitted: float = field(default_factory=time.monotonic)

    @property
    def variables(self) -> set[str]:
        return set(_VARIABLE.findall((self.html or "") + "\n" + (self.text or "")))


@dataclass(frozen=True)
class SentEmail:
    message_id: str
    sender: str
    to: list[str]
    subject: str
    template_id: int
    data: dict[str, Any]
    html: str | None
    text: str | None
    trigger_type: int


class FakeAccount:
    """Templates keyed by ID; thread-safe, since the server answers requests in threads."""

    def __init__(self, max_templates: int | None = None, max_template_bytes: int | None = None,
                 verified_senders: set[str] | None = None):
        self.templates: dict[int, FakeTemplate] = {}
        self.sent: list[SentEmail] = []
        self.max_templates = max_templates
        self.max_template_bytes = max_template_bytes
        self.verified_senders = verified_senders
        self.lock = threading.RLock()
        self._next_id = 10001
        self.on_list: list[Callable[[], None]] = []

    # --- state the tests control ------------------------------------------------

    def add(self, name: str, html: str | None = None, text: str | None = None, status: int = APPROVED, reason: str = "") -> int:
        with self.lock:
            template = FakeTemplate(self._new_id(), name, html, text, status, reason)
            self.templates[template.id] = template
            return template.id

    def find(self, key: int | str) -> FakeTemplate:
        with self.lock:
            if isinstance(key, int):
                return self.templates[key]
            named = [t for t in self.templates.values() if t.name == key]
            if not named:
                raise KeyError(key)
            return max(named, key=lambda t: t.id)

    def named(self, name: str) -> list[FakeTemplate]:
        with self.lock:
            return [t for t in self.templates.values() if t.name == name]

    def review(self, key: int | str, status: int, reason: str = "") -> None:
        with self.lock:
            template = self.find(key)
            template.status = status
            template.reason = reason

    # --- the actions --------------------------------------------------------------

    def create(self, params: dict) -> dict:
        name = _name(params)
        html, text = _content(params, self.max_template_bytes)
        with self.lock:
            if self.max_templates is not None and len(self.templates) >= self.max_templates:
                raise ApiError("FailedOperation.ExceedTemplateLimit", "The number of templates exceeds the upper limit.")
            template = FakeTemplate(self._new_id(), name, html, text)
            self.templates[template.id] = template
            return {"TemplateID": template.id}

    def update(self, params: dict) -> dict:
        template_id = _template_id(params)
        name = _name(params)
        html, text = _content(params, self.max_template_bytes)
        with self.lock:
            template = self._existing(template_id)
            template.name, template.html, template.text = name, html, text
            template.status, template.reason, template.submitted = UNDER_REVIEW, "", time.monotonic()
            return {}

    def get(self, params: dict) -> dict:
        with self.lock:
            template = self._existing(_template_id(params))
            content = {}
            if template.html is not None:
                content["Html"] = _b64(template.html)
            if template.text is not None:
                content["Text"] = _b64(template.text)
            return {"TemplateName": template.name, "TemplateStatus": template.status, "TemplateContent": content}

    def list(self, params: dict) -> dict:
        for name in ("Limit", "Offset"):
            if name not in params:
                raise ApiError("MissingParameter", f"The parameter `{name}` is missing.")
            if not isinstance(params[name], int) or isinstance(params[name], bool):
                raise ApiError("InvalidParameter", f"The parameter `{name}` must be an integer.")
        limit, offset = params["Limit"], params["Offset"]
        if not 1 <= limit <= 100:
            raise ApiError("FailedOperation.InvalidLimit", "Reached the query limit (100).")
        if offset < 0:
            raise ApiError("InvalidParameterValue", "Offset must not be negative.")
        for hook in list(self.on_list):
            hook()
        with self.lock:
            # Newest first, as the console lists them.
            ordered = sorted(self.templates.values(), key=lambda t: t.id, reverse=True)
            page = ordered[offset:offset + limit]
            return {
                "TemplatesMetadata": [
                    {
                        "CreatedTimestamp": t.created,
                        "TemplateName": t.name,
                        "TemplateStatus": t.status,
                        "TemplateID": t.id,
                        "ReviewReason": t.reason,
                    }
                    for t in page
                ],
                "TotalCount": len(ordered),
            }

    def delete(self, params: dict) -> dict:
        with self.lock:
            template = self._existing(_template_id(params))
            del self.templates[template.id]
            return {}

    def send(self, params: dict) -> dict:
        sender = str(params.get("FromEmailAddress") or "")
        if not sender:
            raise ApiError("InvalidParameterValue.EmailAddressIsNULL", "The sender address is empty.")
        match = _SENDER.match(sender)
        address = (match["inner"] or match["plain"]) if match else ""
        if not _ADDRESS.match(address):
            raise ApiError("FailedOperation.IncorrectSender", "Incorrect sender format.")
        if self.verified_senders is not None and address not in self.verified_senders and address.split("@")[1] not in self.verified_senders:
            raise ApiError("FailedOperation.NotAuthenticatedSender", "Unable to send because the sender is not verified.")
        to = params.get("Destination") or []
        if not isinstance(to, list) or not to:
            raise ApiError("InvalidParameterValue.EmailAddressIsNULL", "The recipient address is empty.")
        if len(to) > 50:
            raise ApiError("FailedOperation.TooManyRecipients", "Too many recipients.")
        for recipient in to:
            if not isinstance(recipient, str) or not _ADDRESS.match(recipient):
                raise ApiError("FailedOperation.IncorrectEmail", "Incorrect email address.")
        subject = params.get("Subject")
        if not isinstance(subject, str) or not subject:
            raise ApiError("MissingParameter", "The parameter `Subject` is missing.")
        template_params = params.get("Template")
        if not isinstance(template_params, dict):
            raise ApiError("FailedOperation.MissingEmailContent", "Missing email content.")
        raw = template_params.get("TemplateData")
        try:
            data = json.loads(raw) if isinstance(raw, str) else None
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            raise ApiError("InvalidParameterValue.TemplateDataError", "Template parameters must be in JSON format.")
        with self.lock:
            template = self.templates.get(_template_id(template_params))
            if template is None or template.status != APPROVED:
                raise ApiError("OperationDenied.TemplateStatusError", "The email template does not exist or hasn't been approved.")
            # Every variable of the template needs a value; the data may also fill the subject's, and nothing else.
            if not template.variables <= set(data) <= template.variables | set(_VARIABLE.findall(subject)):
                raise ApiError("FailedOperation.TemplateNotMatchData", "Template variables do not match the parameters.")

            def fill(text: str | None) -> str | None:
                return None if text is None else _VARIABLE.sub(lambda m: str(data.get(m.group(1), m.group(0))), text)

            email = SentEmail(
                message_id=f"fake-{uuid.uuid4()}", sender=sender, to=list(to), subject=fill(subject) or "",
                template_id=template.id, data=data, html=fill(template.html), text=fill(template.text),
                trigger_type=int(params.get("TriggerType") or 0),
            )
            self.sent.append(email)
            return {"MessageId": email.message_id}

    def _existing(self, template_id: int) -> FakeTemplate:
        template = self.templates.get(template_id)
        if template is None:
            raise ApiError("InvalidParameterValue.TemplateNotExist", "The template does not exist.")
        return template

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1


def _template_id(params: dict) -> int:
    if "TemplateID" not in params:
        raise ApiError("MissingParameter", "The parameter `TemplateID` is missing.")
    value = params["TemplateID"]
    if not isinstance(value, int) or isinstance(value, bool):
        raise ApiError("InvalidParameter", "The parameter `TemplateID` must be an integer.")
    return value


def _name(params: dict) -> str:
    name = params.get("TemplateName")
    if not isinstance(name, str) or not name.strip():
        raise ApiError("InvalidParameterValue.TemplateNameIsNULL", "The template name cannot be empty.")
    if len(name) > 255 or any(ord(c) < 32 for c in name):
        raise ApiError("InvalidParameterValue.TemplateNameIllegal", "Invalid template name.")
    return name


def _content(params: dict, limit: int | None) -> tuple[str | None, str | None]:
    content = params.get("TemplateContent")
    if not isinstance(content, dict) or not (content.get("Html") or content.get("Text")):
        raise ApiError("InvalidParameterValue.TemplateContentIsNULL", "The template resource is empty.")
    decoded: list[str | None] = []
    size = 0
    for part in ("Html", "Text"):
        value = content.get(part)
        if not value:
            decoded.append(None)
            continue
        try:
            raw = base64.b64decode(value, validate=True)
            decoded.append(raw.decode("utf-8"))
        except (binascii.Error, ValueError, TypeError):
            raise ApiError("InvalidParameterValue.TemplateContentIsWrong", "Incorrect template content. Make sure the Base64 content is correct.") from None
        size += len(raw)
    if limit is not None and size > limit:
        raise ApiError("FailedOperation.TemplateContentToolarge", "The template size is too large. Reduce the size.")
    return decoded[0], decoded[1]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
