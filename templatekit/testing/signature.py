"""Checking a TC3-HMAC-SHA256 signature the way Tencent Cloud's API gateway does.

The client signs ``POST / <content-type;host> sha256(body)`` with a key derived
from the SecretKey, the date and the service; the server recomputes it.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timezone
from typing import Mapping

ALGORITHM = "TC3-HMAC-SHA256"
MAX_SKEW = 300  # seconds: the gateway refuses a timestamp more than 5 minutes off

_AUTHORIZATION = re.compile(
    r"^(?P<algorithm>\S+) Credential=(?P<secret_id>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<service>[\w-]+)/tc3_request, "
    r"SignedHeaders=(?P<signed>[\w;-]+), Signature=(?P<signature>[0-9a-f]{64})$"
)


class SignatureError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def sign(secret_key: str, date: str, service: str, string_to_sign: str) -> str:
    def digest(key: bytes, message: str) -> bytes:
        return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()

    key = digest(digest(digest(("TC3" + secret_key).encode("utf-8"), date), service), "tc3_request")
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(
    method: str, path: str, query: str, headers: Mapping[str, str], body: bytes,
    secrets: Mapping[str, str], service: str, now: float,
) -> str:
    """Check the request's signature; returns the SecretId used, or raises SignatureError."""
    authorization = headers.get("Authorization", "")
    match = _AUTHORIZATION.match(authorization)
    if match is None:
        raise SignatureError("AuthFailure.InvalidAuthorization", "Authorization header is missing or malformed.")
    if match["algorithm"] != ALGORITHM:
        raise SignatureError("AuthFailure.InvalidAuthorization", f"Unsupported signature algorithm {match['algorithm']}.")
    secret_id = match["secret_id"]
    if secret_id not in secrets:
        raise SignatureError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.")
    try:
        timestamp = int(headers.get("X-TC-Timestamp", ""))
    except ValueError:
        raise SignatureError("MissingParameter", "The X-TC-Timestamp header is missing or not an integer.") from None
    if abs(now - timestamp) > MAX_SKEW:
        raise SignatureError("AuthFailure.SignatureExpire", "Signature expired: the timestamp is more than 5 minutes away from the server time.")
    date = datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")
    if match["date"] != date or match["service"] != service:
        raise SignatureError("AuthFailure.SignatureFailure", "The credential scope does not match the timestamp or the service.")
    signed = match["signed"].split(";")
    if "content-type" not in signed or "host" not in signed:
        raise SignatureError("AuthFailure.SignatureFailure", "SignedHeaders must include content-type and host.")
    canonical_headers = "".join(f"{name}:{headers.get(name, '').strip().lower()}\n" for name in signed)
    if headers.get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD":
        payload = b"UNSIGNED-PAYLOAD"
    else:
        payload = body
    canonical = "\n".join(
        [method, path, query, canonical_headers, match["signed"], hashlib.sha256(payload).hexdigest()]
    )
    string_to_sign = "\n".join(
        [ALGORITHM, str(timestamp), f"{date}/{service}/tc3_request", hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    expected = sign(secrets[secret_id], date, service, string_to_sign)
    if not hmac.compare_digest(expected, match["signature"]):
        raise SignatureError(
            "AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct."
        )
    return secret_id
