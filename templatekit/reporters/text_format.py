"""``path:line:col: severity rule-id message`` lines and a summary line; colour only on a terminal."""
from __future__ import annotations

import click

from ..errors import display_path

_COLOURS = {"error": "red", "warning": "yellow"}


def render(report, catalog=None, color: bool = False) -> str:
    lines = [problem_line(problem, color) for problem in report.problems]
    lines.append(summary(report, color))
    return "\n".join(lines) + "\n"


def problem_line(problem, color: bool = False) -> str:
    where = f"{display_path(problem.path)}:{problem.line}:{problem.column}:"
    severity = problem.severity
    rule = problem.rule
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLOURS.get(severity))
        rule = click.style(rule, dim=True)
    return f"{where} {severity} {rule} {problem.message}"


def summary(report, color: bool = False) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    templates = f"{report.templates} template{'s' if report.templates != 1 else ''}"
    if not errors and not warnings:
        text = f"{templates} checked: no problems"
        if report.suppressed:
            text += f" ({report.suppressed} suppressed)"
        return click.style(text, fg="green") if color else text
    text = f"{templates} checked: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    if report.suppressed:
        text += f" ({report.suppressed} suppressed)"
    return click.style(text, fg="red" if errors else "yellow", bold=True) if color else text
