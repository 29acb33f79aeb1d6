"""The hostile corpus (tests/hostile/payloads.py) in every text field of a
record, of a source file and of the taxonomy: each placement is refused by
the check with file:line:field, or builds inert.

To stay affordable, all payloads go into one repository: record fields into
one fictional record per payload, source fields into one fictional source
file per payload (sources/hostile-<i>.yml, cited by record hostile-<i> and of
its own fictional kind, whose support level the record uses), taxonomy
fields into one fictional entry per payload and list. The check runs once on
all of it; the placements it refuses get a harmless value; the rest is built
once, guarded, and opened in headless Chromium over HTTP and from file://,
where no payload may run.

The build is made once per test session (kbtest.build_once, shared by the
xdist workers). Every page is swept from file:// (the offline bundle, as
facilitators hand it out), cut into SHARDS tests so that both workers share
it and finish together, except a page whose twin is swept: the same title
and article, word for word once its facet's name is set aside (a stage's
page and a theme's page that carry the same payload through the same
template), loading the same scripts. Over HTTP, one page of each kind (each
folder's index and first page, and the top-level pages): the bytes and the
Content-Security-Policy (a meta tag) are the same on both, and what HTTP
adds (instant navigation, the search worker, the sitemap) belongs to the
kind of page, not to the payload it carries. Sweeping every page over both
made this the largest cost of the suite.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from hostile.payloads import PAYLOADS, PLACEMENTS, RECORD, SOURCE, TAXONOMY
from kbtest import FIXTURES, build_once, copy_repo, index_and_first, off_site, run_generator, serve_site

from generator import engines
from generator.exports import FORMULA_STARTS
from generator.facets import FACETS
from generator.problems import ProblemsFound, field_name
from generator.validate import load_catalogue

VALID = FIXTURES / "valid"
HARMLESS = {
    "title": "Fictional hostile-corpus record {i}",
    "summary": "Fictional test record {i}, not from any real source.",
    "url": "https://example.org/hostile/{i}",
}
HARMLESS_DEFAULT = "Fictional test text {i}"
# A placement counts as refused only with a problem at exactly its file and field.
Placement = tuple[str, str]  # (file, field) as the check prints them


@dataclass
class Corpus:
    root: Path  # taxonomy.yml, sources/ and practices/
    targets: dict[Placement, tuple[int, int]]  # placement -> (payload, placement row)


def _base_record() -> dict[str, Any]:
    return yaml.safe_load((VALID / "practices" / "family-visits.yml").read_text(encoding="utf-8-sig"))


def _entry(kind: str, i: int) -> dict[str, Any]:
    """A fictional taxonomy entry of list ``kind`` for payload ``i``, every text harmless."""
    text = HARMLESS_DEFAULT.format(i=i)
    if kind == "standards":
        return {"id": f"hostile-{i}", "name": text, "definition": text, "official_name": text, "instrument": text, "year": 2000}
    if kind == "source_kinds":
        level = {"id": f"hostile-level-{i}", "name": text, "definition": text}
        return {"id": f"hostile-{i}", "name": text, "definition": text, "support": [level]}
    return {"id": f"hostile-{i}", "name": text, "definition": text}


def _source(i: int) -> dict[str, Any]:
    """Fictional source file ``sources/hostile-<i>.yml``, of kind ``hostile-<i>``, every text harmless."""
    text = HARMLESS_DEFAULT.format(i=i)
    return {
        "id": f"hostile-{i}", "title": text, "symbol": text, "publisher": text, "date": "2022-01-01",
        "url": HARMLESS["url"].format(i=i), "language": "en", "kind": f"hostile-{i}", "licence": text,
        "unit": "paragraph", "context": text, "meeting": {"dates": text, "format": text, "mandate": text},
        "paragraphs": [{"number": 1, "section": text, "summary": text}],
        "participants": [{"name": text, "position": text, "institution": text, "country": text, "region": None}],
    }  # fmt: skip


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def write_corpus(root: Path, refused: set[Placement] = frozenset()) -> Corpus:  # type: ignore[assignment]
    """Every payload in every placement, except the ``refused`` ones."""
    shutil.copytree(VALID / "practices", root / "practices", dirs_exist_ok=True)
    shutil.copytree(VALID / "sources", root / "sources", dirs_exist_ok=True)
    taxonomy = yaml.safe_load((VALID / "taxonomy.yml").read_text(encoding="utf-8"))
    base = {kind: len(entries) for kind, entries in taxonomy.items()}
    records: dict[int, dict[str, Any]] = {}
    sources: dict[int, dict[str, Any]] = {}
    targets: dict[Placement, tuple[int, int]] = {}
    for i, payload in enumerate(PAYLOADS):
        for kind in {path[0] for file, path in PLACEMENTS if file == TAXONOMY}:
            taxonomy[kind].append(_entry(kind, i))
        # Each record cites its own source, of its own kind, at that kind's level.
        record = {**_base_record(), "id": f"hostile-{i}", "related": [], "support": f"hostile-level-{i}", "sources": [{"source": f"hostile-{i}", "paragraphs": [1]}],
                  "related_standards": [{"standard": "tokyo-rules", "reason": HARMLESS_DEFAULT.format(i=i)}]}
        for field in ("title", "summary", "why_it_matters", "considerations"):
            record[field] = HARMLESS.get(field, HARMLESS_DEFAULT).format(i=i)
        records[i] = record
        sources[i] = _source(i)
        for row, (file, path) in enumerate(PLACEMENTS):
            full: tuple[str | int, ...]
            if file == RECORD:
                where, full, container = f"practices/hostile-{i}.yml", _full_path(path), record
            elif file == SOURCE:
                where, full, container = f"sources/hostile-{i}.yml", _full_path(path), sources[i]
            else:
                assert file == TAXONOMY, file
                where, full, container = "taxonomy.yml", (path[0], *_full_path(path[1:], base[path[0]] + i)), taxonomy
            placement = (where, field_name(full))
            targets[placement] = (i, row)
            if placement not in refused:
                _set(container, full, payload)
    _dump(root / "taxonomy.yml", taxonomy)
    for i, record in records.items():
        _dump(root / "practices" / f"hostile-{i}.yml", record)
        _dump(root / "sources" / f"hostile-{i}.yml", sources[i])
    return Corpus(root, targets)


def _full_path(path: tuple[str, ...], index: int | None = None) -> tuple[str | int, ...]:
    """The path with the first item of every list inside an entry, e.g.
    ("paragraphs", "summary") -> ("paragraphs", 0, "summary"); with an
    ``index``, the path is inside the entry at that index of a list:
    ("support", "name"), 7 -> (7, "support", 0, "name")."""
    full: list[str | int] = [] if index is None else [index]
    for part in path[:-1]:
        full += [part] if part == "meeting" else [part, 0]
    return (*full, path[-1])


def _set(container: Any, full: tuple[str | int, ...], value: str) -> None:
    for part in full[:-1]:
        container = container[part]
    container[full[-1]] = value


def refused_placements(root: Path) -> set[Placement]:
    """The placements the check refuses (every problem names file, line and field)."""
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(root)
    refused: set[Placement] = set()
    for problem in found.value.problems:
        assert problem.line >= 1 and problem.message, str(problem)
        refused.add((problem.file, problem.field))
    return refused


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, set[Placement]]:
    first = write_corpus(tmp_path_factory.mktemp("hostile-all"))
    refused = refused_placements(first.root)
    return first, refused


def test_the_corpus_is_large_and_covers_every_text_field(corpus: tuple[Corpus, set[Placement]]) -> None:
    first, _ = corpus
    assert len(PAYLOADS) >= 60
    assert len(first.targets) == len(PAYLOADS) * len(PLACEMENTS)


def test_every_refusal_names_file_line_and_a_placed_field(corpus: tuple[Corpus, set[Placement]]) -> None:
    first, refused = corpus
    assert refused, "the check refused nothing: the corpus did not reach it"
    assert refused <= set(first.targets), sorted(refused - set(first.targets))[:10]


def test_the_command_line_check_prints_the_refusals(corpus: tuple[Corpus, set[Placement]], tmp_path: Path) -> None:
    first, refused = corpus
    root = copy_repo(tmp_path / "repo", practices=first.root / "practices", taxonomy=first.root / "taxonomy.yml", sources=first.root / "sources")
    result = run_generator(root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    printed = {tuple(line.split(": ", 2)[:2]) for line in result.stderr.splitlines() if line.startswith(("practices/", "sources/", "taxonomy.yml"))}
    assert {(f"{file}:", field) for file, field in refused} <= {(f.rsplit(":", 1)[0] + ":", field) for f, field in printed}


@pytest.fixture(scope="session")
def hostile_site(corpus: tuple[Corpus, set[Placement]], tmp_path_factory: pytest.TempPathFactory, shared_folder: Path) -> tuple[Path, Corpus, set[Placement]]:
    _, refused = corpus
    accepted = write_corpus(tmp_path_factory.mktemp("hostile-accepted"), refused)
    load_catalogue(accepted.root)  # the rest passes the check
    summary = f"{len(PAYLOADS)} payloads x {len(PLACEMENTS)} placements: {len(refused)} refused by the check, {len(accepted.targets) - len(refused)} built"

    def build(root: Path) -> None:
        copy_repo(root, practices=accepted.root / "practices", taxonomy=accepted.root / "taxonomy.yml", sources=accepted.root / "sources")
        result = run_generator(root, "build")
        assert result.returncode == 0, result.stderr[-3000:]
        (root / "hostile-summary.txt").write_text(summary + "\n", encoding="utf-8")
        # The copy the page sweep opens: without the search index, which every
        # page would otherwise load (most of the sweep's time) and which
        # test_no_payload_runs_in_search_results covers on the full site.
        # Material's index and worker; Zensical's index by its engine row.
        zensical_index = Path(engines.get(None).search_index).stem
        ignored = ("search_index.*", "search.*.min.js*", f"{zensical_index}.js", f"{zensical_index}.json")
        shutil.copytree(root / "site" / "en", root / "sweep", ignore=shutil.ignore_patterns(*ignored))

    root = build_once(shared_folder, "hostile-repo", build)
    print(summary)
    return root / "site" / "en", accepted, refused


@pytest.mark.build
def test_accepted_placements_build_and_pass_the_guard(hostile_site: tuple[Path, Corpus, set[Placement]]) -> None:
    site, accepted, refused = hostile_site
    assert (site / "practices" / "hostile-0.html").is_file()
    assert (site / "sources" / "hostile-0.html").is_file()  # the source's own page, with its payloads
    assert len(accepted.targets) - len(refused) > len(PAYLOADS)  # many placements were built, not all refused


@pytest.mark.build
def test_csv_neutralises_formulas_and_json_stays_exact(hostile_site: tuple[Path, Corpus, set[Placement]]) -> None:
    site, _, refused = hostile_site
    rows = list(csv.DictReader(io.StringIO((site / "data" / "practices.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    records = {p["id"]: p for p in json.loads((site / "data" / "practices.json").read_text(encoding="utf-8"))["practices"]}
    formulas = [(i, payload) for i, payload in enumerate(PAYLOADS) if payload.startswith(FORMULA_STARTS)]
    assert formulas
    for i, payload in formulas:
        if (f"practices/hostile-{i}.yml", "title") not in refused:
            assert records[f"hostile-{i}"]["title"] == payload
            row = next(r for r in rows if r["id"] == f"hostile-{i}")
            assert row["title"] == "'" + payload


# --- in Chromium ------------------------------------------------------------------

# One pass over a loaded page: hover (pointer and focus events) every element
# with a title or tooltip, click every link a payload could have made (any
# link in the content that is not one of the site's own page links; a click
# that would navigate to a real address, such as a citation file, is
# cancelled, a script URL would still run here), then read the
# canary.
_SWEEP = """async () => {
  const titled = [...document.querySelectorAll('[title], [data-md-tooltip], abbr')];
  for (const e of titled) {
    for (const t of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'focusin', 'focus'])
      e.dispatchEvent(new MouseEvent(t, {bubbles: !t.endsWith('enter') && t !== 'focus'}));
  }
  const links = [...document.querySelectorAll("article a[href]:not([href$='.html']):not([href*='.html#']):not([href^='#'])")];
  for (const a of links) {
    // A real address (another page, a citation file, a mail client) only
    // navigates away: cancel it. Script-capable schemes are followed.
    const away = ['http:', 'https:', 'mailto:', 'file:'].includes(a.protocol);
    const stop = e => e.preventDefault();
    if (away) window.addEventListener('click', stop, {capture: true});
    a.click();
    if (away) window.removeEventListener('click', stop, {capture: true});
  }
  // A javascript: navigation runs in a task queued by the click: two turns
  // of the event loop (the page is loaded, so failed loads have fired).
  for (let turn = 0; turn < 2; turn++) await new Promise(r => setTimeout(r, 0));
  return {titled: titled.length, clicked: links.length, pwned: window.__pwned !== undefined};
}"""


@contextmanager
def _opened(site: Path, kind: str) -> Iterator[str]:
    """The base URL of ``site`` over ``kind`` (http or file), served while open."""
    if kind == "file":
        yield site.resolve().as_uri() + "/"
        return
    with serve_site(site) as base:
        yield base


@pytest.fixture(params=["http", "file"])
def hostile_base(request: pytest.FixtureRequest, hostile_site: tuple[Path, Corpus, set[Placement]]) -> Any:
    """The full hostile site (with its search index)."""
    with _opened(hostile_site[0], request.param) as base:
        yield base


def _hostile_page(browser: Any, base: str) -> tuple[Any, Any, list[str], list[str], list[str]]:
    """A page of a fresh context that reaches only the site, with what it did
    wrong: dialogs opened, Content-Security-Policy violations and requests
    off the site (aborted)."""
    context = browser.new_context()
    page = context.new_page()
    ran: list[str] = []
    violations: list[str] = []
    off_site_requests: list[str] = []
    page.on("dialog", lambda d: (ran.append(f"dialog {d.message!r} on {page.url}"), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    # A pattern, matched by Playwright's driver: only the requests off the
    # site reach Python (routing every request through Python cost 40% of
    # the sweep's CPU).
    context.route(off_site(base), lambda r: (off_site_requests.append(r.request.url), r.abort()))
    page.set_default_timeout(60_000)
    return context, page, ran, violations, off_site_requests


SHARDS = 4  # from file://: 4 tests of about 150 pages, for xdist to balance
EVERY_KIND = -1  # the shard of one page of each kind, swept over HTTP


def _pages(site: Path) -> list[str]:
    """Every page of a built site but 404.html, by path."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def _own_markup(sweep: Path, page: str) -> str:
    """What a page carries of its own: its title, its article and the scripts
    it loads, with the name and label of its folder's facet (our words, never
    a payload's) replaced by one placeholder."""
    text = (sweep / page).read_text(encoding="utf-8")
    title, article = (re.search(pattern, text, re.DOTALL) for pattern in ("<title>.*?</title>", "<article.*?</article>"))
    if not (title and article):
        return text  # a page of another shape is its own
    scripts = " ".join(src.rpartition("/")[2] for src in re.findall(r'<script[^>]* src="([^"]+)"', text))
    own = f"{title[0]}\n{article[0]}\n{scripts}"
    folder = page.rpartition("/")[0]
    for facet in FACETS.values():
        if facet.folder == folder:
            own = re.sub(rf"\b(?:{re.escape(facet.name)}|{re.escape(facet.label)})\b", "FACET", own, flags=re.IGNORECASE)
    return own


@functools.cache
def twins(sweep: Path) -> dict[str, str]:
    """The pages (but 404.html) whose own markup is that of an earlier page,
    in path order: each with that page, which the sweep opens for both."""
    first: dict[str, str] = {}
    twin_of: dict[str, str] = {}
    for page in _pages(sweep):
        twin_of.setdefault(page, first.setdefault(_own_markup(sweep, page), page))
    return {page: original for page, original in twin_of.items() if page != original}


def sweep_pages(sweep: Path, shard: int) -> list[str]:
    """Every page of the built hostile site (but 404.html and the twins of
    other pages), dealt round-robin into SHARDS shards, each with pages of
    every kind; or, for EVERY_KIND, the top-level pages and each folder's
    index and first page of a hostile record, source or entry."""
    pages = _pages(sweep)
    if shard != EVERY_KIND:
        return [page for page in pages if page not in twins(sweep)][shard::SHARDS]
    by_folder: dict[str, list[str]] = {}
    for page in pages:
        by_folder.setdefault(page.rpartition("/")[0], []).append(page)
    return [page for folder, inside in by_folder.items() for page in (index_and_first(inside, "hostile-") if folder else inside)]


def test_the_shards_cover_every_page_or_its_twin(hostile_site: tuple[Path, Corpus, set[Placement]]) -> None:
    site = hostile_site[0]
    sweep = site.parent.parent / "sweep"
    every = _pages(site)
    swept = [p for k in range(SHARDS) for p in sweep_pages(sweep, k)]
    twin_of = twins(sweep)
    assert sorted([*swept, *twin_of]) == every
    assert set(twin_of.values()) <= set(swept)
    # Twins are the entry pages of facets drawn by the same template with the
    # same payload (themes, stages and regions without practices today), each
    # with its payload on a swept page; the records, sources, handouts and
    # standards have none.
    assert all(_own_markup(sweep, page) == _own_markup(sweep, original) for page, original in twin_of.items())
    assert all(Path(page).name == Path(original).name for page, original in twin_of.items()), twin_of
    assert not {page.partition("/")[0] for page in twin_of} & {"practices", "sources", "handouts", "standards"}
    assert len(twin_of) < len(every) / 2, len(twin_of)
    assert not list(sweep.rglob("search_index.*")), "the sweep copy should not carry the search index"
    # Over HTTP: every folder, each with a page that carries a payload.
    kinds = sweep_pages(sweep, EVERY_KIND)
    assert {p.rpartition("/")[0] for p in kinds} == {p.rpartition("/")[0] for p in every}
    assert {"index.html", "practices/index.html", "practices/hostile-0.html", "sources/hostile-0.html"} <= set(kinds)
    assert len(kinds) < len(every) / 10, len(kinds)


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(("kind", "shard"), [*(("file", k) for k in range(SHARDS)), ("http", EVERY_KIND)])
def test_no_payload_runs_on_any_page(hostile_site: tuple[Path, Corpus, set[Placement]], browser: Any, kind: str, shard: int) -> None:
    sweep = hostile_site[0].parent.parent / "sweep"
    pages = sweep_pages(sweep, shard)
    titled = clicked = 0
    with _opened(sweep, kind) as base:
        context, page, ran, violations, off_site_requests = _hostile_page(browser, base)
        try:
            for rel in pages:
                page.goto(base + rel, wait_until="load")
                result = page.evaluate(_SWEEP)
                titled, clicked = titled + result["titled"], clicked + result["clicked"]
                if result["pwned"]:
                    ran.append(rel)
        finally:
            context.close()
    assert ran == [], f"a payload ran: {ran}"
    assert violations == [], violations[:5]
    assert off_site_requests == [], off_site_requests[:5]
    assert titled and clicked and (kind == "http" or len(pages) * SHARDS > len(PAYLOADS))


@pytest.mark.build
@pytest.mark.browser
def test_no_payload_runs_in_search_results(browser: Any, hostile_base: str, search_ui: Any) -> None:
    # Search results show the titles and text of pages that carry payloads
    # (through the engine's own search dialog: search_ui, tests/browser/conftest.py).
    context, page, ran, violations, off_site_requests = _hostile_page(browser, hostile_base)
    try:
        page.goto(hostile_base + "index.html", wait_until="load")
        search_ui.open(page)
        shown = 0
        for query in ("fictional", "script", "onerror", "javascript"):
            shown += len(search_ui.query(page, query, at_least_one=False))  # Material finds no "onerror"
            page.evaluate(_SWEEP)
        if page.evaluate("() => window.__pwned !== undefined"):
            ran.append("search results")
    finally:
        context.close()
    assert ran == [], f"a payload ran: {ran}"
    assert violations == [], violations[:5]
    assert off_site_requests == [], off_site_requests[:5]
    assert shown, "search showed no result"



@pytest.mark.browser
@pytest.mark.parametrize(
    "body",
    [
        '<article><a href="javascript:window.__pwned=1">link</a></article>',
        '<img src="missing.png" onerror="window.__pwned=1">',
        '<article><span title="tip" onmouseover="window.__pwned=1">hover</span></article>',
    ],
    ids=["javascript-link", "failed-load", "tooltip-hover"],
)
def test_the_sweep_sees_a_payload_that_runs(browser: Any, tmp_path: Path, body: str) -> None:
    """The sweep's own check, on a page without the policy where each payload
    does run: a click's javascript: navigation, a failed load's handler, a hover."""
    page_file = tmp_path / "page.html"
    page_file.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        assert page.evaluate(_SWEEP)["pwned"] is True
    finally:
        context.close()
