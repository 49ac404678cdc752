"""Where and how to reach SES: region, endpoint, credentials and client limits.

Settings come from the command line, then the environment, then
``[tool.templatekit.ses]``, whose keys are checked as strictly as the rest of
the configuration. Secrets are read from the environment (or the SDK's
credentials file) only, never from the project, and never printed.
"""
from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit

from ..config import Config, _key_line
from ..errors import ConfigError, did_you_mean

ENDPOINT_VARIABLE = "TEMPLATEKIT_SES_ENDPOINT"
SECRET_ID_VARIABLE = "TENCENTCLOUD_SECRET_ID"
SECRET_KEY_VARIABLE = "TENCENTCLOUD_SECRET_KEY"
TOKEN_VARIABLE = "TENCENTCLOUD_SESSION_TOKEN"
CREDENTIALS_FILE = Path("~/.tencentcloud/credentials")

# The template actions are served in these regions: the China site's host for
# Guangzhou and Hong Kong, the international site's for Singapore.
REGIONS = {
    "ap-guangzhou": "ses.tencentcloudapi.com",
    "ap-hongkong": "ses.tencentcloudapi.com",
    "ap-singapore": "ses.intl.tencentcloudapi.com",
}
DEFAULT_REGION = "ap-guangzhou"
# SES documents 20 requests per second per action; staying well under it leaves
# room for clock skew and for other tools using the same account.
DEFAULT_RATE = 15.0
MAX_RATE = 20.0

# key -> (accepted types, what to call them in an error)
_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "region": ((str,), "string"),
    "endpoint": ((str,), "string"),
    "max_attempts": ((int,), "whole number"),
    "timeout": ((int, float), "number of seconds"),
    "rate": ((int, float), "number of requests per second"),
}
_LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class Endpoint:
    scheme: str
    host: str  # host or host:port, as HttpProfile wants it

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}"

    @property
    def is_loopback(self) -> bool:
        return _is_loopback(urlsplit(self.url).hostname or "")


@dataclass(frozen=True)
class SesSettings:
    region: str = DEFAULT_REGION
    endpoint: Endpoint = field(default_factory=lambda: Endpoint("https", REGIONS[DEFAULT_REGION]))
    max_attempts: int = 5
    timeout: float = 30.0
    rate: float = DEFAULT_RATE


@dataclass(frozen=True)
class Credentials:
    secret_id: str = field(repr=False)
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    source: str = ""

    def secrets(self) -> list[str]:
        """The values that must never be shown, for redaction."""
        return [value for value in (self.secret_id, self.secret_key, self.token) if value]


def ses_settings(
    config: Config, region: str | None = None, endpoint: str | None = None, environ: Mapping[str, str] | None = None
) -> SesSettings:
    """Settings from command-line values, the environment and ``[tool.templatekit.ses]``."""
    environ = os.environ if environ is None else environ
    table = validate_table(config)
    file = config.source
    chosen_region = region or table.get("region") or DEFAULT_REGION
    if chosen_region not in REGIONS:
        where = (None, None) if region else (file, _key_line(file, "region") if config.path else None)
        raise ConfigError(
            f"SES region '{chosen_region}' does not serve templates; choose one of "
            f"{', '.join(REGIONS)}{did_you_mean(chosen_region, REGIONS)}",
            *where,
        )
    if endpoint:
        parsed = parse_endpoint(endpoint, "--endpoint")
    elif environ.get(ENDPOINT_VARIABLE):
        parsed = parse_endpoint(environ[ENDPOINT_VARIABLE], ENDPOINT_VARIABLE)
    elif table.get("endpoint"):
        parsed = parse_endpoint(table["endpoint"], "endpoint", file, _key_line(file, "endpoint"))
    else:
        parsed = Endpoint("https", REGIONS[chosen_region])
    return SesSettings(
        region=chosen_region,
        endpoint=parsed,
        max_attempts=table.get("max_attempts", 5),
        timeout=float(table.get("timeout", 30.0)),
        rate=float(table.get("rate", DEFAULT_RATE)),
    )


def validate_table(config: Config) -> dict[str, Any]:
    """``[tool.templatekit.ses]``, checked: an unknown key or a wrong type names the file and line."""
    table = config.ses or {}
    file = config.source
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(
                f"unknown key '{key}' in [tool.templatekit.ses]{did_you_mean(key, _KEYS)}", file, _key_line(file, key)
            )
        kinds, description = _KEYS[key]
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise ConfigError(f"[tool.templatekit.ses] '{key}' must be a {description}", file, _key_line(file, key))
    if not 1 <= table.get("max_attempts", 5) <= 10:
        raise ConfigError("[tool.templatekit.ses] 'max_attempts' must be between 1 and 10", file, _key_line(file, "max_attempts"))
    if not 0 < table.get("timeout", 30) <= 600:
        raise ConfigError("[tool.templatekit.ses] 'timeout' must be between 0 and 600 seconds", file, _key_line(file, "timeout"))
    if not 0 < table.get("rate", DEFAULT_RATE) <= MAX_RATE:
        raise ConfigError(
            f"[tool.templatekit.ses] 'rate' must be above 0 and at most {MAX_RATE:g} requests per second (the SES limit)",
            file, _key_line(file, "rate"),
        )
    return table


def parse_endpoint(value: str, source: str, path: Path | None = None, line: int | None = None) -> Endpoint:
    """``host``, ``host:port`` or a URL; plain http only for this machine (127.0.0.1, localhost)."""
    text = value.strip()
    label = f"{source} " if path is None else ""
    if "://" not in text:
        host = urlsplit(f"//{text}").hostname or ""
        scheme = "http" if _is_loopback(host) else "https"
        text = f"{scheme}://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ConfigError(f"{label}'{value}' is not a valid endpoint: {error}", path, line) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{label}'{value}' is not a valid endpoint: give host[:port] or an http(s) URL", path, line)
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigError(f"{label}'{value}' must name only a host and port (SES is served at /)", path, line)
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigError(
            f"{label}'{value}': plain http is allowed only for 127.0.0.1 or localhost; use https", path, line
        )
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return Endpoint(parts.scheme, f"{host}:{port}" if port else host)


def load_credentials(environ: Mapping[str, str] | None = None) -> Credentials:
    """SecretId and SecretKey from the environment, else the SDK's credentials file."""
    environ = os.environ if environ is None else environ
    secret_id = _checked(environ.get(SECRET_ID_VARIABLE, ""), SECRET_ID_VARIABLE)
    secret_key = _checked(environ.get(SECRET_KEY_VARIABLE, ""), SECRET_KEY_VARIABLE)
    if secret_id and secret_key:
        token = _checked(environ.get(TOKEN_VARIABLE, ""), TOKEN_VARIABLE)
        return Credentials(secret_id, secret_key, token or None, "environment")
    if secret_id or secret_key:
        missing = SECRET_KEY_VARIABLE if secret_id else SECRET_ID_VARIABLE
        present = SECRET_ID_VARIABLE if secret_id else SECRET_KEY_VARIABLE
        raise ConfigError(f"{present} is set but {missing} is not; set both to your SES API key")
    from_file = _credentials_file()
    if from_file is not None:
        return from_file
    raise ConfigError(
        f"no SES credentials: set {SECRET_ID_VARIABLE} and {SECRET_KEY_VARIABLE} "
        f"(or secret_id and secret_key under [default] in {CREDENTIALS_FILE})"
    )


def _credentials_file() -> Credentials | None:
    # The SDK's profile chain: the same file and section the SDK and tccli read.
    from tencentcloud.common.credential import ProfileCredential

    try:
        found = ProfileCredential().get_credential()
    except Exception:  # a malformed file is the same as none: the error below names the variables
        return None
    if found is None:
        return None
    where = f"under [default] in {CREDENTIALS_FILE}"
    return Credentials(
        _checked(found.secret_id, f"secret_id {where}"), _checked(found.secret_key, f"secret_key {where}"), None, "credentials file"
    )


def _checked(value: str, source: str) -> str:
    """``value`` without surrounding whitespace; a ConfigError naming ``source`` (never the value)
    when a character inside cannot be part of a key: a pasted line break would otherwise reach an
    HTTP header, whose library quotes the whole value in its error."""
    value = value.strip()
    if any(not 0x21 <= ord(char) <= 0x7E for char in value):
        raise ConfigError(
            f"{source} contains a line break, space, control or non-ASCII character; "
            f"SES keys and tokens are printable ASCII: set it again without it"
        )
    return value


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
