"""The plain-text part derived from HTML."""
from __future__ import annotations

from templatekit.plaintext import html_to_text


def test_links_are_kept_as_text_and_url():
    html = '<p>Read <a href="https://example.com/a">the guide</a> or <a href="https://example.com/b">https://example.com/b</a>.</p>'
    assert html_to_text(html) == "Read the guide (https://example.com/a) or https://example.com/b.\n"


def test_mailto_links_show_the_address_and_anchors_only_the_label():
    html = '<p><a href="mailto:help@example.com">Write to us</a> <a href="#top">Top</a></p>'
    assert html_to_text(html) == "Write to us (help@example.com) Top\n"


def test_image_links_use_the_alt_text():
    assert html_to_text('<a href="{{url}}"><img src="x.png" alt="Open the shop"></a>') == "Open the shop ({{url}})\n"


def test_no_markup_styles_scripts_comments_or_hidden_preheader():
    html = """<!doctype html><html><head><title>T</title><style>p{color:red}</style></head><body>
    <div style="display:none;max-height:0">Preheader text</div><!-- a comment -->
    <script>alert(1)</script><h1>Title</h1><p>One &amp; two</p></body></html>"""
    assert html_to_text(html) == "Title\n\nOne & two\n"


def test_blocks_become_paragraphs_lists_get_dashes_and_br_breaks_lines():
    html = "<p>First<br>line two</p><ul><li>apples</li><li>pears</li></ul><p>Last</p>"
    assert html_to_text(html) == "First\nline two\n\n- apples\n- pears\n\nLast\n"


def test_table_cells_share_a_line_and_whitespace_is_collapsed():
    html = "<table><tr><td>Carrier</td><td>  {{carrier}}\n </td></tr><tr><td>Number</td><td>42</td></tr></table>"
    assert html_to_text(html) == "Carrier {{carrier}}\nNumber 42\n"


def test_empty_html_gives_empty_text():
    assert html_to_text("   ") == ""


def test_an_icon_linking_where_the_text_beside_it_links_is_written_once():
    html = (
        '<table><tr><td><a href="https://fb.com/{{uid}}"><img src="fb.png" alt=""></a></td>'
        '<td><a href="https://fb.com/{{uid}}">Facebook</a></td></tr></table>'
        '<table><tr><td><a href="https://x.com/lumen"><img src="x.png" alt=""></a></td>'
        '<td><a href="https://x.com/lumen">X</a></td></tr></table>'
    )
    assert html_to_text(html) == "Facebook (https://fb.com/{{uid}})\n\nX (https://x.com/lumen)\n"


def test_an_image_link_elsewhere_keeps_its_alt_text_or_its_url_once():
    html = (
        '<p><a href="https://lumen.example.com/"><img src="logo.png" alt="Lumen Market"></a></p>'
        '<p><a href="https://lumen.example.com/sale"><img src="banner.png" alt=""></a></p>'
        '<p><a href="https://lumen.example.com/help">Help</a></p>'
    )
    assert html_to_text(html) == (
        "Lumen Market (https://lumen.example.com/)\n\nhttps://lumen.example.com/sale\n\nHelp (https://lumen.example.com/help)\n"
    )


def test_mj_social_gives_one_line_per_network(make_project):
    import templatekit

    root = make_project({"templates/t.mjml": """
        ---
        type: testing
        subject: Social
        variables: [uid]
        ---
        <mjml><mj-body><mj-section><mj-column>
        <mj-social mode="vertical">
          <mj-social-element name="facebook-noshare" href="https://fb.com/{{ uid }}">Facebook</mj-social-element>
          <mj-social-element name="github" href="https://github.com/lumen">GitHub</mj-social-element>
        </mj-social>
        </mj-column></mj-section></mj-body></mjml>
        """})
    text = templatekit.load(root / "templates" / "t.mjml").build().text
    assert text == "Facebook (https://fb.com/{{uid}})\n\nGitHub (https://github.com/lumen)\n"
