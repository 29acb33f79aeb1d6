"""The translated sites in real Chromium: search in each language's own words,
online and from file://; the language switcher's round trip keeps the page and
the practice index's filters; axe on right-to-left Arabic and on Chinese pages.

The whole site (site/, with the root chooser and every language) is served,
so that the switcher's links between languages resolve as published.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe

from kbtest import PageLog, guarded_page, serve_site

from generator import engines

RECORD = "alternatives-to-pre-trial-detention"
# One word per language from the real translations, in the text of one
# record only and not in any English page (read off the built search indexes);
# Chinese: a word as jieba segments it.
WORDS = {
    "fr": ("manipulés", "challenges-of-electronic-monitoring"),
    "es": ("manipulados", "challenges-of-electronic-monitoring"),
    "ru": ("несанкционированного", "challenges-of-electronic-monitoring"),
    "ar": ("التكنولوجيات", "challenges-of-electronic-monitoring"),
    "zh": ("合作伙伴", "assessment-of-partner-companies"),
}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
    "preload": False,
}


@pytest.fixture(scope="module")
def root_site(built_site):
    return built_site.site.parent


@pytest.fixture(scope="module")
def root_http(root_site):
    with serve_site(root_site) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def base(request, root_site):
    return request.getfixturevalue("root_http") if request.param == "http" else root_site.resolve().as_uri() + "/"


@pytest.fixture
def tab(browser, base, page_log):
    """A page that may load only the site (guarded_page); any other request is aborted and recorded."""
    # Loading a language's search index (Chinese: the largest) took over 20 s
    # with the whole suite running on two cores.
    with guarded_page(browser, base, log=page_log, timeout=60_000) as page:
        yield page
    assert page_log.external_requests == [] and page_log.page_errors == []


def material_search(page, search_ui, query: str, initializing: str) -> list[str]:
    """Material's search in any language: wait until its "initializing" text
    (as the built page has it, in the page's language; SearchUI.open waits
    for the English one) has been replaced, then query as every test does."""
    page.locator(search_ui.opener).first.click()
    page.wait_for_function(
        "t => { const m = document.querySelector('.md-search-result__meta'); return m && m.textContent.trim() !== t; }",
        arg=initializing,
    )
    return search_ui.query(page, query)


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_search_finds_a_word_of_the_translation(tab, base, root_site, engine, search_ui, lang) -> None:
    """The engine's own search, in the language's site: Material's (its
    language's stemmer; Chinese words as jieba segments them at build time)
    or Zensical's dialog."""
    if not (root_site / lang).is_dir():
        pytest.skip(f"{lang} not built (KB_TEST_LANGUAGES)")
    word, record = WORDS[lang]
    assert word in (root_site / lang / "practices" / f"{record}.html").read_text(encoding="utf-8")
    english_index = (root_site / "en" / engines.get(engine).search_index).with_suffix(".json")
    assert word not in english_index.read_text(encoding="utf-8")
    tab.goto(f"{base}{lang}/index.html")
    if engine == "zensical":
        hrefs = search_ui.search(tab, word)
    else:
        home = (root_site / lang / "index.html").read_text(encoding="utf-8")
        initializing = re.search(r'<div class="md-search-result__meta">\s*(.*?)\s*</div>', home, re.S).group(1)
        hrefs = material_search(tab, search_ui, word, initializing)
    assert any(href.split("#")[0].split("?")[0].endswith(f"practices/{record}.html") for href in hrefs), hrefs


def index_search(page, query: str) -> list[str]:
    """The practice index's text box: the ids of the practices it shows."""
    page.locator("#kb-q").fill(query)
    page.wait_for_function("q => new URLSearchParams(location.hash.slice(1)).get('q') === q", arg=query)
    return page.locator("#kb-results li.kb-item:not([hidden])").evaluate_all("els => els.map(e => e.id.slice(2))")


@pytest.mark.parametrize("base", ["file"], indirect=True)  # the page's own logic: offline only (kbtest.offline_only)
@pytest.mark.parametrize("lang", sorted(WORDS))
def test_index_text_box_finds_a_word_of_the_translation(tab, base, root_site, lang) -> None:
    """The index's own text box, in the page's language: French and Arabic
    words by their stems, Chinese words found by the browser's segmenter."""
    if not (root_site / lang).is_dir():
        pytest.skip(f"{lang} not built (KB_TEST_LANGUAGES)")
    word, record = WORDS[lang]
    tab.goto(f"{base}{lang}/practices/index.html")
    assert record in index_search(tab, word)
    # The status line speaks the page's language (the catalogue's plural forms).
    status = tab.locator("#kb-status").text_content()
    assert status and "practices" not in status, status


def test_a_language_zip_holds_that_language_and_english(built_site, browser, tmp_path) -> None:
    """The French offline zip, opened from file://: its root page offers French
    and English only, the switcher hides the languages it does not hold, and
    the index's text box and the link to the English both work."""
    root_site = built_site.site.parent
    if not (root_site / "fr").is_dir():
        pytest.skip("fr not built (KB_TEST_LANGUAGES)")
    name = built_site.zip.stem + "-fr"
    with zipfile.ZipFile(built_site.zip.parent / f"{name}.zip") as archive:
        tops = {entry.split("/")[1] for entry in archive.namelist() if entry.count("/") > 1}
        assert tops == {"en", "fr"}
        archive.extractall(tmp_path)
    folder = tmp_path / name
    chooser = (folder / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'hreflang="([a-z]+)"', chooser) == ["en", "fr"]
    log = PageLog()
    with guarded_page(browser, "file:", log=log) as page:
        page.goto((folder / "fr" / "practices" / "index.html").as_uri())
        shown = page.locator("a.kb-lang-link").evaluate_all(
            "els => els.filter(e => !e.closest('li').hidden).map(e => e.getAttribute('hreflang'))"
        )
        assert sorted(shown) == ["en", "fr"]
        word, record = WORDS["fr"]
        assert record in index_search(page, word)
        page.goto((folder / "fr" / "practices" / f"{RECORD}.html").as_uri())
        page.locator("aside.kb-translation a").click()
        page.wait_for_url(re.compile(rf"/en/practices/{RECORD}\.html$"))
    assert log.external_requests == []


def test_switcher_round_trip_keeps_the_page_and_the_filters(tab, base, root_site) -> None:
    html = (root_site / "en" / "practices" / "index.html").read_text(encoding="utf-8")
    theme = re.search(r'<input type="checkbox" name="theme" value="([a-z0-9-]+)"', html).group(1)
    fragment = f"#theme={theme}"
    tab.goto(f"{base}en/practices/index.html{fragment}")
    translated = [lang for lang in ("fr", "ar", "zh") if (root_site / lang).is_dir()]
    assert translated, "no translated site built (KB_TEST_LANGUAGES)"
    for lang in [*translated, "en"]:
        tab.locator(".md-header__option .md-select").first.hover()
        tab.locator(f"a.kb-lang-link[hreflang={lang}]").first.click()
        tab.wait_for_url(re.compile(rf"/{lang}/practices/index\.html{re.escape(fragment)}$"))
        tab.wait_for_load_state("load")
        assert tab.locator("html").get_attribute("lang") == lang
        # kb-index.js read the filters from the fragment: the theme is ticked.
        assert tab.locator(f'input[name="theme"][value="{theme}"]').is_checked()
    # A record page: the same record in the other language.
    tab.goto(f"{base}{translated[0]}/practices/{RECORD}.html")
    tab.locator(".md-header__option .md-select").first.hover()
    tab.locator("a.kb-lang-link[hreflang=en]").first.click()
    tab.wait_for_url(re.compile(rf"/en/practices/{RECORD}\.html$"))


def test_notice_links_to_the_english_page(tab, base, root_site) -> None:
    lang = "ar" if (root_site / "ar").is_dir() else "fr"
    tab.goto(f"{base}{lang}/practices/{RECORD}.html")
    notice = tab.locator("aside.kb-translation")
    assert notice.is_visible()
    notice.locator("a").click()
    tab.wait_for_url(re.compile(rf"/en/practices/{RECORD}\.html$"))


@pytest.mark.parametrize("width", [1280, 320])
def test_translated_pages_pass_axe_and_reflow(browser, root_http, root_site, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    handout = sorted((root_site / "en" / "handouts").glob("*.html"))[0].name
    found, wide = {}, {}
    # Every translation built (the suite: fr, ar, zh; KB_TEST_LANGUAGES=en,es,ru for the others).
    for lang in sorted(p.name for p in root_site.iterdir() if p.is_dir() and (p / "index.html").is_file()):
        if lang == "en":
            continue  # test_accessibility.py
        for path in (
            "index.html",
            "practices/index.html",
            f"practices/{RECORD}.html",
            f"handouts/{handout}",
            "sources/egm-2022.html",
        ):
            page.goto(f"{root_http}{lang}/{path}")
            page.wait_for_load_state("load")
            violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
            bad = [
                f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                for v in violations
                if v["impact"] in ("serious", "critical")
            ]
            if bad:
                found[f"{lang}/{path}"] = bad
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                wide[f"{lang}/{path}"] = overflow
    context.close()
    assert found == {}
    assert wide == {}, f"pages that scroll sideways (px): {wide}"
