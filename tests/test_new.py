"""`python -m generator new`: a fresh record from the template, which `check`
then refuses only for its placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.problems import ProblemsFound
from generator.validate import load_catalogue
from kbtest import FIXTURES, copy_repo, run_generator

VALID = FIXTURES / "valid"
MODELINE = "# yaml-language-server: $schema=../schema/practice.schema.json"
# What a contributor would write in place of each TODO of the template.
FILLED = [
    (r"(?m)^(summary: >-\n  )TODO.*$", r"\1Mentors who once served a sentence meet people after release."),
    (r"(?m)^(description: \|\n)(  .*\n)+", r"\1  Mentors meet people after release every week.\n"),
    (r"(?m)^why_it_matters: \|\n(  .*\n)+", ""),
    (r"(?m)^considerations: \|\n(  .*\n)+", ""),
    (r"themes: \[TODO\]", "themes: [after-release]"),
    (r"stages: \[TODO\]", "stages: [community]"),
    (r"support: TODO", "support: raised"),
    (r"paragraphs: \[TODO\]", "paragraphs: [5]"),
]


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = copy_repo(tmp_path / "repo", practices=VALID / "practices", taxonomy=VALID / "taxonomy.yml")
    assert run_generator(root, "schema").returncode == 0
    return root


def test_new_writes_a_record_named_after_the_title(repo: Path) -> None:
    result = run_generator(repo, "new", "Mentoring by former prisoners")
    assert result.returncode == 0, result.stderr
    path = repo / "practices" / "mentoring-by-former-prisoners.yml"
    assert "wrote practices/mentoring-by-former-prisoners.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert "\nid: mentoring-by-former-prisoners\n" in text
    assert '\ntitle: "Mentoring by former prisoners"\n' in text


def test_the_fresh_template_fails_only_for_its_placeholders(repo: Path) -> None:
    assert run_generator(repo, "new", "Mentoring by former prisoners").returncode == 0
    result = run_generator(repo, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    printed = [line for line in result.stderr.splitlines() if line.startswith("practices/")]
    assert printed and all(line.startswith("practices/mentoring-by-former-prisoners.yml:") and "placeholder TODO" in line for line in printed)
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(repo)
    problems = found.value.problems
    assert {p.kind for p in problems} == {"placeholder"}
    assert {p.file for p in problems} == {"practices/mentoring-by-former-prisoners.yml"}
    assert len(problems) == len(printed)


def test_the_template_is_valid_once_the_placeholders_are_filled_in(repo: Path) -> None:
    assert run_generator(repo, "new", "Mentoring by former prisoners").returncode == 0
    path = repo / "practices" / "mentoring-by-former-prisoners.yml"
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in FILLED:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, pattern
    assert not [line for line in text.splitlines() if "TODO" in line and not line.startswith("#")]
    path.write_text(text, encoding="utf-8")
    result = run_generator(repo, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 6 practices")


def test_new_keeps_a_title_that_looks_like_yaml_as_text(repo: Path) -> None:
    title = 'Mentors: "peer" support # not a comment & <more>'
    assert run_generator(repo, "new", title).returncode == 0
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(repo)
    assert {p.kind for p in found.value.problems} == {"placeholder"}
    assert "title" not in {p.field for p in found.value.problems}
    text = (repo / "practices" / "mentors-peer-support-not-a-comment-more.yml").read_text(encoding="utf-8")
    assert "\ntitle: " in text


@pytest.mark.parametrize("args", [("Family visits",), ("Another title", "--id", "family-visits")], ids=["from-title", "from-id"])
def test_new_refuses_an_existing_id(repo: Path, args: tuple[str, ...]) -> None:
    path = repo / "practices" / "family-visits.yml"
    before = path.read_bytes(), path.stat().st_mtime_ns
    names = sorted(p.name for p in (repo / "practices").iterdir())
    result = run_generator(repo, "new", *args)
    assert result.returncode == 2
    assert "practices/family-visits.yml exists already" in result.stderr
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in (repo / "practices").iterdir()) == names


@pytest.mark.parametrize("title", ["监狱职业技能培训", "الزيارات العائلية", "!!! ???", "Index"])
def test_a_title_without_a_usable_id_asks_for_one(repo: Path, title: str) -> None:
    names = sorted(p.name for p in (repo / "practices").iterdir())
    result = run_generator(repo, "new", title)
    assert result.returncode == 2
    assert re.search(r"--id|ID=", result.stderr), result.stderr
    assert sorted(p.name for p in (repo / "practices").iterdir()) == names
    # ... and with an id, the title is kept as written.
    result = run_generator(repo, "new", title, "--id", "chosen-id")
    assert result.returncode == 0, result.stderr
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(repo)
    assert {p.kind for p in found.value.problems} == {"placeholder"}


def test_new_refuses_a_title_with_invisible_characters(repo: Path) -> None:
    names = sorted(p.name for p in (repo / "practices").iterdir())
    result = run_generator(repo, "new", "Mentoring \u202eby former prisoners")
    assert result.returncode == 2
    assert "U+202E" in result.stderr
    assert sorted(p.name for p in (repo / "practices").iterdir()) == names
