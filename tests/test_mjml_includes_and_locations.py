"""mj-include as the reference MJML resolves it, and MJML errors at the line of the file that has them."""
from __future__ import annotations

import pytest

import templatekit
from templatekit.dependencies import dependencies
from templatekit.errors import TemplateError

FM = "---\ntype: testing\nsubject: Hello\nvariables: [name]\n---\n"
LOGO = "<mj-section><mj-column>\n<mj-text>Logo of {{ name }}</mj-text>\n</mj-column></mj-section>\n"


def document(body: str) -> str:
    return FM + "<mjml>\n<mj-body>\n" + body + "\n</mj-body>\n</mjml>\n"


def build(root, name="t.mjml"):
    return templatekit.load(root / "templates" / name).build()


def error_of(root, name="t.mjml") -> str:
    with pytest.raises(TemplateError) as raised:
        build(root, name)
    return str(raised.value).replace(str(root) + "/", "")


def test_a_nested_mj_include_resolves_beside_the_partial_that_wrote_it(make_project):
    root = make_project({
        "templates/t.mjml": document('<mj-include path="_partials/header.mjml" />'),
        "templates/_partials/header.mjml": '<mj-wrapper>\n  <mj-include path="logo.mjml"/>\n</mj-wrapper>\n',
        "templates/_partials/logo.mjml": LOGO,
    })
    assert "Logo of {{name}}" in build(root).text
    assert root / "templates/_partials/logo.mjml" in dependencies(root / "templates/t.mjml", root / "templates")


def test_a_partial_may_be_nothing_but_another_mj_include(make_project):
    root = make_project({
        "templates/t.mjml": document('<mj-include path="_partials/only.mjml" />'),
        "templates/_partials/only.mjml": '<mj-include path="logo.mjml" />\n',
        "templates/_partials/logo.mjml": LOGO,
    })
    assert "Logo of {{name}}" in build(root).text


def test_an_mj_include_in_a_layout_resolves_beside_the_layout(make_project):
    root = make_project({
        "templates/_layouts/base.mjml": '<mjml><mj-body>{% block content %}{% endblock %}<mj-include path="footer.mjml" /></mj-body></mjml>',
        "templates/_layouts/footer.mjml": LOGO,
        "templates/t.mjml": FM + '{% extends "_layouts/base.mjml" %}{% block content %}<mj-section><mj-column><mj-text>Body</mj-text></mj-column></mj-section>{% endblock %}',
    })
    assert "Logo of {{name}}" in build(root).text


def test_a_partial_that_is_a_whole_document_gives_its_body_and_its_head(make_project):
    root = make_project({
        "templates/t.mjml": document('<mj-include path="_full.mjml" />'),
        "templates/_full.mjml": (
            '<mjml><mj-head><mj-attributes><mj-text color="#abcdef" /></mj-attributes></mj-head>\n'
            "<mj-body>" + LOGO + "</mj-body></mjml>\n"
        ),
    })
    built = build(root)
    assert "Logo of {{name}}" in built.text and "#abcdef" in built.html


def test_css_and_html_includes(make_project):
    root = make_project({
        "templates/t.mjml": FM + (
            '<mjml><mj-head><mj-include path="_house.css" type="css" css-inline="inline" /></mj-head>\n'
            '<mj-body><mj-include path="_banner.html" type="html" />\n'
            '<mj-section><mj-column><mj-text css-class="lead">Hello</mj-text></mj-column></mj-section></mj-body></mjml>\n'
        ),
        "templates/_house.css": ".lead div { letter-spacing: 4px; }\n",
        "templates/_banner.html": '<div class="banner">Raw banner</div>\n',
    })
    html = build(root).html
    assert "letter-spacing: 4px" in html.split("<body", 1)[1] and '<div class="banner">Raw banner</div>' in html


def test_an_mj_include_that_includes_itself_is_an_error(make_project):
    root = make_project({
        "templates/t.mjml": document('<mj-include path="_a.mjml" />'),
        "templates/_a.mjml": '<mj-wrapper>\n<mj-include path="_a.mjml" />\n</mj-wrapper>\n',
    })
    assert error_of(root) == "templates/_a.mjml:2: mj-include loops back on itself: _a.mjml -> _a.mjml (building t.mjml)"


@pytest.mark.parametrize("files, expected", [
    pytest.param(
        {"templates/t.mjml": document('<mj-section><mj-column>\n<mj-buton href="{{ name }}">Go</mj-buton>\n</mj-column></mj-section>')},
        "templates/t.mjml:9: unknown MJML element <mj-buton>; did you mean <mj-button>?",
        id="tag-with-a-jinja-expression",
    ),
    pytest.param(
        {
            "templates/_layout.mjml": "<mjml>\n<mj-body>\n<mj-section>\n<mj-colum>\n{% block content %}{% endblock %}\n</mj-colum>\n</mj-section>\n</mj-body>\n</mjml>\n",
            "templates/t.mjml": FM + '{% extends "_layout.mjml" %}\n{% block content %}<mj-text>x</mj-text>{% endblock %}\n',
        },
        "templates/_layout.mjml:4: unknown MJML element <mj-colum>; did you mean <mj-column>? (building t.mjml)",
        id="typo-in-the-layout",
    ),
    pytest.param(
        {
            "templates/t.mjml": document('<mj-include path="_logo.mjml" />'),
            "templates/_logo.mjml": "<mj-section><mj-column>\n<mj-text>Logo\n</mj-column></mj-section>\n",
        },
        "templates/_logo.mjml:3: </mj-column> does not close <mj-text> opened at line 2 (building t.mjml)",
        id="error-in-an-mj-included-partial",
    ),
    pytest.param(
        {
            "templates/_parts.mjml": "{# parts #}\n<mj-section>\n<mj-column>\n<mj-text>ok</mj-text>\n\n\n<mj-text>unclosed\n</mj-column>\n</mj-section>\n",
            "templates/sub/t.mjml": FM + "\n" * 20 + '<mjml><mj-body>\n{% include "_parts.mjml" %}\n</mj-body></mjml>\n',
        },
        "templates/_parts.mjml:8: </mj-column> does not close <mj-text> opened at line 7 (building sub/t.mjml)",
        id="unclosed-element-in-a-jinja-partial",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>") + "\ntrailing text\n"},
        "templates/t.mjml:12: text after </mjml>: nothing may follow the root element",
        id="text-after-the-root",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-section><mj-column>\n<mj-text>x <b>unclosed</mj-text>\n</mj-column></mj-section>")},
        "templates/t.mjml:9: <b> is never closed inside <mj-text> (MJML needs every HTML element closed)",
        id="unclosed-html-in-text",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-section><mj-column>\n<mj-text>x <b>y</i></b></mj-text>\n</mj-column></mj-section>")},
        "templates/t.mjml:9: </i> does not close <b> opened at line 9",
        id="misnested-html-in-text",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-section><mj-column>\n<mj-text>1 < 2</mj-text>\n</mj-column></mj-section>")},
        "templates/t.mjml:9: a bare '<' in the text of <mj-text>: write &lt;",
        id="bare-less-than",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-section><mj-column>\n<mj-text padding=4px>x</mj-text>\n</mj-column></mj-section>")},
        'templates/t.mjml:9: attribute \'padding\' of <mj-text> needs quotes: padding="4px"',
        id="unquoted-attribute",
    ),
    pytest.param(
        {"templates/t.mjml": document('<mj-include path="{{ name }}.mjml" />')},
        "templates/t.mjml:8: mj-include path '{{name}}.mjml' holds an SES variable: which file to include must be known at build time, not at send time",
        id="ses-variable-as-include-path",
    ),
    pytest.param(
        {
            "templates/t.mjml": document('<mj-include path="_outer.mjml" />'),
            "templates/_outer.mjml": "<mj-wrapper>\n<mj-include path=\"_missing.mjml\" />\n</mj-wrapper>\n",
        },
        "templates/_outer.mjml:2: included template '_missing.mjml' not found (building t.mjml)",
        id="nested-missing-include",
    ),
    pytest.param(
        {"templates/t.mjml": document("<mj-include />")},
        "templates/t.mjml:8: <mj-include> needs a path attribute",
        id="include-without-path",
    ),
])
def test_mjml_errors_point_at_the_file_and_line_that_has_them(make_project, files, expected):
    root = make_project(files)
    template = next(name for name in files if not name.rsplit("/", 1)[-1].startswith("_"))
    assert error_of(root, template.removeprefix("templates/")) == expected


def test_an_mj_include_of_a_symlink_leading_outside_names_the_including_line(make_project, tmp_path):
    outside = tmp_path / "outside.mjml"
    outside.write_text(LOGO)
    root = make_project({"templates/t.mjml": document('<mj-include path="_link.mjml" />')})
    (root / "templates" / "_link.mjml").symlink_to(outside)
    assert error_of(root) == f"templates/t.mjml:8: mj-include '_link.mjml' leads outside the templates folder (a symlink to {outside})"


def test_line_numbers_stay_right_after_chinese_text(make_project):
    root = make_project({"templates/t.mjml": document(
        "<mj-section><mj-column>\n<mj-text>您好，欢迎光临</mj-text>\n<mj-text>x <b>y</i></b></mj-text>\n</mj-column></mj-section>"
    )})
    assert error_of(root) == "templates/t.mjml:10: </i> does not close <b> opened at line 10"
