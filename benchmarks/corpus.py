"""A seeded corpus of template repositories for the benchmarks.

Mixed sizes (small, medium, large), English and Chinese, SES variables, a shared
layout and footer partial, every email type. The same seed gives the same files.
Two weights: ``mixed`` (mostly short mails, the default) and ``heavy`` (mostly long
newsletters, so that the median template costs each stage about what the speed
issue measured on its corpus: MRML 1.5 ms, css-inline 2.6 ms; `floor.py --stages`).
Like a repository kept clean by the hook, the templates raise few errors (links
and images on the sender's own hosts) and some warnings (image advice).
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

TYPES = ["marketing", "notification", "transactional", "trigger", "testing"]
EN_WORDS = (
    "order parcel delivery account update season collection warm wool cotton kitchen garden "
    "weekend journey service team customer thanks arrive window receipt profile settings "
    "address review recipe coffee morning evening city harbour market shelf fabric colour "
    "pattern design choose simple careful quiet bright gentle sturdy practical"
).split()
ZH_TEXT = (
    "感谢您的支持我们的团队正在为您准备订单包裹将会尽快送达请留意快递信息如有疑问可以直接回复这封邮件"
    "我们会在一个工作日内与您联系本月新品已经上架欢迎您在方便的时候浏览秋天到了注意保暖祝您生活愉快"
)
# Sections a template has, by size, and how often each size is drawn.
PROFILES = {
    "mixed": {"small": ((2, 4), 5), "medium": ((6, 10), 4), "large": ((15, 25), 1)},
    "heavy": {"small": ((6, 10), 1), "medium": ((20, 30), 3), "large": ((40, 60), 6)},
}

LAYOUT = """<mjml>
  <mj-head>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /><mj-text font-size="15px" line-height="1.6" /></mj-attributes>
    <mj-style inline="inline">.note div { border-left: 3px solid #2f6fde; padding-left: 8px; }</mj-style>
    <mj-style>@media only screen and (max-width: 480px) { .pad { padding: 0 8px !important; } }</mj-style>
  </mj-head>
  <mj-body background-color="#f4f5f7">
    <mj-section><mj-column><mj-text align="center" font-size="20px">{{ brand }}</mj-text></mj-column></mj-section>
    {% block content %}{% endblock %}
    {% include "_footer.mjml" %}
  </mj-body>
</mjml>
"""
FOOTER = """<mj-section><mj-column>
  <mj-text font-size="12px" color="#6b7280">{{ brand }} · 88 Harbour Road, Hong Kong. You receive this because you have an account.
    <a href="https://shop.example.com/unsubscribe">Unsubscribe</a></mj-text>
</mj-column></mj-section>
"""


def _english(rng: random.Random, words: int) -> str:
    sentences, current = [], []
    for _ in range(words):
        current.append(rng.choice(EN_WORDS))
        if len(current) >= rng.randint(8, 14):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


def _chinese(rng: random.Random, chars: int) -> str:
    start = rng.randrange(len(ZH_TEXT))
    text = (ZH_TEXT * (chars // len(ZH_TEXT) + 2))[start : start + chars]
    return "，".join(text[i : i + 12] for i in range(0, len(text), 12)) + "。"


def _section(rng: random.Random, index: int, number: int, var: str, chinese: bool) -> str:
    """One section of a real-looking newsletter: text, images, columns, buttons, dividers..."""

    def text(low: int, high: int) -> str:
        return _chinese(rng, rng.randint(low * 2, high * 2)) if chinese else _english(rng, rng.randint(low, high))

    def image(width: str) -> str:
        return (f'<mj-image src="https://static.example.com/img/{index}-{number}-{rng.randrange(99)}.jpg" '
                f'alt="{text(3, 6)[:40]}" width="{width}" border-radius="4px" />')

    kind = rng.choices(["text", "image", "columns", "button", "divider", "social", "hero", "table"],
                       weights=[5, 3, 3, 2, 1, 1, 1, 1])[0]
    if kind == "text":
        body = f'<mj-column><mj-text>{{{{ {var} }}}}, {text(40, 110)}</mj-text></mj-column>'
    elif kind == "image":
        body = f'<mj-column>{image("552px")}<mj-text>{text(20, 60)}</mj-text></mj-column>'
    elif kind == "columns":
        count = rng.choice([2, 3])
        body = "".join(
            f'<mj-column>{image("240px")}<mj-text font-weight="700">{text(2, 5)}</mj-text><mj-text>{text(15, 35)}</mj-text></mj-column>'
            for _ in range(count)
        )
    elif kind == "button":
        body = (f'<mj-column><mj-text>{text(15, 40)}</mj-text>'
                f'<mj-button href="https://shop.example.com/p/{index}-{number}?ref={{{{ {var} }}}}">{text(2, 4)}</mj-button></mj-column>')
    elif kind == "divider":
        body = f'<mj-column><mj-divider border-color="#dee2e6" /><mj-text css-class="note">{{{{ brand }}}}: {text(10, 20)}</mj-text><mj-spacer height="12px" /></mj-column>'
    elif kind == "social":
        # Icons and links on the sender's own hosts: MJML's named networks link to
        # sharer URLs, which the SES review refuses (url, redirect-link).
        body = ('<mj-column><mj-social icon-size="24px">'
                '<mj-social-element src="https://static.example.com/icons/journal.png" alt="Journal" '
                'href="https://shop.example.com/journal">Our journal</mj-social-element>'
                '<mj-social-element src="https://static.example.com/icons/stores.png" alt="Stores" '
                'href="https://shop.example.com/stores">Find a store</mj-social-element></mj-social></mj-column>')
    elif kind == "hero":
        return (f'<mj-hero mode="fixed-height" height="240px" background-width="600px" background-height="240px" '
                f'background-url="https://static.example.com/hero/{index}-{number}.jpg"><mj-text color="#ffffff" font-size="28px">'
                f'{text(3, 8)}</mj-text></mj-hero>')
    else:
        rows = "".join(f"<tr><td>{text(1, 3)}</td><td>{{{{ {var} }}}}</td></tr>" for _ in range(rng.randint(2, 5)))
        body = f'<mj-column><mj-table>{rows}</mj-table></mj-column>'
    return f'<mj-section css-class="pad">{body}</mj-section>'


def template(rng: random.Random, index: int, profile: str = "mixed") -> str:
    kind = TYPES[index % len(TYPES)]
    chinese = rng.random() < 0.35
    sizes = PROFILES[profile]
    size = rng.choices(list(sizes), weights=[weight for _, weight in sizes.values()])[0]
    variables = [f"var_{index}_{n}" for n in range(rng.randint(1, 4))]
    sections = []
    for number in range(rng.randint(*sizes[size][0])):
        sections.append(_section(rng, index, number, variables[number % len(variables)], chinese))
    # Declared as used: a template that passes review declares no variable it never uses.
    used = [v for v in variables if v == variables[0] or any(f"{{{{ {v} }}}}" in section for section in sections)]
    var_lines = "\n".join(f"  {v}: sample {n}" for n, v in enumerate(used))
    subject = ("订单通知 " if chinese else "Your update ") + "{{ " + variables[0] + " }}"
    return (
        f"---\ntype: {kind}\nname: bench-{index:05d}\nsubject: \"{subject}\"\nbusiness: e-commerce\n"
        f"variables:\n{var_lines}\n---\n"
        '{% extends "_layout.mjml" %}\n{% block content %}\n' + "\n".join(sections) + "\n{% endblock %}\n"
    )


def generate(root: Path, count: int, seed: int = 2026, profile: str = "mixed") -> Path:
    """Write a project with ``count`` templates of ``profile``'s sizes under ``root``; returns ``root``."""
    rng = random.Random(seed)
    templates = root / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[tool.templatekit]\ntemplates = "templates"\nout = "dist"\ndata = "data.yaml"\n\n'
        '[tool.templatekit.lint.options.url]\nallowed_hosts = ["shop.example.com"]\n'
        'allowed_image_hosts = ["static.example.com"]\n',
        encoding="utf-8",
    )
    (root / "data.yaml").write_text("brand: Lumen Market\n", encoding="utf-8")
    (templates / "_layout.mjml").write_text(LAYOUT, encoding="utf-8")
    (templates / "_footer.mjml").write_text(FOOTER, encoding="utf-8")
    for index in range(count):
        folder = templates / f"group-{index // 100:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"t{index:05d}.mjml").write_text(template(rng, index, profile), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="mixed")
    args = parser.parse_args()
    generate(args.root, args.count, args.seed, args.profile)
    print(f"wrote {args.count} templates under {args.root}")


if __name__ == "__main__":
    main()
