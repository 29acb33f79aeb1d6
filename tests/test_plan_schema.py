"""The plan file's schema (generator/plan.py), without a build or a browser:
a valid JSON Schema, only keywords kb-plan.js's validator reads, and the
fixture files (tests/data/plan) judged as their names say. The browser test
(tests/browser/test_plan.py) runs kb-plan.js's validator on the same files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator import exports, plan

PLAN_FILES = sorted((Path(__file__).parent / "data" / "plan").glob("*.json"))
# What kb-plan.js's validate() reads; annotations it may ignore.
JS_KEYWORDS = {
    "type", "const", "enum", "required", "properties", "additionalProperties", "propertyNames",
    "maxProperties", "pattern", "minLength", "maxLength", "minimum", "maximum",
}  # fmt: skip
ANNOTATIONS = {"$schema", "$id", "title", "description"}


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(plan.schema())


def _keywords(schema: dict, found: set[str]) -> set[str]:
    for key, value in schema.items():
        found.add(key)
        if key in ("properties",):
            for sub in value.values():
                _keywords(sub, found)
        elif isinstance(value, dict) and key in ("additionalProperties", "propertyNames"):
            _keywords(value, found)
    return found


def test_the_schema_uses_only_keywords_the_script_reads() -> None:
    assert _keywords(plan.schema(), set()) - JS_KEYWORDS - ANNOTATIONS == set()


def test_every_status_has_a_name_and_the_schema_lists_them() -> None:
    entry = plan.schema()["properties"]["practices"]["additionalProperties"]
    assert entry["properties"]["status"]["enum"] == ["", *plan.STATUSES]
    assert plan.strings()["statuses"] == plan.STATUSES


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_fixture_files_are_judged_as_named(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(plan.schema()).iter_errors(document))
    assert path.name.startswith(("valid-", "invalid-"))
    assert (errors == []) == path.name.startswith("valid-"), [e.message for e in errors]


def test_a_five_megabyte_note_is_refused_by_the_schema() -> None:
    entry = {"status": "", "priority": False, "note": "a" * 5_000_000}
    doc = {"format": plan.FORMAT, "version": plan.VERSION, "practices": {"x": entry}}
    assert not jsonschema.Draft202012Validator(plan.schema()).is_valid(doc)


def test_the_page_gives_the_script_the_csv_rule_of_the_site() -> None:
    assert plan.page_data()["formulaStarts"] == list(exports.FORMULA_STARTS)


def test_strings_fill_only_known_values() -> None:
    """Every %(name)s placeholder is one the script fills in (a typo would show as text)."""

    known = {
        "n", "total", "priorities", "file", "added", "combined", "reason",
        "size", "limit", "found", "expected", "path", "problem",
    }  # fmt: skip
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(plan.strings())
    assert not [text for text in texts if "{" in text], "placeholders are %(name)s"
    assert {name for text in texts for name in re.findall(r"%\((\w+)\)[sd]", text)} <= known
