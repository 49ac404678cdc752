"""submit: create, update, skip, adopt, resume, retry, refuse, dry-run; through the Python API and the CLI."""
from __future__ import annotations

import json

import pytest

from templatekit.building import iter_builds
from templatekit.lockfile import LOCK_NAME, Lock
from templatekit.project import Project
from templatekit.providers import ProviderError
from templatekit.publishing.submission import CREATE, FAILED, REFUSED, SKIPPED, UNCHANGED, UPDATE, submit

from .conftest import batch_template

BUNDLED_NAMES = {
    "delivery-test", "delivery-test-zh", "login-alert", "monthly-newsletter", "monthly-newsletter-zh", "order-shipped-zh",
    "password-reset", "password-reset-zh", "verification-code", "verification-code-zh",
}


def builds(root):
    return {b.name: b for b in iter_builds(Project.discover(root))}


def test_submit_creates_every_template_with_its_built_html_and_text(bundled_project, connect, ses):
    report = submit(connect(bundled_project))

    assert {step.action for step in report.steps} == {CREATE}
    assert report.exit_status == 0
    built = builds(bundled_project)
    remote = {t.name: t for t in ses.templates}
    assert set(remote) == BUNDLED_NAMES
    for name, template in remote.items():
        assert template.html == built[name].html
        assert template.text == built[name].text
        assert template.status == 1  # under review
    assert remote["login-alert"].html is None  # text-only templates send only Text
    text_only = next(call for call in ses.calls("CreateEmailTemplate") if call.params["TemplateName"] == "login-alert")
    assert "Html" not in text_only.params["TemplateContent"]


def test_the_lock_records_id_hashes_time_and_status(bundled_project, connect, ses):
    submit(connect(bundled_project))

    text = (bundled_project / LOCK_NAME).read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    built = builds(bundled_project)
    ids = {t.name: t.id for t in ses.templates}
    for name, entry in document["templates"].items():
        assert entry["id"] == ids[name]
        assert entry["text_sha256"] == built[name].text_sha256
        assert entry.get("html_sha256") == built[name].html_sha256
        assert entry["status"] == "under review"
        assert entry["submitted_at"].endswith("Z")
    assert document["region"] == "ap-guangzhou"


def test_a_changed_template_is_updated_and_goes_back_to_review(bundled_project, connect, ses):
    submit(connect(bundled_project))
    ses.approve("password-reset")
    source = bundled_project / "templates" / "password-reset.mjml"
    source.write_text(source.read_text(encoding="utf-8").replace("can be used only once", "works only once"), encoding="utf-8")

    report = submit(connect(bundled_project))

    step = next(s for s in report.steps if s.name == "password-reset")
    assert step.action == UPDATE
    assert "back to review" in step.reason
    update = ses.calls("UpdateEmailTemplate")
    assert len(update) == 1
    assert update[0].params["TemplateName"] == "password-reset"  # required even though unchanged
    template = next(t for t in ses.templates if t.name == "password-reset")
    assert template.status == 1
    assert "works only once" in template.html
    lock = Lock.load(bundled_project / LOCK_NAME)
    assert lock.get("password-reset").html_sha256 == builds(bundled_project)["password-reset"].html_sha256


def test_unchanged_templates_are_skipped_without_calls(bundled_project, connect, ses):
    submit(connect(bundled_project))
    before = len(ses.requests)

    report = submit(connect(bundled_project))

    assert {step.action for step in report.steps} == {UNCHANGED}
    assert [r.action for r in ses.requests[before:]] == ["ListEmailTemplates"]


def test_a_template_already_in_ses_is_adopted_by_name_not_duplicated(bundled_project, connect, ses):
    built = builds(bundled_project)
    same = ses.add_template("password-reset", built["password-reset"].html, built["password-reset"].text)
    older = ses.add_template("order-shipped-zh", "<p>old</p>", "old")

    report = submit(connect(bundled_project))

    actions = {step.name: step.action for step in report.steps}
    assert actions["password-reset"] == UNCHANGED
    assert actions["order-shipped-zh"] == UPDATE
    names = [t.name for t in ses.templates]
    assert sorted(names) == sorted(BUNDLED_NAMES)  # each exactly once
    lock = Lock.load(bundled_project / LOCK_NAME)
    assert lock.get("password-reset").id == same
    assert lock.get("order-shipped-zh").id == older
    assert next(t for t in ses.templates if t.id == older).html == built["order-shipped-zh"].html


def test_a_batch_interrupted_by_server_errors_resumes_without_duplicates(batch_project, connect, ses):
    root = batch_project(12)
    ses.http_error("CreateEmailTemplate", times=100, after=5)

    first = submit(connect(root))

    assert first.exit_status == 4
    assert sum(step.action == CREATE for step in first.steps) == 5
    assert sum(step.action == FAILED for step in first.steps) == 1
    assert sum(step.action == SKIPPED for step in first.steps) == 6
    assert len(Lock.load(root / LOCK_NAME).entries) == 5
    ses.faults.clear()

    second = submit(connect(root))

    assert second.exit_status == 0
    names = [t.name for t in ses.templates]
    assert len(names) == len(set(names)) == 12
    lock = Lock.load(root / LOCK_NAME)
    assert {name: entry.id for name, entry in lock.entries.items()} == {t.name: t.id for t in ses.templates}


def test_an_answer_lost_after_the_template_was_created_does_not_duplicate_it(batch_project, connect, ses):
    root = batch_project(4)
    ses.drop("CreateEmailTemplate", after=2, commit=True)  # created, but the client never hears back

    report = submit(connect(root))

    assert report.exit_status == 0
    names = [t.name for t in ses.templates]
    assert sorted(names) == [f"batch-{n:02d}" for n in range(4)]
    assert Lock.load(root / LOCK_NAME).get("batch-02").id == next(t.id for t in ses.templates if t.name == "batch-02")


def test_a_crash_between_create_and_lock_write_is_healed_by_adoption(batch_project, connect, ses, monkeypatch):
    root = batch_project(5)
    saves = []
    original = Lock.save

    def crash_on_third(self):
        saves.append(1)
        if len(saves) == 3:
            raise KeyboardInterrupt  # Ctrl-C after SES created the third template, before the lock knew
        original(self)

    monkeypatch.setattr(Lock, "save", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        submit(connect(root))
    monkeypatch.setattr(Lock, "save", original)
    assert len(Lock.load(root / LOCK_NAME).entries) == 2
    assert len(ses.templates) == 3

    report = submit(connect(root))

    assert report.exit_status == 0
    names = [t.name for t in ses.templates]
    assert len(names) == len(set(names)) == 5
    assert len(Lock.load(root / LOCK_NAME).entries) == 5


def test_request_limit_exceeded_is_retried_with_growing_waits(batch_project, connect, ses):
    root = batch_project(2)
    ses.throttle("CreateEmailTemplate", times=3)
    workspace = connect(root)

    report = submit(workspace)

    assert report.exit_status == 0
    assert len(ses.calls("CreateEmailTemplate")) == 2 + 3
    assert len(ses.templates) == 2
    waits = connect.sleeps
    assert len(waits) == 3
    # each wait is in the upper half of an exponentially growing step (0.5s, 1s, 2s)
    for retry, wait in enumerate(waits, 1):
        step = 0.5 * 2 ** (retry - 1)
        assert step / 2 <= wait <= step


def test_retries_are_bounded_and_the_error_names_code_meaning_and_request_id(batch_project, connect, ses):
    root = batch_project(1)
    ses.throttle("ListEmailTemplates", times=50)

    with pytest.raises(ProviderError) as raised:
        submit(connect(root))

    message = str(raised.value)
    assert "RequestLimitExceeded" in message
    assert "20 per second" in message
    assert "RequestId" in message
    assert "tried 5 times" in message
    assert len(ses.calls("ListEmailTemplates")) == 5
    assert "\n" not in message


def test_a_template_that_does_not_build_is_refused_and_listed(batch_project, connect, ses):
    root = batch_project(3)
    broken = root / "templates" / "batch-01.html"
    broken.write_text(batch_template(1).replace("{{ first_name }}, this", "{{ first_nme }}, this"), encoding="utf-8")

    report = submit(connect(root))

    refused = [s for s in report.steps if s.action == REFUSED]
    assert len(refused) == 1
    assert refused[0].reason == "does not build"
    assert any("batch-01.html:10:1: build-error unknown variable 'first_nme'" in d for d in refused[0].details)
    assert report.exit_status == 1
    assert sorted(t.name for t in ses.templates) == ["batch-00", "batch-02"]


def test_submit_refuses_lint_errors_on_the_command_line(batch_project, tk, ses):
    root = batch_project(2)
    (root / "templates" / "batch-01.html").write_text(batch_template(1).replace("</p>", "</p>{% if %}"), encoding="utf-8")

    result = tk("submit", cwd=root)

    assert result.status == 1
    assert "refused" in result.out
    assert "templates/batch-01.html:" in result.out and "build-error" in result.out
    assert [t.name for t in ses.templates] == ["batch-00"]


def test_dry_run_prints_the_plan_and_calls_nothing(bundled_project, tk, ses, monkeypatch):
    monkeypatch.delenv("TENCENTCLOUD_SECRET_ID")
    monkeypatch.delenv("TENCENTCLOUD_SECRET_KEY")  # a plan needs no credentials

    result = tk("submit", "--dry-run", cwd=bundled_project)

    assert result.status == 0, result.err
    assert ses.requests == []
    assert "create  password-reset: new template" in result.out
    assert "dry run, nothing called: 10 create" in result.out
    assert not (bundled_project / LOCK_NAME).exists()


def test_dry_run_shows_updates_with_their_reason(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    source = bundled_project / "templates" / "login-alert.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nThanks.\n", encoding="utf-8")
    before = len(ses.requests)

    result = tk("submit", "--dry-run", "--format", "json", cwd=bundled_project)

    plan = {t["name"]: t for t in json.loads(result.out)["templates"]}
    assert plan["login-alert"]["action"] == "update"
    assert "text changed" in plan["login-alert"]["reason"]
    assert plan["password-reset"]["action"] == "unchanged"
    assert len(ses.requests) == before


def test_submit_takes_names_or_paths(bundled_project, tk, ses):
    result = tk("submit", "password-reset", "templates/login-alert.txt", cwd=bundled_project)

    assert result.status == 0, result.err
    assert sorted(t.name for t in ses.templates) == ["login-alert", "password-reset"]
    unknown = tk("submit", "pasword-reset", cwd=bundled_project)
    assert unknown.status == 1
    assert "no template named 'pasword-reset' in this project; did you mean 'password-reset'?" in unknown.err


def test_json_output_is_machine_readable(batch_project, tk, ses):
    root = batch_project(2)

    result = tk("submit", "--format", "json", cwd=root)

    document = json.loads(result.out)
    assert [t["action"] for t in document["templates"]] == ["create", "create"]
    assert all(isinstance(t["id"], int) for t in document["templates"])
    assert document["exit_status"] == 0


def test_an_api_error_is_one_line_with_exit_status_4(batch_project, tk, ses):
    root = batch_project(2)
    ses.fail("CreateEmailTemplate", "FailedOperation.ExceedTemplateLimit", "The number of templates exceeds the upper limit.", times=5)

    result = tk("submit", cwd=root)

    assert result.status == 4
    failed = [line for line in result.out.splitlines() if "ExceedTemplateLimit" in line]
    assert len(failed) == 2  # a template-specific refusal: the others are still tried
    assert "limit on the number of templates" in failed[0]
    assert "RequestId" in failed[0]
    assert "Traceback" not in result.err


def test_submit_wait_reports_the_review_outcome(batch_project, tk, ses):
    root = batch_project(2)
    ses.review_after_lists(2, lambda template: (0, ""))

    result = tk("submit", "--wait", "--interval", "0.01s", cwd=root)

    assert result.status == 0, result.out + result.err
    assert "2 templates: 2 approved" in result.out
    assert len(ses.calls("ListEmailTemplates")) >= 2


def test_the_progress_bar_advances_once_per_template(capsys):
    from templatekit.commands.submit import _ProgressBar
    from templatekit.publishing.submission import Step

    bar = _ProgressBar(enabled=True)
    for index in range(1, 7):
        bar.advance(Step(f"t{index}", CREATE), index, 6)
    bar.close()

    assert bar._bar is not None and bar._bar.pos == 6
    assert "submitting" in capsys.readouterr().err


def test_a_rule_error_refuses_the_template_unless_forced(bundled_project, tk, ses):
    config = bundled_project / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("[tool.templatekit.lint.options.url]")], encoding="utf-8")  # URLs not allowed

    refused = tk("submit", cwd=bundled_project)

    assert refused.status == 1
    assert "refused  monthly-newsletter: 4 lint errors (--force submits anyway)" in refused.out
    assert "    templates/newsletter.mjml:59:22: url link to https://lumen.example.com/autumn" in refused.out
    assert "monthly-newsletter" not in [t.name for t in ses.templates]
    assert len(ses.templates) == 8  # both newsletters link to the shop

    forced = tk("submit", "--force", cwd=bundled_project)

    assert forced.status == 0, forced.out
    line = next(line for line in forced.out.splitlines() if "monthly-newsletter" in line)
    assert line.split()[0] == "created" and line.endswith("new template; lint errors overridden by --force")
    assert len(ses.templates) == 10
