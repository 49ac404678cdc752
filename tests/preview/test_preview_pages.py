"""The preview over HTTP on 127.0.0.1: each template as sent with sample values, its text part and lint problems."""
from __future__ import annotations

import html
import os
import re
import time
from urllib.parse import quote

import pytest

from templatekit.project import Project
from templatekit.ruleset import load_settings
from templatekit.linter import lint_template
from tests.preview.conftest import get

from tests.conftest import EXAMPLES


def test_the_index_lists_every_template_with_its_type_and_subject(examples, preview_server):
    url = preview_server(examples)
    page = get(url)
    assert page.status == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
    for name in EXAMPLES:
        template = Project.discover(examples).load(examples / "templates" / name)
        assert f'href="/t/{quote(name)}"' in page.body
        assert html.escape(template.meta.subject) in page.body and f">{template.meta.type}<" in page.body
    assert f"{len(EXAMPLES)} templates." in page.body


def test_the_email_is_the_html_as_sent_with_each_sample_value_filled_in(examples, preview_server):
    url = preview_server(examples)
    template = Project.discover(examples).load(examples / "templates" / "order-shipped.mjml")
    sent = template.build().html
    framed = get(url + "email/order-shipped.mjml")
    assert framed.status == 200 and "script-src 'none'" in framed.headers["Content-Security-Policy"]
    assert "{{order_id}}" in sent and "{{" not in framed.body
    assert "LM20261125001" in framed.body and "LM20261125001" not in sent
    # Filling in is all that differs: the variables put back give the HTML as sent.
    samples = template.meta.variables
    restored = framed.body
    for name, sample in samples.items():
        restored = restored.replace(html.escape(str(sample)), "{{" + name + "}}")
    assert restored == sent
    assert get(url + "email/order-shipped.mjml?raw=1").body == sent


def test_the_page_shows_subject_variables_size_text_part_and_frame(examples, preview_server):
    url = preview_server(examples)
    template = Project.discover(examples).load(examples / "templates" / "order-shipped.mjml")
    built = template.build()
    page = get(url + "t/order-shipped.mjml")
    assert page.status == 200
    assert "<dd>王小明，您的订单 LM20261125001 已发货</dd>" in page.body
    assert "customer_name = 王小明" in page.body
    assert f"{len(built.html.encode('utf-8')):,} bytes of HTML as sent" in page.body
    assert '<iframe id="email"' in page.body and 'src="/email/order-shipped.mjml"' in page.body
    assert 'sandbox="allow-same-origin allow-popups"' in page.body  # no allow-scripts: the email's scripts never run
    text = re.search(r'<pre id="text">(.*?)</pre>', page.body, re.S).group(1)
    assert html.unescape(text) == built.text.replace("{{order_id}}", "LM20261125001").replace("{{customer_name}}", "王小明").replace(
        "{{carrier}}", "顺丰速运").replace("{{tracking_number}}", "SF1234567890").replace("{{delivery_date}}", "11月28日")
    assert get(url + "text/order-shipped.mjml").body == html.unescape(text)


def test_a_text_only_template_has_no_frame_and_no_html(examples, preview_server):
    url = preview_server(examples)
    page = get(url + "t/login-alert.txt")
    assert page.status == 200 and '<pre id="text">' in page.body and "<iframe" not in page.body
    assert get(url + "email/login-alert.txt").status == 404


def test_the_page_lists_the_problems_lint_finds(make_project, preview_server):
    root = make_project({
        "templates/promo.html": """\
            ---
            type: marketing
            subject: "Big sale"
            ---
            <p>Buy now, add me on WeChat: wx_shop888</p>
            """,
    })
    expected = lint_template(Project.discover(root).load(root / "templates/promo.html"), load_settings(Project.discover(root).config).rules)
    assert expected.problems
    page = get(preview_server(root) + "t/promo.html")
    errors = sum(problem.severity == "error" for problem in expected.problems)
    assert f"Lint: {errors} error" in page.body
    for problem in expected.problems:
        assert f"<b>{problem.rule}</b> {html.escape(problem.message)}" in page.body
        assert f"promo.html:{problem.line}</code>" in page.body


def test_a_template_that_does_not_build_shows_its_error_and_the_others_still_show(make_project, preview_server):
    root = make_project({
        "templates/broken.mjml": "---\ntype: testing\nsubject: S\n---\n<mjml><mj-body>{% if %}</mj-body></mjml>\n",
        "templates/fine.html": "---\ntype: testing\nsubject: Fine\n---\n<p>All good here, thanks for reading.</p>\n",
    })
    url = preview_server(root)
    page = get(url + "t/broken.mjml")
    assert page.status == 200
    error = re.search(r'<p class="error" id="build-error">(.*?)</p>', page.body).group(1)
    assert re.fullmatch(r"\S*broken\.mjml:5: .+", html.unescape(error)) and "Traceback" not in page.body
    assert "<iframe" not in page.body
    assert get(url + "email/broken.mjml").status == 404
    assert get(url + "t/fine.html").status == 200 and "<dd>Fine</dd>" in get(url + "t/fine.html").body


def test_what_a_template_says_is_escaped_in_the_page(make_project, preview_server):
    root = make_project({
        "templates/x.html": '---\ntype: testing\nsubject: "<script>alert(1)</script>"\nvariables:\n  who: "<b>bold</b>"\n---\n<p>Hi {{ who }}</p>\n',
    })
    url = preview_server(root)
    page = get(url + "t/x.html")
    assert "<script>alert(1)</script>" not in page.body and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.body
    assert "<b>bold</b>" not in get(url + "email/x.html").body  # a sample value is text in the email, as SES sends it
    assert "&lt;b&gt;bold&lt;/b&gt;" in get(url + "email/x.html").body


def test_an_edit_shows_on_the_next_request_and_changes_the_version_pages_poll(examples, preview_server):
    url = preview_server(examples)
    before = get(url + "version").body
    assert get(url + "version").body == before  # nothing changed: the page does not reload
    footer = examples / "templates" / "_footer.mjml"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</mj-text>", " Preview-edit-marker.</mj-text>", 1), encoding="utf-8")
    os.utime(footer, ns=(time.time_ns() + 10**9,) * 2)  # a later time even on a coarse clock
    assert get(url + "version").body != before
    assert "Preview-edit-marker." in get(url + "email/order-shipped.mjml").body


def test_a_configuration_error_shows_on_the_index_until_it_is_fixed(make_project, preview_server):
    root = make_project({"templates/a.html": "---\ntype: testing\nsubject: Hello\n---\n<p>Hello there, reader.</p>\n"})
    config = root / "pyproject.toml"
    url = preview_server(root)
    assert "<dd>Hello</dd>" in get(url + "t/a.html").body
    config.write_text("[tool.templatekit]\nunknown_key = 1\n", encoding="utf-8")
    os.utime(config, ns=(time.time_ns() + 10**9,) * 2)
    index = get(url)
    error = html.unescape(re.search(r'<p class="error" id="error">(.*?)</p>', index.body).group(1))
    assert "pyproject.toml" in error and "unknown_key" in error
    config.write_text("[tool.templatekit]\n", encoding="utf-8")
    os.utime(config, ns=(time.time_ns() + 2 * 10**9,) * 2)
    assert "1 template." in get(url).body


@pytest.mark.parametrize("address", ["t/missing.mjml", "email/", "nowhere", "t/../pyproject.toml"])
def test_an_address_that_is_no_template_is_not_found(examples, preview_server, address):
    page = get(preview_server(examples) + address)
    assert page.status == 404 and "[tool.templatekit]" not in page.body


def test_a_request_for_another_host_name_is_refused(examples, preview_server):
    url = preview_server(examples)
    assert get(url, headers={"Host": "attacker.example:80"}).status == 403
    port = url.rsplit(":", 1)[1].strip("/")
    assert get(url, headers={"Host": f"localhost:{port}"}).status == 200


def test_a_templates_folder_removed_while_serving_is_an_error_on_the_page(make_project, preview_server):
    import shutil

    root = make_project({"templates/a.html": "---\ntype: testing\nsubject: Hello\n---\n<p>Hello there, reader.</p>\n"})
    url = preview_server(root)
    assert get(url).status == 200
    shutil.rmtree(root / "templates")
    index = get(url)
    assert index.status == 200 and "templates: no such file or folder" in html.unescape(index.body)
    page = get(url + "t/a.html")
    assert page.status == 200 and "no such file or folder" in html.unescape(page.body)
