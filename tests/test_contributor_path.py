"""A contributor with a new document follows CONTRIBUTING.md word for word:
`make new-source`, `make schema`, `make new`, `make check`, `git add` as
written there; then the export and copied-wording checks run on the result.

The source and the record are FICTIONAL test data, written into a throwaway
copy of the repository, never into the real catalogue.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kbtest import ROOT, copy_repo, run_generator
from test_exports import check_csv, check_json_names
from test_source_texts import records_citing, source_hashes

SOURCE_ID = "national-reintegration-2024"
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

# What a contributor writes in place of each TODO of the two templates.
SOURCE_FILLED = [
    (r"symbol: TODO.*", "symbol: FICTIONAL/NR/2024"),
    (r"publisher: TODO.*", "publisher: Fictional Ministry of Justice (test data)"),
    (r'date: "TODO YYYY-MM-DD"', 'date: "2024-03-01"'),
    (r"url: https://TODO", "url: https://example.org/fictional/national-reintegration-2024"),
    (r"kind: TODO", "kind: government-report"),
    (r"(?m)^  TODO licence or reuse note\.", "  Fictional test data; not a real document."),
    (r"section: TODO.*", "section: Mentoring"),
    (r"(?m)^      TODO one sentence in your own words\.", "      The fictional ministry describes mentoring for people leaving prison."),
]
RECORD_FILLED = [
    (r"(?m)^(summary: >-\n  )TODO.*$", r"\1Fictional test record: mentors meet people leaving prison."),
    (r"(?m)^(description: \|\n)(  .*\n)+", r"\1  Fictional test record: mentors meet people in the weeks after release.\n"),
    (r"(?m)^why_it_matters: \|\n(  .*\n)+", ""),
    (r"(?m)^considerations: \|\n(  .*\n)+", ""),
    (r"themes: \[TODO\]", "themes: [transition-and-reintegration]"),
    (r"stages: \[TODO\]", "stages: [release]"),
    (r"regions: \[global\]", "regions: [americas]"),
    (r"countries: \[\]", "countries: [CL]"),
    (r"support: TODO", "support: described"),
    (r"source: egm-2022", f"source: {SOURCE_ID}"),
    (r"paragraphs: \[TODO\]", "paragraphs: [1]"),
]


def _fill(path: Path, replacements: list[tuple[str, str]]) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, pattern
    path.write_text(text, encoding="utf-8")


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(list(command), cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, f"{command}: {result.stdout}\n{result.stderr}"
    return result


def _make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The test's own interpreter stands in for .venv (already installed).
    return _run(root, "make", f"PY={sys.executable}", *args)


@pytest.mark.build
def test_a_new_source_and_record_as_contributing_says(tmp_path: Path) -> None:
    if not shutil.which("make") or not shutil.which("git"):
        pytest.skip("needs make and git")
    root = copy_repo(tmp_path / "clone")
    for name in ("Makefile", "CONTRIBUTING.md", ".gitignore", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    (root / ".venv").mkdir()
    (root / ".venv" / ".site-deps").touch()  # newer than requirements.txt: make installs nothing
    _run(root, "git", "init", "-q")
    _run(root, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _run(root, "git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "fresh clone")

    # "Adding a source", steps 1-4, with the commands CONTRIBUTING.md shows.
    assert f'make new-source TITLE="National reintegration report 2024" ID={SOURCE_ID}' in CONTRIBUTING
    _make(root, "new-source", "TITLE=National reintegration report 2024", f"ID={SOURCE_ID}")
    _fill(root / "sources" / f"{SOURCE_ID}.yml", SOURCE_FILLED)
    _make(root, "schema")
    _make(root, "new", "TITLE=Fictional mentoring after release")
    record = root / "practices" / "fictional-mentoring-after-release.yml"
    _fill(record, RECORD_FILLED)
    checked = _make(root, "check")
    assert "2 source(s)" in checked.stdout

    # Step 7: the `git add` line of CONTRIBUTING.md stages the whole change.
    add = re.search(r"^\s*(git add [^\n]+)$", CONTRIBUTING, re.M)
    assert add
    _run(root, *add.group(1).split())
    status = _run(root, "git", "status", "--porcelain").stdout.splitlines()
    assert status and all(line[0] in "AM" and line[1] == " " for line in status), status
    assert {line[3:] for line in status} >= {f"sources/{SOURCE_ID}.yml", "practices/fictional-mentoring-after-release.yml", "schema/practice.schema.json"}

    # The build, and the suite's export and copied-wording checks, on the result.
    result = run_generator(root, "build")
    assert result.returncode == 0, result.stderr
    check_json_names(root, root / "site" / "en")
    check_csv(root, root / "site" / "en")
    html = (root / "site" / "en" / "practices" / "fictional-mentoring-after-release.html").read_text(encoding="utf-8")
    assert "Chile (Americas, South America)" in html and "Based on FICTIONAL/NR/2024, para. 1" in html
    assert list(records_citing(SOURCE_ID, root)) == ["fictional-mentoring-after-release"]
    assert source_hashes(SOURCE_ID, root) is None  # no text of a fictional document: skipped, by name
