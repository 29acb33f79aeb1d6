"""The Content-Security-Policy: on every built page, and the site still works
under it (search, filters, navigation), over HTTP with instant navigation and
from file://, with no violation reported by Chromium."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.guard import check_policy

OVERRIDE = Path(__file__).resolve().parents[2] / "overrides" / "main.html"


def test_every_built_page_carries_the_policy_and_no_inline_script(built_site) -> None:
    pages = sorted(built_site.site.rglob("*.html"))
    assert len(pages) > 50
    template = OVERRIDE.read_text(encoding="utf-8")
    for path in pages:
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        metas = tree.css('head meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, path
        policy = metas[0].attributes["content"] or ""
        assert check_policy(policy) is None and f'"{policy}"' in template, path
        inline = [s.html for s in tree.css("script:not([src])") if (s.attributes.get("type") or "") != "application/json"]
        assert inline == [], (path, inline)


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_search_filters_and_navigation_work_under_the_policy(page, page_log, site_url, site_kind, search_ui) -> None:
    violations = _violations(page)
    page.goto(site_url + "index.html")
    # Search, through the engine's own dialog (Material: its worker, an iframe
    # on file://, loads the index, then answers).
    assert search_ui.search(page, "volunteer")
    page.keyboard.press("Escape")
    # Filters on the practice index.
    page.goto(site_url + "practices/index.html")
    status = page.locator("#kb-status")
    before = status.inner_text()
    page.locator("input[type=checkbox][name=theme]").first.check()
    page.wait_for_function("s => document.querySelector('#kb-status').innerText !== s", arg=before)
    # Navigation: a link of the list to a practice page, and its theme chip.
    first = page.locator("#kb-results li:not([hidden]) h2 a").first
    title = first.inner_text()
    first.click()
    page.locator("h1", has_text=title.split()[0]).wait_for()
    page.locator("a.kb-chip-theme").first.click()
    page.wait_for_url("**/themes/*.html")
    page.locator("h1").wait_for()
    if site_kind == "http":  # instant navigation is on: the page was not reloaded
        assert page.evaluate("() => performance.getEntriesByType('navigation')[0].name").endswith("practices/index.html")
    assert violations == []
    page_log.assert_clean()


def test_handout_page_works_under_the_policy(page, page_log, site_url) -> None:
    violations = _violations(page)
    page.goto(site_url + "handouts/family-contact.html")
    page.locator(".kb-handout-item").first.wait_for()
    page.emulate_media(media="print")
    assert page.locator(".kb-text").count() >= 1
    assert violations == []
    page_log.assert_clean()
