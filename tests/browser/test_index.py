"""The practice index in a real browser, over HTTP and from file://.

Expected values are computed here from the built HTML (data-* attributes of
the items, read by tests/browser/conftest.py:index_data and below), never
hard-coded. Text queries are matched with the Python port of lunr's stemmer
(the `lunr` package), independently of kb-index.js.
"""

from __future__ import annotations

import collections
import html.parser
import re
import unicodedata
from functools import cache

import pytest
from lunr.stemmer import stemmer
from lunr.token import Token
from playwright.sync_api import expect
from kbtest import offline_only

FACETS = ("theme", "stage", "region", "support", "standard")
INDEX = "practices/index.html"
STATUS = "#kb-status"
WORD = re.compile(r"[^\W_]+")


# --------------------------------------------------------------------------
# The expected behaviour, computed independently of kb-index.js


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


@cache
def stem(word: str) -> str:
    """A word's stem, as lunr's stemmer gives it, accents and case folded first."""
    return str(stemmer(Token(norm(word))))


def query_terms(q: str) -> list[tuple[str, str]]:
    return [(norm(w), stem(w)) for w in dict.fromkeys(WORD.findall(q.lower()))]


def word_matches(word: str, terms) -> bool:
    """A word of a record matches a query term by prefix (as typed) or by stem."""
    return any(norm(word).startswith(key) or stem(word.lower()) == st for key, st in terms)


class _RecordText(html.parser.HTMLParser):
    """Every searchable text of each index item: its data-text-* attributes and
    the names of its tags (the option labels of every facet on the page)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, list[str]] = {}
        self.tags: dict[str, dict[str, list[str]]] = {}
        self.names: dict[tuple[str, str], str] = {}
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "kb-item" in (a.get("class") or "").split():
            key = a["id"]
            self.texts[key] = [v or "" for k, v in attrs if k.startswith("data-text-")]
            self.tags[key] = {k[5:]: (v or "").split() for k, v in attrs if k.startswith("data-") and k not in ("data-order",) and not k.startswith("data-text-")}
        elif tag == "input" and a.get("type") == "checkbox":
            self._option = (a.get("name"), a.get("value"))
        elif tag == "span" and "kb-option-name" in (a.get("class") or "") and self._option:
            self.names[self._option] = ""

    def handle_data(self, data):
        if self._option in self.names and self.names[self._option] == "":
            self.names[self._option] = data.strip()
            self._option = None


RECORD_WORDS: dict[str, set[str]] = {}  # item id -> every word of the record (lower case)


@pytest.fixture(scope="module", autouse=True)
def record_words(site_dir, index_data):
    parser = _RecordText()
    parser.feed((site_dir / INDEX).read_text(encoding="utf-8"))
    RECORD_WORDS.clear()
    for it in index_data.items:
        texts = [it.title, it.summary, *parser.texts[it.id]]
        texts += [parser.names.get((facet, v), v) for facet, ids in parser.tags[it.id].items() for v in ids]
        RECORD_WORDS[it.id] = {w.lower() for text in texts for w in WORD.findall(text)}
    return RECORD_WORDS


def text_matches(item, q: str) -> bool:
    words = RECORD_WORDS[item.id]
    return all(any(word_matches(w, [term]) for w in words) for term in query_terms(q))


def matches(item, state, skip=None) -> bool:
    for f in FACETS:
        if f == skip:
            continue
        chosen = state.get(f) or []
        if chosen and not set(chosen) & set(item.facets[f]):
            return False
    return text_matches(item, state.get("q", ""))


def expected_ids(data, state) -> list[str]:
    return [it.id for it in data.items if matches(it, state)]


def expected_counts(data, state) -> dict:
    """(facet, value) -> practices left with that value (OR within a facet)."""
    out = {}
    for f in FACETS:
        for v in data.options[f]:
            out[(f, v)] = sum(
                1 for it in data.items if v in it.facets[f] and matches(it, state, skip=f)
            )
    return out


def pick_two(data):
    """A theme and a stage value that together narrow the list, each on its own
    leaving more than the pair does."""
    themes = collections.Counter(v for it in data.items for v in it.facets["theme"])
    stages = collections.Counter(v for it in data.items for v in it.facets["stage"])
    best = None
    for t, _ in themes.most_common():
        for s, _ in stages.most_common():
            n = len(expected_ids(data, {"theme": [t], "stage": [s]}))
            alone = len(expected_ids(data, {"theme": [t]}))
            if 0 < n < alone:
                if best is None or n > best[0]:
                    best = (n, t, s)
    assert best, "the data has no theme and stage pair that narrows the list"
    return best[1], best[2]


def status_text(data, n=None) -> str:
    noun = "practice" if data.total == 1 else "practices"
    return f"{data.total} {noun}" if n is None else f"{n} of {data.total} {noun}"


# --------------------------------------------------------------------------
# Reading the page


def open_index(page, base, fragment=""):
    page.goto(base + INDEX + fragment)
    expect(page.locator("#kb-filters")).to_be_visible()
    page.wait_for_function("() => window.kbIndex && window.kbIndex.total() > 0")


# Query and read in one evaluate: a separate query could return elements that
# a re-render has detached by the time they are read.
SHOWN = """() => Array.from(document.querySelectorAll('#kb-results > li.kb-item'))
    .filter(e => getComputedStyle(e).display !== 'none')"""


def shown_ids(page) -> list[str]:
    return page.evaluate(f"() => ({SHOWN})().map(e => e.id)")


def shown_titles(page) -> list[str]:
    return page.evaluate(
        f"() => ({SHOWN})().map(e => e.querySelector('.kb-item-title').textContent.trim())"
    )


def options(page) -> dict:
    rows = page.evaluate(
        """() => Array.from(document.querySelectorAll('#kb-filters .kb-option')).map(l => {
            const i = l.querySelector('input');
            return [i.name, i.value, l.querySelector('.kb-option-count').textContent.trim(),
                    l.classList.contains('kb-option-none'), i.checked];
        })""",
    )
    return {(f, v): {"count": c, "none": none, "checked": ch} for f, v, c, none, ch in rows}


def checkbox(page, facet, value):
    return page.locator(f'#kb-filters input[name="{facet}"][value="{value}"]')


def first_page(page, ids: list) -> list:
    """What the index shows of a longer list: its first page ("Show more" for the rest)."""
    return ids[: page.evaluate("window.kbIndex.pageSize")]


def assert_state(page, data, state):
    """The page shows exactly what `state` should show (up to a page of it), with right counts."""
    want = expected_ids(data, state)
    filtered = any(state.get(f) for f in FACETS) or bool(state.get("q", "").strip())
    expect(page.locator(STATUS)).to_have_text(status_text(data, len(want) if filtered else None))
    shown = shown_ids(page)
    if len(want) <= len(first_page(page, want)):
        assert sorted(shown) == sorted(want)
    else:
        assert len(shown) == len(first_page(page, want)) and set(shown) <= set(want)
    counts = expected_counts(data, state)
    opts = options(page)
    for key, n in counts.items():
        assert opts[key]["count"] == f"({n})", f"count of {key}"
        assert opts[key]["none"] == (n == 0), f"dimmed state of {key}"
        assert opts[key]["checked"] == (key[1] in (state.get(key[0]) or [])), f"checkbox {key}"


def fragment(page) -> str:
    return page.evaluate("location.hash")


# --------------------------------------------------------------------------
# Tests


def test_without_filters_everything_is_listed(page, page_log, site_url, index_data):
    open_index(page, site_url)
    assert_state(page, index_data, {})
    assert fragment(page) == ""
    page_log.assert_clean()


@offline_only
def test_filter_by_two_facets(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    open_index(page, site_url)

    checkbox(page, "theme", theme).check()
    assert_state(page, index_data, {"theme": [theme]})
    assert fragment(page) == f"#theme={theme}"

    checkbox(page, "stage", stage).check()
    state = {"theme": [theme], "stage": [stage]}
    assert_state(page, index_data, state)
    assert 0 < len(shown_ids(page)) < index_data.total
    assert fragment(page) == f"#theme={theme}&stage={stage}"

    # OR within a facet: a second theme widens (or keeps) the result.
    other = next(v for v in index_data.options["theme"] if v != theme)
    checkbox(page, "theme", other).check()
    state = {"theme": [theme, other], "stage": [stage]}
    assert_state(page, index_data, state)
    page_log.assert_clean()


@offline_only
def test_text_query(page, page_log, site_url, index_data):
    # A word from a title, typed in upper case and with an accent added.
    word = max(
        (w for it in index_data.items for w in re.findall(r"[A-Za-z]{5,}", it.title)),
        key=lambda w: (len(expected_ids(index_data, {"q": w})) < index_data.total, len(w)),
    )
    typed = word.upper().replace("E", "\u00c9", 1)
    open_index(page, site_url)
    length = page.evaluate("history.length")
    page.locator("#kb-q").fill(typed)
    state = {"q": word}
    assert_state(page, index_data, state)
    # The fragment is replaced (after a short pause), not pushed.
    page.wait_for_function("() => location.hash.indexOf('q=') >= 0")
    assert page.evaluate("history.length") == length
    assert page.evaluate("decodeURIComponent(location.hash.replace(/\\+/g, ' '))") == f"#q={typed}"
    page_log.assert_clean()


def test_shared_url_applies_state(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    other = next(v for v in index_data.options["theme"] if v != theme)
    open_index(page, site_url, f"#theme={theme},{other}&stage={stage}&sort=title")
    state = {"theme": [theme, other], "stage": [stage], "sort": "title"}
    assert_state(page, index_data, state)
    expect(checkbox(page, "theme", theme)).to_be_checked()
    expect(checkbox(page, "theme", other)).to_be_checked()
    expect(checkbox(page, "stage", stage)).to_be_checked()
    expect(page.locator("#kb-sort")).to_have_value("title")
    titles = shown_titles(page)
    assert titles == sorted_by_collator(page, titles)
    page_log.assert_clean()


def theme_links(site_dir):
    """(page, href, theme id) of links from theme pages to the filtered index."""
    out = []
    for path in sorted((site_dir / "themes").glob("*.html")):
        for href in re.findall(r'href="([^"]*practices/index\.html#theme=([^"&]+)[^"]*)"',
                               path.read_text(encoding="utf-8")):
            out.append((path.relative_to(site_dir).as_posix(), href[0], href[1]))
    return out


def test_link_from_a_theme_page(page, page_log, site_url, site_dir, index_data):
    """Theme pages link to ../practices/index.html#theme=<id>: follow one."""
    links = theme_links(site_dir)
    assert links, "no theme page links to practices/index.html#theme=<id>"
    # The theme with most practices, so that the filter narrows the list.
    per_theme = collections.Counter(v for it in index_data.items for v in it.facets["theme"])
    source, href, theme = max(links, key=lambda link: (per_theme[link[2]] < index_data.total, per_theme[link[2]]))
    page.goto(site_url + source)
    # Instant navigation rewrites relative hrefs to absolute ones: match the end.
    tail = href[href.index("practices/index.html"):]
    page.locator(f'.md-content a[href$="{tail}"]').first.click()
    page.wait_for_url(re.compile(r"practices/index\.html#theme="))
    expect(page.locator("#kb-filters")).to_be_visible()
    assert_state(page, index_data, {"theme": [theme]})
    page_log.assert_clean()


def test_back_button_steps_through_filters(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    open_index(page, site_url)
    checkbox(page, "theme", theme).check()
    checkbox(page, "stage", stage).check()
    page.select_option("#kb-sort", "title")
    assert_state(page, index_data, {"theme": [theme], "stage": [stage], "sort": "title"})
    page.evaluate("() => { window.__kbRoot = document.getElementById('kb-finder'); }")

    page.go_back()
    expect(page.locator("#kb-sort")).to_have_value("report")
    assert_state(page, index_data, {"theme": [theme], "stage": [stage]})
    # Stepping between filter states does not re-render the page (with
    # instant navigation, Material would re-fetch it and focus would be lost).
    assert page.evaluate("() => document.getElementById('kb-finder') === window.__kbRoot")
    page.go_back()
    expect(checkbox(page, "stage", stage)).not_to_be_checked()
    assert_state(page, index_data, {"theme": [theme]})
    assert fragment(page) == f"#theme={theme}"
    page.go_back()
    expect(checkbox(page, "theme", theme)).not_to_be_checked()
    assert_state(page, index_data, {})
    page.go_forward()
    expect(checkbox(page, "theme", theme)).to_be_checked()
    assert_state(page, index_data, {"theme": [theme]})
    assert page.evaluate("() => document.getElementById('kb-finder') === window.__kbRoot")
    page_log.assert_clean()


@offline_only
def test_clear_all(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    open_index(page, site_url, f"#theme={theme}&stage={stage}&q=a&sort=title")
    assert_state(page, index_data, {"theme": [theme], "stage": [stage], "q": "a"})
    page.click("#kb-clear")
    assert_state(page, index_data, {})
    expect(page.locator("#kb-q")).to_have_value("")
    expect(page.locator("#kb-sort")).to_have_value("report")
    assert fragment(page) == ""
    assert shown_ids(page) == first_page(page, [it.id for it in sorted_by_report(index_data)])
    # Clearing is a step in the history too.
    page.go_back()
    expect(checkbox(page, "theme", theme)).to_be_checked()
    assert_state(page, index_data, {"theme": [theme], "stage": [stage], "q": "a"})
    page_log.assert_clean()


def sorted_by_report(data):
    def key(pair):
        i, it = pair
        try:
            return (float(it.order), i)
        except ValueError:
            return (float("inf"), i)

    return [it for _, it in sorted(enumerate(data.items), key=key)]


def sorted_by_collator(page, titles):
    return page.evaluate(
        """ts => ts.slice().sort(new Intl.Collator('en', {sensitivity: 'base', numeric: true}).compare)""",
        titles,
    )


@offline_only
def test_sort_by_title_and_back_to_report_order(page, page_log, site_url, index_data):
    open_index(page, site_url)
    report = first_page(page, [it.title for it in sorted_by_report(index_data)])
    assert shown_titles(page) == report
    page.select_option("#kb-sort", "title")
    titles = shown_titles(page)
    assert len(titles) == len(report)
    if len(report) == index_data.total:  # all on one page: the same titles, reordered
        assert sorted(titles) == sorted(report)
    assert titles == sorted_by_collator(page, titles)
    # Cheap check that the collator order is the ordinary one for plain titles.
    plain = [t for t in titles if re.fullmatch(r"[A-Za-z ]+", t)]
    assert plain == sorted(plain, key=str.casefold)
    assert fragment(page) == "#sort=title"
    page.select_option("#kb-sort", "report")
    assert shown_titles(page) == report
    page_log.assert_clean()


@offline_only
def test_keyboard_only(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    open_index(page, site_url)

    def tab_to(selector, limit=400):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(f'#kb-filters input[name="theme"][value="{theme}"]')
    page.keyboard.press("Space")
    tab_to(f'#kb-filters input[name="stage"][value="{stage}"]')
    # The focused control shows a visible focus indicator.
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
    page.keyboard.press("Space")
    state = {"theme": [theme], "stage": [stage]}
    assert_state(page, index_data, state)
    first = expected_ids(index_data, state)
    first = next(it for it in sorted_by_report(index_data) if it.id in first)
    tab_to(f"#{first.id} .kb-item-title a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first.href.split("/")[-1]) + "$"))
    expect(page.locator("h1").first).to_contain_text(first.title.split()[0])
    page_log.assert_clean()


def test_no_console_errors_across_pages(page, page_log, site_url, index_data):
    page.goto(site_url + "index.html")
    open_index(page, site_url)
    theme, stage = pick_two(index_data)
    page.evaluate(
        "s => window.kbIndex.apply(s)", {"theme": [theme], "stage": [stage], "q": "x"}
    )
    page.goto(site_url + "practices/" + index_data.items[0].href)
    page.wait_for_load_state("load")
    page_log.assert_clean()


@offline_only
def test_apply_hook(page, page_log, site_url, index_data):
    theme, stage = pick_two(index_data)
    open_index(page, site_url)
    state = {"theme": [theme], "stage": [stage], "region": [], "support": [],
             "standard": [], "q": "", "sort": "report"}
    n = page.evaluate("s => window.kbIndex.apply(s)", state)
    assert n == len(expected_ids(index_data, state))
    assert_state(page, index_data, state)
    page_log.assert_clean()


def test_works_after_instant_navigation(page, page_log, http_site, index_data):
    """Online: open the home page, follow the nav link (instant navigation,
    no full reload), then filter; leave to a practice and come back."""
    page.goto(http_site + "index.html")
    features = page.evaluate(
        "() => JSON.parse(document.getElementById('__config').textContent).features"
    )
    assert "navigation.instant" in features, features
    page.evaluate("() => { window.__kbNoReload = true; }")
    link = page.locator(
        ".md-tabs a[href$='practices/index.html'], .md-nav a[href$='practices/index.html']"
    ).filter(has=page.locator(":scope:visible")).first
    if not link.count():
        link = page.locator("a[href$='practices/index.html']:visible").first
    link.click()
    page.wait_for_url(re.compile(r"practices/index\.html"))
    expect(page.locator("#kb-filters")).to_be_visible()
    assert page.evaluate("() => window.__kbNoReload === true"), "full reload: not instant"

    theme, stage = pick_two(index_data)
    checkbox(page, "theme", theme).check()
    checkbox(page, "stage", stage).check()
    state = {"theme": [theme], "stage": [stage]}
    assert_state(page, index_data, state)
    assert fragment(page) == f"#theme={theme}&stage={stage}"

    # Back steps through the filter, not out of the page.
    page.go_back()
    assert_state(page, index_data, {"theme": [theme]})
    page.go_forward()
    assert_state(page, index_data, state)

    # To a practice and back: the filter is restored.
    first = expected_ids(index_data, state)[0]
    page.locator(f"#{first} .kb-item-title a").click()
    page.wait_for_url(re.compile(r"practices/(?!index)[^/]+\.html$"))
    expect(page.locator("#kb-finder")).to_have_count(0)
    assert page.evaluate("() => window.__kbNoReload === true"), "full reload: not instant"
    page.go_back()
    page.wait_for_url(re.compile(r"practices/index\.html#"))
    expect(page.locator("#kb-filters")).to_be_visible()
    assert_state(page, index_data, state)
    assert page.evaluate("() => window.__kbNoReload === true")

    # Back while the practice page is still loading: the index stays right.
    page.locator(f"#{first} .kb-item-title a").click()
    page.go_back()
    page.wait_for_timeout(500)
    assert re.search(r"practices/index\.html#", page.url), page.url
    expect(page.locator("#kb-filters")).to_be_visible()
    assert_state(page, index_data, state)
    page_log.assert_clean()


@offline_only
def test_narrow_screen_folds_the_facets(page, page_log, site_url, index_data):
    page.set_viewport_size({"width": 320, "height": 640})
    theme, _ = pick_two(index_data)
    open_index(page, site_url)
    toggle = page.locator("#kb-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#kb-q")).to_be_visible()
    expect(page.locator(".kb-facet").first).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".kb-facet").first).to_be_visible()
    checkbox(page, "theme", theme).check()
    expect(toggle).to_have_text("Hide filters (1 selected)")
    assert_state(page, index_data, {"theme": [theme]})
    page.keyboard.press("Enter") if page.evaluate("document.activeElement.id") == "kb-toggle" else toggle.click()
    expect(toggle).to_have_text("Show filters (1 selected)")
    expect(page.locator(".kb-facet").first).to_be_hidden()
    # On a wide screen there is nothing to fold.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(toggle).to_be_hidden()
    expect(page.locator(".kb-facet").first).to_be_visible()
    page_log.assert_clean()


def test_typed_query_survives_following_a_result(page, page_log, site_url, index_data):
    """Typing, then at once opening a result (within the typing pause): the
    query is in the history entry that back returns to."""
    word = "prison"
    want = expected_ids(index_data, {"q": word})
    assert want, "no practice mentions the word"
    open_index(page, site_url)
    # Type and follow the link in one go, faster than the typing pause.
    page.evaluate(
        """([word, id]) => {
            const q = document.getElementById('kb-q');
            q.value = word;
            q.dispatchEvent(new Event('input', {bubbles: true}));
            document.querySelector('#' + id + ' .kb-item-title a').click();
        }""",
        [word, want[0]],
    )
    page.wait_for_url(re.compile(r"practices/(?!index)[^/]+\.html$"))
    assert "#" not in page.url, page.url  # nothing written into the practice's entry
    page.go_back()
    page.wait_for_url(re.compile(r"practices/index\.html#q=prison$"))
    expect(page.locator("#kb-q")).to_have_value(word)
    assert_state(page, index_data, {"q": word})
    page_log.assert_clean()


def test_scrolling_keeps_the_fragment(page, page_log, site_url, index_data):
    """navigation.tracking rewrites the fragment to the heading in view on
    pages with a table of contents; the index must keep its filter state."""
    theme, _ = pick_two(index_data)
    open_index(page, site_url, f"#theme={theme}")
    page.set_viewport_size({"width": 1280, "height": 400})
    for y in (300, 900, 100000):
        page.mouse.wheel(0, y)
        page.wait_for_timeout(400)
    assert fragment(page) == f"#theme={theme}"
    page_log.assert_clean()


# --------------------------------------------------------------------------
# Results first, chips, whole-record search, skip link, title (issue 12)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def in_viewport(page, selector) -> bool:
    """The element is wholly between the sticky header and the bottom of the window."""
    return page.evaluate(
        """s => { const e = document.querySelector(s); if (!e) return false;
            const r = e.getBoundingClientRect();
            const h = document.querySelector('.md-header, header');
            const top = h ? Math.max(0, h.getBoundingClientRect().bottom) : 0;
            return r.height > 0 && r.top >= top - 1 && r.bottom <= innerHeight + 1; }""",
        selector,
    )


def option_names(site_dir) -> dict:
    parser = _RecordText()
    parser.feed((site_dir / INDEX).read_text(encoding="utf-8"))
    return parser.names


@offline_only
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_count_and_first_result_in_view_after_ticking(page, page_log, site_url, index_data, viewport):
    page.set_viewport_size(viewport)
    open_index(page, site_url)
    if viewport is PHONE:
        toggle = page.locator("#kb-toggle")
        expect(toggle).to_be_visible()
        toggle.click()
    # The last option of the stage facet: far down the filters on any screen.
    stages = [v for v in index_data.options["stage"] if expected_ids(index_data, {"stage": [v]})]
    for value in (stages[-1], stages[0]):
        checkbox(page, "stage", value).check()
        state = {"stage": [value]}
        assert_state(page, index_data, state)
        first = expected_ids(index_data, state)[0]
        assert in_viewport(page, STATUS), f"count not in view after ticking {value}"
        assert in_viewport(page, f"#{first} .kb-item-title"), "first result not in view"
        checkbox(page, "stage", value).uncheck()
    page_log.assert_clean()


@offline_only
def test_chips_remove_filters(page, page_log, site_url, site_dir, index_data):
    theme, stage = pick_two(index_data)
    names = option_names(site_dir)
    open_index(page, site_url, f"#theme={theme}&stage={stage}")
    chips = page.locator("#kb-active button")
    expect(chips).to_have_count(3)  # two filters and "Clear all"
    label = f"Remove filter Stage: {names[('stage', stage)]}"
    chip = page.get_by_role("button", name=label, exact=True)
    expect(chip).to_be_visible()
    assert chip.bounding_box()["height"] >= 24  # WCAG 2.5.8 target size
    chip.focus()
    page.keyboard.press("Enter")
    assert_state(page, index_data, {"theme": [theme]})
    assert fragment(page) == f"#theme={theme}"
    # Focus stays among the chips (the next one), not lost to the page.
    assert page.evaluate("document.activeElement.closest('#kb-active') !== null")
    page.get_by_role("button", name=f"Remove filter Theme: {names[('theme', theme)]}", exact=True).click()
    assert_state(page, index_data, {})
    expect(page.locator("#kb-active")).to_be_hidden()
    page.go_back()
    assert_state(page, index_data, {"theme": [theme]})
    page_log.assert_clean()


def description_only_word(data):
    """(item, word in the description, query in another form): a plural in
    -ies found only outside the title and summary, queried in the singular."""
    for it in data.items:
        shown = {w.lower() for w in WORD.findall(f"{it.title} {it.summary}")}
        for word in sorted(RECORD_WORDS[it.id]):
            query = word[:-3] + "y"
            if word.endswith("ies") and len(word) > 5 and word not in shown and stem(query) == stem(word):
                if not any(w.startswith(query) or stem(w) == stem(query) for w in shown):
                    return it, word, query
    raise AssertionError("no record has a plural in -ies outside its title and summary")


@offline_only
def test_text_box_finds_a_word_form_only_in_the_description(page, page_log, site_url, index_data):
    item, word, query = description_only_word(index_data)
    open_index(page, site_url)
    page.locator("#kb-q").fill(query)
    assert_state(page, index_data, {"q": query})
    assert item.id in shown_ids(page) or len(expected_ids(index_data, {"q": query})) > page.evaluate("window.kbIndex.pageSize")
    page.evaluate("id => document.getElementById(id).scrollIntoView()", item.id)
    excerpt = page.locator(f"#{item.id} .kb-item-excerpt")
    expect(excerpt).to_be_visible()
    marks = excerpt.locator("mark").all_text_contents()
    assert word in [m.lower() for m in marks], (word, marks)
    # The title and summary carry no mark: the match is not there.
    expect(page.locator(f"#{item.id} .kb-item-title mark, #{item.id} .kb-item-summary mark")).to_have_count(0)
    page.locator("#kb-q").fill("")
    expect(page.locator(f"#{item.id} .kb-item-excerpt")).to_have_count(0)
    page_log.assert_clean()


# The examples; "drug" is not among them: no record speaks of drugs (the report says
# "substance abuse"), and only the publisher's name (UNODC) has the word, which is not searched.
@offline_only
@pytest.mark.parametrize("query", ["women", "recidivism", "substance", "family"])
def test_text_box_matches_the_site_search_words(page, page_log, site_url, index_data, query):
    want = expected_ids(index_data, {"q": query})
    assert want, f"no record has {query!r} in any form"
    open_index(page, site_url, f"#q={query}")
    assert_state(page, index_data, {"q": query})
    # Every shown result marks the word somewhere: title, summary or an excerpt.
    for id_ in shown_ids(page)[:10]:
        assert page.locator(f"#{id_} mark").count() >= 1, id_
    if query == "family":
        assert any("families" in RECORD_WORDS[i] for i in want)
    page_log.assert_clean()


@offline_only
def test_skip_link_reaches_the_results_in_one_step(page, page_log, site_url, index_data):
    theme, _ = pick_two(index_data)
    open_index(page, site_url, f"#theme={theme}")
    page.locator("#kb-skip").focus()
    expect(page.locator("#kb-skip")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kb-results"
    assert fragment(page) == f"#theme={theme}"  # the shared state survives
    page.keyboard.press("Tab")
    first = expected_ids(index_data, {"theme": [theme]})[0]
    assert page.evaluate("document.activeElement.closest('li.kb-item')?.id") == first
    page_log.assert_clean()


@offline_only
def test_title_and_heading_name_the_filters_of_a_shared_link(page, page_log, site_url, site_dir, index_data):
    theme, stage = pick_two(index_data)
    names = option_names(site_dir)
    open_index(page, site_url)
    plain_title = page.title()
    open_index(page, site_url, f"#theme={theme}&stage={stage}")
    want = f"Practices \u2014 Theme: {names[('theme', theme)]}; Stage: {names[('stage', stage)]}"
    expect(page.locator("h1").first).to_have_text(want)
    assert page.title().startswith(want), page.title()
    page.locator("#kb-clear").click()
    assert page.title() == plain_title
    expect(page.locator("h1").first).to_have_text("All practices")
    page_log.assert_clean()


@offline_only
def test_empty_result_says_which_filter_to_drop(page, page_log, site_url, site_dir, index_data):
    names = option_names(site_dir)
    pair = next(
        (t, s)
        for t in index_data.options["theme"]
        for s in index_data.options["stage"]
        if expected_ids(index_data, {"theme": [t]}) and expected_ids(index_data, {"stage": [s]})
        and not expected_ids(index_data, {"theme": [t], "stage": [s]})
    )
    theme, stage = pair
    open_index(page, site_url, f"#theme={theme}&stage={stage}")
    assert_state(page, index_data, {"theme": [theme], "stage": [stage]})
    help_box = page.locator("#kb-empty")
    expect(help_box).to_be_visible()
    n = len(expected_ids(index_data, {"theme": [theme]}))
    button = help_box.get_by_role("button", name=f"Remove Stage: {names[('stage', stage)]} (would show {n})")
    expect(button).to_be_visible()
    expect(help_box.get_by_role("button", name=re.compile(r"^Remove Theme: "))).to_have_count(1)
    button.click()
    assert_state(page, index_data, {"theme": [theme]})
    expect(help_box).to_be_hidden()
    page_log.assert_clean()


# Every practice in the page: [id, hidden, parent id].
LISTED = "() => Array.from(document.querySelectorAll('li.kb-item')).map(e => [e.id, e.hidden, e.parentElement.id])"


@offline_only
def test_the_list_holds_only_the_shown_practices(page, page_log, site_url, index_data):
    """The practices not shown are out of the page, not hidden in it: in Chromium the
    hidden attribute of one item among thousands costs a walk of all its siblings."""
    theme, _ = pick_two(index_data)
    open_index(page, site_url)
    report = [it.id for it in sorted_by_report(index_data)]
    assert page.evaluate(LISTED) == [[i, False, "kb-results"] for i in first_page(page, report)]
    checkbox(page, "theme", theme).check()
    want = [i for i in report if i in set(expected_ids(index_data, {"theme": [theme]}))]
    assert page.evaluate(LISTED) == [[i, False, "kb-results"] for i in first_page(page, want)]
    page.locator("#kb-clear").click()
    assert page.evaluate(LISTED) == [[i, False, "kb-results"] for i in first_page(page, report)]
    assert page.evaluate("window.kbIndex.total()") == index_data.total
    page_log.assert_clean()


# Per shown practice: its title, summary and excerpt (null when it has none),
# each as [text, [marked words]] (the excerpt without its label).
MARKS = """() => Array.from(document.querySelectorAll('#kb-results > li.kb-item')).filter(li => !li.hidden)
    .map(li => ['.kb-item-title', '.kb-item-summary', '.kb-item-excerpt'].map(s => li.querySelector(s)).map(e => e && [
        Array.from(e.childNodes).filter(n => !n.classList?.contains('kb-excerpt-label')).map(n => n.textContent).join(''),
        Array.from(e.querySelectorAll('mark')).map(m => m.textContent)]))"""


@offline_only
def test_marks_follow_the_query_letter_by_letter(page, page_log, site_url, index_data):
    """Typing, deleting and clearing: at each step the marked words of the shown
    titles, summaries and excerpts are exactly those that match the query, and
    an item has an excerpt when a term matches neither its title nor its summary
    (marks and excerpts are redrawn only where they change)."""
    word = collections.Counter(
        w.lower() for it in index_data.items for w in re.findall(r"[A-Za-z]{6,}", f"{it.title} {it.summary}")
    ).most_common(1)[0][0]
    open_index(page, site_url)
    box = page.locator("#kb-q")
    for q in [word[:i] for i in range(1, len(word) + 1)] + [word[:2], f"{word} {word[:2]}", f"{word} commun", ""]:
        box.fill(q)
        terms = query_terms(q)
        items = page.evaluate(MARKS)
        assert items, q
        for title, summary, excerpt in items:
            for text, marks in filter(None, (title, summary, excerpt)):
                assert marks == [w for w in WORD.findall(text) if terms and word_matches(w, terms)], (q, text)
            shown = WORD.findall(title[0] + " " + (summary[0] if summary else ""))
            missing = [t for t in terms if not any(word_matches(w, [t]) for w in shown)]
            assert bool(excerpt) == bool(missing), (q, title[0], excerpt)
    page_log.assert_clean()
