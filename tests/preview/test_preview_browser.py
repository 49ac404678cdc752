"""The preview page in a real headless browser: it frames the email and measures what the browser rendered."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import lxml.html
import pytest

from templatekit.project import Project

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    found = next((path for path in map(shutil.which, _BROWSERS) if path), None)
    if found is None:
        # .ci/run installs one and sets this: there a missing browser is a failure, not a skip.
        if os.environ.get("TEMPLATEKIT_REQUIRE_BROWSER"):
            pytest.fail("no headless browser (chromium) found, and TEMPLATEKIT_REQUIRE_BROWSER is set")
        pytest.skip("no headless browser (chromium) on this machine")
    return found


def _rendered(url: str, profile) -> tuple[int, int, int, int]:
    """(width, height, images, links) as the page's script wrote them, after the browser loaded it."""
    dom = subprocess.run(
        [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-proxy-server", "--no-first-run",
         f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True, text=True, timeout=180,
    ).stdout
    match = re.search(r"Rendered (\d+) px wide, (\d+) px tall; (\d+) images, (\d+) links\.", dom)
    assert match, f"the page did not measure the email:\n{dom[:2000]}"
    return tuple(int(group) for group in match.groups())


def test_the_browser_renders_the_framed_email_at_desktop_and_mobile_width(examples, preview_server, tmp_path):
    url = preview_server(examples) + "t/newsletter.mjml"
    sent = lxml.html.fromstring(Project.discover(examples).load(examples / "templates" / "newsletter.mjml").build().html)
    images, links = len(sent.xpath("//img")), len(sent.xpath("//a[@href] | //area[@href]"))
    assert images and links
    desktop = _rendered(url, tmp_path / "profile")
    mobile = _rendered(url + "?width=375", tmp_path / "profile")
    assert desktop[0] == 600 and mobile[0] == 375
    assert desktop[2:] == mobile[2:] == (images, links)
    # MJML's columns stack below 480 px: the same email is taller on a phone.
    assert mobile[1] > desktop[1] > 100
