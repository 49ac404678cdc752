"""The end of ``templatekit check``'s output: problems by rule in a table, and the verdict in one line."""
from __future__ import annotations

import click

_HEADINGS = ("rule", "files", "templates", "errors", "warnings")
_TOTALS = ("templates", "built", "failed", "errors", "warnings")


def render(report, strict: bool = False, color: bool = False) -> str:
    """Problems by rule (when there are any), the counts of the whole check, and the verdict.

    ``files`` counts the files a rule's problems are in, ``templates`` the
    templates they concern: a problem in a footer partial is in one file and
    concerns every template built from it.
    """
    rows = report.by_rule()
    lines = []
    if rows:
        body = [(row.rule, row.files, row.templates, row.errors, row.warnings) for row in rows]
        files = len({problem.path.resolve() for problem in report.problems})
        total = ("total", files, report.affected_templates(), len(report.errors), len(report.warnings))
        lines.extend(_table(_HEADINGS, [*body, None, total]))
        lines.append("")
    counts = (report.templates, report.built, report.not_built, len(report.errors), len(report.warnings))
    lines.extend(_table(_TOTALS, [counts], first_left=False))
    lines.append("")
    lines.append(verdict(report, strict, color))
    return "\n".join(lines) + "\n"


def _table(headings: tuple[str, ...], rows: list, first_left: bool = True) -> list[str]:
    """Aligned columns: the first left-aligned (a name) unless ``first_left`` is false, numbers right; None is a rule."""
    cells = [headings, *(row for row in rows if row is not None)]
    widths = [max(len(str(row[index])) for row in cells) for index in range(len(headings))]

    def line(row) -> str:
        if row is None:
            return "  ".join("-" * width for width in widths)
        first = str(row[0]).ljust(widths[0]) if first_left else str(row[0]).rjust(widths[0])
        return "  ".join([first] + [str(value).rjust(width) for value, width in zip(row[1:], widths[1:])]).rstrip()

    return [line(headings if first_left else tuple(h.rjust(w) for h, w in zip(headings, widths)))] + [line(row) for row in rows]


def verdict(report, strict: bool = False, color: bool = False) -> str:
    """``check passed: ...`` or ``check failed: ...`` with what was checked and what was found."""
    passed = report.passed(strict)
    scope = _scope(report)
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        found = "no problems"
    else:
        found = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if report.lint.suppressed:
        found += f" ({report.lint.suppressed} suppressed)"
    done = f", {report.not_built} did not build" if report.not_built else " built and linted"
    text = f"check {'passed' if passed else 'failed'}: {scope}{done}; {found}"
    if not passed and not errors:
        text += " (--strict: warnings fail)"
    if not color:
        return text
    return click.style(text, fg="green" if passed and not warnings else "yellow" if passed else "red", bold=not passed)


def _scope(report) -> str:
    count = report.templates
    noun = f"{count} template{'s' if count != 1 else ''}"
    selection = report.selection
    if selection is None:
        return noun
    if selection.everything is not None:
        from ..errors import display_path

        return f"{noun} (all: {display_path(selection.everything)} changed)"
    return f"{count} of {report.candidates} templates (those the changes concern)"
