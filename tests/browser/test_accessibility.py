"""WCAG 2.2 AA checks in real Chromium: axe-core on the main kinds of page,
online (HTTP) and offline (file://), reflow at 320 CSS pixels, and language."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = [
    "index.html",
    "practices/index.html#theme=family-contact&stage=custody",
    "practices/open-contact-family-visits.html",
    "themes/family-contact.html",
    "sources/egm-2022.html",
    "sources/index.html",
    "regions/global.html",
    "data/index.html",
    "about.html",
    "support/agreed.html",
    "standards/mandela-rules.html",
]
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violations(page, site_url, path) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AA_TAGS + ["best-practice"]}})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


@pytest.mark.parametrize("path", PAGES)
def test_reflow_at_320_css_pixels(browser, site_url, path) -> None:
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels wide."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        narrow = context.new_page()
        narrow.goto(site_url + path)
        narrow.wait_for_load_state("load")
        overflow = narrow.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


def test_every_page_declares_its_language(site_dir) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    undeclared = [str(p.relative_to(site_dir)) for p in pages if '<html lang="en"' not in p.read_text(encoding="utf-8")[:500]]
    assert undeclared == []
