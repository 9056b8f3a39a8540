"""The pre-commit hook, run by pre-commit itself on a repository with two data folders.

pre-commit passes the changed files of every folder in one call
(`ehelse-map validate --strict a/actors.yaml b/networks.yaml b/actors.yaml`); each folder
must be checked as a data set of its own, so the same ids in two folders are no duplicates.

Two ways of running the hook from `.pre-commit-hooks.yaml`:

- `repo: local` with the hook's own id, entry, files and require_serial, run with the
  ehelse-map already installed here (pre-commit's `unsupported`, formerly `system`,
  language): no network, part of the fast suite;
- `pre-commit try-repo` on this repository, exactly as a user's config gets it: pre-commit
  builds the hook's `language: python` environment and pip-installs ehelse-map into it. That
  needs the package index (or pip's cache), takes a minute, and is marked slow; it is skipped,
  saying so, when the environment cannot be built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
HOOK_ID = "ehelse-map-validate"

pre_commit = pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
if shutil.which("git") is None:
    pytest.skip("pre-commit needs git", allow_module_level=True)


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == HOOK_ID)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "EHELSE_MAP_DATA")}
    bin_dir = str(Path(sys.executable).parent)  # where ehelse-map is installed
    env.update(PATH=bin_dir + os.pathsep + env.get("PATH", ""), NO_COLOR="1",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid")
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _pre_commit(repo: Path, env: dict[str, str], *args: str,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository with two data sets, `a/` and `b/`, holding the same ids."""
    env = _env(tmp_path)
    repo = tmp_path / "repo"
    for folder in ("a", "b"):
        (repo / folder).mkdir(parents=True)
        for name in ("actors.yaml", "networks.yaml"):
            shutil.copy(MINIMAL / name, repo / folder / name)
    (repo / "README.md").write_text("not data\n")
    _git(repo, env, "init", "-q")
    return repo, env


def _local_config(repo: Path) -> None:
    """`.pre-commit-hooks.yaml`'s hook as a `repo: local` hook using this installation."""
    try:
        from pre_commit.all_languages import languages
    except ImportError:  # pre-commit before 3.2
        from pre_commit.languages.all import languages

    hook = dict(_hook())
    hook["language"] = "unsupported" if "unsupported" in languages else "system"
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))


def test_the_hook_manifest_is_valid():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                             str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = _hook()
    assert hook["entry"].startswith("ehelse-map validate") and hook["require_serial"] is True


def test_the_hook_checks_each_data_folder_on_its_own(repo):
    repo, env = repo
    _local_config(repo)
    _git(repo, env, "add", "-A")
    result = _pre_commit(repo, env, "run", "--all-files", "--verbose")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout and "E015" not in result.stdout
    assert "4 files checked: 0 errors, 0 warnings; valid" in result.stdout

    # A problem in one folder fails the hook and names that folder's file only.
    networks = repo / "b" / "networks.yaml"
    networks.write_text(networks.read_text().replace("    host: ks\n", "    host: kss\n"))
    _git(repo, env, "add", "-A")
    result = _pre_commit(repo, env, "run", "--all-files")
    assert result.returncode == 1
    assert "b/networks.yaml:30:11: error[E012] unknown actor 'kss'" in result.stdout
    assert "a/networks.yaml" not in result.stdout

    # Only the changed files are passed: a commit touching a/ alone checks folder a.
    result = _pre_commit(repo, env, "run", "--files", "a/actors.yaml")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_the_hook_as_users_get_it_through_try_repo(repo):
    """pre-commit builds the hook's python environment from this repository (HEAD plus the
    work tree's changes) and runs it."""
    repo, env = repo
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n")
    _git(repo, env, "add", "-A")
    try:
        result = _pre_commit(repo, env, "try-repo", str(ROOT), HOOK_ID, "--all-files",
                             "--verbose", timeout=900)
    except subprocess.TimeoutExpired:
        pytest.skip("pre-commit could not build the hook environment within 15 minutes")
    if result.returncode == 3 or "An unexpected error has occurred" in result.stdout:
        pytest.skip("pre-commit could not build the hook environment (no package index?): "
                    + result.stdout[-500:])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 files checked: 0 errors, 0 warnings; valid" in result.stdout
