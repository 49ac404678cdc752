"""The end of ``templatekit check``'s output: problems by rule in a table, and the verdict in one line."""
from __future__ import annotations

import click

_HEADINGS = ("rule", "files", "errors", "warnings")


def render(report, strict: bool = False, color: bool = False) -> str:
    rows = report.by_rule()
    lines = []
    if rows:
        body = [(row.rule, row.files, row.errors, row.warnings) for row in rows]
        files = len({problem.path.resolve() for problem in report.problems})
        total = ("total", files, len(report.errors), len(report.warnings))
        width = max(len(str(row[0])) for row in [_HEADINGS, *body, total])
        numbers = [max(len(heading), *(len(str(row[index])) for row in [*body, total])) for index, heading in enumerate(_HEADINGS) if index]

        def line(row) -> str:
            cells = [str(row[0]).ljust(width)] + [str(value).rjust(size) for value, size in zip(row[1:], numbers)]
            return "  ".join(cells).rstrip()

        lines.append(line(_HEADINGS))
        lines.extend(line(row) for row in body)
        lines.append("  ".join(["-" * width] + ["-" * size for size in numbers]))
        lines.append(line(total))
        lines.append("")
    lines.append(verdict(report, strict, color))
    return "\n".join(lines) + "\n"


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
