"""``<mj-style inline="inline">``: plain rules reach the elements, at-rules stay in the head."""
from __future__ import annotations

import re

import lxml.html
import pytest

import templatekit
from templatekit.inliners.at_rules import split_at_rules

TEMPLATE = """
---
type: testing
subject: Styles
---
<mjml>
<mj-head>
<mj-style inline="inline">
.x { font-weight: bold }
@media (max-width: 480px) { .x { color: #abcdef !important } }
@font-face { font-family: "House"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }
</mj-style>
</mj-head>
<mj-body><mj-section><mj-column>
<mj-text><span class="x">Styled</span></mj-text>
</mj-column></mj-section></mj-body>
</mjml>
"""


@pytest.mark.parametrize("inliner", ["css-inline", "premailer", "none"])
def test_at_rules_of_an_inline_mj_style_are_kept_in_a_style_block(make_project, inliner):
    root = make_project({"templates/t.mjml": TEMPLATE}, config=f'inliner = "{inliner}"\n')
    html = templatekit.load(root / "templates" / "t.mjml").build().html
    doc = lxml.html.document_fromstring(html)
    styles = " ".join(style.text_content() for style in doc.xpath("//head//style"))
    assert "@media (max-width: 480px) { .x { color: #abcdef !important } }" in styles
    assert '@font-face { font-family: "House"' in styles
    span = doc.xpath("//span[@class='x']")[0]
    if inliner != "none":
        assert re.search(r"font-weight:\s*bold", span.get("style"))
        assert "abcdef" not in span.get("style")


def test_inlining_later_gives_the_same_html_with_the_at_rules_already_in_place(make_project):
    root = make_project({"templates/t.mjml": TEMPLATE})
    template = templatekit.load(root / "templates" / "t.mjml")
    bare = template.build(inline=False)
    assert "@media (max-width: 480px)" in bare.html and "@media" not in bare.pending_css
    assert template.inlined_html(bare) == template.build().html


def test_split_at_rules_keeps_nesting_strings_and_comments_together():
    css = """
    a { color: red }  /* a } in a comment */
    @import url("x.css");
    @media print { a { color: black } @supports (display: grid) { b { content: "}" } } }
    b::after { content: "@media" }
    """
    plain, at_rules = split_at_rules(css)
    assert plain == 'a { color: red }\nb::after { content: "@media" }'
    assert at_rules == '@import url("x.css");\n@media print { a { color: black } @supports (display: grid) { b { content: "}" } } }'


@pytest.mark.parametrize("inliner", ["css-inline", "premailer"])
def test_style_declarations_holding_ses_variables_survive_inlining(make_project, inliner):
    root = make_project({"templates/t.mjml": """
        ---
        type: testing
        subject: Styles
        variables: [c, width, img]
        ---
        <mjml>
        <mj-head><mj-style inline="inline">.x { font-weight: bold } .y { color: red }</mj-style></mj-head>
        <mj-body><mj-section><mj-column>
        <mj-text><span class="x" style="color: {{ c }}; font-size: 12px">Styled</span>
        <span class="y" style="border: 1px solid {{ c }}; width: {{ width }}px; background: url({{ img }})">More</span></mj-text>
        </mj-column></mj-section></mj-body>
        </mjml>
        """}, config=f'inliner = "{inliner}"\n')
    html = templatekit.load(root / "templates" / "t.mjml").build().html
    doc = lxml.html.document_fromstring(html)
    x = doc.xpath("//span[@class='x']")[0].get("style")
    y = doc.xpath("//span[@class='y']")[0].get("style")
    assert re.search(r"color:\s*\{\{c\}\}", x) and re.search(r"font-weight:\s*bold", x)
    assert re.search(r"border:\s*1px solid \{\{c\}\}", y)
    assert re.search(r"width:\s*\{\{width\}\}px", y)
    assert re.search(r"background:\s*url\(\{\{img\}\}\)", y)
    assert "tkvar" not in html
