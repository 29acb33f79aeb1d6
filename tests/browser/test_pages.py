"""Every kind of page: accessibility (axe-core), reflow at 320 CSS px, print."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
# No CSSOM preloading: on file:// axe's XHR for the stylesheets is refused and
# logged as a console error (the checks used here do not need it).
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}


def sample_pages(site_dir, index_data):
    """One page of each kind the site has (paths relative to the site)."""
    first = index_data.items[0]
    theme = next(v for it in index_data.items for v in it.facets["theme"])
    pages = [
        "index.html",
        "practices/index.html",
        f"practices/index.html#theme={theme}",
        "practices/" + first.href,
    ]
    for folder in ("themes", "stages", "regions", "support", "standards", "sources", "data", "handouts"):
        d = site_dir / folder
        if d.is_dir():
            names = sorted(p.name for p in d.glob("*.html"))
            pages += [f"{folder}/{n}" for n in names[:2]]
    pages += [p.name for p in sorted(site_dir.glob("*.html")) if p.name not in ("index.html", "404.html")]
    return pages


def serious(violations):
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_no_serious_axe_violations(page, page_log, site_url, site_kind, site_dir, index_data, width):
    page.set_viewport_size({"width": width, "height": 900})
    found = {}
    paths = sample_pages(site_dir, index_data)
    if site_kind == "http":
        paths.append("404.html")  # absolute asset paths: only works served at the root
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        bad = serious(_axe.run(page, options=AXE_OPTIONS).response["violations"])
        if bad:
            found[path] = bad
    assert found == {}
    page_log.assert_clean()


def test_stock_theme_fixes(page, site_url):
    """The two serious violations of stock Material 9.8.1 are fixed."""
    page.goto(site_url + "index.html")
    assert page.get_attribute(".md-search", "aria-label") == "Search"
    result = _axe.run(
        page,
        options={**AXE_OPTIONS, "runOnly": ["color-contrast", "aria-dialog-name", "link-in-text-block"]},
    )
    assert serious(result.response["violations"]) == []


def test_no_horizontal_scrolling_at_320px(page, site_url, site_dir, index_data):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in sample_pages(site_dir, index_data):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 320:
            wide[path] = width
    assert wide == {}


def test_print_index_shows_only_the_results(page, site_url, index_data):
    theme = next(v for it in index_data.items for v in it.facets["theme"])
    page.goto(site_url + f"practices/index.html#theme={theme}")
    page.wait_for_function("() => window.kbIndex && window.kbIndex.total() > 0")
    page.emulate_media(media="print")
    display = page.evaluate(
        """() => Object.fromEntries(['.md-header', '.md-sidebar--primary', '.md-footer', '#kb-filters', '.md-search']
            .map(s => [s, document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : 'none']))"""
    )
    assert set(display.values()) == {"none"}, display
    items = page.evaluate(
        """() => Array.from(document.querySelectorAll('#kb-results > li')).map(li => [
            li.id, li.hidden, getComputedStyle(li).display, getComputedStyle(li).breakInside])"""
    )
    want = {it.id for it in index_data.items if theme in it.facets["theme"]}
    assert {i for i, hidden, d, b in items if d != "none"} == want
    assert all(d == "none" for i, hidden, d, b in items if hidden)
    assert all(b == "avoid" for i, hidden, d, b in items if not hidden)
    status = page.locator("#kb-status")
    assert status.is_visible() and status.inner_text().startswith(f"{len(want)} of ")


def test_print_shows_external_addresses_only(page, site_url, site_dir, index_data):
    """External link addresses are printed after the link; internal ones not,
    even when instant navigation has made every href absolute."""
    page.goto(site_url + "practices/" + index_data.items[0].href)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    links = page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-content a[href]')).map(a => [
            a.href, new URL(a.href, location.href).host !== location.host && /^https?:/.test(a.href),
            getComputedStyle(a, '::after').content])"""
    )
    external = [(h, c) for h, ext, c in links if ext]
    internal = [(h, c) for h, ext, c in links if not ext]
    assert internal, "no internal links on a practice page"
    assert all(c in ("none", "normal", '""') for h, c in internal), internal
    for h, c in external:
        assert h in c or h.rstrip("/") in c, (h, c)


def test_theme_scripts_run_from_file(page, page_log, file_site):
    """overrides/main.html: on file:// Material's document$ must emit (with
    navigation.instant enabled, Material 9.8.1 completes it unemitted there,
    and nothing mounted from it runs in the offline bundle)."""
    page.goto(file_site + "index.html")
    page.wait_for_load_state("load")
    emitted = page.evaluate(
        "() => { let n = 0; window.document$.subscribe(() => n++); return n; }"
    )
    assert emitted == 1
    page_log.assert_clean()
