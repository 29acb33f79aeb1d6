"""The six-language site, built for real: one site per language under
site/<lang>/ with its lang and direction, the notice on every translated page
(current, stale or missing) linking to the English, the switcher to the same
page in every language, the root chooser, search configured per language.

The session's site (tests/conftest.py) holds English, French, Arabic and
Chinese; `make site` builds all six the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.multilingual import chosen_languages
from kbtest import FIXTURES, Built, copy_repo, run_generator

RECORD = "alternatives-to-pre-trial-detention"
NOTICE = re.compile(
    r'<aside class="kb-translation kb-translation-(current|stale|missing)"[^>]*>\s*<p>([^<]*)<a href="([^"]+)"'
)
SWITCH = re.compile(r'<a href="([^"]+)" hreflang="([a-z]+)" lang="[a-z]+" class="md-select__link kb-lang-link"')


def languages_built(built: Built) -> list[str]:
    return sorted(p.name for p in built.site.parent.iterdir() if p.is_dir() and (p / "index.html").is_file())


def switcher(html: str) -> dict[str, str]:
    return {lang: href for href, lang in SWITCH.findall(html)}


def test_kb_languages_names_the_sites_to_build() -> None:
    assert chosen_languages("") == ("en", "fr", "es", "ru", "ar", "zh")
    assert chosen_languages("fr,ar") == ("en", "fr", "ar")  # English always: the notices link to it
    with pytest.raises(ValueError, match="unknown language de"):
        chosen_languages("fr de")


@pytest.mark.build
def test_each_language_has_the_same_pages_with_its_lang_and_direction(built_site: Built) -> None:
    site = built_site.site.parent
    langs = languages_built(built_site)
    assert {"en", "fr", "ar"} <= set(langs)
    english = sorted(p.relative_to(site / "en").as_posix() for p in (site / "en").rglob("*.html"))
    for lang in langs:
        pages = sorted(p.relative_to(site / lang).as_posix() for p in (site / lang).rglob("*.html"))
        assert pages == english, f"{lang}: not the same pages as English"
        html = (site / lang / "practices" / f"{RECORD}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<body dir="{direction}"' in html
        assert "Content-Security-Policy" in html and "script-src 'self';" in html
    fr = (site / "fr" / "practices" / f"{RECORD}.html").read_text(encoding="utf-8")
    assert "Pourquoi c'est important" in fr and "Pratiques connexes" in fr  # our strings, in French
    # The navigation too (mkdocs.yml's nav titles, from the catalogue).
    assert re.search(r'md-ellipsis">\s*Accueil\s*<', fr) and not re.search(r'md-ellipsis">\s*Home\s*<', fr)
    ar = (site / "ar" / "practices" / f"{RECORD}.html").read_text(encoding="utf-8")
    assert "الوصف" in ar
    assert '<span dir="ltr">E/CN.15/2022/CRP.4</span>, ' in ar  # a document symbol kept left to right


@pytest.mark.build
def test_translated_pages_carry_the_notice_and_the_switcher(built_site: Built) -> None:
    site = built_site.site.parent
    langs = languages_built(built_site)
    for lang in langs:
        page = site / lang / "practices" / f"{RECORD}.html"
        html = page.read_text(encoding="utf-8")
        links = switcher(html)
        assert sorted(links) == sorted(langs), f"{lang}: the switcher offers {sorted(links)}"
        for other, href in links.items():  # the same page in every language, relative
            assert not href.startswith(("/", "http"))
            assert (page.parent / href).resolve() == (site / other / "practices" / f"{RECORD}.html").resolve()
        notice = NOTICE.search(html)
        if lang == "en":
            assert notice is None
            continue
        assert notice and notice.group(1) == "current", f"{lang}: {notice}"
        assert (page.parent / notice.group(3)).resolve() == (site / "en" / "practices" / f"{RECORD}.html").resolve()
    # The About page's text is in the catalogue: translated like the rest.
    about = NOTICE.search((site / "fr" / "about.html").read_text(encoding="utf-8"))
    assert about and about.group(1) == "current"


@pytest.mark.build
def test_root_page_lets_the_reader_choose(built_site: Built) -> None:
    site = built_site.site.parent
    html = (site / "index.html").read_text(encoding="utf-8")
    targets = re.findall(r'<a href="([a-z]+)/index.html" hreflang="\1" lang="\1" dir="(ltr|rtl)">', html)
    assert sorted(lang for lang, _ in targets) == languages_built(built_site)
    assert ("ar", "rtl") in targets and "Content-Security-Policy" in html
    # One script, a file of the English site: it puts the browser's language first.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="en/assets/javascripts/kb-chooser.js">']


@pytest.mark.build
def test_search_is_configured_for_each_language(built_site: Built) -> None:
    site = built_site.site.parent
    for lang in languages_built(built_site):
        index = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        if lang == "zh":  # Material's Chinese settings: words split at build time (jieba), joined by U+200B
            assert "\\u200b" in index["config"]["separator"]
            assert any("\u200b" in doc["text"] for doc in index["docs"] if doc["location"].startswith("practices/"))
        else:
            assert index["config"]["lang"] == [lang]


@pytest.mark.build
def test_stale_and_missing_translations_are_marked(tmp_path: Path) -> None:
    """The valid fixture's French translation, with the English of one record
    changed since it was translated and another record not translated."""
    valid = FIXTURES / "valid"
    root = copy_repo(tmp_path / "repo", practices=valid / "practices", taxonomy=valid / "taxonomy.yml")
    record = root / "practices" / "family-visits.yml"
    record.write_bytes(record.read_bytes().replace(b"some privacy", b"privacy"))
    result = run_generator(root, "build", languages="fr")
    assert result.returncode == 0, result.stderr
    fr = root / "site" / "fr" / "practices"
    expected = {"family-visits": "stale", "vocational-training": "current", "housing-after-release": "missing"}
    for record_id, state in expected.items():
        notice = NOTICE.search((fr / f"{record_id}.html").read_text(encoding="utf-8"))
        assert notice and notice.group(1) == state, record_id
        assert notice.group(3) == f"../../en/practices/{record_id}.html"
    # The index marks them too.
    index = (fr / "index.html").read_text(encoding="utf-8")
    marked = {
        match.group(1)
        for match in re.finditer(r'<li class="kb-item" id="p-([a-z0-9-]+)".*?</li>', index, re.S)
        if "kb-chip-translation" in match.group(0)
    }
    every = {path.stem for path in (valid / "practices").glob("*.yml")}
    assert marked == every - {"vocational-training"}  # stale or not translated: all but the current one
    stale = (fr / "family-visits.html").read_text(encoding="utf-8")
    assert "Visites familiales aux personnes détenues</h1>" in stale  # still shown, with the notice
    missing = (fr / "housing-after-release.html").read_text(encoding="utf-8")
    assert "<h1" in missing and "Description" in missing  # the English text, never an empty page
    assert run_generator(root, "schema").returncode == 0  # the fixture's own taxonomy
    check = run_generator(root, "check")
    assert check.returncode == 0 and "warning: 1 stale" in check.stdout, check.stdout + check.stderr
