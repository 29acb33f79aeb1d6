"""Open data: the records as JSON and CSV, and the JSON Schema of a record."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .facets import FACETS
from .model import SCHEMA_VERSION, Practice, practice_json_schema, source_json_schema
from .validate import Catalogue

LIST_SEPARATOR = "; "
CSV_COLUMNS = [
    "id", "title", "summary", "themes", "theme_names", "stages", "stage_names",
    "regions", "region_names", "countries", "country_names", "standards", "standard_names",
    "related_standards", "related_standard_names", "related_standards_reasons",
    "support", "support_name", "sources", "source_kinds", "citation", "related", "added", "reviewed", "url",
    "description", "why_it_matters", "considerations",
]  # fmt: skip
# Name columns beside the id columns, for readers of the spreadsheet: column -> facet (facets.py).
CSV_NAME_COLUMNS = {
    "theme_names": "theme", "stage_names": "stage", "region_names": "region", "country_names": "country",
    "standard_names": "standard", "related_standard_names": "related-standard", "support_name": "support", "source_kinds": "kind",
}  # fmt: skip


def data_files(catalogue: Catalogue, build_date: str) -> dict[str, str | bytes]:
    return {
        "data/practices.json": json_bytes(practices_document(catalogue, build_date), indent=None),
        "data/practices.csv": practices_csv(catalogue),
        "data/practice.schema.json": json_bytes(practice_json_schema(catalogue.taxonomy, [s.id for s in catalogue.sources])),
        "data/source.schema.json": json_bytes(source_json_schema(catalogue.taxonomy)),
    }


def practices_document(catalogue: Catalogue, build_date: str) -> dict[str, Any]:
    tax = catalogue.taxonomy
    return {
        "schema_version": SCHEMA_VERSION,
        "build_date": build_date,
        "licence": "CC-BY-4.0",
        "practices": [_entry(p, catalogue) for p in catalogue.practices],
        "taxonomy": tax.model_dump(mode="json"),
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in catalogue.sources],
    }


def _entry(practice: Practice, catalogue: Catalogue) -> dict[str, Any]:
    tax = catalogue.taxonomy
    sources = catalogue.source_by_id
    resolved: dict[str, Any] = {}
    for name, facet in FACETS.items():
        if name in ("support", "source"):
            continue
        entries = facet.vocabulary(catalogue)
        resolved[facet.plural] = [{"id": i, "name": entries[i].name} for i in facet.values(practice, catalogue)]
    kind = tax.kind_of_level(practice.support)
    resolved["support"] = {"id": practice.support, "name": tax.vocabulary("support")[practice.support].name, "kind": kind.id if kind else None}
    resolved["sources"] = [{"id": ref.source, "title": sources[ref.source].title, "symbol": sources[ref.source].symbol, "kind": sources[ref.source].kind, "paragraphs": ref.paragraphs, "citation": sources[ref.source].cite(ref.paragraphs)} for ref in practice.sources]
    return {
        **practice.model_dump(mode="json", exclude_defaults=True),
        "url": f"practices/{practice.id}.html",
        "resolved": resolved,
    }


def citations(practice: Practice, catalogue: Catalogue) -> str:
    sources = catalogue.source_by_id
    return LIST_SEPARATOR.join(sources[ref.source].cite(ref.paragraphs) for ref in practice.sources)


def practices_csv(catalogue: Catalogue) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    names = {name: facet.vocabulary(catalogue) for name, facet in FACETS.items()}
    for p in catalogue.practices:
        row: dict[str, Any] = {}
        for column in CSV_COLUMNS:
            value = getattr(p, column, None) if column not in ("sources", "related_standards") else None  # filled in below
            row[column] = LIST_SEPARATOR.join(value) if isinstance(value, list) else (value or "").strip()
        for column, facet in CSV_NAME_COLUMNS.items():
            row[column] = LIST_SEPARATOR.join(names[facet][i].name for i in FACETS[facet].values(p, catalogue))
        # Our cross-references, apart from the standards the source names; reasons in the same order.
        row["related_standards"] = LIST_SEPARATOR.join(link.standard for link in p.related_standards)
        # A reason may hold "; ", never a line break (it is one line): one reason a line.
        row["related_standards_reasons"] = "\n".join(link.reason for link in p.related_standards)
        row["citation"] = citations(p, catalogue)
        row["sources"] = LIST_SEPARATOR.join(FACETS["source"].values(p, catalogue))
        row["url"] = f"practices/{p.id}.html"
        writer.writerow({column: csv_cell(value) for column, value in row.items()})
    # A byte-order mark makes spreadsheet programs read the file as UTF-8.
    return out.getvalue().encode("utf-8-sig")


# A cell starting with one of these is a formula in spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """``value`` as a spreadsheet reads it as text: a leading apostrophe
    before a formula character (OWASP, "CSV injection"). The JSON keeps the
    exact text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def field_rows() -> list[tuple[str, bool, str]]:
    """(field, required, description) for every record field, from the schema."""
    return [(name, info.is_required(), info.description or "") for name, info in Practice.model_fields.items()]


def json_bytes(value: Any, indent: int | None = 2) -> bytes:
    # Without indent, json uses its C encoder: 4x faster on the large data file.
    return (json.dumps(value, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
