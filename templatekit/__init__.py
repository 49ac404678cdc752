"""templatekit: build, lint and publish MJML + Jinja email templates for Tencent Cloud SES.

The library API is what the CLI wraps::

    import templatekit
    template = templatekit.load("templates/welcome.mjml")
    built = template.build()
    print(built.html, built.text, built.metadata.type)

Heavy modules (the MJML compiler, lxml, the SES SDK) are imported lazily so that
``templatekit --help`` and pre-commit hooks start fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .project import Project
    from .template import Built, Template

__all__ = ["load", "Project", "Template", "Built", "__version__"]


def load(path, project: "Project | None" = None) -> "Template":
    """Load one template file, using the configuration found above it."""
    from .project import Project

    if project is None:
        project = Project.discover(path)
    return project.load(path)


def __getattr__(name: str):
    if name == "Project":
        from .project import Project

        return Project
    if name in ("Template", "Built"):
        from . import template

        return getattr(template, name)
    raise AttributeError(name)
