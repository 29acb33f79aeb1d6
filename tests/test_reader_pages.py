"""The pages that help a reader judge and cite: the support scale and its key,
lists strongest first, each practice once on stage and support pages, the
About page's publisher from configuration, the Data page, the print footer.
Rendering only (fast); the browser tests are in tests/browser/test_citing.py."""

from __future__ import annotations

import re

from kbtest import FIXTURES

from generator import printing, strength
from generator.render import Settings, render
from generator.validate import load_catalogue

BUILD_DATE = "2026-01-01"


def _render(**settings: object) -> dict[str, str | bytes]:
    base: dict[str, object] = {"site_name": "Test Knowledge Base"}
    return render(load_catalogue(FIXTURES / "valid"), Settings(**{**base, **settings}), BUILD_DATE)  # type: ignore[arg-type]


def _text(files: dict[str, str | bytes], path: str) -> str:
    content = files[path]
    return content if isinstance(content, str) else content.decode("utf-8")


def _listed_ids(markdown: str) -> list[str]:
    return re.findall(r"^- \[[^\]]*\]\(\.\./practices/([a-z0-9-]+)\.md\)", markdown, re.M)


def test_scale_is_graded_in_taxonomy_order_within_each_kind() -> None:
    tax = load_catalogue(FIXTURES / "valid").taxonomy
    assert len(tax.source_kinds) > 1
    graded = strength.levels(tax)
    for kind in tax.source_kinds:
        of = len(kind.support)
        assert [graded[level.id].bars for level in kind.support] == list(range(of, 0, -1))
        assert {graded[level.id].of for level in kind.support} == {of}
        badge = strength.badge_html(graded[kind.support[0].id])
        assert kind.support[0].name in badge and f"support {of} of {of}" in badge
        assert 'aria-hidden="true"' in badge  # the bars; the words speak for them


def _rank(catalogue) -> dict[str, tuple[float, int]]:
    """Strongest first: place on its own kind's scale, then the kinds' order."""
    return {
        level.id: (-(len(kind.support) - n) / len(kind.support), k)
        for k, kind in enumerate(catalogue.taxonomy.source_kinds)
        for n, level in enumerate(kind.support)
    }


def test_stage_and_support_pages_list_each_practice_once_strongest_first() -> None:
    files = _render()
    catalogue = load_catalogue(FIXTURES / "valid")
    rank = _rank(catalogue)
    support_of = {p.id: p.support for p in catalogue.practices}
    checked = 0
    for folder in ("stages", "support"):
        for path in files:
            if path.startswith(f"{folder}/") and path != f"{folder}/index.md":
                page = _text(files, path)
                ids = _listed_ids(page)
                assert len(ids) == len(set(ids)), f"{path} lists a practice twice: {ids}"
                assert [rank[support_of[i]] for i in ids] == sorted(rank[support_of[i]] for i in ids), path
                if ids:
                    assert "Themes: [" in page and "kb-chip-theme" in page
                    assert 'class="kb-key' in page
                    checked += 1
    assert checked


def test_handout_is_strongest_first_with_key_and_colophon() -> None:
    files = _render(site_url="https://kb.example.org/")
    catalogue = load_catalogue(FIXTURES / "valid")
    rank = _rank(catalogue)
    by_title = {p.title: p for p in catalogue.practices}
    for theme in catalogue.taxonomy.themes:
        page = _text(files, f"handouts/{theme.id}.md")
        titles = re.findall(r"^## (.+)$", page, re.M)
        ranks = [rank[by_title[t].support] for t in titles if t in by_title]
        assert ranks == sorted(ranks)
        assert "kb-key-full" in page
        assert "Not an official UNODC publication" in page and f"https://kb.example.org/handouts/{theme.id}.html" in page


def test_about_page_names_only_a_configured_publisher() -> None:
    unset = _text(_render(), "about.md")
    assert "has not configured a contact" in unset and "issues" not in unset.split("## Who publishes this site")[1].split("##")[0]
    with_repo = _text(_render(repository_url="https://git.example.org/kb"), "about.md")
    assert "(<https://git.example.org/kb/issues>)" in with_repo
    configured = _text(_render(publisher="Example Institute", contact_url="mailto:kb@example.org"), "about.md")
    assert "published by Example Institute" in configured
    assert '<a href="mailto:kb@example.org">kb@example.org</a>' in configured
    # A contact that is not a web or mail address is not linked.
    odd = _text(_render(publisher="X", contact_url="javascript:alert(1)"), "about.md")
    assert "javascript:" not in odd and "has not configured a contact" in odd


def test_data_page_speaks_to_readers_with_fields_apart() -> None:
    page = _text(_render(), "data/index.md")
    readers, developers = page.split("## For developers")
    assert "spreadsheet" in readers and "`" not in readers.split("## Offline copy")[1]
    assert "| `why_it_matters` |" in developers
    assert "\\`" not in page  # no escaped backticks shown raw
    assert "<!-- kb-offline-copy -->" in page and "<!-- /kb-offline-copy -->" in page


def test_print_footer_css_escapes_text() -> None:
    assert printing.css_string('a"b\\c</style>}') == '"a\\22 b\\5c c\\3c /style\\3e \\7d "'
    files = _render(site_url="https://kb.example.org/")
    css = _text(files, printing.PATH)
    assert "counter(page)" in css and "counter(pages)" in css
    assert "Not an official UNODC publication" in css and "https://kb.example.org/" in css and BUILD_DATE in css
