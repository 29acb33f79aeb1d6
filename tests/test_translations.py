"""Translations (translations/<lang>/): checked by the English rules, with
every problem at once; each entry current, stale or missing.

tests/fixtures/valid/translations/fr is a small valid (fictional) French
translation of the valid fixture; each folder of tests/fixtures/invalid-translations
overlays it with one thing wrong and lists in expected.txt the exact lines
`check` must print.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest

from generator.problems import ProblemsFound
from generator.translations import (
    LANGUAGES,
    PRACTICE_FIELDS,
    TRANSLATED,
    all_states,
    fingerprint,
    load_translations,
    localize,
    skeletons,
    stale_entries,
    write_skeletons,
)
from generator.validate import load_catalogue
from kbtest import FIXTURES, ROOT, run_generator

VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid-translations"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
REQUIRED = {
    "unknown-id",
    "unknown-field",
    "missing-field",
    "markdown-shape",
    "too-long",
    "bidi-control",
    "raw-html",
    "id-mismatch",
    "bad-fingerprint",
    "duplicate-id",
    "unknown-term",
    "stray-file",
    "standards-mismatch",
}


def inputs(root: Path, *cases: str) -> Path:
    for name in ("practices", "sources", "translations"):
        shutil.copytree(VALID / name, root / name)
    shutil.copy(VALID / "taxonomy.yml", root / "taxonomy.yml")
    for case in cases:
        shutil.copytree(INVALID / case / "translations", root / "translations", dirs_exist_ok=True)
    return root


def test_every_required_case_exists() -> None:
    assert REQUIRED <= set(CASES)


@pytest.mark.parametrize("case", CASES)
def test_invalid_translation_is_reported_with_file_line_and_field(tmp_path: Path, case: str) -> None:
    root = inputs(tmp_path, case)
    with pytest.raises(ProblemsFound) as found:
        load_translations(root, load_catalogue(root), ("fr",))
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in found.value.problems] == expected


def test_every_problem_of_every_case_in_one_run(tmp_path: Path) -> None:
    # Cases that replace the same file cannot be combined; these touch different files.
    root = inputs(tmp_path, "unknown-id", "missing-field", "unknown-term", "stray-file")
    with pytest.raises(ProblemsFound) as found:
        load_translations(root, load_catalogue(root), ("fr",))
    assert {p.kind for p in found.value.problems} == {"unknown-id", "missing-field", "stray-file"}
    assert len(found.value.problems) == 4


def test_states_current_stale_missing(tmp_path: Path) -> None:
    root = inputs(tmp_path)
    record = root / "practices" / "family-visits.yml"
    record.write_text(
        record.read_text(encoding="utf-8-sig").replace(
            "rooms that allow\n  some privacy", "rooms that allow\n  privacy"
        ),
        encoding="utf-8",
    )
    catalogue = load_catalogue(root)
    fr = load_translations(root, catalogue, ("fr",))["fr"]
    states = all_states(catalogue, fr)
    assert states[("practice", "family-visits")] == "stale"  # the English changed
    assert states[("practice", "vocational-training")] == "current"
    assert states[("practice", "housing-after-release")] == "missing"
    assert states[("term", "themes", "life-in-custody")] == "current"
    shown = {p.id: p for p in localize(catalogue, fr).practices}
    assert (
        shown["family-visits"].title == "Visites familiales aux personnes détenues"
    )  # stale: still shown, with a notice
    assert (
        shown["housing-after-release"].title == {p.id: p for p in catalogue.practices}["housing-after-release"].title
    )  # missing: the English
    # What `make translation LANG=fr` tells the translator: the file and today's fingerprint.
    english = {p.id: p for p in catalogue.practices}["family-visits"]
    assert stale_entries(catalogue, fr) == [
        "translations/fr/practices/family-visits.yml: the English changed; update the text, then set translated_from: "
        + fingerprint(english, PRACTICE_FIELDS)
    ]
    # Translated reasons of related standards replace the English ones, as the English model's type.
    reasons = shown["vocational-training"].related_standards
    assert [(type(r).__name__, r.standard) for r in reasons] == [("RelatedStandard", "mandela-rules")]
    assert reasons[0].reason.startswith("Raison fictive")


def test_check_reports_stale_as_a_warning_with_a_count(tmp_path: Path) -> None:
    """`check` exits 0 with a stale translation and says how many are stale."""
    root = inputs(tmp_path)
    path = root / "translations" / "fr" / "practices" / "family-visits.yml"
    path.write_text(
        re.sub(r"translated_from: \w+", "translated_from: aaaaaaaaaaaa", path.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    from generator.cli import translation_report

    catalogue = load_catalogue(root)
    lines = translation_report(catalogue, load_translations(root, catalogue, ("fr",)))
    assert lines[0].startswith("fr (French): records 2/5, taxonomy terms 1/")
    assert "warning: 1 stale" in lines[0] and "practice:family-visits" in lines[0]


def test_skeletons_are_written_only_where_missing(tmp_path: Path) -> None:
    root = inputs(tmp_path)
    catalogue = load_catalogue(root)
    before = (root / "translations" / "fr" / "practices" / "family-visits.yml").read_bytes()
    written = write_skeletons(root, catalogue, "fr")
    assert "translations/fr/practices/family-visits.yml" not in written  # never overwritten
    assert (root / "translations" / "fr" / "practices" / "family-visits.yml").read_bytes() == before
    assert "translations/fr/practices/housing-after-release.yml" in written
    assert write_skeletons(root, catalogue, "fr") == []
    # A fresh skeleton validates, and each of its entries is current (it holds the English).
    write_skeletons(root, catalogue, "es")
    es = load_translations(root, catalogue, ("es",))["es"]
    assert set(all_states(catalogue, es).values()) == {"current"}


def test_every_committed_translation_validates_and_says_what_is_stale() -> None:
    """The real translations: no problem; every entry translated; a stale
    entry (the English changed since) is listed as a warning, not a failure."""
    catalogue = load_catalogue(ROOT)
    translations = load_translations(ROOT, catalogue, TRANSLATED)
    assert set(translations) == set(LANGUAGES) - {"en"}
    for lang, tr in translations.items():
        states = all_states(catalogue, tr)
        assert "missing" not in states.values(), (
            f"{lang}: untranslated: {[k for k, s in states.items() if s == 'missing'][:10]}"
        )
        if stale := [":".join(map(str, key)) for key, state in states.items() if state == "stale"]:
            warnings.warn(f"{lang}: {len(stale)} translation(s) behind the English: {', '.join(stale)}", stacklevel=1)
    assert set(skeletons(catalogue)) == {
        p.relative_to(ROOT / "translations" / "fr").as_posix() for p in (ROOT / "translations" / "fr").rglob("*.yml")
    }


def test_translation_command_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = run_generator(inputs(tmp_path), "translation", "de")
    assert result.returncode == 2 and "unknown language 'de'" in result.stderr and "Traceback" not in result.stderr
