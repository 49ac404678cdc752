"""The floor: the same pipeline with no templatekit code, for the ratios in run.py.

Jinja compile + render, MJML (mjml-python), css-inline, lxml parse and a word
count, one template after another in one process. ``--bare`` is the bare floor:
read each file and count words with a regex. ``--stages`` prints the median
milliseconds a template of each stage (the figures the speed issue gives for its
corpus), to compare a corpus's weight with that one.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

WORDS = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]+")


def templates(root: Path) -> list[Path]:
    return sorted(p for p in (root / "templates").rglob("*.mjml") if not any(part.startswith("_") for part in p.relative_to(root / "templates").parts))


def bare(root: Path) -> int:
    return sum(len(WORDS.findall(path.read_text(encoding="utf-8"))) for path in templates(root))


def pipeline(root: Path) -> int:
    import css_inline
    import jinja2
    import lxml.html
    import mjml
    import yaml

    folder = root / "templates"

    def load(name: str):
        text = (folder / name).read_text(encoding="utf-8")
        if text.startswith("---"):
            end = text.index("\n---", 3)
            text = "\n" * text.count("\n", 0, end + 4) + text[end + 4 :]
        return text

    env = jinja2.Environment(loader=jinja2.FunctionLoader(load), autoescape=True, undefined=jinja2.StrictUndefined)
    data = yaml.safe_load((root / "data.yaml").read_text(encoding="utf-8"))
    inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
    total = 0
    for path in templates(root):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text[3 : text.index("\n---", 3)])
        context = dict(data)
        context.update({name: jinja2.utils.markupsafe.Markup("{{" + name + "}}") for name in meta.get("variables", {})})
        rendered = env.get_template(path.relative_to(folder).as_posix()).render(context)
        html = inliner.inline(mjml.mjml2html(rendered, fonts={}))
        total += len(WORDS.findall(lxml.html.document_fromstring(html).text_content()))
    return total


# The stages of the table, with its figures for its corpus (ms a template, medians).
STAGES = {"bare floor": 1.3, "Jinja from_string": 8.3, "Jinja render": 0.2, "MRML": 1.5, "css-inline": 2.6, "lxml parse + counts": 2.9}


def stages(root: Path, limit: int = 300) -> dict[str, float]:
    """Median ms a template of each stage, over the first ``limit`` templates."""
    import css_inline
    import jinja2
    import lxml.html
    import mjml
    import yaml

    folder = root / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True, undefined=jinja2.StrictUndefined)
    data = yaml.safe_load((root / "data.yaml").read_text(encoding="utf-8"))
    inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
    times: dict[str, list[float]] = {stage: [] for stage in STAGES}

    def timed(func):
        start = time.perf_counter()
        value = func()
        return value, 1000 * (time.perf_counter() - start)

    for path in templates(root)[:limit]:
        (text, words), ms = timed(lambda: (lambda t: (t, len(WORDS.findall(t))))(path.read_text(encoding="utf-8")))
        times["bare floor"].append(ms)
        end = text.index("\n---", 3)
        meta = yaml.safe_load(text[3:end])
        context = dict(data)
        context.update({name: jinja2.utils.markupsafe.Markup("{{" + name + "}}") for name in meta.get("variables", {})})
        body = text[end + 4 :]
        _, ms = timed(lambda: env.from_string(body).render(context))
        times["Jinja from_string"].append(ms)
        compiled = env.from_string(body)
        rendered, ms = timed(lambda: compiled.render(context))
        times["Jinja render"].append(ms)
        html, ms = timed(lambda: mjml.mjml2html(rendered, fonts={}))
        times["MRML"].append(ms)
        inlined, ms = timed(lambda: inliner.inline(html))
        times["css-inline"].append(ms)
        _, ms = timed(lambda: len(WORDS.findall(lxml.html.document_fromstring(inlined).text_content())))
        times["lxml parse + counts"].append(ms)
    return {stage: statistics.median(values) for stage, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--stages", action="store_true", help="print median ms a template of each stage, as JSON")
    args = parser.parse_args()
    if args.stages:
        print(json.dumps(stages(args.root)))
        return
    start = time.perf_counter()
    words = bare(args.root) if args.bare else pipeline(args.root)
    print(f"{words} words in {time.perf_counter() - start:.3f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
