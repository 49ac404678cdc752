"""Which partials and layouts a template is built from."""
from __future__ import annotations

from templatekit.dependencies import dependencies, dependents

FILES = {
    "templates/_layout.mjml": '<mjml><mj-body>{% block content %}{% endblock %}{% include "_footer.mjml" %}</mj-body></mjml>',
    "templates/_footer.mjml": '{% from "_macros/links.mjml" import link %}<mj-section><mj-column>{{ link() }}</mj-column></mj-section>',
    "templates/_macros/links.mjml": '{% macro link() %}<mj-text>x</mj-text>{% endmacro %}',
    "templates/_header.mjml": "<mj-section><mj-column><mj-text>h</mj-text></mj-column></mj-section>",
    "templates/_unused.mjml": "<mj-text>u</mj-text>",
    "templates/news/a.mjml": '---\ntype: testing\nsubject: s\n---\n{% extends "_layout.mjml" %}{% block content %}<mj-include path="../_header.mjml" />{% endblock %}',
    "templates/b.txt": "---\ntype: testing\nsubject: s\n---\nplain\n",
    "templates/c.txt": "---\ntype: testing\nsubject: s\ndata: {which: _x.txt}\n---\n{% include which %}\n",
}


def test_layouts_includes_imports_and_mj_includes_are_followed(make_project):
    root = make_project(FILES) / "templates"
    found = {p.relative_to(root.resolve()).as_posix() for p in dependencies(root / "news" / "a.mjml", root)}
    assert found == {"_layout.mjml", "_footer.mjml", "_macros/links.mjml", "_header.mjml"}
    assert dependencies(root / "b.txt", root) == set()


def test_a_changed_partial_selects_every_template_built_from_it(make_project):
    root = make_project(FILES) / "templates"
    templates = [root / "news" / "a.mjml", root / "b.txt", root / "c.txt"]
    # c.txt includes a name known only at render time, so any change may concern it.
    assert dependents(templates, [root / "_macros" / "links.mjml"], root) == [root / "news" / "a.mjml", root / "c.txt"]
    assert dependents(templates, [root / "_unused.mjml"], root) == [root / "c.txt"]


def test_naming_a_partial_selects_the_templates_built_from_it(make_project):
    from templatekit.project import Project

    root = make_project(FILES)
    project = Project.discover(root)
    chosen = project.find_templates([root / "templates" / "_macros" / "links.mjml"])
    assert chosen == [root / "templates" / "c.txt", root / "templates" / "news" / "a.mjml"]
    assert project.find_templates([root / "templates" / "b.txt"]) == [root / "templates" / "b.txt"]
    # a file in a partials folder is a partial even though its own name has no underscore
    assert project.is_partial(root / "templates" / "_macros" / "links.mjml")
    assert not project.is_partial(root / "templates" / "news" / "a.mjml")


def test_naming_the_data_file_selects_every_template(make_project):
    from templatekit.project import Project

    root = make_project({**FILES, "templates/_data.yaml": "x: 1\n"}, config='data = "templates/_data.yaml"\n')
    project = Project.discover(root)
    assert sorted(p.name for p in project.find_templates([root / "templates" / "_data.yaml"])) == ["a.mjml", "b.txt", "c.txt"]


def test_every_way_of_naming_a_template_is_read(make_project):
    root = make_project({
        "templates/t.html": "---\ntype: testing\nsubject: s\n---\n"
        "{# {% include nothing_here %} #}\n"
        '{%- include "_a.html" ignore missing with context -%}\n'
        "{% include ['_b.html', \"_c.html\"] %}\n"
        '{% from "_d.html" import x as y, z %}\n'
        "{% import '_e.html' as e %}\n"
        '{% include "_f.html" if flag else "_g.html" %}\n',
        **{f"templates/_{n}.html": n for n in "abcdefg"},
    }) / "templates"
    found = {p.name for p in dependencies(root / "t.html", root)}
    assert found == {"_a.html", "_b.html", "_c.html", "_d.html", "_e.html", "_f.html", "_g.html"}


def test_a_changed_file_is_read_again(make_project):
    import os

    root = make_project({
        "templates/t.txt": '---\ntype: testing\nsubject: s\n---\n{% include "_a.txt" %}\n',
        "templates/_a.txt": "a", "templates/_b.txt": "b",
    }) / "templates"
    assert {p.name for p in dependencies(root / "t.txt", root)} == {"_a.txt"}
    (root / "t.txt").write_text('---\ntype: testing\nsubject: s\n---\n{% include "_b.txt" %}\n')
    os.utime(root / "t.txt", ns=(1, 1))
    assert {p.name for p in dependencies(root / "t.txt", root)} == {"_b.txt"}


def test_references_resolved_through_remembered_folders_are_the_same(make_project, monkeypatch):
    import os

    from templatekit.dependencies import references
    from templatekit.realpaths import RealPaths

    base = make_project({**FILES, "templates/news/d.mjml": '{% include "_linked.mjml" %}{% include "_missing.mjml" %}<mj-include path="_folder" />'})
    root = base / "templates"
    (root / "_folder").mkdir()
    os.symlink(root / "_header.mjml", root / "_linked.mjml")
    monkeypatch.chdir(base)
    real_path = RealPaths()
    for template in (root / "news" / "a.mjml", root / "news" / "d.mjml", root / "b.txt"):
        for path in (template, template.relative_to(base)):
            for _ in range(2):  # the second time from the remembered folders
                assert references(path, root, real_path.text) == references(path, root)
    found = {p.name for p in references(root / "news" / "d.mjml", root, real_path.text)}
    assert {"_linked.mjml", "_missing.mjml", "_folder"} <= found  # a folder is no file: it is a missing name


def test_references_read_from_the_bytes_already_read_are_those_read_from_the_file(make_project):
    import pytest

    from templatekit.dependencies import Unknowable, referenced_files, references

    base = make_project({
        **FILES,
        # CRLF: the file is read as text with universal newlines, the bytes must read the same.
        "templates/news/crlf.mjml": '---\r\ntype: testing\r\nsubject: s\r\n---\r\n{% extends "_layout.mjml" %}\r\n'
        '{% block content %}<mj-include path="../_header.mjml" />{% endblock %}\r\n',
        "templates/news/top.mjml": '{% include "../_unused.mjml" %}<mj-include path="_nowhere.mjml" />',
    })
    root = base / "templates"
    for name in ("news/a.mjml", "news/crlf.mjml", "news/top.mjml"):
        path = root / name
        from_file = sorted(str(p) for p in references(path, root))
        assert referenced_files(path, root, source=path.read_bytes()) == from_file
        assert from_file  # each names something, so an empty scan would fail
    assert {p.name for p in references(root / "news" / "crlf.mjml", root)} >= {"_layout.mjml", "_header.mjml"}
    # Bytes that are not UTF-8 reference nothing (the build reports them), as the file does.
    broken = root / "news" / "a.mjml"
    assert referenced_files(broken, root, source=b'{% include "_header.mjml" %}\xff') == []
    # A name computed at render time is as unknowable from the bytes as from the file.
    with pytest.raises(Unknowable):
        referenced_files(root / "c.txt", root, source=(root / "c.txt").read_bytes())
