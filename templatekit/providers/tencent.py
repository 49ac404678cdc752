"""Tencent Cloud SES through the official SDK (``tencentcloud-sdk-python-ses``, API 2020-10-02).

Every call is paced under SES's rate limit and retried with backoff when SES
says ``RequestLimitExceeded`` or the network fails. Errors become one line with
the SES code, what it means and the RequestId; secrets are scrubbed from it.
"""
from __future__ import annotations

import base64
import binascii
import json
import logging
import random
import re
import time
from typing import Any, Callable

from . import (
    APPROVED,
    REJECTED,
    UNAVAILABLE,
    UNDER_REVIEW,
    Content,
    ProviderError,
    RemoteContent,
    RemoteTemplate,
)
from .pacing import Backoff, RateLimiter
from .redaction import Scrubber
from .settings import Credentials, SesSettings, load_credentials
from .tencent_errors import meaning

STATUSES = {0: APPROVED, 1: UNDER_REVIEW, 2: REJECTED}
PAGE_SIZE = 100  # the most ListEmailTemplates returns at once

# Failures after which the request may or may not have taken effect.
_NETWORK_CODES = ("ClientNetworkError", "ServerNetworkError")
_AMBIGUOUS_CODES = _NETWORK_CODES + ("InternalError", "FailedOperation.ServiceNotAvailable")
_NETWORK_REASONS = (
    (re.compile(r"Connection refused", re.I), "connection refused"),
    (re.compile(r"timed out|timeout", re.I), "timed out"),
    (re.compile(r"RemoteDisconnected|Connection aborted|connection reset|closed connection", re.I), "the connection was closed without an answer"),
    (re.compile(r"Name or service not known|nodename nor servname|getaddrinfo|Failed to resolve", re.I), "the host name does not resolve"),
    (re.compile(r"CERTIFICATE|SSL", re.I), "TLS failed"),
)


def status_word(code: Any) -> str:
    """0 approved, 1 under review, 2 rejected; any other value is unavailable."""
    return STATUSES.get(code, UNAVAILABLE) if isinstance(code, int) and not isinstance(code, bool) else UNAVAILABLE


class TencentSes:
    name = "Tencent Cloud SES"

    def __init__(
        self,
        settings: SesSettings,
        credentials: Credentials | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        limiter: RateLimiter | None = None,
    ):
        """``sleep`` and ``rand`` drive the backoff between retries; ``limiter`` paces every call."""
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.ses.v20201002.ses_client import SesClient

        credentials = credentials or load_credentials()
        self.settings = settings
        self._redact = Scrubber(credentials.secrets())
        http = HttpProfile(endpoint=settings.endpoint.host, protocol=settings.endpoint.scheme, reqTimeout=settings.timeout)
        profile = ClientProfile(httpProfile=http, language="en-US")
        self._client = SesClient(
            credential.Credential(credentials.secret_id, credentials.secret_key, credentials.token), settings.region, profile
        )
        if settings.endpoint.is_loopback:
            _bypass_proxies(self._client)
        _redact_sdk_log(credentials.secrets())
        self._sleep = sleep
        self._rand = rand
        self._limiter = limiter or RateLimiter(settings.rate)
        self._backoff = Backoff(attempts=settings.max_attempts)
        self.calls = 0

    # --- the provider interface -------------------------------------------------

    def list_templates(self) -> list[RemoteTemplate]:
        found: dict[int, RemoteTemplate] = {}
        offset = 0
        while True:
            page = self._call("ListEmailTemplates", {"Limit": PAGE_SIZE, "Offset": offset})
            items = page.get("TemplatesMetadata") or []
            for item in items:
                template = RemoteTemplate(
                    id=int(item["TemplateID"]),
                    name=str(item.get("TemplateName") or ""),
                    status=status_word(item.get("TemplateStatus")),
                    status_code=item.get("TemplateStatus"),
                    review_reason=item.get("ReviewReason") or None,
                    created=item.get("CreatedTimestamp"),
                )
                found.setdefault(template.id, template)
            offset += len(items)
            total = page.get("TotalCount") or 0
            if len(items) < PAGE_SIZE or offset >= total:
                return list(found.values())

    def get_template(self, template_id: int) -> RemoteContent:
        data = self._call("GetEmailTemplate", {"TemplateID": int(template_id)})
        content = data.get("TemplateContent") or {}
        return RemoteContent(
            id=int(template_id),
            name=str(data.get("TemplateName") or ""),
            status=status_word(data.get("TemplateStatus")),
            status_code=data.get("TemplateStatus"),
            content=Content(html=_decode(content.get("Html"), template_id, "HTML"), text=_decode(content.get("Text"), template_id, "text")),
        )

    def create_template(self, name: str, content: Content) -> int:
        def already_created() -> dict | None:
            # The failed try may have created it: adopt that one rather than make a second.
            same = [t for t in self.list_templates() if t.name == name]
            return {"TemplateID": max(t.id for t in same)} if same else None

        data = self._call("CreateEmailTemplate", {"TemplateName": name, "TemplateContent": _encode(content)}, recover=already_created)
        template_id = data.get("TemplateID")
        if not isinstance(template_id, int):
            raise ProviderError(f"SES CreateEmailTemplate answered without a TemplateID for '{name}'")
        return template_id

    def update_template(self, template_id: int, name: str, content: Content) -> None:
        # TemplateName is required even when unchanged; the content is replaced whole.
        self._call(
            "UpdateEmailTemplate", {"TemplateID": int(template_id), "TemplateName": name, "TemplateContent": _encode(content)}
        )

    def delete_template(self, template_id: int) -> None:
        self._call("DeleteEmailTemplate", {"TemplateID": int(template_id)})

    def send_email(
        self, template_id: int, data: dict[str, str], *, sender: str, to: list[str], subject: str, trigger: bool = False
    ) -> str:
        params = {
            "FromEmailAddress": sender,
            "Destination": list(to),
            "Subject": subject,
            "Template": {"TemplateID": int(template_id), "TemplateData": json.dumps(data, ensure_ascii=False)},
            # 1: the trigger channel SES keeps for instant mail such as verification codes.
            "TriggerType": 1 if trigger else 0,
        }
        return str(self._call("SendEmail", params, retry_network=False).get("MessageId") or "")

    # --- calling SES ------------------------------------------------------------

    def _call(
        self, action: str, params: dict, recover: Callable[[], dict | None] | None = None, retry_network: bool = True
    ) -> dict:
        """One action, paced and retried; the ``Response`` object of the answer."""
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException

        attempts = self._backoff.attempts
        for attempt in range(1, attempts + 1):
            self._limiter.wait()
            self.calls += 1
            try:
                answer = self._client.call_json(action, params)
                return self._response(action, answer)
            except TencentCloudSDKException as error:
                failure = self._failure(action, error.code, error.message, error.requestId)
            except ProviderError as error:
                failure = error
            except Exception as error:  # the SDK lets some failures through unwrapped
                failure = self._failure(action, type(error).__name__, str(error), None)
            retryable = failure.transient and (retry_network or failure.code not in _AMBIGUOUS_CODES)
            if not retryable or attempt == attempts:
                if attempt > 1:
                    failure.message = f"{failure.message}; tried {attempt} times"
                raise failure
            if recover is not None and failure.code in _AMBIGUOUS_CODES:
                recovered = recover()
                if recovered is not None:
                    return recovered
            self._sleep(self._backoff.delay(attempt, self._rand))
        raise AssertionError("unreachable")  # pragma: no cover

    def _response(self, action: str, answer: Any) -> dict:
        # The SDK reads the error envelope only when Content-Type is exactly
        # application/json; read it here too, so an error is never taken for an
        # empty success.
        response = answer.get("Response") if isinstance(answer, dict) else None
        if not isinstance(response, dict):
            raise self._failure(action, "InvalidResponse", "the answer has no Response object", None)
        error = response.get("Error")
        if isinstance(error, dict):
            raise self._failure(action, str(error.get("Code") or "Unknown"), str(error.get("Message") or ""), response.get("RequestId"))
        return response

    def _failure(self, action: str, code: str | None, message: Any, request_id: str | None) -> ProviderError:
        if isinstance(message, bytes):
            message = message.decode("utf-8", errors="replace")
        # Redact first: collapsing whitespace would change how a secret appears in the text.
        text = re.sub(r"\s+", " ", self._redact(str(message or ""))).strip()
        code = code or "Unknown"
        if code in _NETWORK_CODES:
            reason = _network_reason(text) if code == "ClientNetworkError" else "the server answered with an HTTP error"
            detail = "" if code == "ClientNetworkError" else f" ({text[:160]})" if text else ""
            return ProviderError(
                f"cannot reach SES at {self.settings.endpoint.url} ({action}): {reason}{detail}", code, None, transient=True
            )
        explained = meaning(code)
        summary = f"SES {action} failed: {code}"
        if explained:
            summary += f": {explained}"
        if text and text.rstrip(".").lower() != (explained or "").lower():
            summary += f" (SES says: {text[:300]})"
        if request_id:
            summary += f" [RequestId {request_id}]"
        transient = code.startswith("RequestLimitExceeded") or code in _AMBIGUOUS_CODES
        return ProviderError(summary, code, request_id, transient=transient)


def _encode(content: Content) -> dict[str, str]:
    encoded = {}
    if content.html is not None:
        encoded["Html"] = base64.b64encode(content.html.encode("utf-8")).decode("ascii")
    if content.text is not None:
        encoded["Text"] = base64.b64encode(content.text.encode("utf-8")).decode("ascii")
    return encoded


def _decode(value: Any, template_id: int, part: str) -> str | None:
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise ProviderError(f"SES returned template {template_id}'s {part} part in a form that is not base64 UTF-8 text") from None


def _network_reason(text: str) -> str:
    for pattern, reason in _NETWORK_REASONS:
        if pattern.search(text):
            return reason
    return text[:160] or "network error"


class _RedactingFilter(logging.Filter):
    """Scrubs secrets from the SDK's debug log, which prints request headers (Authorization names the SecretId)."""

    def __init__(self) -> None:
        super().__init__()
        self.scrub = Scrubber()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        clean = _CREDENTIAL.sub(r"\1***", self.scrub(text))
        if clean != text:
            record.msg, record.args = clean, ()
        return True


_CREDENTIAL = re.compile(r"(Credential=)[^/\s,]+")
_LOG_FILTER = _RedactingFilter()


def _redact_sdk_log(secrets: list[str]) -> None:
    logger = logging.getLogger("tencentcloud_sdk_common")
    _LOG_FILTER.scrub.add(secrets)
    if _LOG_FILTER not in logger.filters:
        logger.addFilter(_LOG_FILTER)


def _bypass_proxies(client: Any) -> None:
    # A proxy set for the internet (HTTP_PROXY) must not divert calls to a
    # server on this machine; requests would otherwise send them through it.
    connection = getattr(getattr(client, "request", None), "conn", None)
    if connection is None:  # pragma: no cover - a different SDK layout
        return
    connection.proxy = None
    session = getattr(connection, "_session", None)
    if session is not None:
        session.trust_env = False
