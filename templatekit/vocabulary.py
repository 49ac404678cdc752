"""The names rule packs are written in: the measures of a document and the scopes of its text.

Apart from the code that computes them (document.py), so that reading and
checking a rule pack does not import the parser and everything it needs.
"""
from __future__ import annotations

MEASURES = {
    "words": "visible words (CJK characters count one each; variables do not count)",
    "cjk_characters": "visible CJK characters",
    "variables": "occurrences of {{variables}} in the visible text",
    "images": "<img> elements",
    "links": "<a href> links",
    "subject_length": "subject characters, each variable replaced by its sample or 10 characters",
    "html_bytes": "size of the HTML part in UTF-8 bytes",
    "text_bytes": "size of the text part in UTF-8 bytes",
    "message_bytes": "HTML plus text part in UTF-8 bytes",
    "preheader_words": "words of the hidden preheader",
    "font_families": "distinct font families (the first of each font stack)",
    "text_colours": "distinct text colours of visible elements",
    "image_area": "estimated image area in square pixels (missing width: 200, missing height: half the width)",
    "text_area": "estimated area of the visible text in square pixels (8 x 48 a character, CJK twice)",
}
SCOPES = {
    "subject": "the subject",
    "body": "the visible text",
    "preheader": "hidden text (the preheader)",
    "alt": "image alt texts",
    "image_src": "image addresses",
    "links": "link texts and addresses",
    "markup": "the whole HTML source, tags included",
}
