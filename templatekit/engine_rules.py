"""The rules of the lint engine itself, which come with every pack: build errors and unused suppressions."""
from __future__ import annotations

from .packs import Rule
from .problem import ERROR, WARNING

BUILD_ERROR = "build-error"
UNUSED_SUPPRESSION = "unused-suppression"

# Rules of the engine itself: they come with every pack.
ENGINE_RULES = (
    Rule(
        id=BUILD_ERROR, kind="engine", severity=ERROR, pack="templatekit",
        summary="the template does not build (Jinja, MJML or front matter error)",
        message="{detail}", options={},
        docs={
            "what": "Reports a template that cannot be built: invalid front matter, a Jinja error, invalid MJML, "
                    "a missing include, a file that is not UTF-8. Linting goes on with the other templates.",
            "why": "Only a template that builds can be checked or submitted.",
            "fact": "SES accepts only complete HTML or text content for a template.",
            "fix": "Fix the error at the file and line given; `templatekit build` shows the same message.",
        },
        examples={"fail": "---\ntype: marketing\n---\n{{ undefined_name }}", "pass": "---\ntype: trigger\nsubject: Code\n---\nYour code"},
    ),
    Rule(
        id=UNUSED_SUPPRESSION, kind="engine", severity=WARNING, pack="templatekit",
        summary="an inline suppression that suppresses nothing, or names an unknown rule",
        message="{detail}", options={},
        docs={
            "what": "Reports a `{# templatekit: disable=RULE #}` or `disable-file=RULE` comment that no problem "
                    "needed, or that names a rule that does not exist.",
            "why": "A stale suppression would silently hide the next real problem on that line.",
            "fact": "Not an SES rule: it keeps suppressions honest.",
            "fix": "Remove the comment, or correct the rule id.",
        },
        examples={
            "fail": "{# templatekit: disable=url #}\n<p>No link on this line.</p>",
            "pass": "{# templatekit: disable=url #}\n<p>Visit https://partner.example.net today.</p>",
        },
    ),
)
