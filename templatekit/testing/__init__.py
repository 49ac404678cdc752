"""A fake Tencent Cloud SES API for tests, yours and ours.

``FakeSes`` is a real HTTP server on 127.0.0.1 that the official SDK talks to
through ``--endpoint`` or ``TEMPLATEKIT_SES_ENDPOINT``::

    from templatekit.testing import FakeSes

    with FakeSes() as ses:               # accepts DEFAULT_SECRET_ID / DEFAULT_SECRET_KEY
        ...                              # run templatekit with --endpoint ses.endpoint
        ses.approve("password-reset")    # play the reviewer
        ses.throttle("CreateEmailTemplate")   # or inject a fault

``python -m templatekit.testing --port 8765`` runs it on its own.
"""
from .account import APPROVED, REJECTED, UNDER_REVIEW, ApiError, FakeAccount, FakeTemplate, SentEmail
from .server import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, FakeSes, Fault, Request

__all__ = [
    "APPROVED", "REJECTED", "UNDER_REVIEW", "ApiError", "FakeAccount", "FakeTemplate", "SentEmail",
    "DEFAULT_SECRET_ID", "DEFAULT_SECRET_KEY", "FakeSes", "Fault", "Request",
]
