"""Open data: the JSON validates against the published schema, the CSV reads back.

The checks read the data files as ``exports.data_files`` makes them, in the
process (the fast tier, and what `make mutation` sees); one build test proves
the built site publishes exactly those files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kbtest import ROOT, Built

from generator.exports import csv_cell, data_files
from generator.validate import load_catalogue

RECORD_EXTRAS = ("url", "resolved")


def _records(root: Path = ROOT) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "practices").glob("*.yml")}


def _sources(root: Path = ROOT) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "sources").glob("*.yml")}


def _cite(source: dict, numbers: list[int]) -> str:
    unit = ("para." if len(numbers) == 1 else "paras.") if source["unit"] == "paragraph" else ("p." if len(numbers) == 1 else "pp.")
    return f"{source.get('symbol') or source['title']}, {unit} {', '.join(map(str, numbers))}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real records' data files, written by exports.data_files as a build would."""
    site = tmp_path_factory.mktemp("exported")
    for name, content in data_files(load_catalogue(ROOT), "2026-01-01").items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return site


@pytest.mark.build
def test_the_build_publishes_the_data_files(built_site: Built, exported: Path) -> None:
    for path in sorted(exported.rglob("*")):
        if path.is_file():
            built = (built_site.site / path.relative_to(exported)).read_bytes()
            if path.name == "practices.json":  # its build date is the day of the build
                built = built.replace(json.loads(built)["build_date"].encode(), b"2026-01-01", 1)
            assert built == path.read_bytes(), path.name


def test_json_entries_are_records_valid_against_the_schema(exported: Path) -> None:
    document = json.loads((exported / "data" / "practices.json").read_text(encoding="utf-8"))
    schema = json.loads((exported / "data" / "practice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    records = _records()
    assert document["schema_version"] == 1
    assert len(document["build_date"]) == 10
    assert [p["id"] for p in document["practices"]] != [] and sorted(p["id"] for p in document["practices"]) == sorted(records)
    for entry in document["practices"]:
        record = {k: v for k, v in entry.items() if k not in RECORD_EXTRAS}
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], entry["id"]
        assert record["title"] == records[entry["id"]]["title"]
        assert entry["url"] == f"practices/{entry['id']}.html" and (ROOT / "practices" / f"{entry['id']}.yml").is_file()


def test_json_resolves_names_and_carries_the_taxonomy(exported: Path) -> None:
    check_json_names(ROOT, exported)


def check_json_names(root: Path, site: Path) -> None:
    document = json.loads((site / "data" / "practices.json").read_text(encoding="utf-8"))
    taxonomy = yaml.safe_load((root / "taxonomy.yml").read_text(encoding="utf-8"))
    sources = _sources(root)
    theme_names = {t["id"]: t["name"] for t in taxonomy["themes"]}
    for entry in document["practices"]:
        assert [t["name"] for t in entry["resolved"]["themes"]] == [theme_names[t] for t in entry["themes"]]
        assert entry["resolved"]["support"]["id"] == entry["support"]
        for ref, resolved in zip(entry["sources"], entry["resolved"]["sources"], strict=True):
            assert resolved["symbol"] == sources[ref["source"]].get("symbol")
            assert resolved["citation"] == _cite(sources[ref["source"]], ref["paragraphs"])
    assert [s["id"] for s in document["sources"]] and sorted(s["id"] for s in document["sources"]) == sorted(sources)
    assert [t["id"] for t in document["taxonomy"]["themes"]] == list(theme_names)


def test_json_schema_lists_the_taxonomy_ids(exported: Path) -> None:
    schema = json.loads((exported / "data" / "practice.schema.json").read_text(encoding="utf-8"))
    taxonomy = yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))
    assert schema["properties"]["themes"]["items"]["enum"] == sorted(t["id"] for t in taxonomy["themes"])
    assert schema["properties"]["support"]["enum"] == sorted(level["id"] for kind in taxonomy["source_kinds"] for level in kind["support"])
    # The editors' copy in the repository is the same schema.
    assert schema == json.loads((ROOT / "schema" / "practice.schema.json").read_text(encoding="utf-8"))


def test_csv_reads_back_one_row_per_practice(exported: Path) -> None:
    check_csv(ROOT, exported)


def check_csv(root: Path, site: Path) -> None:
    raw = (site / "data" / "practices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    records = _records(root)
    sources = _sources(root)
    assert sorted(row["id"] for row in rows) == sorted(records)
    for row in rows:
        record = records[row["id"]]
        assert row["title"] == record["title"]
        assert row["themes"].split("; ") == record["themes"]
        assert row["stages"].split("; ") == record["stages"]
        assert row["support"] == record["support"]
        assert row["citation"] == "; ".join(_cite(sources[ref["source"]], ref["paragraphs"]) for ref in record["sources"])
        assert row["sources"].split("; ") == list(dict.fromkeys(ref["source"] for ref in record["sources"]))
        assert row["description"] == record["description"].strip()
        links = record.get("related_standards", [])
        assert row["related_standards"] == "; ".join(link["standard"] for link in links)
        assert row["related_standards_reasons"] == "\n".join(link["reason"] for link in links)  # one reason a line


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("https://x","y")'])
def test_csv_cells_that_start_a_formula_get_an_apostrophe(value: str) -> None:
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Plain", "1-2", "a=b", "'quoted", "— dash", "１"])
def test_other_csv_cells_stay_as_they_are(value: str) -> None:
    assert csv_cell(value) == value


def test_csv_carries_names_beside_ids(exported: Path) -> None:
    raw = (exported / "data" / "practices.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    taxonomy = yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))
    names = {key: {t["id"]: t["name"] for t in taxonomy[key]} for key in ("themes", "stages", "regions")}
    names["support"] = {t["id"]: t["name"] for kind in taxonomy["source_kinds"] for t in kind["support"]}
    header = list(rows[0])
    for ids, label in (("themes", "theme_names"), ("stages", "stage_names"), ("regions", "region_names"), ("standards", "standard_names"), ("countries", "country_names")):
        assert header.index(label) == header.index(ids) + 1  # the names right beside the ids
    assert header.index("support_name") == header.index("support") + 1
    for row in rows:
        for key, label in (("themes", "theme_names"), ("stages", "stage_names"), ("regions", "region_names")):
            assert row[label].split("; ") == [names[key][i] for i in row[key].split("; ")]
        assert row["support_name"] == names["support"][row["support"]]
