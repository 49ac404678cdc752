"""Speed of templatekit against the floor pipeline, measured side by side in one run.

    python benchmarks/run.py                 # 1,000 and 10,000 templates, and 1,000 heavy ones
    python benchmarks/run.py --quick         # a tiny corpus, to check the script works

Generates seeded corpora (benchmarks/corpus.py), then alternates, for several
repetitions: the floor pipeline in one process (benchmarks/floor.py: Jinja, MJML,
css-inline and lxml with no templatekit code), ``templatekit lint`` cold (the
project's ``.templatekit_cache`` deleted; the shipped rule pack stays as read in
the user's cache folder, as templatekit's bytecode stays compiled),
``templatekit lint`` warm (cache filled, nothing changed), a
pre-commit style lint of one changed template, and with node and
benchmarks/node/node_modules present (``npm install --prefix benchmarks/node``)
the reference MJML compiler in one warm node process. Prints medians, the
ratios the speed targets are stated in, and the peak RSS of the process tree
(sampled in a cold lint of its own, never in a timed one).
Commands run as from an installed package: with Python's bytecode cache on
(PYTHONDONTWRITEBYTECODE is dropped for them, as pip compiles a package when it
installs it), so start-up does not include compiling templatekit's modules.
The ``heavy`` corpus (mostly long newsletters) is weighted like the corpus the
speed issue measured; the median cost of each stage on every corpus is printed
beside the issue's figures, so that the weight of a corpus can be seen.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

PYTHON = sys.executable
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path) -> float:
    """Wall seconds of a command, run with nothing else sampling it."""
    start = time.perf_counter()
    process = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    _check(command, process.returncode, process.stderr)
    return elapsed


def peak_rss(command: list[str], cwd: Path) -> float:
    """Peak RSS (MB, summed over the process tree) of a command, in a run of its own.

    Not measured in the timed runs: reading /proc for the tree takes about 3 ms
    of CPU, every 20 ms, and on 2 cores that time comes out of a lint whose
    workers use both (a cold lint of 1,000 templates was 8% slower sampled: 1.94 -> 2.11 s).
    """
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.02)
    _check(command, process.returncode, process.stderr.read())
    return peak / 1024


def _check(command: list[str], returncode: int, stderr: bytes) -> None:
    if returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({returncode}): {stderr.decode()[-2000:]}")


def _tree_rss(pid: int) -> int:
    """RSS in KB of ``pid`` and its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        child = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(child)
        rss[child] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += rss.get(current, 0)
        pending.extend(children.get(current, []))
    return total


def lint_command(*extra: str) -> list[str]:
    return [PYTHON, "-m", "templatekit", "lint", "--format", "json", *extra]


def render_mjml(root: Path, out: Path) -> int:
    """Jinja-render every template to plain MJML, for the node compiler."""
    from templatekit.project import Project
    from templatekit.render import render

    project = Project.discover(root)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in project.find_templates():
        template = project.load(path)
        body = render(project.environment(template.root), template.loader_name, template.context(), path)
        (out / f"{template.name}.mjml").write_text(body, encoding="utf-8")
        count += 1
    return count


def node_available() -> bool:
    return shutil.which("node") is not None and (HERE / "node" / "node_modules" / "mjml").is_dir()


def measure(size: int, reps: int, workdir: Path, profile: str = "mixed") -> dict[str, float]:
    root = corpus.generate(workdir / f"corpus-{profile}-{size}", size, profile=profile)
    cache = root / ".templatekit_cache"
    one = sorted((root / "templates").rglob("t*.mjml"))[size // 2]
    rendered = None
    if node_available():
        rendered = workdir / f"rendered-{profile}-{size}"
        render_mjml(root, rendered)
    samples: dict[str, list[float]] = {"floor": [], "cold": [], "warm": [], "one": [], "rss": [], "bare": []}
    # Every measure in each repetition, one after the other, node too: the machine's
    # speed drifts over minutes, and a ratio is only fair between runs made side by side.
    for _ in range(reps):
        samples["floor"].append(timed([PYTHON, str(HERE / "floor.py"), str(root)], root))
        shutil.rmtree(cache, ignore_errors=True)
        samples["cold"].append(timed(lint_command(), root))
        samples["warm"].append(timed(lint_command(), root))
        one.write_text(one.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        samples["one"].append(timed(lint_command(str(one.relative_to(root))), root))
        samples["bare"].append(timed([PYTHON, str(HERE / "floor.py"), "--bare", str(root)], root))
        if rendered is not None:
            output = subprocess.run(["node", str(HERE / "node" / "compile.js"), str(rendered)], capture_output=True, text=True, check=True)
            samples.setdefault("node", []).append(json.loads(output.stdout)["seconds"])
    shutil.rmtree(cache, ignore_errors=True)
    samples["rss"].append(peak_rss(lint_command(), root))  # cold, the run that holds the most
    result = {name: statistics.median(values) for name, values in samples.items()}
    stages = subprocess.run([PYTHON, str(HERE / "floor.py"), "--stages", str(root)], capture_output=True, text=True, check=True)
    result["stages"] = json.loads(stages.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--heavy", type=int, nargs="*", default=[1000], help="sizes of heavy corpora (none: skip them)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="20 templates, one repetition")
    parser.add_argument("--keep", type=Path, help="keep the corpora in this folder")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.heavy, args.reps = [20], [20], 1
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="templatekit-bench-"))
    import templatekit

    subprocess.run([PYTHON, "-m", "compileall", "-q", str(Path(templatekit.__file__).parent)], check=True, env=ENV)
    results = {}
    try:
        for profile, sizes in (("mixed", args.sizes), ("heavy", args.heavy)):
            for size in sizes:
                print(f"measuring {size} {profile} templates ({args.reps} repetitions)...", file=sys.stderr, flush=True)
                results[(profile, size)] = measure(size, args.reps, workdir, profile)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    report(results)


def report(results: dict[tuple[str, int], dict]) -> None:
    from floor import STAGES

    def label(key: tuple[str, int]) -> str:
        return f"{key[1]:,}" + (" heavy" if key[0] == "heavy" else "")

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print()
    print("| templates | bare floor s | floor pipeline s | lint cold s | lint warm s | lint 1 file s | node mjml s | peak RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, r in results.items():
        node = f"{r['node']:.2f}" if "node" in r else "-"
        print(f"| {label(key)} | {r['bare']:.2f} | {r['floor']:.2f} | {r['cold']:.2f} | {r['warm']:.2f} | {r['one']:.2f} | {node} | {r['rss']:.0f} |")
    print()
    print("| median ms a template | " + " | ".join(STAGES) + " |")
    print("| --- |" + " ---: |" * len(STAGES))
    print("| the issue's corpus | " + " | ".join(f"{ms:.1f}" for ms in STAGES.values()) + " |")
    for key, r in results.items():
        print(f"| {label(key)} | " + " | ".join(f"{r['stages'][stage]:.2f}" for stage in STAGES) + " |")
    print()
    print("| target | measured | goal |")
    print("| --- | ---: | ---: |")
    for key, r in results.items():
        size, name = key[1], label(key)
        print(f"| lint cold / floor pipeline, {name} | {r['cold'] / r['floor']:.2f} | <= 1.0 |")
        if "node" in r:
            print(f"| lint cold / node mjml compile, {name} | {r['cold'] / r['node']:.2f} | <= 0.3 |")
        print(f"| lint cold per template, {name} | {1000 * r['cold'] / size:.1f} ms | < 42 ms |")
        print(f"| lint warm / cold, {name} | {r['warm'] / r['cold']:.2f} | <= 0.10 |")
        print(f"| one changed template, {name} | {r['one']:.2f} s | < 0.5 s |")
        print(f"| peak RSS, {name} | {r['rss']:.0f} MB | < 300 MB |")
    sizes = sorted(size for profile, size in results if profile == "mixed")
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        ratio = results[("mixed", large)]["cold"] / results[("mixed", small)]["cold"]
        print(f"| scale: {large:,} / {small:,} templates | {ratio:.1f}x | <= {1.1 * large / small:.0f}x |")


if __name__ == "__main__":
    main()
