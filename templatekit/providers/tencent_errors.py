"""What SES error codes mean, in words a template author can act on.

Codes and meanings follow Tencent Cloud's SES error code list (common and
SES-specific codes); the advice after the meaning is ours.
"""
from __future__ import annotations

MEANINGS: dict[str, str] = {
    # common codes
    "AuthFailure.InvalidAuthorization": "the Authorization header is malformed",
    "AuthFailure.InvalidSecretId": "the SecretId is not an API key; check TENCENTCLOUD_SECRET_ID",
    "AuthFailure.SecretIdNotFound": "the SecretId does not exist or is disabled; check TENCENTCLOUD_SECRET_ID",
    "AuthFailure.SignatureExpire": "the request's time is more than 5 minutes off the server's; check this machine's clock",
    "AuthFailure.SignatureFailure": "the signature does not match; check TENCENTCLOUD_SECRET_KEY",
    "AuthFailure.TokenFailure": "the session token is invalid or expired; check TENCENTCLOUD_SESSION_TOKEN",
    "AuthFailure.UnauthorizedOperation": "this API key may not call this action; grant it SES access in CAM",
    "InternalError": "an internal error at SES; try again later",
    "InvalidAction": "SES has no such action",
    "InvalidParameter": "a parameter is malformed",
    "InvalidParameterValue": "a parameter has an invalid value",
    "LimitExceeded": "a quota is exceeded",
    "MissingParameter": "a required parameter is missing",
    "NoSuchVersion": "SES does not know this API version",
    "RequestLimitExceeded": "too many requests: SES allows 20 per second per action",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded": "the account made too many requests",
    "RequestLimitExceeded.IPLimitExceeded": "this IP address made too many requests",
    "RequestLimitExceeded.UinLimitExceeded": "the account made too many requests",
    "UnsupportedRegion": "SES is not available in this region; use ap-guangzhou, ap-hongkong or ap-singapore",
    "UnauthorizedOperation": "this API key may not call this action",
    "UnknownParameter": "SES does not know a parameter",
    "ResourceNotFound": "the resource does not exist",
    "ResourceUnavailable": "the resource is unavailable",
    "UnsupportedOperation": "SES does not support this operation",
    # templates
    "FailedOperation.ExceedTemplateLimit": "the account has reached its limit on the number of templates; delete unused ones",
    "FailedOperation.TemplateContentToolarge": "the template is too large; remove content or images",
    "FailedOperation.InvalidTemplateID": "the template ID is invalid or the template is unavailable",
    "FailedOperation.InvalidLimit": "a list page may hold at most 100 templates",
    "InvalidParameterValue.TemplateContentIsNULL": "the template has no content (neither HTML nor text)",
    "InvalidParameterValue.TemplateContentIsWrong": "the template content is not valid base64",
    "InvalidParameterValue.TemplateNameIllegal": "the template name has characters or a length SES does not accept",
    "InvalidParameterValue.TemplateNameIsNULL": "the template name is empty",
    "InvalidParameterValue.TemplateNotExist": "no template has this ID (deleted in the console?)",
    "OperationDenied.TemplateStatusError": "the template does not exist or is not approved yet",
    # sending
    "FailedOperation.EmailAddrInBlacklist": "the recipient address is on the blocklist",
    "FailedOperation.EmailContentToolarge": "the email is too large",
    "FailedOperation.ExceedSendLimit": "the daily sending limit is reached",
    "FailedOperation.FrequencyLimit": "too many emails to this address recently (SES allows 10 an hour)",
    "FailedOperation.HighRejectionRate": "sending is blocked for a while because of a high rejection rate",
    "FailedOperation.IncorrectEmail": "an email address is malformed",
    "FailedOperation.IncorrectSender": "the sender is malformed; use address@domain or 'Alias <address@domain>'",
    "FailedOperation.InsufficientBalance": "the account is out of balance or in arrears",
    "FailedOperation.InsufficientQuota": "the plan has no emails left",
    "FailedOperation.MissingEmailContent": "the email has no content (TemplateData is empty)",
    "FailedOperation.NotAuthenticatedSender": "the sender address is not verified in the SES console",
    "FailedOperation.ReceiverHasUnsubscribed": "the recipient has unsubscribed",
    "FailedOperation.TemporaryBlocked": "the recipient's mail provider is blocking for 10 minutes; try later",
    "FailedOperation.TooManyRecipients": "at most 50 recipients per email",
    "FailedOperation.TemplateNotMatchData": "TemplateData keys do not match the template's variables",
    "FailedOperation.WrongContentJson": "TemplateData is not valid JSON",
    "FailedOperation.ServiceNotAvailable": "the request did not take effect; try again",
    "InvalidParameterValue.EmailAddressIsNULL": "the sender or recipient address is empty",
    "InvalidParameterValue.IllegalEmailAddress": "an email address is malformed",
    "InvalidParameterValue.IllegalSenderName": "the sender alias is not accepted",
    "InvalidParameterValue.NoSuchSender": "the account has no such sender address",
    "InvalidParameterValue.ReceiverEmailInvalid": "the recipient address is invalid",
    "InvalidParameterValue.SubjectLengthError": "the subject must be 1 to 100 characters",
    "InvalidParameterValue.TemplateDataError": "TemplateData must be a JSON object",
    "InvalidParameterValue.TemplateDataInconsistent": "a TemplateData key differs from the template's variable names",
    "InvalidParameterValue.TemplateNotMatchData": "TemplateData keys do not match the template's variables",
    "OperationDenied.SendAddressStatusError": "the sender address does not exist or is not approved",
}


def meaning(code: str | None) -> str | None:
    """The meaning of ``code``, or of its family (``FailedOperation.X`` -> ``FailedOperation``)."""
    if not code:
        return None
    if code in MEANINGS:
        return MEANINGS[code]
    family = code.split(".", 1)[0]
    if family.startswith("RequestLimitExceeded"):
        return MEANINGS["RequestLimitExceeded"]
    return MEANINGS.get(family)
