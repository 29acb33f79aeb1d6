"""No copied wording, for every source whose text we can compare with.

A source's text is available when the repository carries a fingerprint of it
(tests/data/<id>-fingerprint.txt, written by tools/fingerprint.py) or when its
plain text lies beside the repository as ../shared/sources/<id>.txt. Sources
with neither are skipped, by name, so a reviewer sees which were not checked.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RUN_WORDS = 12


def _fingerprint_module():  # tools/ is not a package the tests import
    spec = importlib.util.spec_from_file_location("fingerprint", ROOT / "tools" / "fingerprint.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


fp = _fingerprint_module()
SOURCE_IDS = sorted(p.stem for p in (ROOT / "sources").glob("*.yml"))


def source_hashes(source_id: str, root: Path = ROOT) -> set[str] | None:
    """The 12-word run hashes of a source, or None if its text is not available."""
    stored = root / "tests" / "data" / f"{source_id}-fingerprint.txt"
    if stored.is_file():
        return {line.strip() for line in stored.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    beside = root.parent / "shared" / "sources" / f"{source_id}.txt"
    if beside.is_file():
        return set(fp.fingerprint(beside.read_text(encoding="utf-8")))
    return None


def records_citing(source_id: str, root: Path = ROOT) -> dict[str, dict]:
    found = {}
    for path in sorted((root / "practices").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(ref.get("source") == source_id for ref in record.get("sources") or []):
            found[path.stem] = record
    return found


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_records_copy_no_run_of_their_sources(source_id: str) -> None:
    hashes = source_hashes(source_id)
    if hashes is None:
        pytest.skip(f"{source_id}: no text available (neither tests/data/{source_id}-fingerprint.txt nor ../shared/sources/{source_id}.txt); copied wording not checked")
    copied = {}
    for stem, record in records_citing(source_id).items():
        for field in ("title", "summary", "description", "why_it_matters", "considerations"):
            runs = [" ".join(run) for run in fp.runs(fp.words(record.get(field) or "")) if fp.run_hash(run) in hashes]
            if runs:
                copied[f"{stem}.{field}"] = runs
    # Official names may be quoted; test_content.py allows those for egm-2022.
    if source_id == "egm-2022":
        pytest.skip("egm-2022 is checked by test_content.py, which allows its official names")
    assert not copied, copied


def test_the_real_report_has_its_fingerprint() -> None:
    # The report is the one source whose text we always carry (as hashes).
    assert source_hashes("egm-2022") is not None
