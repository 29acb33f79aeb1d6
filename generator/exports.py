"""Open data: the records as JSON and CSV, and the JSON Schema of a record."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import SCHEMA_VERSION, Practice, practice_json_schema
from .validate import Catalogue

LIST_SEPARATOR = "; "
CSV_COLUMNS = [
    "id", "title", "summary", "themes", "theme_names", "stages", "stage_names",
    "regions", "region_names", "countries", "country_names", "standards", "standard_names",
    "support", "support_name", "citation", "related", "added", "reviewed", "url",
    "description", "why_it_matters", "considerations",
]
# Name columns beside the id columns, for readers of the spreadsheet: column -> (field, taxonomy list).
CSV_NAME_COLUMNS = {
    "theme_names": ("themes", "themes"), "stage_names": ("stages", "stages"), "region_names": ("regions", "regions"),
    "country_names": ("countries", "countries"), "standard_names": ("standards", "standards"), "support_name": ("support", "support"),
}


def data_files(catalogue: Catalogue, build_date: str) -> dict[str, str | bytes]:
    return {
        "data/practices.json": _json(practices_document(catalogue, build_date), indent=None),
        "data/practices.csv": practices_csv(catalogue),
        "data/practice.schema.json": _json(practice_json_schema(catalogue.taxonomy)),
    }


def practices_document(catalogue: Catalogue, build_date: str) -> dict[str, Any]:
    tax = catalogue.taxonomy
    return {
        "schema_version": SCHEMA_VERSION,
        "build_date": build_date,
        "licence": "CC-BY-4.0",
        "practices": [_entry(p, catalogue) for p in catalogue.practices],
        "taxonomy": tax.model_dump(mode="json"),
    }


def _entry(practice: Practice, catalogue: Catalogue) -> dict[str, Any]:
    tax = catalogue.taxonomy

    def names(vocabulary: str, ids: list[str]) -> list[dict[str, str]]:
        entries = tax.vocabulary(vocabulary)
        return [{"id": i, "name": entries[i].name} for i in ids]

    sources = tax.vocabulary("sources")
    return {
        **practice.model_dump(mode="json", exclude_defaults=True),
        "url": f"practices/{practice.id}.html",
        "resolved": {
            "themes": names("themes", practice.themes),
            "stages": names("stages", practice.stages),
            "regions": names("regions", practice.regions),
            "countries": names("countries", practice.countries),
            "standards": names("standards", practice.standards),
            "support": names("support", [practice.support])[0],
            "sources": [{"id": ref.source, "title": sources[ref.source].title, "symbol": sources[ref.source].symbol, "paragraphs": ref.paragraphs} for ref in practice.sources],
        },
    }


def citations(practice: Practice, catalogue: Catalogue) -> str:
    sources = catalogue.taxonomy.vocabulary("sources")
    return LIST_SEPARATOR.join(sources[ref.source].cite(ref.paragraphs) for ref in practice.sources)


def practices_csv(catalogue: Catalogue) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    vocabularies = {name: catalogue.taxonomy.vocabulary(name) for _, name in CSV_NAME_COLUMNS.values()}
    for p in catalogue.practices:
        row: dict[str, Any] = {}
        for column in CSV_COLUMNS:
            value = getattr(p, column, None)
            row[column] = LIST_SEPARATOR.join(value) if isinstance(value, list) else (value or "").strip()
        for column, (field, vocabulary) in CSV_NAME_COLUMNS.items():
            ids = getattr(p, field)
            row[column] = LIST_SEPARATOR.join(vocabularies[vocabulary][i].name for i in ([ids] if isinstance(ids, str) else ids))
        row["citation"] = citations(p, catalogue)
        row["url"] = f"practices/{p.id}.html"
        writer.writerow(row)
    # A byte-order mark makes spreadsheet programs read the file as UTF-8.
    return out.getvalue().encode("utf-8-sig")


def field_rows() -> list[tuple[str, bool, str]]:
    """(field, required, description) for every record field, from the schema."""
    return [(name, info.is_required(), info.description or "") for name, info in Practice.model_fields.items()]


def _json(value: Any, indent: int | None = 2) -> bytes:
    # Without indent, json uses its C encoder: 4x faster on the large data file.
    return (json.dumps(value, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
