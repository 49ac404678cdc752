"""The measured document: what counts as visible text, images, fonts, colours and sizes."""
from __future__ import annotations

from pathlib import Path

import pytest

from templatekit.document import measure


def doc(html: str, subject: str | None = "Hello", declared: dict | None = None, text: str = "", type: str = "notification"):
    return measure(
        path=Path("t.html"), name="t", type=type, source_kind="html", subject=subject,
        declared=declared or {}, business=None, html=html, text=text,
    )


def test_style_script_comments_and_head_are_not_text():
    document = doc(
        "<html><head><title>Title words</title><style>p { color: red }</style></head>"
        "<body><!-- a comment --><script>var x = 1;</script><p>Two words</p></body></html>"
    )
    assert document.scopes["body"] == "Two words"
    assert document.measure("words") == 2


def test_hidden_elements_are_the_preheader_not_the_body():
    document = doc(
        '<body><div style="display: none; max-height: 0">Preheader text here</div>'
        '<p style="mso-hide:all">Outlook only</p><p>Visible</p></body>'
    )
    assert document.measure("words") == 1
    assert document.measure("preheader_words") == 5
    assert document.scopes["preheader"] == "Preheader text here Outlook only"


@pytest.mark.parametrize(
    "hiding",
    [
        'style="DISPLAY:NONE"',
        'style="opacity:0; max-height:0; overflow:hidden"',
        'style="max-height:0px;overflow:hidden"',
        'style="opacity: 0.0"',
        'style="font-size:0; line-height:0"',
        'style="Mso-Hide: All"',
        'class="x preheader"',
        'id="pre"',
    ],
)
def test_preheader_tricks_hide_text(hiding):
    document = doc(
        "<html><head><style>.preheader { display: none !important; } span#pre { opacity: 0 }</style></head>"
        f"<body><span {hiding}>Preheader words</span><p>Visible</p></body></html>"
    )
    assert document.scopes["body"] == "Visible"
    assert document.scopes["preheader"] == "Preheader words"


@pytest.mark.parametrize(
    "style", ["opacity:0.5", "font-size:0.9em", "line-height:0", "max-height:0", "overflow:hidden", "height:10px;overflow:hidden"]
)
def test_styles_that_do_not_hide(style):
    assert doc(f'<body><div style="{style}">Shown here</div></body>').scopes["body"] == "Shown here"


def test_a_class_hidden_only_in_a_media_query_is_visible():
    document = doc("<html><head><style>@media (max-width: 480px) { .desktop { display: none } }</style></head>"
                   '<body><p class="desktop">Shown here</p></body></html>')
    assert document.scopes["body"] == "Shown here"


def test_font_size_zero_hides_only_text_that_sets_no_size():
    # MJML puts font-size:0 on column wrappers; the text inside sets its own size.
    document = doc('<body><div style="font-size:0px">gap<div style="font-size:13px">Column text '
                   '<a href="https://x.example.com">Unsubscribe</a></div></div></body>')
    assert document.scopes["body"] == "Column text Unsubscribe"
    assert document.anchors[0].text == "Unsubscribe"


def test_blocks_separate_words_and_inline_elements_do_not():
    document = doc("<body><p>one</p><p>two</p><td>three</td><p>fo<b>ur</b></p></body>")
    assert document.scopes["body"].split() == ["one", "two", "three", "four"]


def test_hidden_inside_font_size_zero_stays_hidden_when_it_sets_a_size():
    # The sized <b> would be visible under font-size:0 alone, but display:none hides all it holds.
    document = doc('<body><div style="font-size:0">gap <span style="display:none">pre <b style="font-size:12px">still hidden</b>'
                   '</span> tail <p style="font-size:14px">shown</p> after</div>end</body>')
    assert document.scopes["body"] == "shown end"
    assert document.scopes["preheader"] == "gap pre still hidden tail after"


def test_a_size_inside_a_hidden_element_shows_nothing():
    document = doc('<body><div style="display:none">one<div style="font-size:0">two <span style="font-size:12px">three</span>'
                   '</div>four</div>five</body>')
    assert document.scopes["body"] == "five"
    assert document.scopes["preheader"] == "one two three four"


def test_the_tail_of_a_hidden_element_is_visible():
    document = doc('<html><head><style>.pre { display: none }</style></head><body><div>a <div style="display:none">b</div> c'
                   ' <div hidden style="color:red">d</div> e <div class="pre">f</div> g <i>h</i> i</div></body></html>')
    assert document.scopes["body"] == "a c e g h i"
    assert document.scopes["preheader"] == "b d f"
    assert document.measure("text_colours") == 0  # a hidden element's colour is not seen


def test_links_inside_hidden_elements_count_with_their_hidden_text():
    document = doc('<body><div style="display:none"><a href="https://x.example.com/h">hidden link</a></div>'
                   '<a href="https://x.example.com/v">vis<span style="display:none">HIDDEN</span>ible</a></body>')
    assert [(a.href, a.text) for a in document.anchors] == [
        ("https://x.example.com/h", "hidden link"), ("https://x.example.com/v", "visible"),
    ]
    assert document.measure("links") == 2
    assert document.scopes["body"] == "visible"
    assert document.scopes["preheader"] == "hidden link HIDDEN"


def test_a_link_under_font_size_zero_reads_all_its_text():
    document = doc('<body><div style="font-size:0"><a href="u">zero <span style="font-size:10px">sized</span> end</a>'
                   '<a href="n">n<!-- c -->o</a></div></body>')
    assert [(a.href, a.text) for a in document.anchors] == [("u", "zero sized end"), ("n", "no")]
    assert document.scopes["body"] == "sized"


def test_line_breaks_separate_words_hidden_or_not():
    document = doc('<body>one<br>two<br/>three<p>four<br>five</p>six<span style="display:none">c<br>d</span>'
                   '<div style="font-size:0">e<br>f</div></body>')
    assert document.scopes["body"].split() == ["one", "two", "three", "four", "five", "six"]
    assert document.scopes["preheader"].split() == ["c", "d", "e", "f"]


def test_comments_between_text_join_the_words_around_them():
    document = doc("<body>wo<!-- c -->rd <!-- c2 --> next<p><!--x-->in<!--y-->side</p><?php echo 1 ?>tail</body>")
    assert document.scopes["body"] == "word next inside tail"


def test_outlook_conditional_comments_hold_nothing_and_what_they_reveal_is_read():
    # MJML writes both kinds: markup inside <!--[if mso]> is a comment to every other client,
    # markup between <!--[if !mso]><!--> and <!--<![endif]--> is for them.
    document = doc(
        '<body><!--[if mso]><img src="https://a.example.com/mso.png"><a href="https://a.example.com/mso">mso only</a><![endif]-->'
        '<!--[if !mso]><!--><a href="https://a.example.com/all">for all<!-- note --> clients</a><!--<![endif]-->'
        '<span style="font-size:0"><a href="https://a.example.com/zero">ze<!-- c -->ro</a></span></body>'
    )
    assert document.scopes["body"] == "for all clients"
    assert [image.src for image in document.images] == []
    assert [(anchor.href, anchor.text) for anchor in document.anchors] == [
        ("https://a.example.com/all", "for all clients"), ("https://a.example.com/zero", "zero"),
    ]


def test_repeated_styles_and_style_blocks_are_read_alike():
    # The meaning of a style attribute or <style> block is kept by its text: the same text means the same each time.
    block = "<style>.pre { display: none } .x { background: url(https://b.example.com/x.png) }</style>"
    html = (f"<html><head>{block}{block}</head><body>"
            + '<div style="color:#ABC;font-size:0">z<p style="font-size:9px">a</p></div>' * 2
            + '<span class="pre">p</span></body></html>')
    for _ in range(2):
        document = doc(html)
        assert document.scopes["body"] == "a a"
        assert document.scopes["preheader"] == "z z p"
        assert document.backgrounds == ("https://b.example.com/x.png",)
        assert document.measure("text_colours") == 1


def test_image_sizes_from_attributes_or_style():
    document = doc('<body><img src="a" width="300" height="auto" style="height:auto;width:100%">'
                   '<img src="b" style="WIDTH: 100px; max-height: 10px; height:40px"><img src="c" width=" 50px " height="0">'
                   '<div style="display:none"><img src=" d.png " alt=" D "></div></body>')
    assert [(i.src, i.alt, i.width, i.height) for i in document.images] == [
        ("a", None, 300, 150), ("b", None, 100, 40), ("c", None, 50, 25), ("d.png", "D", 200, 100),
    ]


def test_text_colours_are_colour_declarations_only():
    document = doc('<head><style>a { color: Red } .b { background-color: blue; border-color: green }</style></head>'
                   '<body><p style="font-color: black;text-color:white">x</p><p style="COLOR: #abc">y</p></body>')
    assert document.measure("text_colours") == 2  # red and #aabbcc


def test_variables_in_visible_text_are_counted_once_per_occurrence():
    document = doc("<body><p>Hello {{name}}, {{name}} again {{code}}</p><a href='{{url}}'>link</a></body>")
    assert document.measure("variables") == 3
    assert document.measure("words") == 3


def test_used_variables_come_from_the_subject_and_the_html():
    # The text part of an HTML template is derived from the HTML, so it adds no variable.
    document = doc("<body><a href='{{url}}'>x</a></body>", subject="Hi {{first}}", text="{{url}}")
    assert set(document.used_variables) == {"first", "url"}


def test_the_text_part_is_derived_only_when_a_measure_needs_it():
    calls = []

    def text_part():
        calls.append(1)
        return "Hello\n"

    document = doc("<p>Hello</p>", text=text_part)
    assert document.measure("words") == 1 and calls == []
    assert document.measure("message_bytes") == len(b"<p>Hello</p>") + 6
    assert document.measure("text_bytes") == 6 and calls == [1]


def test_images_and_their_estimated_area():
    document = doc(
        '<body><img src="a.png" alt="A" width="200" height="100"><img src="b.png" width="300"><img src="c.png">'
        '<img src="d.png" width="1200" height="400"></body>'
    )
    assert document.measure("images") == 4
    # 200x100; a missing height is half the width; a missing width is a 200px logo's;
    # wider than the 600px email, an image is scaled down to it.
    assert document.measure("image_area") == 200 * 100 + 300 * 150 + 200 * 100 + 600 * 200
    assert [image.alt for image in document.images] == ["A", None, None, None]


def test_text_area_counts_each_character_with_its_share_of_spacing():
    assert doc("<p>abcd efgh</p>").measure("text_area") == 9 * 8 * 48
    assert doc("<p>您好</p>").measure("text_area") == 2 * 2 * 8 * 48


def test_font_families_count_the_first_of_each_stack():
    document = doc(
        "<head><style>.x { font-family: Georgia, serif }</style></head>"
        "<body><p style=\"font-family: Helvetica, Arial\">a</p><p style=\"font-family:'Helvetica', sans-serif\">b</p></body>"
    )
    assert document.measure("font_families") == 2


def test_text_colours_ignore_backgrounds_and_normalise_hex():
    document = doc(
        '<body><p style="color:#FFF">a</p><p style="color: #ffffff !important">b</p>'
        '<p style="background-color: #123456; border-color: #654321">c</p><font color="red">d</font></body>'
    )
    assert document.measure("text_colours") == 2


def test_subject_length_counts_variables_as_samples_or_ten_characters():
    assert doc("<p>x</p>", subject="Hi {{name}}", declared={"name": "Al"}).measure("subject_length") == 5
    assert doc("<p>x</p>", subject="Hi {{name}}", declared={"name": None}).measure("subject_length") == 13
    assert doc("<p>x</p>", subject=None).measure("subject_length") == 0


def test_sizes_are_utf8_bytes_of_html_and_text():
    document = doc("<p>é</p>", text="é\n")
    assert document.measure("html_bytes") == len("<p>é</p>".encode())
    assert document.measure("text_bytes") == 3
    assert document.measure("message_bytes") == document.measure("html_bytes") + 3


def test_plain_text_templates_are_measured_from_their_text():
    document = measure(
        path=Path("t.txt"), name="t", type="notification", source_kind="txt", subject="S", declared={},
        business=None, html=None, text="Hello {{name}}, visit example.com\n",
    )
    assert document.measure("words") == 3
    assert document.measure("images") == 0
    assert document.scopes["body"].startswith("Hello")


def test_links_keep_their_text_and_target():
    document = doc('<body><a href=" https://x.example.com/a ">Read <b>more</b></a></body>')
    assert [(a.href, a.text) for a in document.anchors] == [("https://x.example.com/a", "Read more")]


def test_the_text_part_stays_within_its_bound_even_for_rules_and_lists():
    from templatekit.plaintext import html_to_text

    html = "<body>" + "<hr>" * 200 + "<ul>" + "<li>a</li>" * 200 + "</ul><a href='https://x.example.com/'>x</a></body>"
    document = doc(html, text=lambda: html_to_text(html))
    bound = document.measures.upper_bound("text_bytes")
    assert document.measure("text_bytes") <= bound == 4 * len(html.encode())


def test_image_advice_allows_exactly_2_to_8_and_warns_just_above():
    from fixture_project import fixture_project
    from templatekit.linter import check_document

    rules = fixture_project()[1].rules

    def advice(height: int) -> tuple[float, bool]:
        # 1,000 characters of text: 384,000 px2; a 600x160 image is exactly a quarter of that.
        document = doc(f'<body><img src="cid:a" alt="A" width="600" height="{height}"><p>{"x" * 1000}</p></body>')
        ratio = document.measure("image_area") / document.measure("text_area")
        return ratio, any(p.rule == "image-advice" for p in check_document(document, rules))

    assert advice(160) == (0.25, False)
    assert advice(161)[1]


STYLED_BODIES = [
    "<p>no style at all</p>",
    "<style>p { color: #abc; font-family: Georgia }</style><p>a block in the body</p>",
    '<p class="pre">hidden by a block after it</p><style>.pre { display: none }</style><p>shown</p>',
    '<p id="x">hidden by id</p><noscript><style>#x { visibility: hidden }</style></noscript>',
    '<p>a background</p><style>td { background: url(https://cdn.example.com/b.png) }</style><td background="https://a.example.com/t.png">t</td>',
    '<template><style>.a { color: red }</style></template><p class="a" style="color: blue">mixed</p>',
]


@pytest.mark.parametrize("body", STYLED_BODIES)
@pytest.mark.parametrize("head", ["", "<head><style>.pre { mso-hide: all } p { color: green }</style></head>"])
def test_style_blocks_in_the_body_count_as_if_read_before_the_walk(head, body):
    import lxml.etree

    from templatekit import document, styles

    html = f"<html>{head}<body>{body}</body></html>"
    found = document._parse(html)
    root = lxml.etree.fromstring(html, lxml.etree.HTMLParser())
    # Every block known before walking, and fonts and colours read from all the styles joined, as they once were.
    walker = document._walk(root, root.find("body"), [style.text or "" for style in root.iter("style")])
    fonts, colours = set(), set()
    joined = ";\n".join(dict.fromkeys(walker.styles)).lower()
    fonts.update(family for family in map(styles.font_family, styles._FONT.findall(joined)) if family)
    colours.update(map(styles.colour, styles._COLOR.findall(joined)))
    expected = (
        " ".join("".join(walker.visible).split()), " ".join("".join(walker.hidden).split()), walker.images,
        walker.anchors, fonts, colours, walker.backgrounds,
    )
    assert found[:7] == expected


@pytest.mark.parametrize("text", ["", "plain ASCII <p>text</p>", "价格 ¥99 — 今日", "emoji \U0001F600 and é"])
def test_sizes_are_utf8_bytes_ascii_or_not(text):
    from templatekit.document import utf8_size

    assert utf8_size(text) == len(text.encode("utf-8"))


def test_the_html_size_counts_utf8_bytes_of_chinese_text():
    html = "<html><body><p>" + "订单已发货" * 10 + "</p></body></html>"
    document = measure(
        path=Path("t.html"), name="t", type="trigger", source_kind="html", subject="s", declared=None,
        business=None, html=html, text="",
    )
    assert document.measures["html_bytes"] == len(html.encode("utf-8")) > len(html)
