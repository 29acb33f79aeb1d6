"""WCAG 2.2 AA checks in real Chromium: axe-core once per kind of page and
width (1280 and 320 CSS pixels), reflow at 320 CSS pixels, and language.

axe runs over HTTP, as the site is published; the reflow check loads the same
pages from file://, as the offline bundle does, and also fails on console
errors and on requests that leave the site.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from kbtest import index_and_first

AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# No CSSOM preloading: on file:// axe's XHR for the stylesheets is refused and
# logged as a console error (the checks used here do not need it).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": [*AA_TAGS, "best-practice"]},
    "resultTypes": ["violations"],
    "preload": False,
}
_axe = Axe()


def sample_pages(site_dir, index_data):
    """A page of each kind the site has (paths relative to the site): every
    folder's index and first other page, the top-level pages, and the
    practice index with a filter of two facets applied."""
    first = index_data.items[0]
    theme, stage = first.facets["theme"][0], first.facets["stage"][0]
    pages = [
        "index.html",
        "practices/index.html",
        f"practices/index.html#theme={theme}&stage={stage}",
        "practices/" + first.href,
    ]
    for folder in ("themes", "stages", "regions", "support", "standards", "sources", "data", "handouts", "plan"):
        pages += index_and_first(sorted(f"{folder}/{p.name}" for p in (site_dir / folder).glob("*.html")))
    pages += [p.name for p in sorted(site_dir.glob("*.html")) if p.name not in ("index.html", "404.html")]
    return pages


def serious(violations):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_no_serious_or_critical_axe_violations(page, page_log, http_site, site_dir, index_data, width) -> None:
    """In the light scheme (the dark one: test_citing.py's scan)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme="light")
    found = {}
    # 404.html has absolute asset paths: it only works served at the root.
    for path in [*sample_pages(site_dir, index_data), "404.html"]:
        page.goto(http_site + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "default", path
        bad = serious(_axe.run(page, options=AXE_OPTIONS).response["violations"])
        if bad:
            found[path] = bad
    assert found == {}
    page_log.assert_clean()


def test_reflow_at_320_css_pixels_offline(page, page_log, file_site, site_dir, index_data) -> None:
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels wide."""
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    for path in sample_pages(site_dir, index_data):
        page.goto(file_site + path)
        page.wait_for_load_state("load")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide[path] = overflow
    assert wide == {}, f"pages that scroll sideways at 320px (by px): {wide}"
    page_log.assert_clean()


def test_every_page_declares_its_language(site_dir) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    undeclared = [
        str(p.relative_to(site_dir)) for p in pages if '<html lang="en"' not in p.read_text(encoding="utf-8")[:500]
    ]
    assert undeclared == []
