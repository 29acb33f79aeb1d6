"""Rendering: a pure function from the catalogue to the site's generated files.

Pages are Markdown (MkDocs turns them into HTML, checking the links); the
practice index list is raw HTML, because it must carry data attributes for the
filters. Templates live in generator/templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import citations, exports, printing, strength
from .relations import FACETS, Relations, values
from .validate import Catalogue

TEMPLATES = Path(__file__).parent / "templates"
# Facet -> (folder of its pages, singular label)
FACET_PAGES = {"theme": ("themes", "Theme"), "stage": ("stages", "Stage"), "region": ("regions", "Region"), "support": ("support", "Support level"), "standard": ("standards", "Standard")}
# How a facet page groups its practices: by the facet a reader would want next.
GROUP_BY = {"theme": "stage", "stage": "theme", "region": "stage", "support": "theme", "standard": "stage"}


@dataclass(frozen=True)
class Settings:
    """What rendering needs besides the data, read from mkdocs.yml."""

    site_name: str
    site_url: str | None = None
    repository_url: str | None = None
    bundle_name: str = "reducing-reoffending-offline"
    # Who publishes the site (mkdocs.yml `site_author`, `extra.publisher`,
    # `extra.contact_url`, set from KB_PUBLISHER and KB_CONTACT_URL); never invented.
    author: str = "Reducing Reoffending Knowledge Base contributors"
    publisher: str | None = None
    contact_url: str | None = None


def render(catalogue: Catalogue, settings: Settings, build_date: str) -> dict[str, str | bytes]:
    """Every generated file of the docs folder, by path relative to it."""
    env = _environment()
    rel = Relations(catalogue)
    tax = catalogue.taxonomy
    vocab = {facet: tax.vocabulary(name) for facet, name in FACETS.items()}
    common = {"tax": tax, "rel": rel, "vocab": vocab, "facets": FACET_PAGES, "settings": settings, "values": values, "count": len(catalogue.practices), "build_date": build_date}

    def page(template: str, **context: object) -> str:
        return env.get_template(template).render(**common, **context)

    files: dict[str, str | bytes] = {
        "index.md": page("home.md.j2"),
        "practices/index.md": page("practice-index.md.j2", practices=catalogue.practices),
        "data/index.md": page("data.md.j2", fields=exports.field_rows()),
        "about.md": page("about.md.j2"),
        printing.PATH: printing.footer_css(settings.site_name, tax.sources[0], build_date, settings.site_url),
    }
    for practice in catalogue.practices:
        files[f"practices/{practice.id}.md"] = page("practice.md.j2", p=practice)
    for facet, (folder, label) in FACET_PAGES.items():
        files[f"{folder}/index.md"] = page("facet-index.md.j2", facet=facet, folder=folder, label=label)
        for value_id, entry in vocab[facet].items():
            practices = rel.by_facet[facet].get(value_id, [])
            files[f"{folder}/{value_id}.md"] = page("facet.md.j2", facet=facet, label=label, entry=entry, practices=practices, group_by=GROUP_BY[facet])
    for source in tax.sources:
        files[f"sources/{source.id}.md"] = page("source.md.j2", source=source)
    for theme in tax.themes:
        files[f"handouts/{theme.id}.md"] = page("handout.md.j2", theme=theme, practices=rel.by_facet["theme"].get(theme.id, []))
    files.update(exports.data_files(catalogue, build_date))
    files.update(citations.citation_files(catalogue.practices, tax, settings))
    return files


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_text(value: object) -> Markup:
    """Plain text made safe to put into Markdown: no markup, no HTML."""
    # The same titles and summaries recur on many pages (lists, neighbours):
    # escape each once. The type is part of the key, as Markup("a") == "a".
    return _md_text(type(value), value)


@lru_cache(maxsize=65536)
def _md_text(kind: type, value: object) -> Markup:
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


def group(practices: list, facet: str, vocab: dict) -> list[tuple[object, list]]:
    """Practices grouped by a facet's values, in taxonomy order; a practice
    with several values appears under each."""
    members: dict[str, list] = {value_id: [] for value_id in vocab[facet]}
    for practice in practices:  # one pass, not one per value
        for value_id in values(practice, facet):
            members[value_id].append(practice)
    return [(vocab[facet][value_id], found) for value_id, found in members.items() if found]


def citation(practice: object, tax: object) -> str:
    """``E/CN.15/2022/CRP.4, paras. 14, 15`` for the first source."""
    ref = practice.sources[0]  # type: ignore[attr-defined]
    return tax.vocabulary("sources")[ref.source].cite(ref.paragraphs)  # type: ignore[attr-defined,no-any-return]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown output: plain text goes through |md, HTML parts through |e
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.globals.update(group=group, citation=citation, citations=citations, strength=strength)
    return env
