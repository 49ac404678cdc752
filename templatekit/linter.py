"""Linting: build each template, measure it once, run the rules in force, and locate what they find.

``lint_template`` is a pure function of (template, rules): it returns its
problems and a small summary, both picklable, so templates can be linted in any
order or in parallel. Repository-wide rules (one business type per account)
then run once over the summaries. The linter never prints; reporters turn its
report into text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .errors import TemplateError, TemplatekitError
from .kinds import REPOSITORY_KINDS, Finding, get_kind
from .problem import ERROR, Problem
from .project import Project
from .ruleset import BUILD_ERROR, UNUSED_SUPPRESSION, LintSettings, RuleSet, load_settings
from .messages import format_message
from .repository import Summary, compared_with_all, lint_repository, summary_of
from .suppressions import Suppression, parse
from .unused_suppressions import unused_detail, unused_in_partials

if TYPE_CHECKING:  # measuring and locating are imported when a template is linted: a warm run needs none of it
    from .document import Document

# Lint reads the un-inlined HTML. The inliner parses and re-serialises the
# document, repairing broken markup: on inlined HTML every html-invalid problem
# of the fixtures disappeared, and no other result changed (benchmarks/lint.py);
# skipping it also saves about a fifth of an MJML template's lint time. Sizes
# are the exception, since inlining repeats styles on every element: the size
# rules measure the inlined HTML (inlined once, when first asked for).
_UNTRACED = " (in generated output; not traced to a source line)"
_ADDRESS = re.compile(r"(?:https?:)?//[^\s\"'()<>]+")


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    problems: tuple[Problem, ...]
    summary: Summary | None
    suppressed: int = 0
    # (file, line, rule) of the suppressions in partials that this template's problems used:
    # whether one is unused is known only once every template built from the partial is linted.
    used_in_partials: frozenset[tuple[str, int, str]] = frozenset()


@dataclass
class LintReport:
    problems: list[Problem] = field(default_factory=list)
    templates: int = 0
    files: list[Path] = field(default_factory=list)
    suppressed: int = 0
    # The templates whose lint found each problem: a problem in a shared partial
    # is reported once, but concerns every template that showed it.
    found_in: dict[Problem, list[Path]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]


def lint_paths(
    project: Project,
    paths: Iterable[Path] | None = None,
    *,
    settings: LintSettings | None = None,
    built_type: str | None = None,
    subject: str | None = None,
    jobs: int | None = 1,
    cache: bool = False,
    name_templates: bool = True,
) -> LintReport:
    """Lint the templates under ``paths`` (default: the templates folder).

    With ``built_type``, ``.html`` files among ``paths`` are already-built emails
    of that type (``subject`` is their subject), linted without building.
    ``jobs`` worker processes share the templates (0 or None: one per core);
    ``cache`` reuses results whose inputs have not changed (``cache.py``).
    Repository-wide rules compare the linted templates with every template of
    the project (their front matter only), and report on the linted ones.
    ``name_templates``: name the templates a build error in a partial stopped
    (``name_the_templates``); a caller adding build errors of its own does it after.
    """
    settings = settings or load_settings(project.config, cache=cache)
    report = LintReport()
    template_paths, built_paths = _split(project, paths, built_type)
    store = open_cache(project, settings) if cache else None
    results = lint_files(project, settings, template_paths, jobs=jobs, store=store)
    _refuse_duplicate_names(results, settings)
    for path in built_paths:
        results.append(lint_built(path, built_type or "", subject, settings.for_path(path)))
    for result in results:
        report.templates += 1
        report.files.append(result.path)
        report.problems.extend(result.problems)
        report.suppressed += result.suppressed
        for problem in result.problems:
            report.found_in.setdefault(problem, []).append(result.path)
    if name_templates:
        name_the_templates(report, project.templates_root)
    summaries = [r.summary for r in results if r.summary]
    if paths:
        report.problems.extend(compared_with_all(project, summaries, settings, store))
    else:
        report.problems.extend(lint_repository(summaries, settings))
    report.problems.extend(unused_in_partials(project, results, settings))
    report.problems = sorted(dict.fromkeys(report.problems), key=_order)
    return report


def name_the_templates(report: LintReport, root: Path) -> None:
    """A build error in a layout or partial names the templates it stopped, once for all of them.

    Run once over the finished set of problems: a problem it names is a new one.
    """
    from dataclasses import replace

    from .errors import same_file, template_name, templates_note

    for problem, templates in list(report.found_in.items()):
        if problem.rule != BUILD_ERROR or any(same_file(problem.path, t) for t in templates):
            continue
        names = [template_name(t, root) for t in dict.fromkeys(templates)]
        named = replace(problem, message=problem.message + templates_note(names))
        del report.found_in[problem]
        report.found_in[named] = templates
        report.problems = list(dict.fromkeys(named if p == problem else p for p in report.problems))


def _order(problem: Problem) -> tuple:
    # The dataclass order, with paths compared as text: comparing Path objects
    # made sorting a large report take a third of a cached run.
    return (str(problem.path), problem.line, problem.column, problem.rule, problem.severity, problem.message)


def open_cache(project: Project, settings: LintSettings):
    """The project's lint cache (``cache.py``), or None when the configuration turns it off."""
    if project.config.cache is None:
        return None
    from .cache import LintCache, fingerprint

    return LintCache(project.config.cache, fingerprint(project, settings))


def lint_files(project: Project, settings: LintSettings, paths: list[Path], *, jobs: int | None = 1, store=None) -> list[TemplateResult]:
    """One result per template file, in the order given; unchanged templates come from the cache ``store``."""
    from .workers import resolve_jobs, run_ordered

    project.write_compiled = False
    # With an empty cache nothing can be reused: the workers compute the keys, in parallel.
    keys_here = store is not None and bool(store.entries)
    results: list[TemplateResult | None] = [None] * len(paths)
    todo: list[tuple[int, Path, str | None]] = []
    for index, path in enumerate(paths):
        key = store.key(path, project.root_for) if keys_here else None
        cached = store.get(path, key) if key is not None else None
        if cached is not None:
            results[index] = cached
        else:
            todo.append((index, path, key))
    state = (project, settings, None if keys_here else store)
    fresh = run_ordered(
        _lint_file, [path for _, path, _ in todo], resolve_jobs(jobs), state, before_fork=lambda: _before_fork(settings)
    )
    for (index, path, key), (result, worker_key, remembered) in zip(todo, fresh):
        results[index] = result
        if worker_key is not None:
            key = worker_key
            store.remember(key, remembered)
        if key is not None:
            store.put(path, key, result)
    if store is not None:
        store.save()
    return [result for result in results if result is not None]


def import_compilers() -> None:
    """Import what building and measuring need, once, before worker processes are forked."""
    import css_inline  # noqa: F401
    import jinja2.sandbox  # noqa: F401
    import lxml.etree  # noqa: F401
    import mjml  # noqa: F401

    from . import document, mjml_compiler, plaintext, render  # noqa: F401


def _before_fork(settings: LintSettings) -> None:
    # Rules are prepared on first use (ruleset.py): once here, not once in each worker.
    import_compilers()
    for rules in settings.rule_sets():
        rules.prepare()


def _lint_file(state, path: Path):
    """(result, key, what the cache remembers) for one template; the key only when asked to."""
    project, settings, store = state
    # Read once for the key and the lint, so that the key is that of the bytes linted.
    source = _read(path) if store is not None else None
    key = store.key(path, project.root_for, source) if store is not None else None
    rules = settings.for_path(path)
    try:
        template = project.load(path, source)
    except TemplatekitError as error:
        if error.path in (None, path) and error.line == 1 and not _is_template_source(path):
            # Linting built output without --type is a common slip; say how to lint it as such.
            error = TemplateError(error.message + "; for already-built HTML give --type (and --subject)", path, 1)
        result = _build_error(error, path, rules)
    else:
        result = lint_template(template, rules)
    return result, key, store.remembered(key) if key is not None else None


def _read(path: Path) -> bytes | None:
    """The template's bytes, or None when reading fails: loading it again then says why."""
    from .source import MAX_SOURCE_BYTES, read_bytes

    try:
        return read_bytes(path, MAX_SOURCE_BYTES)
    except (OSError, TemplatekitError):
        return None


def _refuse_duplicate_names(results: list[TemplateResult], settings: LintSettings) -> None:
    """Two templates with one SES name would overwrite each other: the later one is a build error."""
    names: dict[str, Path] = {}
    for index, result in enumerate(results):
        if result.summary is None:
            continue
        earlier = names.setdefault(result.summary.name, result.path)
        if earlier != result.path and earlier.resolve() != result.path.resolve():
            error = TemplateError(
                f"template name '{result.summary.name}' is already used by {earlier}", result.path, result.summary.lines.get("name", 1)
            )
            results[index] = _build_error(error, result.path, settings.for_path(result.path))


def _split(project: Project, paths, built_type: str | None) -> tuple[list[Path], list[Path]]:
    """(templates, already-built emails) among ``paths``; everything is a template without ``built_type``.

    With it, ``.html`` files are built emails, and so are ``.txt`` files without
    front matter: a build writes ``name.txt`` beside ``name.html`` as its text
    part (linted with that HTML, not on its own), and ``name.txt`` alone for a
    text template.
    """
    if not built_type:
        return project.find_templates(paths), []
    built, others = [], []
    for given in list(paths or []) or [project.config.templates]:
        given = Path(given)
        if given.is_dir():
            found = project.find_templates([given])
            built.extend(p for p in found if _is_built(p))
            others.extend(p for p in found if not _is_built(p))
        elif _is_built(given):
            built.append(given)
        else:
            others.append(given)
    html_stems = {p.with_suffix("") for p in built if p.suffix.lower() in (".html", ".htm")}
    built = [p for p in dict.fromkeys(built) if p.suffix.lower() != ".txt" or p.with_suffix("") not in html_stems]
    return (project.find_templates(others) if others else []), built


def _is_template_source(path: Path) -> bool:
    """Whether the file starts with front matter (or is not HTML, where the hint does not apply)."""
    if path.suffix.lower() not in (".html", ".htm"):
        return True
    try:
        with path.open("rb") as file:
            return file.read(3).startswith(b"---")
    except OSError:
        return True


def _is_built(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return True
    if suffix != ".txt" or not path.is_file():
        return False
    try:
        with path.open("rb") as file:
            return not file.read(3).startswith(b"---")
    except OSError:
        return False


def lint_template(template, rules: RuleSet) -> TemplateResult:
    """Problems of one template (a ``Template``) under ``rules``; never raises for the template's own faults."""
    try:
        built = template.build(inline=False, require_subject=False)  # subject-missing reports it
    except TemplatekitError as error:
        return _build_error(error, template.path, rules, summary_of(template))
    from .sourcemap import SourceMap, blank_front_matter, partials_of, without_comments

    body, matter = blank_front_matter(template.source)
    raw_partials: dict[Path, str] = {}

    def later() -> tuple[tuple[Path, str], ...]:
        raw_partials.update(partials_of(template.path, template.root))
        texts = [(path, without_comments(text)) for path, text in raw_partials.items()]
        texts.append((template.path, matter))
        data_path = template.project.config.data
        if data_path is not None:
            try:
                texts.append((data_path, data_path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                pass
        return tuple(texts)

    from .document import measure

    document = measure(
        path=template.path, name=built.name, type=built.type, source_kind=template.kind,
        subject=built.subject, declared=dict(template.meta.variables), business=built.business,
        html=built.html, text=lambda: built.text, key_lines=template.meta.lines,
        sources=SourceMap(((template.path, without_comments(body)),), later),
        sent_html=(lambda: template.inlined_html(built) or "") if built.pending_css is not None and built.html is not None else None,
    )
    try:
        problems = check_document(document, rules)
    except TemplatekitError as error:  # inlining, done only if a size rule needs it, can fail too
        return _build_error(error, template.path, rules, summary_of(template))
    files = {template.path: template.source, **raw_partials}
    return _finish(template.path, problems, files, rules, summary_of(template))


def lint_built(path: Path, type: str, subject: str | None, rules: RuleSet) -> TemplateResult:
    """Problems of an already-built email (no front matter, no Jinja): HTML, or a text part on its own.

    The text part of built HTML is the ``.txt`` file of the same name that the
    build wrote beside it, or else derived from the HTML as the build would.
    """
    from .source import read_source
    from .sourcemap import SourceMap, without_comments

    text_path = path.with_suffix(".txt")
    try:
        content = read_source(path)
        text = read_source(text_path) if path.suffix.lower() != ".txt" and text_path.is_file() else None
    except TemplatekitError as error:
        return _build_error(error, path, rules)
    if path.suffix.lower() == ".txt":
        html, text = None, content
    else:
        from .plaintext import html_to_text

        html = content
        text = text if text is not None else lambda: html_to_text(content)
    from .document import measure

    document = measure(
        path=path, name=path.stem, type=type, source_kind="built", subject=subject, declared=None,
        business=None, html=html, text=text, sources=SourceMap(((path, without_comments(content)),)),
    )
    return _finish(path, check_document(document, rules), {path: content}, rules, None)


def check_document(document: Document, rules: RuleSet) -> list[Problem]:
    """Run every applicable rule on one measured document; locate and stamp what they find."""
    problems: list[Problem] = []
    for rule in rules.rules:
        kind = get_kind(rule.kind)
        if not hasattr(kind, "check") or not rule.applies_to(document):
            continue
        for finding in kind.check(rule.options, document):
            path, line, column, note = _locate(document, finding)
            message = format_message(finding.message or rule.message_for(document), finding, document) + note
            problems.append(Problem(path, line, column, rule.id, rule.severity, message))
    return problems


def _locate(document: Document, finding: Finding) -> tuple[Path, int, int, str]:
    if finding.snippet:
        found = document.sources.locate(finding.snippet, finding.nth, finding.in_text)
        if found is None:
            # Generated markup (MJML's <link> for an <mj-font>, say) is not in the
            # source, but the address it carries is.
            address = _ADDRESS.search(finding.snippet)
            if address and address.group(0) != finding.snippet:
                found = document.sources.locate(address.group(0))
        if found is not None:
            return found.path, found.line, found.column, ""
    if finding.key and finding.key in document.key_lines:
        return document.path, document.key_lines[finding.key], 1, ""
    return document.path, 1, 1, _UNTRACED if finding.snippet else ""


def _build_error(error: TemplatekitError, path: Path, rules: RuleSet, summary: Summary | None = None) -> TemplateResult:
    problem = Problem(error.path or path, error.line or 1, 1, BUILD_ERROR, rules.severities.get(BUILD_ERROR, ERROR), error.message)
    return TemplateResult(path, (problem,), summary)


def _finish(path: Path, problems: list[Problem], files: dict[Path, str], rules: RuleSet, summary: Summary | None) -> TemplateResult:
    """Apply the inline suppressions of the files involved; report the template's unused ones.

    A suppression covers problems located in its own file, and a template's
    ``disable-file`` also covers problems located in the partials it is built
    from (text from a layout or macro is part of this email); a partial's
    suppressions cover that partial, for every template built from it.
    """
    suppressions: dict[Path, list[Suppression]] = {}
    for file in {path, *(p.path for p in problems)}:
        if file in files:
            suppressions[file] = parse(file, files[file])
    whole_email = [s for s in suppressions.get(path, []) if s.target is None]
    used: set[Suppression] = set()
    kept = []
    for problem in problems:
        covering = [s for s in suppressions.get(problem.path, []) if s.covers(problem.rule, problem.line)]
        if not covering and problem.path != path:
            covering = [s for s in whole_email if s.covers(problem.rule, problem.line)]
        if covering:
            used.update(covering)
        else:
            kept.append(problem)
    repository_rules = {r.id for r in rules.rules if r.kind in REPOSITORY_KINDS}
    if rules.enabled(UNUSED_SUPPRESSION):
        for suppression in suppressions.get(path, []):
            if suppression in used:
                continue
            detail = unused_detail(suppression, rules, repository_rules)
            if detail:
                kept.append(Problem(path, suppression.line, suppression.column, UNUSED_SUPPRESSION, rules.severities[UNUSED_SUPPRESSION], detail))
    elsewhere = frozenset((str(s.path), s.line, s.rule) for s in used if s.path != path)
    suppressed = len(problems) - len([p for p in kept if p.rule != UNUSED_SUPPRESSION])
    return TemplateResult(path, tuple(kept), summary, suppressed=suppressed, used_in_partials=elsewhere)


def report_order(problem: Problem) -> tuple:
    """The order of problems in a report, for reports merged from several passes."""
    return _order(problem)
