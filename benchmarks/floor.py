"""The floor: the same pipeline with no templatekit code, for the ratios in run.py.

Jinja compile + render, MJML (mjml-python), css-inline, lxml parse and a word
count, one template after another in one process. ``--bare`` is the bare floor:
read each file and count words with a regex.
"""
from __future__ import annotations

import argparse
import re
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--bare", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    words = bare(args.root) if args.bare else pipeline(args.root)
    print(f"{words} words in {time.perf_counter() - start:.3f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
