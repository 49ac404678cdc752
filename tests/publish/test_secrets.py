"""No secret appears in any output, log or file: on success and on every error path."""
from __future__ import annotations

import io
import logging

import pytest

from templatekit.testing import FakeSes

from .conftest import SECRET_ID, SECRET_KEY


def _everything_written(root) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in root.rglob("*") if path.is_file()
    )


def test_no_secret_in_output_lock_or_files_on_any_path(bundled_project, tmp_path, cli, tk, ses, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)  # the SDK's debug log prints request headers
    with (bundled_project / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write("\n[tool.templatekit.ses]\nmax_attempts = 2  # keep the failing paths quick\n")
    seen = []

    def run(*args, endpoint=True):
        result = tk(*args, cwd=bundled_project) if endpoint else cli(*args, cwd=bundled_project)
        seen.append(result.out + result.err)
        return result

    run("submit")
    ses.reject("order-shipped-zh", "包含营销内容")
    ses.approve("password-reset")
    run("status")
    run("status", "--format", "json")
    run("diff")
    run("send-test", "password-reset", "--to", "me@example.com", "--from", "a@lumen.example.com")
    ses.edit_template("login-alert", text="changed")
    run("submit", "--force")
    pulled = tmp_path / "pulled"
    pulled.mkdir()
    (pulled / "pyproject.toml").write_text("[tool.templatekit]\n", encoding="utf-8")
    seen.append(tk("pull", cwd=pulled).out)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    run("delete", "delivery-test")
    # error paths: the server knows another key (signature mismatch), SES errors, no server, half the credentials
    with FakeSes(SECRET_ID, "another-key") as strict:
        seen.append(cli("status", "--endpoint", strict.endpoint, cwd=bundled_project).err)
    ses.fail(None, "AuthFailure.SecretIdNotFound", f"The SecretId {SECRET_ID} is not found", times=3)
    failed = run("status")
    assert failed.status == 4
    assert "AuthFailure.SecretIdNotFound" in failed.err
    ses.http_error(None, times=20)
    assert run("status").status == 4
    seen.append(cli("status", "--endpoint", "127.0.0.1:1", cwd=bundled_project).err)
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "")
    half = run("status")
    assert half.status == 2 and "TENCENTCLOUD_SECRET_KEY" in half.err

    written = "\n".join(seen) + caplog.text + _everything_written(bundled_project) + _everything_written(pulled)
    assert "RequestId" in written  # the error paths really ran
    assert SECRET_ID not in written
    assert SECRET_KEY not in written
    for request in ses.requests:
        assert "Authorization" not in request.headers  # not even the fake server keeps it


def test_missing_credentials_name_the_variables(batch_project, tk, monkeypatch):
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_KEY")

    result = tk("status", cwd=batch_project(1))

    assert result.status == 2
    assert result.err.strip() == (
        "no SES credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY "
        "(or secret_id and secret_key under [default] in ~/.tencentcloud/credentials)"
    )


def test_the_credentials_file_of_the_sdk_is_used_when_the_environment_has_none(batch_project, tk, ses, monkeypatch, tmp_path):
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_KEY")
    credentials = tmp_path / "home" / ".tencentcloud" / "credentials"
    credentials.parent.mkdir(parents=True)
    credentials.write_text(f"[default]\nsecret_id = {SECRET_ID}\nsecret_key = {SECRET_KEY}\n", encoding="utf-8")

    result = tk("status", cwd=batch_project(1))

    assert result.status == 1, result.err  # reached SES: batch-00 is simply not submitted
    assert "not submitted" in result.out


@pytest.mark.parametrize("variable", ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SESSION_TOKEN"])
@pytest.mark.parametrize("hostile", ["HOSTILEvalue9x\nrest", "HOSTILEvalue9x\r\nX-Injected: 1", "HOSTILE\tvalue9x", "HOSTILEvalue9x\x1b[0m", "HOSTILEvalue9xé"])
def test_a_credential_with_a_character_inside_that_no_key_has_is_refused_by_name(batch_project, tk, ses, monkeypatch, variable, hostile):
    monkeypatch.setenv(variable, hostile)

    result = tk("status", cwd=batch_project(1))

    assert result.status == 2
    assert result.err.startswith(f"{variable} contains a line break")
    assert result.err.count("\n") == 1
    assert "HOSTILE" not in result.out + result.err and "value9x" not in result.out + result.err
    assert ses.requests == []  # refused before any call, so nothing was retried


def test_surrounding_whitespace_is_stripped_from_every_credential(batch_project, tk, ses, monkeypatch):
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", f"  {SECRET_ID}\n")
    monkeypatch.setenv("TENCENTCLOUD_SESSION_TOKEN", "tokSECRETvalue\n")

    result = tk("status", cwd=batch_project(1))

    assert result.status == 1, result.err  # reached SES: batch-00 is not submitted
    assert ses.requests[0].headers["X-TC-Token"] == "tokSECRETvalue"


def test_a_line_break_in_the_credentials_file_is_refused_by_name(batch_project, tk, ses, monkeypatch, tmp_path):
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_KEY")
    credentials = tmp_path / "home" / ".tencentcloud" / "credentials"
    credentials.parent.mkdir(parents=True)
    credentials.write_text(f"[default]\nsecret_id = AKIDfirstLINE42\n  secondLINE42\nsecret_key = {SECRET_KEY}\n", encoding="utf-8")

    result = tk("status", cwd=batch_project(1))

    assert result.status == 2
    assert "secret_id under [default] in ~/.tencentcloud/credentials contains a line break" in result.err
    assert "LINE42" not in result.err
    assert ses.requests == []


def test_secrets_quoted_by_a_library_are_scrubbed_in_every_form(batch_project, ses):
    """Even a secret that gets past the checks is not shown: requests quotes a bad header value as a repr."""
    from templatekit.project import Project
    from templatekit.providers import ProviderError
    from templatekit.providers.settings import Credentials
    from templatekit.providers.tencent import TencentSes
    from templatekit.publishing import open_workspace

    workspace = open_workspace(Project.discover(batch_project(1)), endpoint=ses.endpoint)
    for secret_id, token in ((SECRET_ID, "tokSECRETvalue\n"), ("AKIDsecretIDpart\nrest", None)):
        provider = TencentSes(workspace.settings, Credentials(secret_id, SECRET_KEY, token), sleep=lambda _: None)
        with pytest.raises(ProviderError) as raised:
            provider.list_templates()
        message = str(raised.value)
        assert "header value" in message  # the library's own words, with the value masked
        for piece in ("tokSECRETvalue", "AKIDsecretIDpart", "SECRETvalue\\n", "secretIDpart\\nrest"):
            assert piece not in message


@pytest.mark.parametrize("shown", [
    "value 'tokSECRETvalue\\n' refused",          # a Python repr
    'value "tokSECRETvalue\\n" refused',          # JSON
    "value tokSECRETvalue%0A refused",             # percent-encoded
    "value tokSECRETvalue refused",                # cut at the line break
    "Credential=AKIDsecretIDpart\\nrest/2026",     # a repr inside a header
    "Credential=AKIDsecretIDpart",                 # the piece before the break
])
def test_the_scrubber_hides_escaped_forms_and_pieces_of_secrets(shown):
    from templatekit.providers.redaction import Scrubber

    scrub = Scrubber(["tokSECRETvalue\n", "AKIDsecretIDpart\nrest", "short"])

    clean = scrub(shown)

    assert "***" in clean
    assert "SECRETvalue" not in clean and "secretIDpart" not in clean
    assert scrub("a short word stays") == "a *** word stays"  # whole secrets go whatever their length
    assert scrub("rest is a piece under 8 characters and stays") == "rest is a piece under 8 characters and stays"
