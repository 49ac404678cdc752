"""The fake SES server speaks the real protocol: signatures, envelopes, Content-Type, limits, faults."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request

import pytest

from templatekit.providers import Content, ProviderError
from templatekit.providers.settings import Credentials, Endpoint, SesSettings
from templatekit.providers.tencent import TencentSes
from templatekit.testing import FakeSes

from .conftest import SECRET_ID, SECRET_KEY


def client(ses, key=SECRET_KEY, timeout=5.0, sleeps=None):
    settings = SesSettings(endpoint=Endpoint("http", ses.endpoint), timeout=timeout)
    return TencentSes(settings, Credentials(SECRET_ID, key), sleep=(sleeps.append if sleeps is not None else lambda s: None))


def raw_post(ses, body: bytes, headers: dict) -> tuple[int, str, dict]:
    request = urllib.request.Request(ses.url + "/", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status, answer.headers["Content-Type"], json.loads(answer.read())


def test_answers_are_json_envelopes_with_the_exact_content_type(ses):
    status, content_type, body = raw_post(ses, b"{}", {"Content-Type": "application/json", "X-TC-Action": "ListEmailTemplates"})

    assert status == 200
    assert content_type == "application/json"
    assert body["Response"]["Error"]["Code"] == "AuthFailure.InvalidAuthorization"
    assert body["Response"]["RequestId"]


def test_a_wrong_secret_key_fails_signature_verification(ses):
    with pytest.raises(ProviderError) as raised:
        client(ses, key="not-the-key").list_templates()

    assert raised.value.code == "AuthFailure.SignatureFailure"
    assert "check TENCENTCLOUD_SECRET_KEY" in str(raised.value)


def test_an_old_timestamp_is_refused(ses):
    ses.clock = lambda: time.time() + 3600

    with pytest.raises(ProviderError) as raised:
        client(ses).list_templates()

    assert raised.value.code == "AuthFailure.SignatureExpire"


def test_the_list_limit_and_required_parameters_are_enforced(ses):
    provider = client(ses)

    with pytest.raises(ProviderError) as too_many:
        provider._call("ListEmailTemplates", {"Limit": 101, "Offset": 0})
    with pytest.raises(ProviderError) as no_offset:
        provider._call("ListEmailTemplates", {"Limit": 10})
    with pytest.raises(ProviderError) as no_name:
        provider._call("UpdateEmailTemplate", {"TemplateID": 1, "TemplateContent": {"Text": "eA=="}})

    assert too_many.value.code == "FailedOperation.InvalidLimit"
    assert no_offset.value.code == "MissingParameter"
    assert no_name.value.code == "InvalidParameterValue.TemplateNameIsNULL"


def test_bad_base64_and_empty_content_are_refused(ses):
    provider = client(ses)

    with pytest.raises(ProviderError) as wrong:
        provider._call("CreateEmailTemplate", {"TemplateName": "x", "TemplateContent": {"Html": "%%%"}})
    with pytest.raises(ProviderError) as empty:
        provider.create_template("x", Content(None, None))

    assert wrong.value.code == "InvalidParameterValue.TemplateContentIsWrong"
    assert empty.value.code == "InvalidParameterValue.TemplateContentIsNULL"


def test_an_error_is_read_even_when_content_type_has_a_charset(ses):
    # The SDK skips the error envelope unless Content-Type is exactly application/json.
    ses.content_type = "application/json; charset=utf-8"

    with pytest.raises(ProviderError) as raised:
        client(ses).get_template(424242)

    assert raised.value.code == "InvalidParameterValue.TemplateNotExist"


def test_slow_answers_time_out_and_are_retried(ses):
    ses.slow("GetEmailTemplate", seconds=0.6)
    template_id = ses.add_template("x", text="hello")
    sleeps: list[float] = []

    found = client(ses, timeout=0.2, sleeps=sleeps).get_template(template_id)

    assert found.content.text == "hello"
    assert len(sleeps) == 1
    assert len(ses.calls("GetEmailTemplate")) == 2


def test_network_errors_exhaust_their_retries_with_a_clear_message():
    with FakeSes(SECRET_ID, SECRET_KEY) as gone:
        endpoint = gone.endpoint
    settings = SesSettings(endpoint=Endpoint("http", endpoint), max_attempts=3)
    sleeps: list[float] = []

    with pytest.raises(ProviderError) as raised:
        TencentSes(settings, Credentials(SECRET_ID, SECRET_KEY), sleep=sleeps.append).list_templates()

    assert str(raised.value) == f"cannot reach SES at http://{endpoint} (ListEmailTemplates): connection refused; tried 3 times"
    assert len(sleeps) == 2


def test_send_email_is_not_retried_after_a_lost_answer(ses):
    template_id = ses.add_template("x", text="hi {{name}}")
    ses.drop("SendEmail", commit=True)

    with pytest.raises(ProviderError):
        client(ses).send_email(template_id, {"name": "Bo"}, sender="a@b.example.com", to=["c@d.example.com"], subject="s")

    assert len(ses.sent) == 1  # sent once, never twice


def test_the_fake_server_refuses_to_listen_beyond_loopback():
    with pytest.raises(ValueError):
        FakeSes(host="0.0.0.0")


def test_the_fake_server_runs_standalone(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "templatekit.testing", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("fake SES API on http://127.0.0.1:")
        url = first.split()[4].rstrip(";")
        with urllib.request.urlopen(urllib.request.Request(url + "/_control/review", data=b"{}", method="POST"), timeout=5) as answer:
            pytest.fail(f"expected 400, got {answer.status}")
    except urllib.error.HTTPError as error:
        assert error.code == 400
    finally:
        process.terminate()
        process.wait(timeout=5)


def test_publishing_commands_start_without_importing_the_sdk():
    code = (
        "import sys\n"
        "from templatekit.cli import main\n"
        "for name in ('submit', 'status', 'pull', 'diff', 'send-test', 'delete'):\n"
        "    main([name, '--help'])\n"
        "print('HEAVY', [m for m in ('tencentcloud', 'requests', 'mjml', 'lxml') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert "HEAVY []" in out
    assert "--endpoint" in out and "--dry-run" in out and "--yes" in out


def test_a_proxy_in_the_environment_does_not_divert_calls_to_this_machine(batch_project, tk, ses, monkeypatch):
    monkeypatch.delenv("NO_PROXY")
    monkeypatch.delenv("no_proxy")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")

    result = tk("status", cwd=batch_project(1))

    assert result.status == 1, result.err  # reached the fake server: batch-00 is not submitted
    assert len(ses.calls("ListEmailTemplates")) == 1


def test_template_data_must_fill_every_variable_and_only_those_or_the_subject_s(ses):
    provider = client(ses)
    template_id = ses.add_template("hello", "<p>Hi {{name}}</p>", "Hi {{name}}")

    def send(data, subject="Hello"):
        return provider.send_email(template_id, data, sender="a@example.com", to=["b@example.com"], subject=subject)

    assert send({"name": "Bo"})
    assert send({"name": "Bo", "city": "Oslo"}, subject="Hello from {{city}}")  # the data may fill the subject too
    assert ses.sent[-1].subject == "Hello from Oslo"
    for wrong in ({}, {"name": "Bo", "unused": "x"}):
        with pytest.raises(ProviderError) as raised:
            send(wrong)
        assert raised.value.code == "FailedOperation.TemplateNotMatchData"  # the code SES answers with
        assert "do not match the template's variables" in str(raised.value)
