"""The build pipeline through the library API: Jinja, MJML, inlining, the text part."""
from __future__ import annotations

import re
import shutil

import lxml.html
import pytest

import templatekit
from templatekit.project import Project

from .conftest import FIXTURES, REPO

MJML = """
---
type: notification
subject: Hi {{ name }}
variables: [name, link, picture]
---
<mjml><mj-body><mj-section><mj-column>
  <mj-image src="https://img.example.com/{{ picture }}.png" alt="Photo of {{ name }}" />
  <mj-text>Hello {{ name }}, <a href="https://example.com/?u={{ link }}&amp;x=1">see {{ name }}</a></mj-text>
  <mj-button href="{{ link }}">Open</mj-button>
</mj-column></mj-section></mj-body></mjml>
"""


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory):
    root = tmp_path_factory.mktemp("fixture") / "newsletter"
    shutil.copytree(FIXTURES / "newsletter", root)
    project = Project.discover(root)
    return project.load(root / "templates" / "spring-newsletter.mjml").build()


def test_bundled_templates_build_one_per_email_type():
    project = Project.discover(REPO)
    built = [project.load(path).build() for path in project.find_templates()]
    assert {b.type for b in built} == {"marketing", "notification", "transactional", "trigger", "testing"}
    assert {b.source.suffix for b in built} == {".mjml", ".html", ".txt"}
    for b in built:
        assert b.subject and b.text.strip()
        assert "{{ " not in (b.html or "") + b.text, b.name  # SES variables come out as {{name}}


def test_bundled_templates_have_an_english_and_a_chinese_example_of_each_type():
    project = Project.discover(REPO)
    languages: dict[str, set[str]] = {}
    for path in project.find_templates():
        built = project.load(path).build()
        chinese = re.search(r"[\u4e00-\u9fff]", built.text) is not None
        languages.setdefault(built.type, set()).add("zh" if chinese else "en")
    assert languages == {kind: {"en", "zh"} for kind in ("marketing", "notification", "transactional", "trigger", "testing")}


def test_chinese_templates_keep_their_characters():
    project = Project.discover(REPO)
    built = project.load(REPO / "templates" / "order-shipped.mjml").build()
    assert "您的包裹已经出发" in built.html and "您的包裹已经出发" in built.text
    assert built.subject == "{{customer_name}}，您的订单 {{order_id}} 已发货"


@pytest.mark.parametrize("inliner", ["css-inline", "premailer", "none"])
def test_variables_survive_compile_and_inlining_in_text_and_attributes(make_project, inliner):
    root = make_project({"templates/t.mjml": MJML}, config=f'inliner = "{inliner}"\n')
    built = templatekit.load(root / "templates" / "t.mjml").build()
    doc = lxml.html.document_fromstring(built.html)
    image = doc.xpath("//img")[0]
    assert image.get("src") == "https://img.example.com/{{picture}}.png"
    assert image.get("alt") == "Photo of {{name}}"
    hrefs = [a.get("href") for a in doc.xpath("//a")]
    assert "https://example.com/?u={{link}}&x=1" in hrefs
    assert "{{link}}" in hrefs
    assert "Hello {{name}}," in built.html
    assert "%7B" not in built.html and "&#123;" not in built.html  # never URL-encoded or escaped
    assert built.subject == "Hi {{name}}"
    assert "see {{name}} (https://example.com/?u={{link}}&x=1)" in built.text


def test_complex_newsletter_builds_every_component(newsletter):
    html = newsletter.html
    doc = lxml.html.document_fromstring(html)
    # mj-include of partials, with Jinja data from the project data file
    assert "Northwind Outfitters" in doc.text_content()
    # mj-hero background and text with an SES variable
    assert "{{hero_image}}" in html and "Hello {{first_name}}" in html
    # a Jinja loop produced one column per product
    assert len(doc.xpath("//div[contains(@class, 'mj-column-per-50')]")) == 2
    assert [img.get("alt") for img in doc.xpath("//img[@alt='Trail jacket' or @alt='Day pack']")] == ["Trail jacket", "Day pack"]
    assert "129 EUR" in newsletter.text
    # mj-button keeps the SES variable in its href
    assert doc.xpath("//a[@href='{{account_url}}?ref=spring']")
    # mj-attributes and mj-class applied
    assert "Georgia, serif" in html
    assert re.search(r"color:\s*#c92a2a", html)
    # mj-social rendered links and icons
    assert doc.xpath("//a[contains(@href, 'facebook.com')]")
    # mj-divider
    assert "border-top:solid" in html.replace(" ", "") or "border-top: solid" in html
    # the plain-text part has no markup and no preheader
    assert "<" not in newsletter.text
    assert "New season, new trails" not in newsletter.text


def test_inline_mj_style_is_inlined_not_left_as_a_style_block(newsletter):
    # Pitfall 1: MRML ignores inline="inline"; its CSS must reach the elements.
    doc = lxml.html.document_fromstring(newsletter.html)
    brand_div = doc.xpath("//td[contains(@class, 'brand')]/div")[0]
    assert "letter-spacing: 2px !important" in brand_div.get("style")
    styles = " ".join(s.text_content() for s in doc.xpath("//style"))
    assert "letter-spacing" not in styles


def test_style_blocks_and_media_queries_are_kept(newsletter):
    # Pitfall 2: css-inline drops <style> by default and responsive columns collapse.
    styles = " ".join(s.text_content() for s in lxml.html.document_fromstring(newsletter.html).xpath("//style"))
    assert "@media only screen and (min-width:480px)" in styles
    assert ".mj-column-per-50" in styles
    assert ".hide-mobile" in styles


def test_images_without_alt_get_an_empty_alt(newsletter):
    # Pitfall 3: MRML omits alt where the reference compiler writes alt="".
    doc = lxml.html.document_fromstring(newsletter.html)
    divider = doc.xpath("//img[@src='https://img.example.com/divider.png']")[0]
    assert divider.get("alt") == ""
    assert all(img.get("alt") is not None for img in doc.xpath("//img"))


def test_a_raw_img_inside_mj_text_keeps_its_missing_alt(make_project, cli):
    # Only MJML's own image elements get alt=""; a hand-written <img> is as written, so img-alt sees it.
    root = make_project({"templates/t.mjml": """
        ---
        type: testing
        subject: Images
        ---
        <mjml><mj-body><mj-section><mj-column>
        <mj-image src="https://img.example.com/generated.png" />
        <mj-text>Inline <img src="https://img.example.com/raw.png"> picture</mj-text>
        </mj-column></mj-section></mj-body></mjml>
        """})
    doc = lxml.html.document_fromstring(templatekit.load(root / "templates" / "t.mjml").build().html)
    assert doc.xpath("//img[@src='https://img.example.com/generated.png']")[0].get("alt") == ""
    assert doc.xpath("//img[@src='https://img.example.com/raw.png']")[0].get("alt") is None
    warnings = [line for line in cli("lint", "--no-cache", cwd=root).out.splitlines() if "img-alt" in line]
    assert any(line.startswith("templates/t.mjml:7:") and "raw.png has no alt text" in line for line in warnings), warnings


def test_premailer_keeps_the_doctype_and_important(make_project):
    # Pitfall 4: premailer drops the doctype (quirks mode) and strips !important.
    source = MJML.replace("<mj-body>", '<mj-head><mj-style inline="inline">.x div { letter-spacing: 3px !important; }</mj-style></mj-head><mj-body>')
    source = source.replace("<mj-text>", '<mj-text css-class="x">', 1)
    root = make_project({"templates/t.mjml": source}, config='inliner = "premailer"\n')
    html = templatekit.load(root / "templates" / "t.mjml").build().html
    assert html.lower().startswith("<!doctype html>")
    text_div = lxml.html.document_fromstring(html).xpath("//td[contains(@class, 'x')]/div")[0]
    assert re.search(r"letter-spacing:\s*3px\s*!important", text_div.get("style"))


def test_no_remote_fonts_by_default_and_a_switch_to_keep_them(make_project):
    source = MJML.replace("<mj-column>", '<mj-column><mj-text font-family="Roboto, Arial">Roboto</mj-text>', 1)
    root = make_project({"templates/t.mjml": source})
    assert "fonts.googleapis.com" not in templatekit.load(root / "templates" / "t.mjml").build().html
    root = make_project({"templates/t.mjml": source}, config="remote_fonts = true\n")
    assert "fonts.googleapis.com" in templatekit.load(root / "templates" / "t.mjml").build().html


def test_html_templates_are_inlined_and_keep_their_doctype(make_project):
    root = make_project({"templates/t.html": """
        ---
        type: testing
        subject: Test
        variables: [name]
        ---
        <!doctype html>
        <html><head><style>p { color: #123456; } @media (max-width: 400px) { p { color: red; } }</style></head>
        <body><p>Hi {{ name }} &amp; friends</p></body></html>
        """})
    built = templatekit.load(root / "templates" / "t.html").build()
    assert built.html.lower().startswith("<!doctype html>")
    assert re.search(r'<p style="color:\s*#123456;?">Hi {{name}} &amp; friends</p>', built.html)
    assert "@media (max-width: 400px)" in built.html
    assert built.text == "Hi {{name}} & friends\n"


def test_text_templates_have_no_html_and_are_not_escaped(make_project):
    root = make_project({"templates/t.txt": """
        ---
        type: trigger
        subject: Code
        variables: [code]
        data: {company: "A & B <Ltd>"}
        ---
        Your code is {{ code }}.
        {{ company }}
        """})
    built = templatekit.load(root / "templates" / "t.txt").build()
    assert built.html is None
    assert built.text == "Your code is {{code}}.\nA & B <Ltd>\n"


def test_build_time_data_is_escaped_in_html(make_project):
    root = make_project({"templates/t.html": """
        ---
        type: testing
        subject: Test
        data: {company: "A & B <Ltd>"}
        ---
        <p>{{ company }}</p>
        """}, config='inliner = "none"\n')
    built = templatekit.load(root / "templates" / "t.html").build()
    assert "<p>A &amp; B &lt;Ltd&gt;</p>" in built.html


def test_layouts_partials_and_macros(make_project):
    root = make_project({
        "templates/_layout.mjml": """
            <mjml><mj-body>
            {% block content %}{% endblock %}
            {% include "_parts/footer.mjml" %}
            </mj-body></mjml>
            """,
        "templates/_parts/footer.mjml": '<mj-section><mj-column><mj-text>Footer for {{ name }}</mj-text></mj-column></mj-section>',
        "templates/_macros.mjml": '{% macro para(text) %}<mj-text css-class="para">{{ text }}</mj-text>{% endmacro %}',
        "templates/emails/welcome.mjml": """
            ---
            type: notification
            subject: Welcome
            variables: [name]
            ---
            {% extends "_layout.mjml" %}
            {% import "_macros.mjml" as m %}
            {% block content %}<mj-section><mj-column>{{ m.para("First paragraph") }}</mj-column></mj-section>{% endblock %}
            """,
    })
    project = Project.discover(root)
    assert [p.name for p in project.find_templates()] == ["welcome.mjml"]
    built = project.load(root / "templates" / "emails" / "welcome.mjml").build()
    assert "First paragraph" in built.text and "Footer for {{name}}" in built.text
    assert 'class="para"' in built.html


def test_project_data_file_and_front_matter_data_merge(make_project):
    root = make_project({
        "data.yaml": "company: Acme\ncolour: red\n",
        "templates/t.txt": "---\ntype: testing\nsubject: s\ndata: {colour: blue}\n---\n{{ company }} {{ colour }} {{ template.type }}\n",
    }, config='data = "data.yaml"\n')
    assert templatekit.load(root / "templates" / "t.txt").build().text == "Acme blue testing\n"


def test_name_defaults_to_the_file_stem(make_project):
    root = make_project({"templates/reset-password.txt": "---\ntype: transactional\nsubject: s\n---\nbody\n"})
    assert templatekit.load(root / "templates" / "reset-password.txt").name == "reset-password"


def test_mj_include_in_a_layout_resolves_from_the_templates_folder(make_project):
    root = make_project({
        "templates/_layout.mjml": '<mjml><mj-body>{% block content %}{% endblock %}<mj-include path="_parts/legal.mjml" /></mj-body></mjml>',
        "templates/_parts/legal.mjml": "<mj-section><mj-column><mj-text>Legal {{ name }}</mj-text></mj-column></mj-section>",
        "templates/deep/welcome.mjml": "---\ntype: testing\nsubject: s\nvariables: [name]\n---\n"
        '{% extends "_layout.mjml" %}{% block content %}<mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>{% endblock %}',
    })
    built = templatekit.load(root / "templates" / "deep" / "welcome.mjml").build()
    assert "Legal {{name}}" in built.text


def test_inlining_what_was_built_without_inlining_gives_the_full_build(tmp_path_factory, make_project):
    # Lint builds without inlining and inlines afterwards only to size large emails.
    root = tmp_path_factory.mktemp("fixture") / "newsletter"
    shutil.copytree(FIXTURES / "newsletter", root)
    project = Project.discover(root)
    template = project.load(root / "templates" / "spring-newsletter.mjml")
    bare = template.build(inline=False)
    assert "letter-spacing: 2px" in bare.pending_css and "letter-spacing: 2px" not in bare.html.split("<body", 1)[1]
    inlined = template.inlined_html(bare)
    assert inlined == template.build().html and "letter-spacing: 2px" in inlined.split("<body", 1)[1]
    html_root = make_project({"templates/a.html": "---\ntype: testing\nsubject: S\n---\n<style>p{color:red}</style><p>Hi</p>\n"})
    page = Project.discover(html_root).load(html_root / "templates/a.html")
    assert page.inlined_html(page.build(inline=False)) == page.build().html


def test_built_carries_the_template_metadata(make_project):
    root = make_project({"templates/t.txt": "---\ntype: trigger\nsubject: Code\nvariables: {code: '123'}\ndata: {lang: en}\n---\n{{ code }}\n"})
    built = templatekit.load(root / "templates" / "t.txt").build()
    assert built.metadata.type == "trigger" and built.metadata.subject == "Code"
    assert built.metadata.variables == {"code": "123"} and built.metadata.data == {"lang": "en"}
    assert built.metadata.line("subject") == 3
    assert (built.html, built.text) == (None, "{{code}}\n")


@pytest.mark.parametrize("front_matter, message", [
    ("type: testing", "t.txt:1: missing required front matter key 'subject'"),
    ("type: testing\nsubject: '  '", "t.txt:3: front matter key 'subject' is empty; SES needs a subject to send the mail"),
])
def test_the_library_refuses_to_build_a_template_without_a_subject(make_project, front_matter, message):
    from templatekit.errors import TemplateError

    root = make_project({"templates/t.txt": f"---\n{front_matter}\n---\nbody\n"})
    template = templatekit.load(root / "templates" / "t.txt")
    with pytest.raises(TemplateError) as raised:
        template.build()
    assert str(raised.value).endswith(message)
    # Lint builds it anyway, to report the missing subject as its own rule.
    assert template.build(require_subject=False).subject in (None, "")
