"""Publishing speed against the fake SES API on 127.0.0.1: prints figures, asserts nothing.

    .venv/bin/python benchmarks/publish.py --count 40

What it measures: a first submit of COUNT templates (build + lint + one
CreateEmailTemplate each, paced under SES's 20 requests/second), a second
submit with nothing changed, status, the cost of one lock file write, and the
round trip of one API call through the SDK. On a real account the network adds
its latency to each call; the pacing figure is the floor either way.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

from templatekit.lockfile import Lock, LockEntry  # noqa: E402
from templatekit.project import Project  # noqa: E402
from templatekit.publishing import open_workspace  # noqa: E402
from templatekit.publishing.review import refresh  # noqa: E402
from templatekit.publishing.submission import submit  # noqa: E402
from templatekit.testing import DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, FakeSes  # noqa: E402


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=40, help="templates to submit (default 40)")
    args = parser.parse_args()
    os.environ.update(TENCENTCLOUD_SECRET_ID=DEFAULT_SECRET_ID, TENCENTCLOUD_SECRET_KEY=DEFAULT_SECRET_KEY)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory() as folder, FakeSes() as ses:
        root = generate(Path(folder) / "corpus", args.count)

        def workspace():
            return open_workspace(Project.discover(root), endpoint=ses.endpoint)

        _, plan = timed(lambda: submit(workspace(), dry_run=True))
        print(f"dry run (build + lint {args.count} templates, no API call): {plan:.2f}s")
        # force: the corpus has templates the lint rules refuse; this measures publishing.
        report, first = timed(lambda: submit(workspace(), force=True))
        created = report.count("create")
        calls = len(ses.requests)
        print(f"first submit: {created} templates created in {first:.2f}s "
              f"({calls} API calls; pacing allows at most 15 in any one second)")
        before = len(ses.requests)
        report, second = timed(lambda: submit(workspace(), force=True))
        print(f"second submit, nothing changed: {second:.2f}s ({report.count('unchanged')} unchanged, "
              f"{len(ses.requests) - before} API call)")
        rows, status_time = timed(lambda: refresh(workspace()))
        print(f"status of {len(rows)} templates: {status_time * 1000:.0f} ms")

        lock = Lock(Path(folder) / "bench.lock", "ap-guangzhou",
                    {f"template-{n:04d}": LockEntry(n, "h" * 64, "t" * 64, "2026-11-25T10:00:00Z", "approved", 0) for n in range(args.count)})
        writes = [timed(lock.save)[1] for _ in range(20)]
        print(f"lock file write ({args.count} entries, fsync + rename): median {statistics.median(writes) * 1000:.2f} ms")

        provider = workspace().provider
        template_id = ses.templates[0].id
        calls = [timed(lambda: provider.get_template(template_id))[1] for _ in range(12)]
        print(f"one API call through the SDK to 127.0.0.1: median {statistics.median(calls) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
