"""One site per language: the pages of each, the MkDocs settings of each, and
the root page where a reader chooses.

Every language has the same pages at the same paths (ids are English), so a
page's other languages are ``../<lang>/<same path>`` from its language root:
the switcher and the notices are relative links that work from file://.
Each generated page of a translated site carries ``kb_state`` in its front
matter (current, stale or missing); overrides/main.html shows the notice.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from .countries import LANGUAGE
from .facets import FACETS
from .i18n import N_, translations
from .render import Settings, render
from .translations import (
    ENGLISH_NAMES,
    LANGUAGE_NAMES,
    LANGUAGES,
    RTL,
    SOURCE_LANGUAGE,
    State,
    Translation,
    load_translations,
    localize,
)
from .validate import Catalogue

ENV_LANGUAGES = "KB_LANGUAGES"
# The root chooser's policy: that of every page (overrides/main.html).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)

# Strings of the theme overrides (notices, switcher); translated from the
# catalogue and handed to the theme in each language's config (extra.kb_i18n).
THEME_STRINGS = {
    "current": N_("This is an unofficial translation of the English text of this knowledge base."),
    "stale": N_("This translation may be out of date: the English text has changed since it was translated."),
    "missing": N_("This page has not been translated yet; it is shown in English."),
    "english": N_("Read the English original"),
    "languages": N_("Languages"),
}
# The titles of the facets' index pages (facet-index.md.j2: `_(f.plural|capitalize)`).
FACET_TITLES = (N_("Themes"), N_("Stages"), N_("Regions"), N_("Standards"))
# The titles of mkdocs.yml's nav, translated in each language's config (language_config).
NAV_TITLES = (N_("Home"), N_("Practices"), N_("Plan"), N_("Support levels"), N_("Sources"), N_("Data"), N_("About"))


class LanguageError(ValueError):
    """KB_LANGUAGES names a language the site does not have."""


def chosen_languages(value: str | None = None) -> tuple[str, ...]:
    """The languages to build: $KB_LANGUAGES (e.g. ``en`` or ``en,fr``), else
    all six. English is always built: every notice links to it."""
    value = os.environ.get(ENV_LANGUAGES, "") if value is None else value
    wanted = [part for part in value.replace(",", " ").split() if part]
    if not wanted:
        return LANGUAGES
    unknown = [lang for lang in wanted if lang not in LANGUAGES]
    if unknown:
        raise LanguageError(
            f"{ENV_LANGUAGES}={value!r}: unknown language {', '.join(unknown)}; choose among {', '.join(LANGUAGES)}"
        )
    return tuple(lang for lang in LANGUAGES if lang in wanted or lang == SOURCE_LANGUAGE)


def generate_languages(
    root: Path, catalogue: Catalogue, settings: Settings, build_date: str, languages: tuple[str, ...]
) -> dict[str, dict[str, str | bytes]]:
    """Every generated file of every language's docs folder; raises
    ProblemsFound if a translation has a problem."""
    loaded = load_translations(root, catalogue, languages)
    settings = dataclasses.replace(settings, languages=languages)
    out: dict[str, dict[str, str | bytes]] = {}
    for lang in languages:
        if lang == SOURCE_LANGUAGE:
            out[lang] = render(catalogue, site_settings(settings, lang), build_date)
            continue
        tr = loaded[lang]
        token = LANGUAGE.set(lang)
        try:
            files = render(localize(catalogue, tr), site_settings(settings, lang), build_date, lang, tr)
        finally:
            LANGUAGE.reset(token)
        out[lang] = {
            path: mark_state(content, page_state(path, tr))
            if path.endswith(".md") and isinstance(content, str)
            else content
            for path, content in files.items()
        }
    return out


def site_settings(settings: Settings, lang: str) -> Settings:
    """The settings of one language's site: its address is <site_url>/<lang>/
    (citations and printed pages name the page's own address)."""
    if not settings.site_url:
        return settings
    return dataclasses.replace(settings, site_url=f"{settings.site_url.rstrip('/')}/{lang}/")


_TERM_FOLDERS = {f.folder: f.name for f in FACETS.values() if f.folder}
_VOCABULARY = {"theme": "themes", "stage": "stages", "region": "regions", "standard": "standards", "support": "support"}


def page_state(path: str, tr: Translation) -> State:
    """Whether the text of the page at ``path`` is a current, stale or missing translation."""
    folder, _, name = path.rpartition("/")
    stem = name.removesuffix(".md")
    if stem == "index":
        return "current"
    if folder == "practices":
        return tr.of("practice", stem)
    if folder == "sources":
        return tr.of("source", stem)
    if folder in _TERM_FOLDERS and _TERM_FOLDERS[folder] in _VOCABULARY:
        return tr.of("term", _VOCABULARY[_TERM_FOLDERS[folder]], stem)
    if folder == "handouts":
        return tr.of("term", "themes", stem)
    return "current"


def mark_state(page: str, state: State) -> str:
    """``page`` with ``kb_state`` in its front matter."""
    if page.startswith("---\n"):
        return f"---\nkb_state: {state}\n" + page[4:]
    return f"---\nkb_state: {state}\n---\n" + page


def language_config(
    lang: str, languages: tuple[str, ...], base: str, site_url: str | None = None, nav: tuple[tuple[str, str], ...] = ()
) -> str:
    """The staged mkdocs.yml of one language, over ``base`` (the engine's config);
    a translated site gets ``nav`` (its titles in its language: nav_in)."""
    gettext = translations(lang).gettext
    strings = {key: gettext(text) for key, text in THEME_STRINGS.items()}
    search = "  - search" if lang == "zh" else f"  - search:\n      lang: [{lang}]"
    # English keeps mkdocs.yml's theme and plugins as they are (every engine
    # builds it); the others set the theme's language and direction and the
    # search language. Chinese: Material's own settings for zh (its word
    # separator, no stemmer); jieba, installed, segments words at build time.
    language = (
        []
        if lang == SOURCE_LANGUAGE
        else [
            "theme:",
            f"  language: {lang}",
            f"  direction: {'rtl' if lang in RTL else 'ltr'}",
            "plugins:",
            search,
            "  - offline",
            *nav_lines(nav),
        ]
    )
    lines = [
        f"INHERIT: {base}",
        *([f"site_url: {json.dumps(site_url.rstrip('/') + '/' + lang + '/')}"] if site_url else []),
        *language,
        "extra:",
        f"  kb_lang: {lang}",
        # JSON strings are YAML strings: any script, any punctuation.
        "  kb_i18n: " + json.dumps(strings, ensure_ascii=False, sort_keys=True),
        # `alternate: true` makes the theme include partials/alternate.html
        # (our switcher, from kb_languages) without its <link rel=alternate>
        # tags, for which its script fetches each language's sitemap.xml
        # (refused on file://, and at the wrong address for per-page links).
        "  alternate: true",
        "  kb_languages:",
        *(
            f"    - {{name: {json.dumps(LANGUAGE_NAMES[other], ensure_ascii=False)}, lang: {other}}}"
            for other in languages
        ),
    ]
    return "\n".join(lines) + "\n"


def nav_in(lang: str, nav: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """mkdocs.yml's (title, page) pairs with the titles in ``lang`` (the catalogue's)."""
    gettext = translations(lang).gettext
    return tuple((gettext(title), page) for title, page in nav)


def nav_lines(nav: tuple[tuple[str, str], ...]) -> list[str]:
    """``nav`` as mkdocs.yml lines (JSON strings are YAML strings: any script)."""
    if not nav:
        return []
    return ["nav:", *(f"  - {{{json.dumps(title, ensure_ascii=False)}: {json.dumps(page)}}}" for title, page in nav)]


def chooser_page(languages: tuple[str, ...], site_name: str, policy: str) -> str:
    """site/index.html: the list of languages, each in its own name and script."""
    template = _CHOOSER.get_template("chooser.html.j2")
    return template.render(
        languages=languages,
        site_name=site_name,
        policy=policy,
        rtl=RTL,
        names=LANGUAGE_NAMES,
        english_names=ENGLISH_NAMES,
    )


_CHOOSER = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # an HTML page: every value escaped for its context
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def each_language(languages: tuple[str, ...], run: Callable[[str], Any], workers: int = 2) -> None:
    """Run ``run(lang)`` for every language, ``workers`` at a time (each is an
    engine subprocess); the first error is raised after all have ended."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for future in [pool.submit(run, lang) for lang in languages]:
            future.result()
