"""The benchmark script runs end to end on a tiny corpus (timings are its output, never asserted)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_benchmark_runs_on_a_tiny_corpus():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    table = result.stdout
    assert "| 20 |" in table
    for target in ("lint cold / floor pipeline", "lint warm / cold", "one changed template", "peak RSS"):
        assert target in table


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    one = corpus.generate(tmp_path / "one", 12, seed=7)
    two = corpus.generate(tmp_path / "two", 12, seed=7)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert len(files) > 12
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
