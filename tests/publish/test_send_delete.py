"""send-test sends TemplateData built from the samples; delete asks first."""
from __future__ import annotations

import io
import json

from templatekit.lockfile import LOCK_NAME, Lock


def test_send_test_sends_the_samples_as_template_data(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    ses.approve("password-reset")

    result = tk("send-test", "password-reset", "--to", "me@example.com", "--from", "Lumen <noreply@lumen.example.com>", cwd=bundled_project)

    assert result.status == 0, result.err
    call = ses.calls("SendEmail")[0].params
    data = call["Template"]["TemplateData"]
    assert isinstance(data, str)  # a JSON object serialised to a string
    assert json.loads(data) == {"first_name": "Alex", "reset_code": "482913", "minutes": "30"}
    assert call["Destination"] == ["me@example.com"]
    assert call["Subject"] == "Reset your Lumen Market password"
    assert call["TriggerType"] == 0
    sent = ses.sent[0]
    assert "482913" in sent.html and "{{reset_code}}" not in sent.html
    assert f"message {sent.message_id}" in result.out


def test_send_test_data_file_overrides_samples_and_fills_the_subject(bundled_project, tk, ses, tmp_path):
    tk("submit", cwd=bundled_project)
    ses.approve("verification-code-zh")
    ses.approve("delivery-test")
    data = tmp_path / "data.json"
    data.write_text('{"recipient": "qa@example.com"}', encoding="utf-8")

    result = tk("send-test", "delivery-test", "--to", "me@example.com", "--from", "ops@lumen.example.com", "--data", str(data), cwd=bundled_project)

    assert result.status == 0, result.err
    assert ses.sent[0].data == {"recipient": "qa@example.com", "sent_at": "2026-11-25 09:30"}
    assert ses.sent[0].subject == "Delivery test for qa@example.com"
    trigger = tk("send-test", "verification-code-zh", "--to", "me@example.com", "--from", "ops@lumen.example.com", cwd=bundled_project)
    assert trigger.status == 0
    assert ses.calls("SendEmail")[-1].params["TriggerType"] == 1  # verification codes use the trigger channel


def test_send_test_refuses_unknown_keys_missing_values_and_unapproved_templates(bundled_project, tk, ses, tmp_path):
    tk("submit", cwd=bundled_project)
    extra = tmp_path / "extra.json"
    extra.write_text('{"first_name": "Bo", "coupon": "X"}', encoding="utf-8")

    unapproved = tk("send-test", "password-reset", "--to", "me@example.com", "--from", "a@lumen.example.com", cwd=bundled_project)
    ses.approve("password-reset")
    unknown = tk("send-test", "password-reset", "--to", "me@example.com", "--from", "a@lumen.example.com", "--data", str(extra), cwd=bundled_project)
    template = bundled_project / "templates" / "password-reset.mjml"
    template.write_text(template.read_text(encoding="utf-8").replace('  minutes: "30"', "  minutes:"), encoding="utf-8")
    missing = tk("send-test", "password-reset", "--to", "me@example.com", "--from", "a@lumen.example.com", cwd=bundled_project)

    assert unapproved.status == 1 and "is under review; only approved templates can send" in unapproved.err
    assert unknown.status == 1 and "'coupon' is not a variable of the template" in unknown.err
    assert missing.status == 1 and "no value for 'minutes'" in missing.err
    assert ses.sent == []


def test_delete_asks_first_and_removes_the_lock_entry(batch_project, tk, ses, monkeypatch):
    root = batch_project(3)
    tk("submit", cwd=root)

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal, no answer: nothing happens
    silent = tk("delete", "batch-00", cwd=root)
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    declined = tk("delete", "batch-00", cwd=root)
    assert (silent.status, declined.status) == (1, 1)
    assert "pass --yes" in declined.err
    assert len(ses.templates) == 3
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert tk("delete", "batch-02", cwd=root).status == 0

    result = tk("delete", "batch-00", "--yes", cwd=root)

    assert result.status == 0, result.err
    assert "deleted batch-00" in result.out
    assert [t.name for t in ses.templates] == ["batch-01"]
    assert "batch-02" not in Lock.load(root / LOCK_NAME)
    assert "batch-00" not in Lock.load(root / LOCK_NAME)
    assert [c.params["TemplateID"] for c in ses.calls("DeleteEmailTemplate")] == [10003, 10001]


def test_delete_of_an_unknown_name_is_an_error(batch_project, tk, ses):
    result = tk("delete", "ghost", "--yes", cwd=batch_project(1))

    assert result.status == 1
    assert "no template named 'ghost'" in result.err


def test_send_test_leaves_out_a_variable_declared_but_not_used(batch_project, tk, ses, tmp_path):
    root = batch_project(1)
    source = root / "templates" / "batch-00.html"
    source.write_text(source.read_text(encoding="utf-8").replace("  first_name: Alex\n", "  first_name: Alex\n  extra_unused: foo\n"), encoding="utf-8")
    assert tk("submit", cwd=root).status == 0  # lint only warns about the unused variable
    ses.approve("batch-00")
    data = tmp_path / "data.json"
    data.write_text('{"first_name": "Bo", "extra_unused": "bar"}', encoding="utf-8")

    result = tk("send-test", "batch-00", "--to", "me@example.com", "--from", "a@lumen.example.com", cwd=root)
    with_file = tk("send-test", "batch-00", "--to", "me@example.com", "--from", "a@lumen.example.com", "--data", str(data), cwd=root)
    subject_only = tk("send-test", "batch-00", "--to", "me@example.com", "--from", "a@lumen.example.com",
                      "--subject", "Hi {{extra_unused}}", cwd=root)

    assert result.status == 0, result.err
    assert [json.loads(c.params["Template"]["TemplateData"]) for c in ses.calls("SendEmail")] == [
        {"first_name": "Alex"}, {"first_name": "Bo"}, {"first_name": "Alex", "extra_unused": "foo"},
    ]
    assert with_file.status == 0 and subject_only.status == 0, with_file.err + subject_only.err
    assert ses.sent[-1].subject == "Hi foo"  # a variable used only in the subject sent is filled from the data
