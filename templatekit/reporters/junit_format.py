"""JUnit XML, for CI systems that show test reports: a test suite per file, a failing test case per problem."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from ..errors import display_path


def render(report, catalog=None, color: bool = False) -> str:
    by_file: dict = {path: [] for path in report.files}
    for problem in report.problems:
        by_file.setdefault(problem.path, []).append(problem)
    root = ElementTree.Element("testsuites", name="templatekit lint")
    total = failures = 0
    for path, problems in by_file.items():
        name = display_path(path)
        suite = ElementTree.SubElement(root, "testsuite", name=name)
        if not problems:
            ElementTree.SubElement(suite, "testcase", classname=name, name="templatekit lint")
        for problem in problems:
            case = ElementTree.SubElement(
                suite, "testcase", classname=name, name=f"{problem.rule} at line {problem.line}"
            )
            failure = ElementTree.SubElement(case, "failure", type=problem.severity, message=problem.message)
            failure.text = f"{name}:{problem.line}:{problem.column}: {problem.severity} {problem.rule} {problem.message}"
        cases = max(1, len(problems))
        suite.set("tests", str(cases))
        suite.set("failures", str(len(problems)))
        suite.set("errors", "0")
        total += cases
        failures += len(problems)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
