"""The FICTIONAL second source's practice (Chile) found by the country and
region filters in Chromium (see tests/test_second_source.py for the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_second_source import RECORD


@pytest.mark.build
@pytest.mark.browser
def test_country_filter_finds_it_in_chromium(valid_fixture_build: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """The country filter in a real browser. It relies on kb-index.js knowing
    the `country` facet: today by a two-line addition to its list, after the
    issue-13 rewrite by reading the facets from the page."""
    page = browser.new_page()
    try:
        page.goto((valid_fixture_build / "site" / "en" / "practices" / "index.html").as_uri() + "#country=CL")
        page.wait_for_function("document.querySelectorAll('#kb-results li.kb-item:not([hidden])').length === 1")
        assert page.locator("#kb-results li.kb-item:not([hidden])").get_attribute("id") == f"p-{RECORD}"
        page.goto((valid_fixture_build / "site" / "en" / "practices" / "index.html").as_uri() + "#region=americas")
        page.wait_for_function("document.querySelectorAll('#kb-results li.kb-item:not([hidden])').length === 1")
    finally:
        page.close()
