"""Publishing: the Python API behind submit, status, pull, diff, send-test and delete.

A ``Workspace`` ties a project to its lock file and to a provider, which is
opened only when a command first needs it: ``submit --dry-run`` needs neither
credentials nor the network.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Iterator

from ..lockfile import LOCK_NAME, Lock, guard
from ..project import Project
from ..providers import Provider
from ..providers.settings import SesSettings


@dataclass
class Workspace:
    project: Project
    lock: Lock
    settings: SesSettings
    _provider: Provider | None = field(default=None, repr=False)
    _held: int = field(default=0, repr=False)

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Keep other templatekit processes off the lock file, and read it afresh: what they
        recorded since it was opened counts. Re-entrant."""
        if self._held:
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
            return
        with guard(self.lock.path):
            self.lock = Lock.load(self.lock.path)
            self.lock.check_region(self.settings.region)
            self._held = 1
            try:
                yield
            finally:
                self._held = 0

    @property
    def provider(self) -> Provider:
        if self._provider is None:
            from ..providers import open_provider

            self._provider = open_provider(self.settings)
        return self._provider


def open_workspace(
    project: Project,
    region: str | None = None,
    endpoint: str | None = None,
    provider: Provider | None = None,
) -> Workspace:
    """The project's lock file and SES settings; ``provider`` replaces the one the settings name."""
    from ..providers.settings import ses_settings

    settings = ses_settings(project.config, region=region, endpoint=endpoint)
    lock = Lock.load(project.config.root / LOCK_NAME)
    lock.check_region(settings.region)
    return Workspace(project, lock, settings, _provider=provider)
