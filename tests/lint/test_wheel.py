"""The rule pack ships in the wheel: build it, install it in a fresh virtual environment, lint with it.

pre-commit installs templatekit from a wheel, where there is no checkout and no
top-level rules/ folder. The fresh environment borrows the already-installed
dependencies (click, lxml, ...) through a path entry, which does not bring in
the editable checkout: only the wheel provides templatekit there.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from fixture_project import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    return next(out.glob("templatekit-*.whl"))


@pytest.fixture(scope="module")
def fresh_env(wheel, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)],
        check=True, capture_output=True, text=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    (Path(site) / "borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return home


def _run(env: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=clean)


def test_the_wheel_contains_the_rule_pack_and_lexicons(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "templatekit/rules/ses.yaml" in names
    assert {f"templatekit/rules/lexicons/{n}" for n in ("banned-topics.en.txt", "banned-topics.zh.txt", "spam-words.en.txt", "spam-words.zh.txt")} <= set(names)


def test_lint_runs_from_the_installed_wheel(fresh_env, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copy(REPO / "pyproject.toml", project / "pyproject.toml")
    where = _run(fresh_env, [str(fresh_env / "bin" / "python"), "-c", "import templatekit.packs as p; print(p.default_pack_path())"], project)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(fresh_env), "the pack must come from the installed wheel"

    clean = _run(fresh_env, [str(fresh_env / "bin" / "templatekit"), "lint"], project)
    assert (clean.returncode, clean.stdout) == (0, "10 templates checked: no problems\n"), clean.stderr

    (project / "templates" / "promo.html").write_text(
        "---\ntype: trigger\nsubject: Hi\n---\n<p>Join our lucky draw and win a prize today.</p>\n", encoding="utf-8"
    )
    failing = _run(fresh_env, [str(fresh_env / "bin" / "templatekit"), "lint", "templates/promo.html"], project)
    assert failing.returncode == 1
    assert "templates/promo.html:5:" in failing.stdout and "banned-topic" in failing.stdout


def test_the_wheel_contains_the_init_scaffold(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"templatekit/scaffold/pyproject.toml", "templatekit/scaffold/pre-commit-config.yaml", "templatekit/scaffold/templates/_footer.mjml"} <= names


def test_init_then_check_from_the_installed_wheel(fresh_env, tmp_path):
    templatekit = str(fresh_env / "bin" / "templatekit")
    init = _run(fresh_env, [templatekit, "init", "mail"], tmp_path)
    assert init.returncode == 0, init.stderr
    assert (tmp_path / "mail" / "templates" / "_layout.mjml").is_file()
    check = _run(fresh_env, [templatekit, "check", "--strict"], tmp_path / "mail")
    assert (check.returncode, check.stdout.splitlines()[-1]) == (0, "check passed: 6 templates built and linted; no problems"), check.stderr
