"""A second, FICTIONAL source of another kind, with a practice that names a
country, carried through check, build, pages, filters and exports.

The valid fixture holds it: sources/fictional-national-report-2024.yml (a
made-up government report, symbol FICTIONAL/2024/1) and
practices/fictional-mentoring-after-release.yml (Chile, Americas).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from kbtest import FIXTURES
from test_exports import check_csv, check_json_names

VALID = FIXTURES / "valid"
RECORD = "fictional-mentoring-after-release"
SYMBOL = "FICTIONAL/2024/1"


@pytest.fixture
def built(valid_fixture_build: Path) -> Path:
    """The valid fixture (with its fictional second source) checked and built
    (tests/conftest.py: once per session)."""
    return valid_fixture_build


@pytest.mark.build
def test_practice_page_shows_country_region_and_both_citations(built: Path) -> None:
    html = (built / "site" / "en" / "practices" / f"{RECORD}.html").read_text(encoding="utf-8")
    assert "Chile (Americas, South America)" in html
    assert 'href="../regions/americas.html#country-cl"' in html
    assert "Described by the government, with results" in html
    # The citation block (text and files) names both sources.
    assert re.search(rf"Based on {re.escape(SYMBOL)}, p\. 7; Example report of an expert meeting, para\. 5", html)
    for source_id in ("fictional-national-report-2024", "egm-2022"):
        assert f'href="../cite/sources/{source_id}.ris"' in html
        assert (built / "site" / "en" / "cite" / "sources" / f"{source_id}.ris").is_file()


@pytest.mark.build
def test_region_page_groups_by_sub_region_and_country(built: Path) -> None:
    html = (built / "site" / "en" / "regions" / "americas.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>South America</h2>", html)
    assert re.search(r'<h3 [^>]*id="country-cl"[^>]*>Chile</h3>', html)
    assert f"{RECORD}.html" in html


@pytest.mark.build
def test_index_offers_region_and_country_filters_that_find_it(built: Path) -> None:
    html = (built / "site" / "en" / "practices" / "index.html").read_text(encoding="utf-8")
    item = re.search(rf'<li class="kb-item" id="p-{RECORD}"([^>]*)>', html)
    assert item, "the practice is not in the index"
    attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', item.group(1)))
    assert attrs["country"] == "CL" and "americas" in attrs["region"].split()
    assert attrs["source"].split() == ["fictional-national-report-2024", "egm-2022"]
    assert set(attrs["kind"].split()) == {"government-report", "expert-meeting"}
    for facet, value in (("country", "CL"), ("region", "americas"), ("source", "fictional-national-report-2024"), ("kind", "government-report")):
        assert f'<fieldset class="kb-facet" data-facet="{facet}">' in html
        assert f'name="{facet}" value="{value}"' in html
    # No filter value that no practice has: oceania and asia are unused here.
    assert 'value="oceania"' not in html and 'value="asia"' not in html


@pytest.mark.build
def test_sources_index_lists_both(built: Path) -> None:
    html = (built / "site" / "en" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'href="egm-2022.html"' in html and 'href="fictional-national-report-2024.html"' in html
    assert "Government or agency report" in html and SYMBOL in html


@pytest.mark.build
def test_exports_carry_its_symbol(built: Path) -> None:
    site = built / "site" / "en"
    check_json_names(built, site)
    check_csv(built, site)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((site / "data" / "practices.csv").read_bytes().decode("utf-8-sig"), newline=""))}
    assert rows[RECORD]["citation"] == f"{SYMBOL}, p. 7; Example report of an expert meeting, para. 5"
    assert rows[RECORD]["country_names"] == "Chile"
    document = json.loads((site / "data" / "practices.json").read_text(encoding="utf-8"))
    entry = next(e for e in document["practices"] if e["id"] == RECORD)
    assert entry["resolved"]["sources"][0]["symbol"] == SYMBOL
    assert entry["resolved"]["support"] == {"id": "described-with-results", "name": "Described by the government, with results", "kind": "government-report"}
