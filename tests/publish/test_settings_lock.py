"""Settings ([tool.templatekit.ses], --endpoint), the lock file, pacing and backoff."""
from __future__ import annotations

import json

import pytest

from templatekit.config import load_config
from templatekit.errors import ConfigError
from templatekit.lockfile import LOCK_NAME, Lock, LockEntry, LockError
from templatekit.providers.pacing import Backoff, RateLimiter
from templatekit.providers.settings import Endpoint, load_credentials, parse_endpoint, ses_settings
from templatekit.publishing.durations import format_age, format_wait, parse_duration
from templatekit.publishing.tables import table


def config_with(tmp_path, text: str):
    (tmp_path / "pyproject.toml").write_text("[tool.templatekit]\n\n[tool.templatekit.ses]\n" + text, encoding="utf-8")
    return load_config(tmp_path)


def test_defaults_are_guangzhou_over_https(tmp_path):
    settings = ses_settings(config_with(tmp_path, ""), environ={})

    assert settings.region == "ap-guangzhou"
    assert settings.endpoint == Endpoint("https", "ses.tencentcloudapi.com")
    assert ses_settings(config_with(tmp_path, 'region = "ap-singapore"\n'), environ={}).endpoint.host == "ses.intl.tencentcloudapi.com"


def test_endpoint_comes_from_the_option_then_the_environment_then_the_file(tmp_path):
    config = config_with(tmp_path, 'endpoint = "ses.example.com"\n')

    assert ses_settings(config, environ={}).endpoint == Endpoint("https", "ses.example.com")
    assert ses_settings(config, environ={"TEMPLATEKIT_SES_ENDPOINT": "127.0.0.1:8765"}).endpoint == Endpoint("http", "127.0.0.1:8765")
    assert ses_settings(config, endpoint="https://other.example.com", environ={"TEMPLATEKIT_SES_ENDPOINT": "x:1"}).endpoint.host == "other.example.com"


@pytest.mark.parametrize("value, expected", [
    ("127.0.0.1:8765", Endpoint("http", "127.0.0.1:8765")),
    ("localhost:9000", Endpoint("http", "localhost:9000")),
    ("http://127.0.0.1:8765/", Endpoint("http", "127.0.0.1:8765")),
    ("[::1]:8765", Endpoint("http", "[::1]:8765")),
    ("http://[0:0:0:0:0:0:0:1]:8765", Endpoint("http", "[0:0:0:0:0:0:0:1]:8765")),
    ("127.0.0.2:8765", Endpoint("https", "127.0.0.2:8765")),  # not this machine's usual address: https
    ("https://ses.tencentcloudapi.com", Endpoint("https", "ses.tencentcloudapi.com")),
    ("ses.intl.tencentcloudapi.com", Endpoint("https", "ses.intl.tencentcloudapi.com")),
])
def test_endpoints_parse(value, expected):
    assert parse_endpoint(value, "--endpoint") == expected


@pytest.mark.parametrize("value, message", [
    ("http://ses.tencentcloudapi.com", "plain http is allowed only for 127.0.0.1, localhost or \\[::1\\]"),
    ("http://10.0.0.5:80", "plain http is allowed only for 127.0.0.1, localhost or \\[::1\\]"),
    ("http://127.0.0.2:8765", "plain http is allowed only for 127.0.0.1, localhost or \\[::1\\]"),
    ("http://[::ffff:127.0.0.1]:8765", "plain http is allowed only"),
    ("ftp://127.0.0.1", "not a valid endpoint"),
    ("https://ses.example.com/v2", "must name only a host and port"),
    ("127.0.0.1:notaport", "not a valid endpoint"),
])
def test_bad_endpoints_are_refused(value, message):
    with pytest.raises(ConfigError, match=message):
        parse_endpoint(value, "--endpoint")


@pytest.mark.parametrize("value", ["https://user:pw5ecret@ses.example.com", "user:pw5ecret@ses.example.com:443",
                                   "http://:pw5ecret@127.0.0.1:8765", "https://user:pw5ecret@host:notaport/x"])
def test_an_endpoint_with_a_user_or_password_is_refused_without_showing_them(batch_project, cli, ses, value):
    result = cli("status", "--endpoint", value, cwd=batch_project(1))

    assert result.status == 2
    assert "must not name a user or password" in result.err
    assert "pw5ecret" not in result.err and "user" not in result.err.split("must")[0]


def test_unknown_keys_in_the_ses_table_name_the_file_and_line(tmp_path):
    config = config_with(tmp_path, 'region = "ap-guangzhou"\nregoin = "x"\n')

    with pytest.raises(ConfigError) as raised:
        ses_settings(config, environ={})

    assert str(raised.value) == f"{tmp_path / 'pyproject.toml'}:5: unknown key 'regoin' in [tool.templatekit.ses]; did you mean 'region'?"


@pytest.mark.parametrize("text, message", [
    ('region = "eu-frankfurt"\n', "does not serve templates"),
    ("rate = 50\n", "at most 20 requests per second"),
    ('max_attempts = "five"\n', "'max_attempts' must be a whole number"),
    ("timeout = true\n", "'timeout' must be a number of seconds"),
])
def test_bad_ses_settings_are_errors(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        ses_settings(config_with(tmp_path, text), environ={})


def test_half_the_credentials_is_an_error_naming_the_missing_variable():
    with pytest.raises(ConfigError, match="TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"):
        load_credentials({"TENCENTCLOUD_SECRET_ID": "a"})


def test_credentials_never_show_in_their_repr():
    credentials = load_credentials({"TENCENTCLOUD_SECRET_ID": "id-123", "TENCENTCLOUD_SECRET_KEY": "key-456"})

    assert "id-123" not in repr(credentials) and "key-456" not in repr(credentials)


def test_the_lock_is_sorted_json_written_without_leftovers(tmp_path):
    lock = Lock.load(tmp_path / LOCK_NAME)
    lock.record("zeta", LockEntry(2, None, "t" * 64, "2026-11-25T10:00:00Z", "under review", 1), "ap-guangzhou")
    lock.record("alpha", LockEntry(1, "h" * 64, "t" * 64, None, "rejected", 2, "含有营销内容"))

    text = (tmp_path / LOCK_NAME).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text.index('"alpha"') < text.index('"zeta"')
    assert [p.name for p in tmp_path.iterdir()] == [LOCK_NAME]
    again = Lock.load(tmp_path / LOCK_NAME)
    assert again.get("alpha").review_reason == "含有营销内容"
    assert again.region == "ap-guangzhou"


def test_a_lock_with_merge_conflict_markers_is_a_clear_error(tmp_path):
    (tmp_path / LOCK_NAME).write_text('{\n<<<<<<< HEAD\n  "version": 1\n=======\n>>>>>>> other\n}\n', encoding="utf-8")

    with pytest.raises(LockError) as raised:
        Lock.load(tmp_path / LOCK_NAME)

    assert raised.value.line == 2
    assert "merge conflict markers" in str(raised.value)


def test_a_broken_lock_entry_names_its_line(tmp_path):
    (tmp_path / LOCK_NAME).write_text('{\n  "templates": {\n    "a": {"id": "12"}\n  },\n  "version": 1\n}\n', encoding="utf-8")

    with pytest.raises(LockError) as raised:
        Lock.load(tmp_path / LOCK_NAME)

    assert str(raised.value).endswith(f"{LOCK_NAME}:3: entry 'a' must be an object with an integer 'id'")


def test_a_lock_from_another_region_is_refused(tmp_path):
    lock = Lock(tmp_path / LOCK_NAME, "ap-hongkong", {"a": LockEntry(1)})

    with pytest.raises(LockError, match="pass --region ap-hongkong"):
        lock.check_region("ap-guangzhou")


def test_a_region_mismatch_and_an_unknown_name_are_usage_errors(batch_project, tk, ses):
    root = batch_project(1)
    assert tk("submit", cwd=root).status == 0

    other_region = tk("status", "--region", "ap-hongkong", cwd=root)
    unknown = tk("diff", "batch-99", cwd=root)

    assert other_region.status == 2
    assert other_region.err.strip().endswith("records templates in region ap-guangzhou, not ap-hongkong; "
                                             "pass --region ap-guangzhou or keep one lock file per region")
    assert unknown.status == 2
    assert unknown.err.strip() == "no template named 'batch-99' in this project; did you mean 'batch-00'?"


def test_the_rate_limiter_keeps_every_second_under_the_limit():
    now = [0.0]
    starts: list[float] = []

    def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = RateLimiter(15, clock=lambda: now[0], sleep=sleep)
    for _ in range(50):
        limiter.wait()
        starts.append(now[0])
        now[0] += 0.001  # each call takes a millisecond

    for first in starts:
        assert sum(1 for t in starts if first <= t < first + 1.0) <= 15
    assert starts[-1] >= 3.0  # 50 calls at 15 a second take over three seconds


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    backoff = Backoff(attempts=8, base=0.5, cap=8.0)

    assert [backoff.delay(n, rand=lambda: 0.0) for n in range(1, 7)] == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0]
    assert [backoff.delay(n, rand=lambda: 1.0) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]


def test_durations_and_ages():
    assert parse_duration("2d") == 172800
    assert parse_duration("1h30m") == 5400
    assert parse_duration("0.5s") == 0.5
    assert parse_duration("90") == 90
    with pytest.raises(ValueError):
        parse_duration("2 days")
    assert [format_age(s) for s in (5, 125, 7300, 200000, None)] == ["5s", "2m", "2h", "2d", "-"]


def test_a_wait_is_shown_rounded_up_never_as_0s():
    assert [format_wait(s) for s in (0.01, 0.5, 1, 7.2, 30, 45.0000000001, 90, 600, 7200, 0)] == [
        "0.01s", "0.5s", "1s", "8s", "30s", "45s", "1m30s", "10m", "2h", "0s"]


def test_wait_progress_never_says_0s(batch_project, tk, ses):
    root = batch_project(1)
    tk("submit", cwd=root)

    result = tk("status", "--wait", "--timeout", "0.05s", "--interval", "0.01s", cwd=root)

    assert result.status == 3
    assert "1 under review; checking again in 0.01s" in result.err
    assert "timed out after 0.05s" in result.err
    assert " 0s" not in result.err


def test_tables_align_chinese_text_by_display_width():
    text = table(["NAME", "STATUS"], [["订单发货", "approved"], ["reset", "rejected"]])

    lines = text.splitlines()
    assert lines[1] == "订单发货  approved"
    assert lines[2] == "reset     rejected"
