"""Every engine's site, online (HTTP) and offline (file://), with its own
search dialog opened and answering: no request leaves the site, nothing fails
in the console (`make test-engines` runs this on each engine)."""

from __future__ import annotations

import pytest


@pytest.mark.browser
@pytest.mark.parametrize("path", ["index.html", "practices/index.html#theme=family-contact", "practices/open-contact-family-visits.html", "data/index.html"])
def test_pages_and_search_make_no_external_request(page, page_log, site_url, search_ui, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    links = search_ui.search(page, "family")
    assert links, "the search found nothing"
    page_log.assert_clean()
