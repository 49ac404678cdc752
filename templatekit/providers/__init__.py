"""The provider interface: what the publishing commands need from an email service.

Commands talk to a ``Provider`` and never to an SDK, so a second provider can be
added beside ``tencent.py`` without touching them. Review states are words
(``approved``, ``under review``, ``rejected``, ``unavailable``), not codes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ..errors import TemplatekitError

if TYPE_CHECKING:  # pragma: no cover
    from .settings import SesSettings

APPROVED = "approved"
UNDER_REVIEW = "under review"
REJECTED = "rejected"
UNAVAILABLE = "unavailable"
REVIEW_STATES = (APPROVED, UNDER_REVIEW, REJECTED, UNAVAILABLE)


class ProviderError(TemplatekitError):
    """The service refused a request or could not be reached; ``code`` is the service's error code."""

    def __init__(self, message: str, code: str | None = None, request_id: str | None = None, transient: bool = False,
                 unsent: bool = False):
        super().__init__(message)
        self.code = code
        self.request_id = request_id
        self.transient = transient
        self.unsent = unsent  # the request certainly never reached the service (refused, no such host)


@dataclass(frozen=True)
class Content:
    """A template's body as the service stores it: HTML and/or plain text, decoded."""

    html: str | None
    text: str | None


@dataclass(frozen=True)
class RemoteTemplate:
    """One template in the account, as listed (no content)."""

    id: int
    name: str
    status: str
    status_code: int | None
    review_reason: str | None
    created: int | None  # seconds since the epoch


@dataclass(frozen=True)
class RemoteContent:
    """One template in the account with its content."""

    id: int
    name: str
    status: str
    status_code: int | None
    content: Content


class Provider(Protocol):
    """An email service holding reviewed templates."""

    name: str

    def list_templates(self) -> list[RemoteTemplate]:
        """Every template in the account, following pages."""

    def get_template(self, template_id: int) -> RemoteContent: ...

    def create_template(self, name: str, content: Content) -> int:
        """Create a template; retries never leave two templates of this name behind."""

    def update_template(self, template_id: int, name: str, content: Content) -> None:
        """Replace a template's content; it goes back into review."""

    def delete_template(self, template_id: int) -> None: ...

    def send_email(
        self, template_id: int, data: dict[str, str], *, sender: str, to: list[str], subject: str, trigger: bool = False
    ) -> str:
        """Send one email with an approved template; returns the message id."""


def open_provider(settings: "SesSettings") -> Provider:
    """The provider for ``settings``; the SDK is imported only now."""
    from .tencent import TencentSes

    return TencentSes(settings)
