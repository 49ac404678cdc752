"""What changed since a git ref: merge-base semantics with the real git, and its errors."""
from __future__ import annotations

import pytest

from editing import edit, write
from templatekit.gitdiff import GitError, changes_since


def _names(paths, root) -> set[str]:
    return {path.relative_to(root).as_posix() for path in paths}


def test_commits_on_the_branch_uncommitted_and_untracked_changes_all_count(template_repo, git):
    root = template_repo
    git("switch", "-q", "-c", "feature", cwd=root)
    edit(root / "templates/newsletter.mjml", "autumn has arrived", "autumn is here")
    git("commit", "-qam", "committed", cwd=root)
    edit(root / "templates/order-shipped.mjml", "您的包裹已经出发", "您的包裹已出发")  # modified, not staged
    write(root / "templates/staged.txt", "staged\n")
    git("add", "templates/staged.txt", cwd=root)
    write(root / "templates/untracked.html", "new\n")
    write(root / "dist/ignored.html", "build output is ignored\n")
    (root / ".gitignore").write_text("dist/\n", encoding="utf-8")

    changes = changes_since("main", root)

    assert _names(changes.changed, root) == {
        "templates/newsletter.mjml", "templates/order-shipped.mjml", "templates/staged.txt",
        "templates/untracked.html", ".gitignore",
    }
    assert changes.deleted == ()
    assert changes.base == git("rev-parse", "main", cwd=root).strip()


def test_commits_made_on_the_ref_after_the_branch_left_it_do_not_count(template_repo, git):
    root = template_repo
    git("switch", "-q", "-c", "feature", cwd=root)
    edit(root / "templates/newsletter.mjml", "autumn has arrived", "autumn is here")
    git("commit", "-qam", "on the branch", cwd=root)
    git("switch", "-q", "main", cwd=root)
    edit(root / "templates/password-reset.mjml", "Reset your password", "Choose a new password")
    git("commit", "-qam", "on main, later", cwd=root)
    git("switch", "-q", "feature", cwd=root)

    changes = changes_since("main", root)

    assert _names(changes.changed, root) == {"templates/newsletter.mjml"}


def test_deleted_and_renamed_files_are_reported_as_deleted(template_repo, git):
    root = template_repo
    git("rm", "-q", "templates/login-alert.txt", cwd=root)
    git("mv", "templates/_footer.mjml", "templates/_bottom.mjml", cwd=root)
    changes = changes_since("HEAD", root)
    assert _names(changes.deleted, root) == {"templates/login-alert.txt", "templates/_footer.mjml"}
    assert _names(changes.changed, root) == {"templates/_bottom.mjml"}


def test_file_names_with_spaces_and_non_ascii_characters_are_kept_exact(template_repo):
    write(template_repo / "templates/通知 new.txt", "x\n")
    assert _names(changes_since("HEAD", template_repo).changed, template_repo) == {"templates/通知 new.txt"}


def test_outside_a_git_repository_it_is_an_error(tmp_path):
    with pytest.raises(GitError, match="is not in a git repository"):
        changes_since("main", tmp_path)


def test_an_unknown_ref_is_an_error_naming_it(template_repo):
    with pytest.raises(GitError, match="unknown git ref 'origin/main'"):
        changes_since("origin/main", template_repo)


def test_a_ref_that_looks_like_an_option_is_refused(template_repo):
    with pytest.raises(GitError, match="is not a git ref"):
        changes_since("--output=/tmp/x", template_repo)


def test_unrelated_histories_have_no_merge_base(template_repo, git):
    git("switch", "-q", "--orphan", "other", cwd=template_repo)
    write(template_repo / "other.txt", "x\n")
    git("add", "other.txt", cwd=template_repo)
    git("commit", "-qm", "unrelated", cwd=template_repo)
    with pytest.raises(GitError, match="'main' and HEAD have no common history"):
        changes_since("main", template_repo)


def test_a_shallow_clone_without_the_merge_base_says_how_to_fetch_it(template_repo, git, tmp_path):
    root = template_repo
    git("switch", "-q", "-c", "feature", cwd=root)
    edit(root / "templates/newsletter.mjml", "autumn has arrived", "autumn is here")
    git("commit", "-qam", "on the branch", cwd=root)
    git("switch", "-q", "main", cwd=root)
    edit(root / "templates/password-reset.mjml", "Reset your password", "Choose a new password")
    git("commit", "-qam", "on main", cwd=root)
    clone = tmp_path / "clone"
    git("clone", "-q", "--depth", "1", "--no-single-branch", "-b", "feature", root.as_uri(), str(clone), cwd=tmp_path)
    with pytest.raises(GitError, match="shallow clone.*fetch-depth: 0"):
        changes_since("origin/main", clone)


def test_the_commands_exit_2_with_one_line_for_git_errors(template_repo, tmp_path, cli):
    for command in ("lint", "check", "build"):
        result = cli(command, "--changed-since", "no-such-branch", cwd=template_repo)
        assert (result.status, result.out) == (2, "")
        assert result.err == "--changed-since: unknown git ref 'no-such-branch'\n"
    (tmp_path / "plain" / "templates").mkdir(parents=True)
    result = cli("lint", "--changed-since", "main", cwd=tmp_path / "plain")
    assert result.status == 2 and result.err.endswith("is not in a git repository\n") and result.err.count("\n") == 1


def test_on_a_ci_service_an_unknown_ref_comes_with_the_fetch_hint(template_repo, cli, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = cli("lint", "--changed-since", "no-such-branch", cwd=template_repo)
    assert result.status == 2
    assert result.err == "--changed-since: unknown git ref 'no-such-branch' (in CI, fetch it first: git fetch origin <branch>)\n"
