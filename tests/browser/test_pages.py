"""Pages in print, the fixes to the stock theme, theme scripts from file://.
(axe-core and reflow at 320 CSS px: test_accessibility.py.)"""

from __future__ import annotations


def test_stock_theme_fixes(page, site_url):
    """The two serious violations of stock Material 9.8.1 are fixed (axe's
    color-contrast, aria-dialog-name and link-in-text-block rules run on
    every page in test_accessibility.py)."""
    page.goto(site_url + "index.html")
    assert page.get_attribute(".md-search", "aria-label") == "Search"


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
