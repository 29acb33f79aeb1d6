"""The Plan section in a real browser, over HTTP and from file://: state kept
in local storage, the summary, export and import (and refusals), the CSV's
formula rule, the printed action plan, keyboard use and axe.

Expected counts are computed here from the built HTML (tests/browser/conftest.py:
index_data), never read back from kb-plan.js."""

from __future__ import annotations

import collections
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator import exports, plan
from kbtest import offline_only

PLAN = "plan/index.html"
ACTION_PLAN = "plan/action-plan.html"
PLAN_FILES = sorted((Path(__file__).parent.parent / "data" / "plan").glob("*.json"))
STATUSES = [*plan.STATUSES, ""]
# The rules test_accessibility.py runs on every other page.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
    "preload": False,
}


def pid(it) -> str:
    """A practice's id, from its list item's (p-ID)."""
    return it.id.removeprefix("p-")


def open_plan(page, url: str, fragment: str = "") -> None:
    page.goto(url + PLAN + fragment)
    page.wait_for_function("() => window.kbPlan && window.kbPlan.storageKey() && window.kbIndex && window.kbIndex.total() > 0")


def item(page, practice_id: str):
    return page.locator(f"li#p-{practice_id}")


def assess(page, practice_id: str, status: str, priority: bool = False, note: str = "") -> None:
    """Through the page's own controls, as a reader does (the item shown first
    through the text box when it is not among the shown ones)."""
    li = item(page, practice_id)
    if not li.is_visible():
        # The list holds only the shown items: find its title among every item's element.
        page.evaluate(
            "id => window.kbIndex.apply({q: window.kbIndex.elements().find((li) => li.id === 'p-' + id)"
            ".querySelector('.kb-item-title').textContent})",
            practice_id,
        )
    li.locator(f"input[data-kb-field=status][value='{status}']").check()
    if priority:
        li.locator("input[data-kb-field=priority]").check()
    if note:
        li.locator("summary").click()
        li.locator("textarea").fill(note)
        li.locator("textarea").blur()


def entries(page) -> dict:
    return {k: {f: v for f, v in e.items() if f != "updated"} for k, e in page.evaluate("window.kbPlan.entries()").items()}


def no_canary(page) -> None:
    assert page.evaluate("() => window.__canary") is None


def test_state_survives_a_reload(page, page_log, site_url, index_data) -> None:
    open_plan(page, site_url)
    first, second = pid(index_data.items[0]), pid(index_data.items[1])
    assess(page, first, "in-place", priority=True, note="Since 2024; <b>bold</b> stays text")
    assess(page, second, "not-yet")
    before = entries(page)
    assert before[first]["status"] == "in-place" and before[first]["priority"] is True
    page.reload()
    page.wait_for_function("() => window.kbPlan && window.kbPlan.storageKey()")
    assert entries(page) == before
    assert item(page, first).locator("input[value='in-place']").is_checked()
    assert item(page, first).locator("textarea").input_value() == "Since 2024; <b>bold</b> stays text"
    expect(page.locator("#kb-plan-privacy")).to_contain_text("Nothing leaves this computer")
    page_log.assert_clean()


def test_export_clear_import_gives_the_same_plan(page, page_log, site_url, index_data, tmp_path) -> None:
    open_plan(page, site_url)
    for k, it in enumerate(index_data.items[:6]):
        assess(page, pid(it), STATUSES[k % 4], priority=k % 2 == 0, note=f"note {k}" if k % 3 == 0 else "")
    before = entries(page)
    with page.expect_download() as info:
        page.click("#kb-plan-export-json")
    exported = tmp_path / "plan.json"
    info.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    jsonschema.validate(doc, plan.schema())  # what the script writes, against the published schema
    assert doc["version"] == plan.VERSION and doc["site_build_date"]
    page.click("#kb-plan-clear")
    page.click("#kb-plan-clear-yes")
    assert entries(page) == {}
    page.set_input_files("#kb-plan-import", str(exported))
    expect(page.locator("#kb-plan-message")).to_contain_text("plan.json")
    assert entries(page) == before
    page.reload()
    page.wait_for_function("() => window.kbPlan && window.kbPlan.storageKey()")
    assert entries(page) == before
    page_log.assert_clean()


def _file(name: str, content: str | bytes) -> dict:
    return {"name": name, "mimeType": "application/json", "buffer": content.encode() if isinstance(content, str) else content}


@offline_only
def test_bad_files_are_refused_and_change_nothing(page, page_log, site_url, index_data) -> None:
    open_plan(page, site_url)
    first = pid(index_data.items[0])
    assess(page, first, "partly", note="keep me")
    before = entries(page)
    page.evaluate("window.kbPlan.flush()")  # the save that follows a change
    stored = page.evaluate("() => localStorage.getItem(window.kbPlan.storageKey())")
    base = {"format": plan.FORMAT, "version": plan.VERSION}
    bad = {
        "wrong version": (json.dumps({**base, "version": 2, "practices": {}}), "version 2"),
        "5 MB note": (json.dumps({**base, "practices": {first: {"status": "in-place", "priority": False, "note": "x" * 5_000_000}}}), "longer than"),
        "not JSON": ("<html><script>window.__canary=1</script>", "not a JSON file"),
        "another format": (json.dumps({"format": "x", "version": 1, "practices": {}}), "not a plan file"),
        "bad status": (json.dumps({**base, "practices": {first: {"status": "<img src=x onerror=window.__canary=1>", "priority": False}}}), "should be one of"),
    }
    for label, (content, says) in bad.items():
        page.set_input_files("#kb-plan-import", files=[_file(f"<img src=x onerror=window.__canary=1>{label}.json", content)])
        message = page.locator("#kb-plan-message")
        expect(message).to_contain_text(says)
        expect(message).to_contain_text("was not imported")
        expect(message).to_contain_text("<img src=x onerror=window.__canary=1>")  # the name as text
        assert message.evaluate("el => el.children.length") == 0, label
        assert entries(page) == before, label
        assert page.evaluate("() => localStorage.getItem(window.kbPlan.storageKey())") == stored, label
    no_canary(page)
    page_log.assert_clean()


@offline_only
def test_unknown_practices_and_markup_are_kept_as_text(page, page_log, site_url, index_data) -> None:
    """A practice not on the site (removed since) is kept, listed and
    exported; markup in a note or title is shown as text and never runs."""
    open_plan(page, site_url)
    first = pid(index_data.items[0])
    payload = '<img src=x onerror="window.__canary=1"><script>window.__canary=2</script>'
    doc = {"format": plan.FORMAT, "version": plan.VERSION, "practices": {
        first: {"status": "not-yet", "priority": True, "note": payload, "updated": "2026-01-01T00:00:00.000Z"},
        "a-practice-removed-since": {"status": "in-place", "priority": False, "title": payload, "note": payload},
    }}  # fmt: skip
    page.set_input_files("#kb-plan-import", files=[_file("tables.json", json.dumps(doc))])
    expect(page.locator("#kb-plan-message")).to_contain_text("Not on this site: 1")
    removed = page.locator("#kb-plan-removed")
    expect(removed).to_be_visible()
    expect(removed).to_contain_text("a-practice-removed-since")
    assert removed.locator("img, script").count() == 0
    assert payload in removed.inner_text()
    assert item(page, first).locator("textarea").input_value() == payload
    assert "a-practice-removed-since" in page.evaluate("window.kbPlan.exportDocument()")["practices"]
    csv = page.evaluate("window.kbPlan.csv()")
    assert "a-practice-removed-since" in csv
    page.reload()
    page.wait_for_function("() => window.kbPlan && window.kbPlan.storageKey()")
    expect(page.locator("#kb-plan-removed")).to_contain_text("a-practice-removed-since")
    no_canary(page)
    page_log.assert_clean()


def test_merge_combines_two_tables(page, page_log, http_site, index_data) -> None:
    open_plan(page, http_site)
    a, b = pid(index_data.items[0]), pid(index_data.items[1])
    assess(page, a, "partly", note="table one")
    theirs = {"format": plan.FORMAT, "version": plan.VERSION, "practices": {
        a: {"status": "in-place", "priority": True, "note": "table two", "updated": "2999-01-01T00:00:00.000Z"},
        b: {"status": "not-yet", "priority": False},
    }}  # fmt: skip
    page.set_input_files("#kb-plan-import", files=[_file("table-two.json", json.dumps(theirs))])
    expect(page.locator("#kb-plan-message")).to_contain_text("added: 1, combined: 1")
    got = entries(page)
    assert got[a]["status"] == "in-place" and got[a]["priority"] is True  # the later change, a priority kept
    assert "table one" in got[a]["note"] and "table two" in got[a]["note"]
    assert got[b]["status"] == "not-yet"
    page_log.assert_clean()


def test_the_validator_agrees_with_jsonschema(page, http_site) -> None:
    open_plan(page, http_site)
    validator = jsonschema.Draft202012Validator(plan.schema())
    for path in PLAN_FILES:
        doc = json.loads(path.read_text(encoding="utf-8"))
        js = page.evaluate("doc => window.kbPlan.validate(doc)", doc)
        assert (js == []) == validator.is_valid(doc), (path.name, js)


def test_csv_cells_follow_the_sites_rule(page, http_site) -> None:
    open_plan(page, http_site)
    cells = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")", "plain", "", "'=quoted", " =space", "1-2"]
    assert page.evaluate("cells => cells.map(c => window.kbPlan.csvCell(c))", cells) == [exports.csv_cell(c) for c in cells]


@offline_only
def test_the_summary_table_matches_the_statuses(page, page_log, site_url, index_data) -> None:
    open_plan(page, site_url)
    chosen = {pid(it): STATUSES[k % 5] for k, it in enumerate(index_data.items[:9])}
    for practice_id, status in chosen.items():
        assess(page, practice_id, status)
    for facet in ("stage", "theme"):
        want: dict = collections.defaultdict(collections.Counter)
        for it in index_data.items:
            for value in it.facets[facet]:
                want[value][chosen.get(pid(it), "")] += 1
        table = page.evaluate(
            """facet => Object.fromEntries(Array.from(document.querySelectorAll(`.kb-plan-summary[data-facet="${facet}"] tbody tr`)).map(tr => [
                tr.dataset.value, Object.fromEntries(Array.from(tr.querySelectorAll('td[data-status]')).map(td => [td.dataset.status, Number(td.textContent)]))]))""",
            facet,
        )
        assert set(table) == set(want)
        for value, counts in table.items():
            assert counts == {s: want[value][s] for s in STATUSES}, (facet, value)
        widths = page.evaluate(
            """facet => Object.fromEntries(Array.from(document.querySelectorAll(`.kb-plan-summary[data-facet="${facet}"] .kb-chart-row`)).map(row => [
                row.dataset.value, Object.fromEntries(Array.from(row.querySelectorAll('.kb-seg')).map(s => [s.dataset.status, s.getBoundingClientRect().width]))]))""",
            facet,
        )
        for value, segments in widths.items():
            total = sum(segments.values())
            for status, width in segments.items():
                assert abs(width / total - want[value][status] / sum(want[value].values())) < 0.02, (facet, value, status)
    page_log.assert_clean()


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@offline_only
def test_the_printed_action_plan_has_priorities_first_and_the_footer(page, page_log, site_url, index_data, tmp_path) -> None:
    open_plan(page, site_url)
    first, last = index_data.items[0], index_data.items[-1]
    assess(page, pid(first), "in-place", note="first note")
    assess(page, pid(last), "not-yet", priority=True, note="the priority note")
    page.goto(site_url + ACTION_PLAN)
    page.wait_for_load_state("load")
    expect(page.locator("#kb-ap-priorities")).to_contain_text("the priority note")
    pdf = tmp_path / "action-plan.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(_pdf_text(pdf).split())
    assert "Priorities" in text and "Other assessed practices" in text
    title = lambda it: " ".join(it.title.split()[:4])  # noqa: E731 - pdftotext may wrap a long title
    assert text.index("Priorities") < text.index(title(last)) < text.index("Other assessed practices") < text.index(title(first))
    assert "the priority note" in text and "Not yet" in text
    assert "E/CN.15/2022/CRP.4" in text
    assert "Not an official UNODC publication" in text
    page_log.assert_clean()


@offline_only
def test_the_blank_worksheet_lists_every_practice(page, page_log, site_url, index_data, tmp_path) -> None:
    page.goto(site_url + "plan/worksheet.html")
    page.wait_for_load_state("load")
    assert page.locator(".kb-ws-item").count() == index_data.total
    pdf = tmp_path / "worksheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = _pdf_text(pdf)
    assert "Responsible body" in text and "Not an official UNODC publication" in " ".join(text.split())
    page_log.assert_clean()


@offline_only
def test_keyboard_only(page, page_log, site_url, index_data) -> None:
    open_plan(page, site_url)
    first = pid(index_data.items[0])
    item(page, first).locator(".kb-item-title a").focus()
    page.keyboard.press("Tab")  # the status group, at its checked radio: "Not assessed", the first
    page.keyboard.press("ArrowRight")  # "In place", selected as the focus moves
    page.keyboard.press("ArrowRight")  # "Partly in place"
    page.keyboard.press("Tab")  # priority
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the details
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the note
    page.keyboard.type("typed with the keyboard")
    page.keyboard.press("Tab")
    got = entries(page)[first]
    assert got["status"] == list(plan.STATUSES)[1]
    assert got["priority"] is True and got["note"] == "typed with the keyboard"
    page_log.assert_clean()


@offline_only
def test_filters_keep_the_plan_heading(page, page_log, site_url, index_data) -> None:
    """The index names its filters in its heading; the Plan page keeps its own."""
    open_plan(page, site_url)
    heading = page.locator("h1").first.text_content()
    stage = index_data.items[0].facets["stage"][0]
    open_plan(page, site_url, f"#stage={stage}")
    page.wait_for_function("() => /stage=/.test(location.hash) && document.querySelector('#kb-active:not([hidden])')")
    assert page.locator("h1").first.text_content() == heading
    page_log.assert_clean()


def _serious(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_on_the_plan_pages_in_use(page, page_log, http_site, index_data, width) -> None:
    """axe on the pages as a reader has them: controls added, a message shown,
    a practice no longer on the site listed, the action plan filled."""
    page.set_viewport_size({"width": width, "height": 900})
    open_plan(page, http_site)
    assess(page, pid(index_data.items[0]), "partly", priority=True, note="a note")
    doc = {"format": plan.FORMAT, "version": plan.VERSION, "practices": {"gone-since": {"status": "in-place", "priority": False, "title": "Gone"}}}
    page.set_input_files("#kb-plan-import", files=[_file("x.json", json.dumps(doc))])
    found = {}
    for path in (PLAN, ACTION_PLAN, "plan/worksheet.html"):
        if path != PLAN:
            page.goto(http_site + path)
            page.wait_for_load_state("load")
        bad = _serious(Axe().run(page, options=AXE_OPTIONS).response["violations"])
        if bad:
            found[path] = bad
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width == 320 and overflow > 0:
            found[path + " (wider than 320 px)"] = overflow
    assert found == {}
    page_log.assert_clean()


def test_plan_after_instant_navigation(page, page_log, http_site, index_data) -> None:
    """Online, Material's instant navigation swaps the page in place: the plan
    must set itself up on the new content, and twice in a row."""
    first = pid(index_data.items[0])
    page.goto(http_site + "index.html")
    page.wait_for_load_state("load")
    page.locator(".md-nav__link", has_text="Plan").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/plan/index.html') && window.kbPlan.storageKey() && document.querySelector('.kb-plan-controls')")
    assess(page, first, "not-applicable")
    page.locator(".md-nav__link", has_text="Practices").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/practices/index.html')")
    page.locator(".md-nav__link", has_text="Plan").first.click()
    page.wait_for_function("() => location.pathname.endsWith('/plan/index.html') && document.querySelector('.kb-plan-controls')")
    expect(item(page, first).locator("input[value='not-applicable']")).to_be_checked()
    expect(page.locator("#kb-plan-progress")).to_contain_text("Assessed: 1 of")
    page_log.assert_clean()
