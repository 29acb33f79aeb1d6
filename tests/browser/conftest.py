"""Browser fixtures: Debian's Chromium driven by Playwright, the built site
served over HTTP and opened from file://.

The built site comes from the session fixture ``built_site`` (tests/conftest.py):
an object with ``site`` (Path of the built site directory) and ``zip``.

Never run ``playwright install``: the tests use the system Chromium
(tests/kbtest.py; ``KB_CHROMIUM`` overrides its path).
"""

from __future__ import annotations

import html.parser
import os
import pathlib
from dataclasses import dataclass, field

import pytest

from kbtest import CHROMIUM, VIEWPORT, PageLog, guarded_page, launch_chromium, serve_site  # tests/kbtest.py: one place for the browser and the server



# --------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def playwright_driver():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it with "
            "`apt-get install -y chromium` (or set KB_CHROMIUM)."
        )
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_driver):
    b = launch_chromium(playwright_driver)
    yield b
    b.close()


# --------------------------------------------------------------------------
# The site: over HTTP and from file://


@pytest.fixture(scope="session")
def site_dir(built_site) -> pathlib.Path:
    path = pathlib.Path(built_site.site)
    assert (path / "practices" / "index.html").is_file(), f"no practice index in {path}"
    return path


@pytest.fixture(scope="session")
def http_site(site_dir):
    with serve_site(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def file_site(site_dir):
    return site_dir.resolve().as_uri() + "/"


@pytest.fixture(params=["http", "file"])
def site_kind(request):
    return request.param


@pytest.fixture
def site_url(request, site_kind):
    """Base URL of the built site (ends with '/'), over HTTP or file://."""
    return request.getfixturevalue(f"{site_kind}_site")


# --------------------------------------------------------------------------
# The engine's search dialog


@dataclass(frozen=True)
class SearchUI:
    """How a test reaches the search of the engine the site was built with.
    Playwright's CSS selectors pierce open shadow roots (Zensical's dialog)."""

    opener: str  # clicked to open the search
    input: str  # where the query is typed
    ready: str | None  # shown once the index is loaded (None: none to wait for)
    result_link: str  # one link per result
    # Shown once the search has answered the current query, with or without
    # results (None: not known for this dialog; a query must then find something).
    answered: str | None = None
    # The query goes in whole and one keyup starts the search (Material searches
    # at each keyup: typed key by key, a prefix's results could be read).
    whole_query: bool = False

    def open(self, page) -> None:
        """Open the search and wait until it can take a query."""
        page.locator(self.opener).first.click()
        if self.ready:
            page.locator(self.ready).first.wait_for(state="attached")
        page.locator(self.input).first.wait_for()

    def query(self, page, query: str, at_least_one: bool = True) -> list[str]:
        """In the open search, replace the query with ``query`` and wait for
        its results (at least one, unless ``at_least_one`` is False and the
        dialog says when it has answered); their hrefs."""
        from playwright.sync_api import expect

        field = page.locator(self.input).first
        field.fill("")
        if self.whole_query:
            field.fill(query)
            page.keyboard.press("End")
        else:
            page.keyboard.type(query)  # key by key, as a reader types (fill() alone may not trigger the search)
        expect(field).to_have_value(query)
        page.locator(self.answered if self.answered and not at_least_one else self.result_link).first.wait_for()
        return page.locator(self.result_link).evaluate_all("els => els.map(e => e.getAttribute('href'))")

    def search(self, page, query: str) -> list[str]:
        """Open the search, type ``query``, wait for results; their hrefs."""
        self.open(page)
        return self.query(page, query)


SEARCH_UI = {
    # Material's own dialog (overrides/partials/search.html), for MkDocs and ProperDocs.
    "material": SearchUI(
        opener=".md-search__input",
        input=".md-search__input",
        # Material says so once its worker (an iframe on file://) has loaded the index.
        ready=".md-search-result__meta:has-text('Type to start searching')",
        result_link=".md-search-result__item .md-search-result__link",
        answered=".md-search-result__meta:text-matches('matching')",  # "3 matching documents", "No matching documents"
        whole_query=True,
    ),
    # Zensical's dialog, a web component with a shadow root, opened by a button.
    "zensical": SearchUI(
        opener=".md-search__button",
        input="dialog[aria-label='Search'] input[role='combobox']",
        ready=None,
        result_link="dialog[aria-label='Search'] ol[role='listbox'] a[role='option']",
    ),
}


@pytest.fixture(scope="session")
def search_ui(engine) -> SearchUI:
    return SEARCH_UI["zensical" if engine == "zensical" else "material"]


# --------------------------------------------------------------------------
# Pages


@pytest.fixture
def page_log():
    return PageLog()


@pytest.fixture
def page(request, browser, page_log):
    """A fresh context and page (guarded_page): for file:// every non-file
    request leaves the site, for HTTP every request not to the local server."""
    kind = request.getfixturevalue("site_kind") if "site_kind" in request.fixturenames else None
    local = []
    if kind == "http" or "http_site" in request.fixturenames:
        local.append(request.getfixturevalue("http_site"))
    with guarded_page(browser, "file:", *local, log=page_log, viewport=VIEWPORT) as p:
        yield p


# --------------------------------------------------------------------------
# The data of the index, read from the built HTML (not through the script)


@dataclass
class Item:
    id: str
    title: str = ""
    summary: str = ""
    order: str = ""
    facets: dict = field(default_factory=dict)
    href: str = ""


FACETS = ("theme", "stage", "region", "support", "standard")


class _IndexParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self.options: dict[str, list[str]] = {f: [] for f in FACETS}
        self._in = None  # "title" | "summary"
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "li" and "kb-item" in classes:
            it = Item(id=a.get("id", ""), order=a.get("data-order", ""))
            for f in FACETS:
                it.facets[f] = (a.get(f"data-{f}") or "").split()
            self.items.append(it)
        elif tag == "input" and a.get("type") == "checkbox" and a.get("name") in FACETS:
            self.options[a["name"]].append(a.get("value", ""))
        elif self.items and tag in ("h2", "p") and (
            "kb-item-title" in classes or "kb-item-summary" in classes
        ):
            self._in = "title" if "kb-item-title" in classes else "summary"
            self._tag = tag
            self._depth = 1
        elif self._in and tag == self._tag:
            self._depth += 1
        if self._in == "title" and tag == "a" and not self.items[-1].href:
            self.items[-1].href = a.get("href", "")

    def handle_endtag(self, tag):
        if self._in and tag == self._tag:
            self._depth -= 1
            if self._depth == 0:
                self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.items[-1].title += data
        elif self._in == "summary":
            self.items[-1].summary += data


@dataclass
class IndexData:
    items: list
    options: dict

    @property
    def total(self):
        return len(self.items)


@pytest.fixture(scope="session")
def index_data(site_dir) -> IndexData:
    parser = _IndexParser()
    parser.feed((site_dir / "practices" / "index.html").read_text(encoding="utf-8"))
    for it in parser.items:
        it.title = " ".join(it.title.split())
        it.summary = " ".join(it.summary.split())
    assert parser.items, "no practice items in the index"
    return IndexData(parser.items, parser.options)
