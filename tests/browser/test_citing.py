"""Judging and citing in real Chromium, online (HTTP, with instant navigation)
and from file://, at 1280 and 390 pixels: the citation block and its copy
button, dark mode passing axe in both schemes, the print footer on every page
of a printed handout."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from kbtest import offline_only

pytestmark = pytest.mark.browser

PRACTICE = "practices/open-contact-family-visits.html"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
SCHEME_PAGES = [
    "index.html",
    "practices/index.html",
    PRACTICE,
    "stages/community.html",
    "support/index.html",
    "handouts/family-contact.html",
    "data/index.html",
    "about.html",
]


def _today() -> str:
    d = date.today()
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@pytest.mark.parametrize("width", [1280, 390])
def test_citation_block_fills_the_date_and_copies(page, page_log, site_url, site_kind, width) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    if site_kind == "http":
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + PRACTICE)
    block = page.locator(".kb-cite")
    text = page.locator("#kb-cite-text")
    assert "Open contact as the default form of family visits" in text.inner_text()
    assert "E/CN.15/2022/CRP.4, para. 14" in text.inner_text()
    page.locator(".kb-accessed").filter(has_text=_today()).wait_for()
    assert text.inner_text().endswith(f"Accessed {_today()}.")
    button = page.locator("button.kb-copy")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    button.click()
    page.locator(".kb-copy-status").filter(has_text="Citation copied.").wait_for()
    if site_kind == "http":
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == " ".join(text.inner_text().split())
    for name in ("RIS", "BibTeX", "CSL-JSON"):
        assert block.get_by_role("link", name=name).count() == 2  # the practice and its source
    page_log.assert_clean()


def test_copy_button_works_after_instant_navigation(page, page_log, http_site) -> None:
    """Material's instant navigation swaps the page without reloading the
    scripts: kb-cite.js must run again on document$."""
    page.goto(http_site + "themes/family-contact.html")
    page.locator(".md-content a[href$='open-contact-family-visits.html']").first.click()
    page.wait_for_url(re.compile(r"open-contact-family-visits\.html$"))
    page.locator(".kb-accessed").filter(has_text=_today()).wait_for()
    assert page.locator("button.kb-copy").is_visible()
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no full reload
    page_log.assert_clean()


def test_without_script_the_citation_says_date_and_hides_the_button(browser, file_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(file_site + PRACTICE)
        assert page.locator("#kb-cite-text").inner_text().endswith("Accessed [date].")
        assert not page.locator("button.kb-copy").is_visible()
    finally:
        context.close()


def _serious(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations if v["impact"] in ("serious", "critical")]


def test_the_dark_scheme_passes_axe(page, http_site) -> None:
    # Over HTTP, as test_accessibility.py scans every kind of page in the
    # light scheme: one scan per page and scheme.
    page.emulate_media(color_scheme="dark")
    found = {}
    for path in SCHEME_PAGES:
        page.goto(http_site + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate", path
        bad = _serious(Axe().run(page, options={"resultTypes": ["violations"], "preload": False}).response["violations"])
        if bad:
            found[path] = bad
    assert found == {}


def test_scheme_toggle_switches_to_dark_and_back(page, http_site) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(http_site + PRACTICE)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("form[data-md-component=palette] label[for='__palette_1']").click()  # Material turns titles into tooltips
    page.wait_for_function(f"() => ({scheme})() === 'slate'")
    page.locator("form[data-md-component=palette] label[for='__palette_0']").click()
    page.wait_for_function(f"() => ({scheme})() === 'default'")


def _pdf_pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        for n in range(1, count + 1)
    ]


@offline_only
def test_printed_handout_has_the_footer_on_every_page(page, site_url, site_dir, tmp_path) -> None:
    # The longest handout, so that it runs over several pages.
    handout = max((site_dir / "handouts").glob("*.html"), key=lambda p: p.stat().st_size)
    page.goto(site_url + f"handouts/{handout.name}")
    page.emulate_media(media="print")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = _pdf_pages(pdf)
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert f"Page {n} of {len(pages)}" in flat, f"page {n}: {flat[-300:]}"
        # pdftotext sets the two margin boxes side by side and may interleave their lines.
        flat = flat.replace(f"Page {n} of {len(pages)} ", "")
        for part in ("Source: United Nations Office on Drugs and Crime (UNODC), E/CN.15/2022/CRP.4", "CC BY 4.0", "Not an official UNODC publication", "Built "):
            assert part in flat, f"page {n} lacks {part!r}"
    first = " ".join(pages[0].split())
    assert "Key to the support levels" in first and "(support 4 of 4)" in first
