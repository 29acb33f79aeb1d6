"""Bad input is refused: every problem with its file, line, field and a
message that says how to fix it, all in one run, without a traceback and
without writing anything.

tests/fixtures/valid is a small valid repository input (taxonomy.yml,
sources/ with one FICTIONAL second source, practices/). Each folder of
tests/fixtures/invalid overlays it with files that have exactly one thing
wrong, and lists in expected.txt the exact lines `check` must print. Where
the one thing wrong is a file or folder that is missing, the case lists its
path in removed.txt instead of holding input files.
"""

from __future__ import annotations

import hashlib
import re
import os
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator.problems import Problem, ProblemsFound
from generator.richtext import markdown_to_html
from generator.textrules import check_markdown
from generator.validate import load_catalogue, load_taxonomy, load_vocabularies
from generator.yamlread import read_yaml
from kbtest import FIXTURES, copy_repo, run_generator

VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
RECORD = "practices/community-work-instead-of-prison.yml"  # the record most cases change

# The problem kinds of each case, where the case is not named after its kind.
KINDS = {
    "alias-bomb": {"anchor", "alias"},
    "yaml11-bool": {"yaml11-coercion"},
    "yaml11-octal": {"yaml11-coercion"},
    "yaml11-date": {"yaml11-coercion"},
    "empty-value": {"wrong-type"},
    "not-a-mapping": {"wrong-type"},
    "unknown-theme": {"unknown-reference"},
    "not-kebab-case": {"bad-id"},
    "path-traversal": {"bad-id"},
    "raw-html": {"unsafe-markdown"},
    "script-tag": {"unsafe-markdown"},
    "event-handler": {"unsafe-markdown"},
    "attr-list": {"unsafe-markdown"},
    "javascript-link": {"unsafe-markdown"},
    "data-link": {"unsafe-markdown"},
    "bidi-control": {"bad-text"},
    "zero-width": {"bad-text"},
    "not-nfc": {"bad-text"},
    "control-character": {"bad-text"},
    "non-http-source-url": {"bad-url"},
    "url-credentials": {"bad-url"},
    "deep-nesting": {"too-deep"},
    "tab-indent": {"syntax"},
    "country-region-contradiction": {"region-contradiction"},
    "unknown-paragraph-second-source": {"unknown-paragraph"},
    "source-id-mismatch": {"id-mismatch"},
    "reserved-taxonomy-id": {"reserved-id"},
    "nested-reference-link": {"unsafe-markdown"},
    "entity-split-scheme": {"unsafe-markdown"},
    "unknown-related-standard": {"unknown-reference"},
    "duplicate-related-standard": {"duplicate-entry"},
    "related-standard-without-reason": {"missing-field"},
    "related-standard-reason-too-long": {"too-long"},
    "related-standard-reason-not-one-line": {"bad-text"},
    "no-source-file": {"missing-file"},
    "support-level-in-two-kinds": {"duplicate-id"},
    "reserved-support-level-id": {"reserved-id"},
    "reserved-source-id": {"reserved-id"},
    "placeholder-in-source": {"placeholder"},
    "stray-source-file": {"stray-file"},
    "related-to-itself": {"broken-related"},
    "date-not-yyyy-mm-dd": {"bad-date"},
}
# Cases that must exist, so that deleting a folder cannot quietly drop a check.
REQUIRED = {
    "duplicate-key", "alias-bomb", "anchor", "unsafe-tag", "yaml11-bool", "yaml11-octal", "yaml11-date",
    "wrong-type", "missing-field", "too-long", "unknown-theme", "not-kebab-case", "id-mismatch",
    "case-collision", "reserved-id", "path-traversal", "raw-html", "script-tag", "event-handler",
    "attr-list", "javascript-link", "data-link", "bidi-control", "zero-width", "not-nfc",
    "non-http-source-url", "url-credentials", "broken-related", "unknown-paragraph", "unknown-source",
    "empty-file", "multi-document", "file-too-large", "not-utf8", "deep-nesting", "placeholder",
    "region-contradiction", "unknown-field",
    # sources as files, kinds of source, every country
    "support-kind-mismatch", "unknown-kind", "country-region-contradiction", "unknown-paragraph-second-source",
    "source-id-mismatch", "unknown-country",
    "reserved-taxonomy-id", "nested-reference-link",
    "entity-split-scheme",
    # standards by provenance: named by the source, or related by us with a reason
    "standard-named-and-related", "unknown-related-standard", "duplicate-related-standard",
    "related-standard-without-reason", "related-standard-reason-too-long", "related-standard-reason-not-one-line",
    # a missing input, the taxonomy's own checks, each source-file check
    "missing-file", "no-source-file", "duplicate-id", "support-level-in-two-kinds", "reserved-support-level-id",
    "reserved-source-id", "bad-paragraphs", "placeholder-in-source", "stray-source-file",
    "related-to-itself", "date-not-yyyy-mm-dd",
}  # fmt: skip


def overlay_files(case: str) -> list[Path]:
    """The input files of a case, relative to the case folder."""
    folder = INVALID / case
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name not in ("expected.txt", "removed.txt"))


def removed_paths(case: str) -> list[Path]:
    """The files or folders of the valid fixture that a case deletes (removed.txt)."""
    listed = INVALID / case / "removed.txt"
    return [Path(line) for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()] if listed.is_file() else []


def make_inputs(root: Path, *cases: str) -> Path:
    """taxonomy.yml and practices/ of the valid fixture in ``root``, with the
    files of ``cases`` laid over them."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(VALID / "practices", root / "practices", dirs_exist_ok=True)
    shutil.copytree(VALID / "sources", root / "sources", dirs_exist_ok=True)
    shutil.copy(VALID / "taxonomy.yml", root / "taxonomy.yml")
    for case in cases:
        for rel in overlay_files(case):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(INVALID / case / rel, root / rel)
        for rel in removed_paths(case):
            target = root / rel
            assert target.exists(), f"{case}: removed.txt names {rel}, which the valid fixture does not have"
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
    return root


def expected_lines(case: str) -> list[str]:
    return (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(root)
    return found.value.problems


def tree_hash(root: Path) -> str:
    """A hash of every name and byte under ``root`` (symbolic links by target)."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(folder) / name
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            elif path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def repo_with_schema(root: Path) -> Path:
    """A full repository copy (docs, mkdocs.yml, ...) with the valid fixture as
    input and a schema made from its taxonomy, so that `check` can pass."""
    copy_repo(root, practices=VALID / "practices", taxonomy=VALID / "taxonomy.yml")
    result = run_generator(root, "schema")
    assert result.returncode == 0, result.stderr
    return root


# --- the fixture folders ------------------------------------------------------


def test_every_required_case_has_a_folder() -> None:
    assert REQUIRED <= set(CASES), f"missing cases: {sorted(REQUIRED - set(CASES))}"
    for case in CASES:
        assert overlay_files(case) or removed_paths(case), f"{case}: no input files and nothing removed"
        assert expected_lines(case), f"{case}: expected.txt is empty"


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_is_reported_exactly(tmp_path: Path, case: str) -> None:
    problems = problems_of(make_inputs(tmp_path, case))
    assert sorted(str(p) for p in problems) == sorted(expected_lines(case))
    assert {p.kind for p in problems} == KINDS.get(case, {case})


# --- accepted input -----------------------------------------------------------


def test_valid_fixture_is_valid() -> None:
    catalogue = load_catalogue(VALID)
    titles = {p.id: p.title for p in catalogue.practices}
    assert titles == {
        "community-work-instead-of-prison": "Community work instead of a short prison term",
        "family-visits": "الزيارات العائلية للسجناء",
        "vocational-training": "监狱职业技能培训",
        "housing-after-release": "کمک برای خانه\u200cیابی پس از آزادی",
        "fictional-mentoring-after-release": "Mentoring after release (fictional test record)",
    }
    assert [s.id for s in catalogue.sources] == ["egm-2022", "fictional-national-report-2024"]


def test_valid_fixture_holds_the_inputs_it_is_meant_to_prove() -> None:
    # If an editor or git rewrote these bytes, the test above would prove less.
    raw = (VALID / "practices" / "family-visits.yml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n") > 10
    assert "\u200c" in (VALID / "practices" / "housing-after-release.yml").read_text(encoding="utf-8")
    record = (VALID / "practices" / "community-work-instead-of-prison.yml").read_text(encoding="utf-8")
    assert "countries: [KE]" in record and "regions: [africa, europe]" in record


@pytest.mark.parametrize(
    "name, raw, data",
    [
        ("bom-crlf", "\ufeffid: x\r\nsummary: |\r\n  two\r\n  lines\r\n", {"id": "x", "summary": "two\nlines\n"}),
        ("arabic", "title: الزيارات العائلية\n", {"title": "الزيارات العائلية"}),
        ("chinese", "title: 监狱职业技能培训\n", {"title": "监狱职业技能培训"}),
        ("persian-zwnj", "title: خانه\u200cها\n", {"title": "خانه\u200cها"}),
        ("quoted-yaml11", 'a: "NO"\nb: "0123"\nc: "1:20"\nd: "2024-01-02"\n', {"a": "NO", "b": "0123", "c": "1:20", "d": "2024-01-02"}),
    ],
)
def test_accepted_yaml(tmp_path: Path, name: str, raw: str, data: dict[str, str]) -> None:
    path = tmp_path / f"{name}.yml"
    path.write_bytes(raw.encode("utf-8"))
    loaded, problems = read_yaml(path, f"practices/{name}.yml", 64 * 1024)
    assert problems == [] and loaded is not None and loaded.data == data


def test_cli_check_passes_on_the_valid_fixture(tmp_path: Path) -> None:
    result = run_generator(repo_with_schema(tmp_path / "repo"), "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 5 practices, 3 themes, 2 source(s).")


# --- the command line on broken input -------------------------------------------


# Cases that break different files, to be broken in one repository at once.
TOGETHER = ["alias-bomb", "case-collision", "empty-file", "not-kebab-case", "reserved-id", "stray-file", "unsafe-tag"]


def test_cli_check_reports_every_broken_file_in_one_run(tmp_path: Path) -> None:
    cases = TOGETHER
    files = [rel for case in cases for rel in overlay_files(case)]
    assert len(files) == len(set(files)) == len(cases) and Path("taxonomy.yml") not in files
    root = repo_with_schema(tmp_path / "repo")
    make_inputs(root, *cases)
    before = tree_hash(root)
    result = run_generator(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    printed = [line for line in result.stderr.splitlines() if line.startswith(("practices/", "taxonomy.yml"))]
    expected = sorted(line for case in cases for line in expected_lines(case))
    assert sorted(printed) == expected
    assert len({line.split(":")[0] for line in printed}) >= 5  # several files, one run
    assert result.stderr.rstrip().endswith("fix them and run again.")
    # Nothing was written: not even by the `!!python/object/apply` payload of
    # unsafe-tag, which would `touch kb-tag-ran` in the working folder (root).
    assert tree_hash(root) == before


@pytest.mark.build
def test_cli_build_on_invalid_input_writes_nothing(tmp_path: Path) -> None:
    root = make_inputs(repo_with_schema(tmp_path / "repo"), "script-tag")
    before = tree_hash(root)
    result = run_generator(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected_lines("script-tag")[0] in result.stderr
    assert "nothing was written" in result.stderr
    assert not (root / "site").exists() and not (root / "dist").exists()
    assert tree_hash(root) == before


@pytest.mark.build
def test_cli_build_on_invalid_input_keeps_the_earlier_site(tmp_path: Path) -> None:
    root = repo_with_schema(tmp_path / "repo")
    first = run_generator(root, "build")
    assert first.returncode == 0, first.stderr
    assert (root / "site" / "index.html").is_file() and any((root / "dist").iterdir())
    make_inputs(root, "javascript-link")
    before = tree_hash(root)
    result = run_generator(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected_lines("javascript-link")[0] in result.stderr
    assert tree_hash(root) == before  # site/, dist/ and the sources as they were


# --- the reader's defences, directly ------------------------------------------------


def test_alias_bomb_is_refused_fast(tmp_path: Path) -> None:
    bomb = INVALID / "alias-bomb" / "practices" / "alias-bomb.yml"
    assert bomb.stat().st_size == 342  # expands to 9**9 = 387 million leaves
    started = time.perf_counter()
    loaded, problems = read_yaml(bomb, "practices/alias-bomb.yml", 64 * 1024)
    assert time.perf_counter() - started < 0.5
    assert loaded is None and {p.kind for p in problems} == {"anchor", "alias"}


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_gives_a_problem_not_a_recursion_error(tmp_path: Path, style: str) -> None:
    depth = 500
    if style == "flow":
        text = "related: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "".join(" " * n + f"k{n}:\n" for n in range(depth))
    path = tmp_path / "deep.yml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = read_yaml(path, "taxonomy.yml", 1024 * 1024)
    assert loaded is None and [p.kind for p in problems] == ["too-deep"]


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    path = tmp_path / "record.yml"
    path.write_text(f'id: x\nsupport: !!python/object/apply:os.system ["touch {marker}"]\nrelated: !!python/object/new:builtins.exec ["open(\'{marker}\', \'w\')"]\n', encoding="utf-8")
    loaded, problems = read_yaml(path, "practices/record.yml", 64 * 1024)
    assert not marker.exists()
    assert loaded is None and [(p.line, p.kind) for p in problems] == [(2, "unsafe-tag"), (3, "unsafe-tag")]


@pytest.mark.parametrize("value", ["NO", "no", "Yes", "off", "0123", "0o17", "0x1F", "1:20", "2024-01-02", "2024-01-02 10:00:00", "1_000", ".inf"])
def test_yaml11_coercions_are_refused_with_put_it_in_quotes(tmp_path: Path, value: str) -> None:
    path = tmp_path / "record.yml"
    path.write_text(f"title: x\nsummary: {value}\n", encoding="utf-8")
    _, problems = read_yaml(path, "practices/record.yml", 64 * 1024)
    assert [(p.line, p.field, p.kind) for p in problems] == [(2, "summary", "yaml11-coercion")]
    assert f'put it in quotes: "{value}"' in problems[0].message


def test_a_control_character_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "record.yml"
    path.write_bytes(b"id: x\ntitle: a\x00b\n")
    loaded, problems = read_yaml(path, "practices/record.yml", 64 * 1024)
    assert loaded is None and [(p.line, p.kind) for p in problems] == [(2, "bad-text")]
    assert "U+0000" in problems[0].message


# Every field that holds an id, and how to put `../` into it.
ID_FIELDS = [
    ("id", "id: community-work-instead-of-prison", "id: ../community-work-instead-of-prison", "bad-id"),
    ("themes.0", "themes: [community-measures]", "themes: [../community-measures]", "bad-id"),
    ("stages.0", "stages: [sentencing, community]", "stages: [../sentencing, community]", "bad-id"),
    ("regions.0", "regions: [africa, europe]", "regions: [../africa, europe]", "bad-id"),
    ("countries.0", "countries: [KE]", "countries: [../KE]", "bad-country"),
    ("standards.0", "standards: [tokyo-rules]", "standards: [../tokyo-rules]", "bad-id"),
    ("related_standards.0.standard", "- standard: mandela-rules", "- standard: ../mandela-rules", "bad-id"),
    ("support", "support: emphasized", "support: ../emphasized", "bad-id"),
    ("sources.0.source", "source: egm-2022", "source: ../egm-2022", "bad-id"),
    ("related.0", "added:", "related: [../../../etc/passwd]\nadded:", "bad-id"),
]


@pytest.mark.parametrize("field, old, new, kind", ID_FIELDS, ids=[f[0] for f in ID_FIELDS])
def test_path_traversal_is_refused_in_every_id_field(tmp_path: Path, field: str, old: str, new: str, kind: str) -> None:
    problems = problems_of(edit_record(tmp_path, old, new))
    # Once, by the schema: the cross-checks never look a malformed id up.
    assert [(p.file, p.field, p.kind) for p in problems] == [(RECORD, field, kind)]


TAXONOMY_ID_FIELDS = [
    ("themes.0.id", "- id: community-measures", "- id: ../community-measures"),
    ("source_kinds.0.id", "- id: expert-meeting", "- id: ../expert-meeting"),
]


@pytest.mark.parametrize("field, old, new", TAXONOMY_ID_FIELDS, ids=[f[0] for f in TAXONOMY_ID_FIELDS])
def test_path_traversal_is_refused_in_taxonomy_ids(tmp_path: Path, field: str, old: str, new: str) -> None:
    root = make_inputs(tmp_path)
    text = (root / "taxonomy.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (root / "taxonomy.yml").write_text(text.replace(old, new), encoding="utf-8")
    assert [(p.file, p.field, p.kind) for p in problems_of(root)] == [("taxonomy.yml", field, "bad-id")]


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/report.pdf",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//example.org/report.pdf",
        "example.org/report.pdf",
        "https://user@example.org/report.pdf",
        "https://user:secret@example.org/report.pdf",
        "https://example.org/expert meeting.pdf",
        "https://example.org:99999/report.pdf",
    ],
)
def test_source_urls_must_be_plain_web_addresses(tmp_path: Path, url: str) -> None:
    root = make_inputs(tmp_path)
    path = root / "sources" / "egm-2022.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("url: https://example.org/reports/expert-meeting.html", f"url: '{url}'"), encoding="utf-8")
    assert [(p.file, p.field, p.kind) for p in problems_of(root)] == [("sources/egm-2022.yml", "url", "bad-url")]


def test_path_traversal_is_refused_in_a_source_id(tmp_path: Path) -> None:
    root = make_inputs(tmp_path)
    path = root / "sources" / "egm-2022.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: egm-2022", "id: ../egm-2022", 1), encoding="utf-8")
    assert [(p.file, p.field, p.kind) for p in problems_of(root)] == [("sources/egm-2022.yml", "id", "bad-id")]


def test_a_symbolic_link_in_practices_is_not_followed(tmp_path: Path) -> None:
    root = make_inputs(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (root / "practices" / "link.yml").symlink_to(secret)
    problems = problems_of(root)
    assert [(p.file, p.line, p.field, p.kind) for p in problems] == [("practices/link.yml", 1, "-", "stray-file")]
    assert "hunter2" not in " ".join(p.message for p in problems)


def test_a_hidden_file_in_an_input_folder_is_left_alone(tmp_path: Path) -> None:
    root = make_inputs(tmp_path)
    (root / "practices" / ".gitkeep").write_text("", encoding="utf-8")
    (root / "sources" / ".notes.txt").write_text("fictional editor notes\n", encoding="utf-8")
    assert len(load_catalogue(root).practices) == 5


def test_every_case_collision_is_reported(tmp_path: Path) -> None:
    root = make_inputs(tmp_path)
    for stem in ("community-work-instead-of-prison", "family-visits"):
        shutil.copy(root / "practices" / f"{stem}.yml", root / "practices" / f"{stem.title()}.yml")
    assert [(p.file, p.kind) for p in problems_of(root)] == [
        ("practices/Community-Work-Instead-Of-Prison.yml", "case-collision"),
        ("practices/Family-Visits.yml", "case-collision"),
    ]


# The cases that break only taxonomy.yml or sources/: `make new` reads those alone.
VOCABULARY_CASES = [
    case for case in CASES
    if all(rel.parts[0] in ("taxonomy.yml", "sources") for rel in overlay_files(case) + removed_paths(case))
]


@pytest.mark.parametrize("case", VOCABULARY_CASES)
def test_vocabularies_alone_report_the_taxonomy_and_source_cases(tmp_path: Path, case: str) -> None:
    with pytest.raises(ProblemsFound) as found:
        load_vocabularies(make_inputs(tmp_path, case))
    assert sorted(str(p) for p in found.value.problems) == sorted(expected_lines(case))
    if all(rel.parts[0] == "taxonomy.yml" for rel in overlay_files(case) + removed_paths(case)):
        with pytest.raises(ProblemsFound) as found:  # `make new-source` reads the taxonomy alone
            load_taxonomy(make_inputs(tmp_path / "taxonomy-alone", case))
        assert sorted(str(p) for p in found.value.problems) == sorted(expected_lines(case))


# A source file that cannot be read, or is not a group of fields, or lacks its paragraphs.
UNREADABLE_SOURCES = [
    (None, "[fictional, test, data]\n", [("-", "wrong-type")]),
    ("title: Fictional", "title: [Fictional", [("-", "syntax")]),
    ("paragraphs:\n", "zzzz:\n", [("paragraphs", "missing-field"), ("zzzz", "unknown-field")]),
]


@pytest.mark.parametrize("old, new, expected", UNREADABLE_SOURCES, ids=["not-a-mapping", "syntax", "no-paragraphs"])
def test_a_source_that_cannot_be_read_is_reported_alone(tmp_path: Path, old: str | None, new: str, expected: list[tuple[str, str]]) -> None:
    root = make_inputs(tmp_path)
    path = root / "sources" / "fictional-national-report-2024.yml"
    text = path.read_text(encoding="utf-8")
    assert old is None or text.count(old) == 1
    path.write_text(new if old is None else text.replace(old, new), encoding="utf-8")
    assert sorted((p.field, p.kind) for p in problems_of(root)) == expected


def edit_record(tmp_path: Path, old: str, new: str) -> Path:
    """The valid fixture with ``old`` replaced by ``new`` once in RECORD."""
    root = make_inputs(tmp_path)
    path = root / RECORD
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


# Every list whose entries must be unique (`stages` is the duplicate-entry case).
DUPLICATES = [
    ("themes.1", "themes: [community-measures]", "themes: [community-measures, community-measures]", "community-measures"),
    ("regions.2", "regions: [africa, europe]", "regions: [africa, europe, africa]", "africa"),
    ("countries.1", "countries: [KE]", "countries: [KE, KE]", "KE"),
    ("standards.1", "standards: [tokyo-rules]", "standards: [tokyo-rules, tokyo-rules]", "tokyo-rules"),
    ("related.1", 'added: "2026-01-15"', 'related: [family-visits, family-visits]\nadded: "2026-01-15"', "family-visits"),
]


@pytest.mark.parametrize("field, old, new, value", DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_an_entry_listed_twice_is_reported_in_every_list(tmp_path: Path, field: str, old: str, new: str, value: str) -> None:
    root = edit_record(tmp_path, old, new)
    line = next(n for n, text in enumerate((root / RECORD).read_text(encoding="utf-8").splitlines(), 1) if new.splitlines()[0] in text)
    assert problems_of(root) == [Problem(RECORD, line, field, f"`{value}` is listed twice; keep it once", "duplicate-entry")]


# A malformed value is the schema's to report, once: never also as a duplicate.
MALFORMED_TWICE = [
    ("countries: [KE]", "countries: [ke, ke]", [("countries.0", "bad-country"), ("countries.1", "bad-country")]),
    (
        "  - standard: mandela-rules\n",
        "  - standard: Mandela-Rules\n    reason: Fictional test reason, for the group of standards we relate ourselves.\n  - standard: Mandela-Rules\n",
        [("related_standards.0.standard", "bad-id"), ("related_standards.1.standard", "bad-id")],
    ),
    # The links after a malformed one are still checked.
    (
        "  - standard: mandela-rules\n",
        "  - standard: Mandela-Rules\n    reason: Fictional test reason, for the group of standards we relate ourselves.\n  - standard: tokyo-rules\n",
        [("related_standards.0.standard", "bad-id"), ("related_standards.1.standard", "standard-named-and-related")],
    ),
    # A day that is not in the calendar is not compared with the date added.
    ('reviewed: "2026-02-01"', 'reviewed: "2026-01-00"', [("reviewed", "bad-date")]),
]


@pytest.mark.parametrize("old, new, expected", MALFORMED_TWICE, ids=["countries", "related-standards", "after-a-malformed-link", "reviewed"])
def test_a_malformed_value_is_reported_once(tmp_path: Path, old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.field, p.kind) for p in problems_of(edit_record(tmp_path, old, new))] == expected


@pytest.mark.parametrize("length, expected", [(64, [("id", "id-mismatch")]), (65, [("id", "too-long")])])
def test_an_id_of_the_longest_length_is_still_compared_with_the_file_name(tmp_path: Path, length: int, expected: list[tuple[str, str]]) -> None:
    root = edit_record(tmp_path, "id: community-work-instead-of-prison", "id: " + "a" * length)
    assert [(p.field, p.kind) for p in problems_of(root)] == expected


def test_a_placeholder_inside_a_block_points_at_its_own_line(tmp_path: Path) -> None:
    root = edit_record(tmp_path, "  - The hours fit around a job or studies.\n", "  - The hours fit around TODO.\n  - TODO: a third point.\n")
    line = next(n for n, text in enumerate((root / RECORD).read_text(encoding="utf-8").splitlines(), 1) if "around TODO" in text)
    assert [(p.line, p.field, p.kind) for p in problems_of(root)] == [(line, "description", "placeholder")]


def test_a_placeholder_in_a_list_hides_only_its_own_entry(tmp_path: Path) -> None:
    # `TODO` is no valid theme id either; that is not said. The other field's problem is.
    root = edit_record(tmp_path, "themes: [community-measures]\nstages: [sentencing, community]", "themes: [TODO]\nstages: [sentencing, sentencing]")
    assert [(p.field, p.kind) for p in problems_of(root)] == [("themes.0", "placeholder"), ("stages.1", "duplicate-entry")]


def test_a_problem_inside_a_block_points_at_its_own_line(tmp_path: Path) -> None:
    root = make_inputs(tmp_path)
    path = root / RECORD
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(n for n, line in enumerate(lines) if "The hours fit" in line)
    lines[target] = lines[target].replace("studies", "<b>studies</b>")
    path.write_text("".join(lines), encoding="utf-8")
    assert [(p.line, p.field, p.kind) for p in problems_of(root)] == [(target + 1, "description", "unsafe-markdown")]


# Markdown that tries to reach the page as script. Each must be refused by the
# text rules, or else come out of Python-Markdown (with the site's extensions)
# without any active content.
MARKDOWN_PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src="x" onerror="alert(1)">',
    '<https://example.org>',
    'Text\n{ x onclick="alert(1)" }',
    '**bold**{ x onmouseover=alert(1) }',
    '# Head { x onclick=alert(1) }',
    '[a](https://example.org){: onclick="alert(1)" }',
    '![a](https://example.org/a.png){ onerror=alert(1) }',
    'Text\n{\tonclick=alert(1) }',
    '[a](javascript:alert(1))',
    '[a]( javascript:alert(1))',
    '[a](<javascript:alert(1)>)',
    '[a](JaVaScRiPt:alert(1))',
    '[a](java&#115;cript:alert(1))',
    '[a](javascript&colon;alert(1))',
    '[a](data:text/html;base64,PHNjcmlwdD4=)',
    '[a](vbscript:msgbox(1))',
    '[a][r]\n\n[r]: javascript:alert(1)',
    '[a][r]\n\n[r]: <javascript:alert(1)>',
    '[a](https://example.org/" onclick="alert(1))',
    '[a](https://example.org \'x" onclick="alert(1)\')',
    '*[HTML]: " onclick="alert(1)\n\nHTML text',
    '!!! note "x\\" onclick=\\"alert(1)"\n    Text',
    '&#60;script&#62;alert(1)&#60;/script&#62;',
    '```\n<script>alert(1)</script>\n```',
    'Term\n:   <b onclick="alert(1)">x</b>',
]
_EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "def_list", "admonition", "toc", "fenced_code"]
_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "meta", "link", "base"}


def active_content(html: str) -> list[str]:
    """Tags and attributes of ``html`` that could run script, parsed as a browser would."""
    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _ACTIVE_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs:
                target = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                if name.startswith("on") or (name in ("href", "src", "action", "formaction") and target.startswith(("javascript:", "data:", "vbscript:"))):
                    found.append(f"{tag} {name}={value!r}")

    Scan().feed(html)
    return found


@pytest.mark.parametrize("text", MARKDOWN_PAYLOADS)
def test_markdown_payloads_are_refused_and_inert(text: str) -> None:
    # The validator tells the contributor; the sanitiser is the guarantee, so
    # even a payload the validator missed comes out inert.
    html = markdown.markdown(text, extensions=_EXTENSIONS)
    assert check_markdown(text) is not None or not active_content(html), html
    assert not active_content(str(markdown_to_html(text)))


def test_the_html_scan_sees_active_content() -> None:
    # The scan above must itself be able to fail.
    assert active_content(markdown.markdown('Text\n{ x onclick="alert(1)" }', extensions=_EXTENSIONS))
    assert active_content(markdown.markdown("[a](javascript:alert(1))", extensions=_EXTENSIONS))
    assert active_content('<p><a href=" JaVa\tScript:alert(1)">a</a></p>')
    assert not active_content(markdown.markdown('[a](https://example.org \'x" onclick="y\')', extensions=_EXTENSIONS))
