"""Rendering: a pure function from the catalogue to the site's generated files.

Pages are Markdown (MkDocs turns them into HTML, checking the links); the
practice index list is raw HTML, because it must carry data attributes for the
filters. Templates live in generator/templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import citations, exports, plan, printing, richtext, scriptstrings, searchtext, strength
from .countries import Country, countries
from .facets import FACETS
from .model import Practice, Source
from .problems import Problem
from .relations import Relations
from .validate import Catalogue

TEMPLATES = Path(__file__).parent / "templates"


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
    # The languages built (multilingual.py): with more than one, each has an
    # offline zip of its own beside the one of all languages (bundle.py).
    languages: tuple[str, ...] = ("en",)
    # mkdocs.yml's nav as (title, page) pairs, when it is one flat list: each
    # translated site shows the titles in its language (multilingual.py).
    nav: tuple[tuple[str, str], ...] = ()


def render(catalogue: Catalogue, settings: Settings, build_date: str, lang: str = "en", translation: object = None) -> dict[str, str | bytes]:
    """Every generated file of the docs folder, by path relative to it, with
    our own strings in ``lang`` (the catalogue's texts are already in it:
    multilingual.py localises them; ``translation`` says which are current)."""
    env = _environment(lang)
    rel = Relations(catalogue)
    tax = catalogue.taxonomy
    sources = catalogue.source_by_id
    common = {
        "tax": tax, "rel": rel, "vocab": rel.vocab, "facets": FACETS, "settings": settings, "values": rel.values,
        "count": len(catalogue.practices), "sources": sources, "source_list": catalogue.sources, "countries": countries(),
        "build_date": build_date, "search_text": searchtext.search_text, "lang": lang, "translation": translation,
        "index_strings": scriptstrings.index_strings(lang),
    }  # fmt: skip

    def page(template: str, **context: object) -> str:
        return env.get_template(template).render(**common, **context)

    files: dict[str, str | bytes] = {
        "index.md": page("home.md.j2"),
        "practices/index.md": page("practice-index.md.j2", practices=catalogue.practices),
        "data/index.md": page("data.md.j2", fields=exports.field_rows()),
        "sources/index.md": page("source-index.md.j2"),
        "about.md": page("about.md.j2"),
        **plan_pages(page, catalogue.practices, lang),
        printing.PATH: printing.footer_css(settings.site_name, catalogue.sources, build_date, settings.site_url),
    }
    for practice in catalogue.practices:
        files[f"practices/{practice.id}.md"] = page("practice.md.j2", p=practice)
    for name, facet in FACETS.items():
        if facet.folder is None:
            continue
        files[f"{facet.folder}/index.md"] = page("facet-index.md.j2", facet=name)
        for value_id, entry in rel.vocab[name].items():
            practices = rel.by_facet[name].get(value_id, [])
            files[f"{facet.folder}/{value_id}.md"] = page("facet.md.j2", facet=name, label=facet.label, entry=entry, practices=practices, group_by=facet.group_by)
    for source in catalogue.sources:
        files[f"sources/{source.id}.md"] = page("source.md.j2", source=source)
    for theme in tax.themes:
        files[f"handouts/{theme.id}.md"] = page("handout.md.j2", theme=theme, practices=rel.by_facet["theme"].get(theme.id, []))
    files.update(exports.data_files(catalogue, build_date))
    files.update(citations.citation_files(catalogue.practices, sources, settings))
    return files


def plan_pages(page: Callable[..., str], practices: Sequence[Practice], lang: str) -> dict[str, str | bytes]:
    """The Plan section (generator/plan.py, kb-plan.js): the assessment page,
    the printable action plan, the blank worksheet, and the plan file's schema."""
    statuses = plan.status_names(lang)
    by_first_stage: dict[str, list[Practice]] = {}
    for practice in practices:
        by_first_stage.setdefault(practice.stages[0], []).append(practice)
    context = {
        "practices": practices, "statuses": statuses, "summary_facets": ("stage", "theme"), "by_first_stage": by_first_stage,
        "plan_strings": plan.strings(lang), "plan_data": plan.page_data(), "plan_schema": plan.schema(),
    }  # fmt: skip
    return {
        "plan/index.md": page("plan.md.j2", **context),
        "plan/action-plan.md": page("plan-print.md.j2", blank=False, **context),
        "plan/worksheet.md": page("plan-print.md.j2", blank=True, **context),
        plan.SCHEMA_PATH: exports.json_bytes(plan.schema()),
    }


# The pages the navigation of mkdocs.yml links to: while the inputs have
# problems, `make serve` shows the problems on each of them.
NAV_PAGES = ("index.md", "practices/index.md", "plan/index.md", "sources/index.md", "data/index.md", "about.md", *(f"{f.folder}/index.md" for f in FACETS.values() if f.folder))


def problem_pages(problems: list[Problem]) -> dict[str, str | bytes]:
    """The page `make serve` shows instead of the site while the inputs have
    problems: every problem, as plain text in a code block (escaped by Markdown)."""
    lines = [str(problem) for problem in problems]
    fence = "`" * max(3, 1 + max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0))
    text = (
        "---\nsearch:\n  exclude: true\n---\n# The inputs have problems\n\n"
        f"`make check` found {len(lines)} problem{'s' if len(lines) != 1 else ''}. Fix them and save: this page reloads by itself.\n\n"
        f"{fence}text\n" + "\n".join(lines) + f"\n{fence}\n"
    )
    return dict.fromkeys(NAV_PAGES, text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_text(value: object) -> Markup:
    """Plain text made safe to put into Markdown: no markup, no HTML."""
    # The same titles and summaries recur on many pages (lists, neighbours):
    # escape each once. typed=True: the type is part of the key, as Markup("a") == "a".
    return _md_text(value)


@lru_cache(maxsize=65536, typed=True)
def _md_text(value: object) -> Markup:
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))


def group(practices: list[Practice], facet: str, rel: Relations) -> list[tuple[object, list[Practice]]]:
    """Practices grouped by a facet's values, in vocabulary order; a practice
    with several values appears under each."""
    members: dict[str, list[Practice]] = {value_id: [] for value_id in rel.vocab[facet]}
    for practice in practices:  # one pass, not one per value
        for value_id in rel.values(practice, facet):
            members[value_id].append(practice)
    return [(rel.vocab[facet][value_id], found) for value_id, found in members.items() if found]


def by_area(practices: list[Practice], region_id: str) -> list[tuple[str, list[tuple[Country | None, list[Practice]]]]]:
    """Practices of a region grouped by M49 sub-region (or intermediate
    region) and country of that region; those naming none of its countries
    come last."""
    every = countries()
    areas: dict[str, dict[str, list[Practice]]] = {}
    rest: list[Practice] = []
    for practice in practices:
        here = [code for code in practice.countries if every[code].region == region_id]
        if not here:
            rest.append(practice)
        for code in here:
            areas.setdefault(every[code].area, {}).setdefault(code, []).append(practice)
    grouped: list[tuple[str, list[tuple[Country | None, list[Practice]]]]] = [(area, [(every[code], found) for code, found in sorted(members.items(), key=lambda item: every[item[0]].name)]) for area, members in sorted(areas.items())]
    return grouped + ([("No country named", [(None, rest)])] if rest else [])


def citation(practice: Practice, sources: dict[str, Source]) -> str:
    """``E/CN.15/2022/CRP.4, paras. 14, 15; Other report, p. 3``: every source cited."""
    return exports.LIST_SEPARATOR.join(sources[ref.source].cite(ref.paragraphs) for ref in practice.sources)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The templates' compiled code, kept in memory and shared by every
    language's environment, so each template is compiled once instead of
    once per language (about a third of rendering six languages). Sound
    because _environment gives every language the same options, which shape
    the compiled code; the strings and filters that differ are looked up
    when a page is rendered."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # ignored if the template's source has changed since

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


@cache
def _environment(lang: str = "en") -> jinja2.Environment:
    from .i18n import long_date, translations, unit_label
    from .translations import RTL

    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],  # {{ _("...") }}: our strings, from locales/<lang>/ (make messages)
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # Markdown output: plain text goes through |md, HTML parts through |e
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_COMPILED,
    )
    env.filters["md"] = md_text  # plain text into Markdown
    env.filters["markdown"] = richtext.markdown_to_html  # Markdown fields: rendered, sanitised HTML
    env.globals.update(group=group, by_area=by_area, citation=citation, citations=citations, strength=strength)
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["long_date"] = lambda iso: long_date(iso, lang)
    env.globals["unit_label"] = lambda source, count: unit_label(source, count, lang)
    # Document symbols and paragraph references read left to right inside
    # right-to-left text (E/CN.15/2022/CRP.4, para. 3); other languages: as is.
    env.filters["ltr"] = (lambda text: f'<span dir="ltr">{text}</span>') if lang in RTL else (lambda text: text)
    return env
