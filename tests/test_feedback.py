"""Feedback where the contributor is: annotations in GitHub Actions, the
problems on the page of `make serve`, and `make schema` with records unfinished."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.cli import github_annotation
from generator.problems import Problem
from kbtest import FIXTURES, ROOT, copy_repo, run_generator

VALID = FIXTURES / "valid"
RECORD = "practices/community-work-instead-of-prison.yml"


def test_annotation_escapes_what_github_would_misread() -> None:
    problem = Problem("practices/a,b.yml", 7, "sources.0.source", "100% wrong:\nfix it")
    assert github_annotation(problem) == "::error file=practices/a%2Cb.yml,line=7,title=sources.0.source::100%25 wrong:%0Afix it"


def _broken_repo(root: Path) -> Path:
    copy_repo(root, practices=VALID / "practices", taxonomy=VALID / "taxonomy.yml")
    path = root / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("support: emphasized", "support: described"), encoding="utf-8")
    return root


def test_check_prints_annotations_in_github_actions(tmp_path: Path) -> None:
    root = _broken_repo(tmp_path / "repo")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": "true"}
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "check"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert f"::error file={RECORD},line=21,title=support::`described` is on the scale of" in result.stdout
    # Outside GitHub Actions, no workflow commands.
    plain = run_generator(root, "check")
    assert plain.returncode == 1 and "::error" not in plain.stdout + plain.stderr


def test_schema_is_written_while_a_record_is_unfinished(tmp_path: Path) -> None:
    root = _broken_repo(tmp_path / "repo")
    (root / "schema" / "practice.schema.json").unlink()
    result = run_generator(root, "schema")
    assert result.returncode == 0, result.stderr
    assert (root / "schema" / "practice.schema.json").is_file() and (root / "schema" / "source.schema.json").is_file()


@pytest.mark.build
def test_serve_shows_the_problems_in_the_page(tmp_path: Path) -> None:
    root = _broken_repo(tmp_path / "repo")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        page = ""
        while time.monotonic() < deadline:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"mkdocs serve stopped: {server.stderr.read() if server.stderr else ''}")
                time.sleep(0.5)
        assert "The inputs have problems" in page
        assert f"{RECORD}:21: support: `described` is on the scale of" in page.replace("&#39;", "'")
    finally:
        server.terminate()
        server.wait(timeout=20)
