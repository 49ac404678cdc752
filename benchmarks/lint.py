"""Lint speed, and whether CSS inlining changes lint results.

Lints the bundled templates and the rule-test fixtures (about 100 templates)
and prints: time per template split into build, measure and rules; the same
with inlined HTML; and the problems that differ between the two.
Run: python benchmarks/lint.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from templatekit.document import measure  # noqa: E402
from templatekit.errors import TemplatekitError  # noqa: E402
from templatekit.linter import check_document, lint_paths  # noqa: E402
from templatekit.project import Project  # noqa: E402
from templatekit.ruleset import load_settings  # noqa: E402

SKIP = ("message-size", "gmail-clip")  # size fixtures: megabytes on purpose


def corpus(folder: Path) -> list[tuple[Project, Path]]:
    project = Project.discover(folder)
    return [(project, path) for path in project.find_templates(None) if not any(part in SKIP for part in path.parts)]


def run(items, inline: bool):
    timings = {"build": 0.0, "measure": 0.0, "rules": 0.0}
    results = {}
    settings = {}
    for project, path in items:
        if project not in settings:
            settings[project] = load_settings(project.config)
        rules = settings[project].for_path(path)
        try:
            template = project.load(path)
            start = time.perf_counter()
            built = template.build(inline=inline)
        except TemplatekitError:
            continue
        middle = time.perf_counter()
        document = measure(
            path=path, name=built.name, type=built.type, source_kind=template.kind, subject=built.subject,
            declared=dict(template.meta.variables), business=built.business, html=built.html, text=built.text,
            key_lines=template.meta.lines,
        )
        end = time.perf_counter()
        problems = check_document(document, rules)
        timings["build"] += middle - start
        timings["measure"] += end - middle
        timings["rules"] += time.perf_counter() - end
        results[path] = sorted((p.rule, p.message) for p in problems)
    return timings, results


def main() -> None:
    for label, folder in (("bundled templates (MJML)", ROOT), ("rule fixtures (mostly HTML)", ROOT / "tests" / "lint" / "fixtures")):
        print(f"\n== {label}")
        compare(corpus(folder))
    project = Project.discover(ROOT)
    settings = load_settings(project.config)
    start = time.perf_counter()
    report = lint_paths(project, settings=settings)
    print(f"\nlint_paths on the bundled templates: {(time.perf_counter() - start) * 1000:.1f} ms for {report.templates} templates")
    start = time.perf_counter()
    load_settings(project.config)
    print(f"loading the rule pack and configuration: {(time.perf_counter() - start) * 1000:.1f} ms")


def compare(items) -> None:
    run(items, inline=False)  # warm the Jinja template cache: both modes then start equal
    run(items, inline=True)
    plain: dict = {}
    for inline in (False, True):
        # best of three runs, so that neither mode pays for warm-up
        timings, results = min((run(items, inline) for _ in range(3)), key=lambda pair: sum(pair[0].values()))
        count = len(results)
        total = sum(timings.values())
        print(f"\ninline={inline}: {count} templates, {total / count * 1000:.2f} ms per template")
        for name, seconds in timings.items():
            print(f"  {name:<8} {seconds / count * 1000:7.2f} ms  ({seconds / total:5.1%})")
        if inline:
            differing = [path for path in results if results[path] != plain[path]]
            print(f"  problems that differ from the un-inlined lint: {len(differing)} templates")
            for path in differing:
                print(f"    {path.relative_to(ROOT)}: {sorted(set(results[path]) ^ set(plain[path]))}")
        else:
            plain = results


if __name__ == "__main__":
    main()
