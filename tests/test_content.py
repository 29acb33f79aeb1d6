"""Content checks for the practice records drawn from the 2022 expert group
meeting report (E/CN.15/2022/CRP.4).

These tests read the YAML files directly (yaml.safe_load); only the one that
runs the check of the whole catalogue imports the site generator. The report itself is not kept in the repository; the
copying check compares records against a fingerprint of the report, written
by tools/fingerprint.py into tests/data/egm-2022-fingerprint.txt.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRACTICES = ROOT / "practices"
TAXONOMY = ROOT / "taxonomy.yml"
FINGERPRINT = ROOT / "tests" / "data" / "egm-2022-fingerprint.txt"

SOURCE_ID = "egm-2022"
# Paragraphs 1-2 (mandate, format) and 5 (overview) feed only the source page.
SUBSTANTIVE_PARAGRAPHS = {3, 4} | set(range(6, 23))
TEXT_FIELDS = ("title", "summary", "description", "why_it_matters", "considerations")

# Official names that records may quote word for word. A 12-word window that
# lies entirely inside one of these names is not counted as copying.
ALLOWED_NAMES = (
    "United Nations Standard Minimum Rules for the Treatment of Prisoners",
    "United Nations Rules for the Treatment of Women Prisoners and "
    "Non-custodial Measures for Women Offenders",
    "United Nations Standard Minimum Rules for Non-custodial Measures",
    "Basic principles on the use of restorative justice programmes in "
    "criminal matters",
    "United Nations standards and norms in crime prevention and criminal justice",
)


def _load_fingerprint_module():
    spec = importlib.util.spec_from_file_location(
        "fingerprint", ROOT / "tools" / "fingerprint.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fp = _load_fingerprint_module()


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_records() -> dict[str, dict]:
    records = {}
    for path in sorted(PRACTICES.glob("*.yml")):
        data = load_yaml(path)
        assert isinstance(data, dict), f"{path.name}: not a mapping"
        records[path.stem] = data
    return records


def load_fingerprint(path: Path = FINGERPRINT) -> set[str]:
    hashes = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            hashes.add(line)
    return hashes


RECORDS = load_records()
TAX = load_yaml(TAXONOMY)
SOURCE = next(s for s in TAX["sources"] if s["id"] == SOURCE_ID)
FINGERPRINT_HASHES = load_fingerprint()


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


_ALLOWED_WORDS = [fp.words(name) for name in ALLOWED_NAMES]


def copied_runs(
    text: str,
    fingerprint: set[str] | None = None,
    allowed: list[list[str]] | None = None,
) -> list[str]:
    """Return every 12-word run of text whose hash is in the fingerprint,
    except runs lying entirely inside an allowed official name."""
    fingerprint = FINGERPRINT_HASHES if fingerprint is None else fingerprint
    allowed = _ALLOWED_WORDS if allowed is None else allowed
    found = []
    for run in fp.runs(fp.words(text)):
        if fp.run_hash(run) not in fingerprint:
            continue
        if any(_contains(name, list(run)) for name in allowed):
            continue
        found.append(" ".join(run))
    return found


def _egm_sources(record: dict) -> list[dict]:
    return [s for s in record.get("sources") or [] if s.get("source") == SOURCE_ID]


# 0. basics -----------------------------------------------------------------


def test_there_are_records():
    # A floor only: the report alone gives over 40 practices, and later
    # sources add more.
    assert len(RECORDS) >= 40, len(RECORDS)


def test_every_record_passes_the_check():
    """What `make check` enforces (ids, vocabularies, related ids, paragraphs),
    once for the whole catalogue, naming every failing record."""
    from generator.problems import ProblemsFound
    from generator.validate import load_catalogue

    try:
        load_catalogue(ROOT)
    except ProblemsFound as found:
        pytest.fail("records that fail the check:\n" + "\n".join(map(str, found.problems)))


# 1. paragraph coverage ------------------------------------------------------


def test_every_substantive_paragraph_is_cited():
    cited = set()
    for record in RECORDS.values():
        for source in _egm_sources(record):
            cited.update(source.get("paragraphs") or [])
    missing = SUBSTANTIVE_PARAGRAPHS - cited
    assert not missing, f"paragraphs cited by no record: {sorted(missing)}"


def test_cited_paragraphs_exist():
    known = {p["number"] for p in SOURCE["paragraphs"]}
    assert known == set(range(1, 23))
    for stem, record in RECORDS.items():
        for source in _egm_sources(record):
            paragraphs = source.get("paragraphs") or []
            assert paragraphs, f"{stem}: no paragraphs cited"
            for number in paragraphs:
                assert isinstance(number, int) and not isinstance(number, bool)
                assert number in known, f"{stem}: unknown paragraph {number}"


# 2. themes and stages -------------------------------------------------------


def test_every_theme_used_at_least_twice():
    counts = Counter(t for r in RECORDS.values() for t in r.get("themes") or [])
    theme_ids = [t["id"] for t in TAX["themes"]]
    rare = {t: counts[t] for t in theme_ids if counts[t] < 2}
    assert not rare, f"themes used by fewer than two records: {rare}"
    unknown = set(counts) - set(theme_ids)
    assert not unknown, f"records use unknown themes: {unknown}"


# 3. no countries for this source ---------------------------------------------


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_egm_records_are_global(stem):
    record = RECORDS[stem]
    if not _egm_sources(record):
        pytest.skip("not drawn from egm-2022")
    assert "countries" not in record, f"{stem}: the report names no country"
    assert record.get("regions") == ["global"], f"{stem}: regions must be [global]"


# 4. no copying from the report ------------------------------------------------


def test_fingerprint_file_is_usable():
    header = FINGERPRINT.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#")
    assert len(FINGERPRINT_HASHES) > 1000
    assert all(len(h) == 16 for h in FINGERPRINT_HASHES)


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_no_copied_runs_in_record(stem):
    record = RECORDS[stem]
    copied = {}
    for field in TEXT_FIELDS:
        value = record.get(field)
        if value:
            runs = copied_runs(value)
            if runs:
                copied[field] = runs
    assert not copied, f"{stem}: 12-word runs copied from the report: {copied}"


def test_no_copied_runs_in_taxonomy_texts():
    texts = [t["definition"] for t in TAX["themes"]]
    texts += [p["summary"] for p in SOURCE["paragraphs"]]
    copied = [run for text in texts for run in copied_runs(text)]
    assert not copied, copied


def test_copied_runs_detects_copying_on_synthetic_text():
    original = (
        "The quick brown fox jumps over the lazy dog while seven sleepy "
        "owls watch quietly from the old oak tree near the river."
    )
    made_up_fingerprint = set(fp.fingerprint(original))
    copied = (
        "Someone wrote that the quick brown fox jumps over the lazy dog "
        "while seven sleepy owls watch, which is odd."
    )
    paraphrased = (
        "A fast fox leapt across a tired dog as several drowsy owls "
        "looked on silently from an ancient tree by the water."
    )
    assert copied_runs(copied, made_up_fingerprint, allowed=[])
    assert copied_runs(paraphrased, made_up_fingerprint, allowed=[]) == []
    # Curly apostrophes, case and punctuation do not hide a copy.
    assert copied_runs(original.upper().replace(" ", " -- "), made_up_fingerprint, allowed=[])
    # A run lying inside an allowed name is not reported.
    allowed = [fp.words("the quick brown fox jumps over the lazy dog while seven sleepy owls watch")]
    assert copied_runs(copied, made_up_fingerprint, allowed=allowed) == []


def test_tokeniser_normalises_apostrophes_and_accents():
    assert fp.words("Offender\u2019s e.g. PRISON's Justi\u00e7a") == [
        "offenders",
        "e",
        "g",
        "prisons",
        "justica",
    ]

