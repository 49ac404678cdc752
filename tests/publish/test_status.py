"""status: the review table, the lock refreshed from it, and --wait's exit statuses."""
from __future__ import annotations

import json

from templatekit.lockfile import LOCK_NAME, Lock
from templatekit.publishing.review import refresh, wait
from templatekit.publishing.submission import submit
from templatekit.publishing.tables import width

REASON = "模板内容含有营销推广信息，请修改后重新提交"


def test_status_table_shows_a_rejected_reason_in_chinese(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    ses.approve("password-reset")
    ses.reject("order-shipped-zh", REASON)

    result = tk("status", cwd=bundled_project)

    assert result.status == 1  # a rejected template needs action
    lines = result.out.splitlines()
    assert lines[0].split() == ["NAME", "ID", "STATUS", "AGE", "REVIEW", "REASON"]
    rejected = next(line for line in lines if line.startswith("order-shipped-zh"))
    assert "rejected" in rejected and rejected.endswith(REASON)
    approved = next(line for line in lines if line.startswith("password-reset"))
    assert "approved" in approved
    # columns line up: STATUS starts at the same display column on every row
    header_column = width(lines[0][: lines[0].index("STATUS")])
    for line in lines[1:7]:
        status_at = min(line.index(word) for word in ("approved", "rejected", "under review") if word in line)
        assert width(line[:status_at]) == header_column
    assert "10 templates: 1 approved, 8 under review, 1 rejected" in result.out


def test_status_records_what_it_learns_in_the_lock(bundled_project, tk, ses):
    tk("submit", cwd=bundled_project)
    ses.reject("order-shipped-zh", REASON)

    tk("status", cwd=bundled_project)

    entry = Lock.load(bundled_project / LOCK_NAME).get("order-shipped-zh")
    assert (entry.status, entry.status_code, entry.review_reason) == ("rejected", 2, REASON)
    raw = (bundled_project / LOCK_NAME).read_text(encoding="utf-8")
    assert REASON in raw  # stored as UTF-8, not \\u escapes, for readable diffs


def test_status_pages_through_more_than_100_templates(batch_project, connect, ses):
    root = batch_project(1)
    for number in range(230):
        ses.add_template(f"console-{number:03d}", text=f"made in the console {number}")

    rows = refresh(connect(root), every=True)

    assert len(rows) == 231
    limits = [call.params["Limit"] for call in ses.calls("ListEmailTemplates")]
    assert limits == [100, 100, 100]
    assert [call.params["Offset"] for call in ses.calls("ListEmailTemplates")] == [0, 100, 200]


def test_unknown_status_codes_show_as_unavailable_and_json_has_them(batch_project, tk, ses):
    root = batch_project(2)
    tk("submit", cwd=root)
    ses.set_status("batch-00", 7)
    ses.approve("batch-01")

    result = tk("status", "--format", "json", cwd=root)

    rows = {row["name"]: row for row in json.loads(result.out)["templates"]}
    assert rows["batch-00"]["status"] == "unavailable"
    assert rows["batch-00"]["status_code"] == 7
    assert rows["batch-01"]["status"] == "approved"
    assert result.status == 1


def test_local_templates_not_submitted_yet_are_listed(batch_project, tk, ses):
    root = batch_project(2)
    tk("submit", "batch-00", cwd=root)
    ses.approve("batch-00")

    result = tk("status", cwd=root)

    assert "batch-01  -      not submitted" in result.out
    assert result.status == 1
    only = tk("status", "batch-00", cwd=root)
    assert only.status == 0


def test_wait_exits_0_when_everything_is_approved(batch_project, tk, ses):
    root = batch_project(3)
    tk("submit", cwd=root)
    ses.review_after_lists(3, lambda template: (0, ""))

    result = tk("status", "--wait", "--interval", "0.01s", cwd=root)

    assert result.status == 0, result.err
    assert "under review; checking again in" in result.err
    assert len(ses.calls("ListEmailTemplates")) >= 3


def test_wait_exits_1_when_a_template_is_rejected(batch_project, tk, ses):
    root = batch_project(2)
    tk("submit", cwd=root)
    ses.review_after_lists(2, lambda t: (2, REASON) if t.name == "batch-01" else (0, ""))

    result = tk("status", "--wait", "--interval", "0.01s", cwd=root)

    assert result.status == 1
    assert REASON in result.out


def test_wait_exits_3_when_the_timeout_passes(batch_project, tk, ses):
    root = batch_project(1)
    tk("submit", cwd=root)

    result = tk("status", "--wait", "--timeout", "0.3s", "--interval", "0.05s", cwd=root)

    assert result.status == 3
    assert "timed out" in result.err
    assert "under review" in result.out


def test_wait_backs_off_between_checks(batch_project, connect, ses):
    root = batch_project(1)
    workspace = connect(root)
    submit(workspace)
    pauses: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        now[0] += seconds

    rows, timed_out = wait(workspace, timeout=600, interval=30, sleep=sleep, clock=lambda: now[0])

    assert timed_out
    assert pauses[:4] == [30, 45, 67.5, 101.25]
    assert sum(pauses) == 600
    assert rows[0].status == "under review"


def test_bad_durations_are_usage_errors(batch_project, tk):
    result = tk("status", "--wait", "--timeout", "2 days", cwd=batch_project(1))

    assert result.status == 2
    assert "'2 days' is not a duration" in result.err


def test_status_adopts_a_namesake_and_submit_then_compares_its_content(batch_project, tk, ses):
    root = batch_project(2)
    from templatekit.building import iter_builds
    from templatekit.project import Project

    built = {b.name: b for b in iter_builds(Project.discover(root))}
    same = ses.add_template("batch-00", built["batch-00"].html, built["batch-00"].text)
    other = ses.add_template("batch-01", "<p>older</p>", "older")

    tk("status", cwd=root)
    lock = Lock.load(root / LOCK_NAME)
    assert (lock.get("batch-00").id, lock.get("batch-01").id) == (same, other)
    result = tk("submit", cwd=root)

    assert result.status == 0, result.out
    assert "unchanged  batch-00" in result.out and "SES already has this content" in result.out
    assert [c.params["TemplateID"] for c in ses.calls("UpdateEmailTemplate")] == [other]
    assert ses.calls("CreateEmailTemplate") == []
