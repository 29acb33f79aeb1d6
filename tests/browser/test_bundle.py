"""The workshop kit: the offline zip, unzipped and opened from file:// with the
network cut, and printed handouts."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from kbtest import BUNDLE_NAME, CHROMIUM, CHROMIUM_ARGS, ROOT, guarded_page


def _records() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "practices").glob("*.yml"))]


@pytest.fixture(scope="session")  # session: xdist interleaves modules, a module fixture would be made again
def bundle_dir(built_site, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(built_site.zip) as archive:
        archive.extractall(target)
    return target / BUNDLE_NAME / "en"


@pytest.fixture
def offline_page(browser, bundle_dir, page_log):
    """A page that may load file:// only (guarded_page); every other request is aborted and counted."""
    with guarded_page(browser, "file:", log=page_log) as page:
        page.outside = page_log.external_requests  # type: ignore[attr-defined]
        yield page
    assert page_log.external_requests == [], f"the offline bundle asked the network for: {page_log.external_requests}"


def test_bundle_opens_with_styles_and_no_request_off_the_stick(offline_page, bundle_dir) -> None:
    offline_page.goto((bundle_dir / "index.html").as_uri())
    assert offline_page.locator("h1").first.inner_text().startswith("Reducing reoffending")
    # Styles applied: the theme's header is laid out as a bar, not unstyled text.
    assert offline_page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    for path in ("practices/index.html", "sources/egm-2022.html", "data/index.html", "themes/family-contact.html"):
        offline_page.goto((bundle_dir / path).as_uri())
        assert offline_page.locator("h1").count() >= 1
    assert offline_page.outside == []  # type: ignore[attr-defined]


def test_offline_search_finds_volunteer_practices(offline_page, bundle_dir, search_ui) -> None:
    offline_page.goto((bundle_dir / "index.html").as_uri())
    links = search_ui.search(offline_page, "volunteer")
    assert any("practices/volunteers" in href for href in links), links
    assert offline_page.outside == []  # type: ignore[attr-defined]


def test_offline_index_filters_by_theme(offline_page, bundle_dir) -> None:
    theme = "family-contact"
    expected = sum(1 for r in _records() if theme in r["themes"])
    offline_page.goto((bundle_dir / "practices" / "index.html").as_uri())
    offline_page.locator(f"input[name='theme'][value='{theme}']").check()
    assert offline_page.locator(".kb-item:not([hidden])").count() == expected
    assert f"{expected} of {len(_records())}" in offline_page.locator("#kb-status").inner_text()


def test_offline_link_from_practice_to_theme_page(offline_page, bundle_dir) -> None:
    offline_page.goto((bundle_dir / "practices" / "open-contact-family-visits.html").as_uri())
    offline_page.locator("a.kb-chip[href$='themes/family-contact.html']").click()
    offline_page.wait_for_url(re.compile(r"themes/family-contact\.html$"))
    assert "Family contact" in offline_page.locator("h1").inner_text()


def _print_to_pdf(url: str, target: Path) -> str:
    """Print with Chromium's own --print-to-pdf and return the PDF's text."""
    subprocess.run([CHROMIUM, "--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={target}", url], check=True, capture_output=True, timeout=120)
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def test_printed_practice_page_is_a_clean_handout(bundle_dir, tmp_path) -> None:
    pdf = tmp_path / "practice.pdf"
    text = _print_to_pdf((bundle_dir / "practices" / "open-contact-family-visits.html").as_uri(), pdf)
    assert "Open contact as the default form of family visits" in text
    assert "E/CN.15/2022/CRP.4, para. 14" in text
    assert "Table of contents" not in text and "Support levels" not in text  # no navigation chrome
    assert 1 <= _pages(pdf) <= 3


def test_printed_theme_handout(bundle_dir, tmp_path) -> None:
    theme = "family-contact"
    records = [r for r in _records() if theme in r["themes"]]
    pdf = tmp_path / "handout.pdf"
    text = _print_to_pdf((bundle_dir / "handouts" / f"{theme}.html").as_uri(), pdf)
    flat = " ".join(text.split())
    for record in records:
        assert " ".join(record["title"].split()) in flat
    assert "Back to the theme page" not in text and "Table of contents" not in text
    assert 1 <= _pages(pdf) <= 2 + len(records)


@pytest.mark.browser
def test_offline_data_page_links_all_lead_somewhere(offline_page, bundle_dir) -> None:
    """The site's Data page offers the zip from downloads/, which the bundle
    cannot hold: in the bundle that block says what to do instead, and every
    link of the page opens a file of the bundle (or a web address)."""
    offline_page.goto((bundle_dir / "data" / "index.html").as_uri())
    assert "You are reading the offline copy" in offline_page.locator(".kb-download-offline").inner_text()
    hrefs = offline_page.locator(".md-content a[href]").evaluate_all("els => els.map(e => e.href)")
    local = [h for h in hrefs if h.startswith("file:")]
    assert local, "no local links on the Data page"
    missing = [h for h in local if not Path(h.split("#")[0].removeprefix("file://")).is_file()]
    assert missing == []
