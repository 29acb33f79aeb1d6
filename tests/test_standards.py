"""Standards by provenance: `standards` (named by the source for the point)
and `related_standards` (our cross-reference, with a one-line reason) stay
apart in the schema and in the open data. Fast: no build, no browser. The
pages are checked in tests/browser/test_pages.py and the golden files."""

from __future__ import annotations

import csv
import io

from kbtest import FIXTURES

from generator.exports import practices_csv, practices_document
from generator.model import RelatedStandard, practice_json_schema
from generator.validate import Catalogue, load_catalogue

RECORD = "community-work-instead-of-prison"  # names tokyo-rules; we relate mandela-rules
REASON = "Fictional test reason, for the group of standards we relate ourselves."
SEMICOLON_REASON = "Fictional test reason; it may hold a semicolon, and the export keeps it whole."


def _catalogue() -> Catalogue:
    return load_catalogue(FIXTURES / "valid")


def _rows(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    text = practices_csv(catalogue).decode("utf-8-sig")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def test_csv_keeps_named_and_related_standards_in_their_own_columns() -> None:
    rows = _rows(_catalogue())
    row = rows[RECORD]
    assert (row["standards"], row["standard_names"]) == ("tokyo-rules", "Tokyo Rules")
    assert (row["related_standards"], row["related_standard_names"]) == ("mandela-rules", "Nelson Mandela Rules")
    assert row["related_standards_reasons"] == REASON
    # A reason may hold "; " (the list separator): reasons are one a line, so it stays whole.
    assert rows["vocational-training"]["related_standards_reasons"] == SEMICOLON_REASON
    assert rows["family-visits"]["related_standards"] == "" and rows["family-visits"]["standards"] == "mandela-rules"


def test_csv_reasons_one_a_line_and_formulas_neutralised() -> None:
    catalogue = _catalogue()
    links = [
        RelatedStandard(standard="mandela-rules", reason='=HYPERLINK("https://evil.example","x")'),
        RelatedStandard(standard="tokyo-rules", reason="A second reason, on its own line."),
    ]
    changed = {"standards": [], "related_standards": links}
    practices = tuple(p.model_copy(update=changed) if p.id == RECORD else p for p in catalogue.practices)
    row = _rows(Catalogue(catalogue.taxonomy, practices, catalogue.sources))[RECORD]
    assert row["related_standards"] == "mandela-rules; tokyo-rules"
    assert row["related_standards_reasons"].split("\n") == ["'" + links[0].reason, links[1].reason]


def test_json_carries_both_with_reasons_and_names() -> None:
    entry = next(e for e in practices_document(_catalogue(), "2026-01-01")["practices"] if e["id"] == RECORD)
    assert entry["standards"] == ["tokyo-rules"]
    assert entry["related_standards"] == [{"standard": "mandela-rules", "reason": REASON}]
    assert entry["resolved"]["standards"] == [{"id": "tokyo-rules", "name": "Tokyo Rules"}]
    assert entry["resolved"]["related_standards"] == [{"id": "mandela-rules", "name": "Nelson Mandela Rules"}]


def test_json_schema_offers_the_taxonomy_standards_for_related_ones() -> None:
    catalogue = _catalogue()
    schema = practice_json_schema(catalogue.taxonomy)
    related = schema["$defs"]["RelatedStandard"]
    assert related["properties"]["standard"]["enum"] == ["mandela-rules", "tokyo-rules"]
    assert related["required"] == ["standard", "reason"] and related["additionalProperties"] is False
    assert related["properties"]["reason"]["maxLength"] == 200
