"""The MJML tag check before compiling: which problems it reports, and where."""
from __future__ import annotations

import pytest

from templatekit.mjml_compiler import MjmlError, check


def problem(source: str, *, fragment: bool = False) -> tuple[str, int | None, str | None, int | None]:
    with pytest.raises(MjmlError) as caught:
        check(source, fragment=fragment)
    error = caught.value
    return error.message, error.offset, error.snippet, error.opened


def test_slashes_and_angle_brackets_inside_values_do_not_end_a_tag():
    # An unclosed <mj-image> would be reported if a "/" or ">" in a value ended the tag.
    check('<mjml><mj-body><mj-image src="https://a.example.com/x.png" alt="a > b" />'
          "<mj-text title='1/2'>x</mj-text></mj-body></mjml>")
    check('<mj-text href=a/b>x</mj-text>', fragment=True)


def test_a_self_closing_tag_ends_at_its_slash():
    source = '<mjml><mj-body><mj-spacer height="1px"/></mj-body></mjml>'
    check(source)
    opened = source.replace("/>", ">")
    assert problem(opened) == (
        "</mj-body> does not close <mj-spacer>", opened.index("</mj-body>"), "</mj-body>", opened.index("<mj-spacer"),
    )


def test_the_first_repeated_attribute_is_named_at_its_tag():
    source = '<mjml><mj-body><mj-text color="red" font-size="2px" color = "blue" font-size=3>x</mj-text></mj-body></mjml>'
    message, offset, snippet, _ = problem(source)
    assert message == "duplicate attribute 'color' on <mj-text>"
    assert (offset, snippet) == (source.index("<mj-text"), source[source.index("<mj-text"):source.index(">x") + 1])


def test_an_equals_sign_inside_a_value_is_not_a_second_attribute():
    check('<mjml><mj-body><mj-text title="a=b">x</mj-text></mj-body></mjml>')


def test_unknown_unbalanced_and_unclosed_elements_are_reported_at_their_tag():
    assert problem("<mjml><mj-body><mj-txet>x</mj-txet></mj-body></mjml>")[:3] == (
        "unknown MJML element <mj-txet>; did you mean <mj-text>?", 15, "<mj-txet>",
    )
    assert problem("<mjml><mj-body></mj-text></mj-body></mjml>", fragment=True)[:3] == (
        "</mj-text> does not close <mj-body>", 15, "</mj-text>",
    )
    assert problem("</mj-text>", fragment=True)[:2] == ("closing </mj-text> has no opening tag", 0)
    assert problem("<mjml><mj-body></mj-body>")[:3] == ("<mjml> is never closed", 0, "<mjml>")
    assert problem("<mj-section></mj-section>")[:2] == ("not an MJML document: the <mjml> root element is missing", 0)
