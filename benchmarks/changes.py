"""What the hooks and --changed-since cost on a large repository, and what check adds to lint.

Generates the seeded corpus (benchmarks/corpus.py) in a temporary git
repository and prints, for one changed template, a changed partial and the
data file: the time to ask git, to select the templates concerned, and to lint
them, with the pass that compares the selection with every template for the
repository-wide rules shown apart; then the wall time of the pre-commit hook's
command line, and check against lint (no cache) in one process and over a pool.
Run: python benchmarks/changes.py [--count 1000]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402
from templatekit.affected import affected_templates, lint_selection  # noqa: E402
from templatekit.checking import run_check  # noqa: E402
from templatekit.gitdiff import changes_since  # noqa: E402
from templatekit.linter import lint_paths  # noqa: E402
from templatekit.project import Project  # noqa: E402
from templatekit.ruleset import load_settings  # noqa: E402

GIT = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.com", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.com"}


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, (time.perf_counter() - start) * 1000


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="templatekit-changes-"))
    try:
        root = generate(folder / "repo", args.count)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "corpus")
        report(root, args.count)
    finally:
        shutil.rmtree(folder)


def report(root: Path, count: int) -> None:
    first = root / "templates" / "group-000" / "t00000.mjml"
    print(f"corpus: {count} MJML templates, one layout and one footer partial\n")
    for label, changed in (("one template", first), ("the footer partial", root / "templates" / "_footer.mjml"), ("the data file", root / "data.yaml")):
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        project = Project.discover(root)
        settings = load_settings(project.config)
        changes, asked = timed(changes_since, "main", root)
        selection, selected = timed(affected_templates, project, changes.changed, changes.deleted, settings=settings)
        print(f"changed: {label}")
        print(f"  git (merge base, diff, untracked)   {asked:8.1f} ms")
        print(f"  select the templates concerned      {selected:8.1f} ms  -> {len(selection.templates)} templates")
        if len(selection.templates) == 1:
            _, alone = timed(lint_paths, project, list(selection.templates), settings=settings)
            _, together = timed(lint_selection, Project.discover(root), selection, settings)
            print(f"  lint it alone                       {alone:8.1f} ms")
            print(f"  lint it, compared with every one    {together:8.1f} ms  (repository-wide rules over all {count})")
        git(root, "checkout", "-q", "--", ".")
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    templatekit = Path(sys.executable).parent / "templatekit"
    walls = []
    for _ in range(3):
        _, wall = timed(subprocess.run, [str(templatekit), "lint", "--changed", str(first.relative_to(root))], cwd=root, capture_output=True)
        walls.append(wall)
    print(f"\nthe pre-commit hook's command for one staged template: {min(walls):.0f} ms wall (best of 3, start-up included)")
    git(root, "checkout", "-q", "--", ".")

    project = Project.discover(root)
    settings = load_settings(project.config)
    subset = [root / "templates" / "group-000"]
    lint_paths(project, subset, settings=settings)  # warm the Jinja cache for both
    for label, paths, jobs in (("one process", subset, 1), ("a worker per core", None, 0)):
        lint_report, linted = timed(lint_paths, project, paths, settings=settings, jobs=jobs)
        _, checked = timed(run_check, project, paths, settings=settings, jobs=jobs)
        count = lint_report.templates
        print(f"\n{count} templates, {label}:")
        print(f"  lint   {linted:7.0f} ms ({linted / count:.1f} ms a template)")
        print(f"  check  {checked:7.0f} ms ({checked / count:.1f} ms a template: lint, then the full build with inlining)")

if __name__ == "__main__":
    main()
