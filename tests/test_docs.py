"""The worked example in CONTRIBUTING.md is a record that passes the check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kbtest import ROOT

from generator.validate import load_catalogue


def test_contributing_example_is_a_valid_record(tmp_path: Path) -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = [block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if re.search(r"^id: ", block, re.M)]
    assert len(examples) == 1
    record_id = re.search(r"^id: (\S+)", examples[0], re.M).group(1)  # type: ignore[union-attr]
    shutil.copytree(ROOT / "practices", tmp_path / "practices")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copy(ROOT / "taxonomy.yml", tmp_path / "taxonomy.yml")
    (tmp_path / "practices" / f"{record_id}.yml").write_text(examples[0], encoding="utf-8")
    catalogue = load_catalogue(tmp_path)
    assert record_id in {p.id for p in catalogue.practices}
