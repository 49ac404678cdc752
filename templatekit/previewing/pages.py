"""The preview's pages as HTML: the index of templates and one template's page.

Every value from a template is escaped; the email itself is never inlined in the
page but framed from its own address, in a sandbox where its scripts do not run.
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote

from ..errors import display_path
from ..problem import ERROR
from .previews import Listed, TemplatePreview

_STYLE = """
body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 10px 20px; display: flex; gap: 16px; align-items: baseline; }
header a { color: #c9d1d9; } header h1 { font-size: 18px; margin: 0; }
main { padding: 16px 20px; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
.type { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #ddf4ff; color: #0969da; }
.error { color: #cf222e; } .warning { color: #9a6700; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 12px; }
dt { color: #57606a; } dd { margin: 0; }
#controls { margin: 12px 0; display: flex; gap: 8px; align-items: center; }
button[aria-pressed="true"] { background: #0969da; color: #fff; border-color: #0969da; }
button { border: 1px solid #d0d7de; background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
#frame { background: #fff; border: 1px solid #d0d7de; display: inline-block; }
iframe { border: 0; display: block; width: 600px; height: 400px; }
pre { background: #fff; border: 1px solid #d0d7de; padding: 12px; white-space: pre-wrap; max-width: 80ch; }
code { font-size: 12px; }
"""

# Reloads the page when a watched file changes (the server's /version), sizes the frame
# to the email, and says what the browser rendered.
_SCRIPT = """
const frame = document.getElementById("email");
function measure() {
  const doc = frame && frame.contentDocument;
  if (!doc || !doc.documentElement) return;
  frame.style.height = Math.max(doc.documentElement.scrollHeight, 100) + "px";
  const shown = document.getElementById("rendered");
  shown.textContent = "Rendered " + frame.clientWidth + " px wide, " + doc.documentElement.scrollHeight + " px tall; "
    + doc.images.length + " images, " + doc.links.length + " links.";
  shown.dataset.height = doc.documentElement.scrollHeight;
}
if (frame) {
  frame.addEventListener("load", measure);
  measure();
  for (const button of document.querySelectorAll("button[data-width]")) {
    button.addEventListener("click", () => {
      frame.style.width = button.dataset.width + "px";
      for (const other of document.querySelectorAll("button[data-width]")) other.setAttribute("aria-pressed", other === button);
      measure();
    });
  }
  const asked = new URLSearchParams(location.search).get("width");  // ?width=375 opens at that width
  const chosen = asked && document.querySelector(`button[data-width="${CSS.escape(asked)}"]`);
  if (chosen) chosen.click();
  const raw = document.getElementById("raw");
  raw.addEventListener("change", () => { frame.src = frame.dataset.src + (raw.checked ? "?raw=1" : ""); });
}
const version = document.body.dataset.version;
setInterval(() => {
  fetch("/version", {cache: "no-store"}).then(r => r.text()).then(v => { if (v !== version) location.reload(); }, () => {});
}, 1000);
"""


def index_page(templates: list[Listed], version: str, error: str | None = None) -> str:
    rows = []
    for item in templates:
        link = f'<a href="/t/{quote(item.key)}">{escape(item.name)}</a>'
        if item.error:
            rows.append(f'<tr><td>{link}</td><td></td><td class="error" colspan="2">{escape(item.error)}</td></tr>')
            continue
        rows.append(
            f'<tr><td>{link}</td><td><span class="type">{escape(item.type or "")}</span></td>'
            f"<td>{escape(item.subject or '')}</td><td><code>{escape(item.key)}</code></td></tr>"
        )
    body = (
        f'<p class="error" id="error">{escape(error)}</p>' if error else
        f"<p>{len(templates)} template{'s' if len(templates) != 1 else ''}. Pages reload when a file changes.</p>"
        "<table><thead><tr><th>Name</th><th>Type</th><th>Subject</th><th>File</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _page("templatekit preview", "<h1>templatekit preview</h1>", body, version)


def template_page(preview: TemplatePreview, version: str) -> str:
    key = quote(preview.key)
    facts = [("Subject", preview.subject), ("Summary", preview.summary), ("Type", preview.type)]
    if preview.variables:
        shown = ", ".join(
            f"{name} = {sample!s}" if sample is not None else f"{name} (no sample value: shown as {{{{{name}}}}})"
            for name, sample in preview.variables.items()
        )
        facts.append(("Variables", shown))
    if preview.html is not None:
        facts.append(("Size", f"{len(preview.raw_html.encode('utf-8')):,} bytes of HTML as sent"))
    facts_html = "".join(f"<dt>{label}</dt><dd>{escape(str(value))}</dd>" for label, value in facts if value)
    parts = [f"<dl>{facts_html}</dl>", _problems(preview)]
    if preview.error:
        parts.insert(0, f'<p class="error" id="build-error">{escape(preview.error)}</p>')
    if preview.html is not None:
        parts.append(
            '<div id="controls"><button data-width="600" aria-pressed="true">Desktop (600 px)</button>'
            '<button data-width="375" aria-pressed="false">Mobile (375 px)</button>'
            '<label><input type="checkbox" id="raw"> Show variables as {{name}}</label></div>'
            f'<div id="frame"><iframe id="email" title="The email as sent" sandbox="allow-same-origin allow-popups" '
            f'src="/email/{key}" data-src="/email/{key}"></iframe></div>'
            '<p id="rendered"></p>'
        )
    if preview.text is not None:
        parts.append(f'<h2>Text part</h2><pre id="text">{escape(preview.text)}</pre>')
    elif not preview.error:
        parts.append("<p>No text part: SES gets the HTML alone.</p>")
    head = f'<a href="/">All templates</a><h1>{escape(preview.name)}</h1>'
    return _page(f"{preview.name} · templatekit preview", head, "".join(parts), version)


def not_found_page(what: str, version: str) -> str:
    return _page("Not found · templatekit preview", '<a href="/">All templates</a>', f'<p class="error">{escape(what)}</p>', version)


def _problems(preview: TemplatePreview) -> str:
    if not preview.problems:
        return '<p id="problems">Lint: no problems.</p>' if not preview.error else ""
    errors = sum(problem.severity == ERROR for problem in preview.problems)
    warnings = len(preview.problems) - errors
    items = "".join(
        f'<li class="{escape(problem.severity)}"><code>{escape(display_path(problem.path))}:{problem.line}</code> '
        f"<b>{escape(problem.rule)}</b> {escape(problem.message)}</li>"
        for problem in preview.problems
    )
    return (
        f'<section id="problems"><h2>Lint: {errors} error{"s" if errors != 1 else ""}, '
        f'{warnings} warning{"s" if warnings != 1 else ""}</h2><ul>{items}</ul></section>'
    )


def _page(title: str, header: str, body: str, version: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width"><style>{_STYLE}</style></head>'
        f'<body data-version="{escape(version)}"><header>{header}</header><main>{body}</main>'
        f"<script>{_SCRIPT}</script></body></html>"
    )
