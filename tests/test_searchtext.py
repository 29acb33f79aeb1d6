"""The text the practice index searches beyond titles and summaries
(generator/searchtext.py), and how it reaches the page: no build, no browser."""

from __future__ import annotations

import dataclasses
import html.parser

from kbtest import FIXTURES

from generator import searchtext
from generator.render import Settings, render
from generator.validate import load_catalogue


def test_every_free_text_field_of_the_model_is_searched() -> None:
    # Found by type: a new Markdown or plain-text field joins by itself.
    assert searchtext.text_fields() == ("description", "why_it_matters", "considerations")


def test_markdown_becomes_plain_text() -> None:
    text = "## Point\n\nA *b* and **c** [link](https://x.example/a_b) <b>d</b> snake_case `e`\n\n- one\n1. two\n> three"
    assert searchtext.plain(text) == "Point A b and c link d snake_case e one two three"


class _Items(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and a.get("class") == "kb-item":
            self.items[a["id"] or ""] = {k: v or "" for k, v in attrs if k.startswith("data-text-")}


def test_hostile_text_stays_inside_its_attribute() -> None:
    """Quotes, angle brackets and ampersands of a record are escaped for the
    attribute: a real HTML parser reads back exactly the record's text."""
    catalogue = load_catalogue(FIXTURES / "valid")
    practice = catalogue.practices[0]
    hostile = 'Say "hi" & <script>alert(1)</script> \' onmouseover=x <!-- --> </li>'
    changed = practice.model_copy(update={"description": hostile})
    catalogue = dataclasses.replace(catalogue, practices=(changed, *catalogue.practices[1:]))
    page = render(catalogue, Settings(site_name="T"), "2026-01-01")["practices/index.md"]
    assert isinstance(page, str)
    assert "<script>" not in page and 'onmouseover=x "' not in page
    parser = _Items()
    parser.feed(page)
    assert parser.items[f"p-{practice.id}"]["data-text-description"] == searchtext.plain(hostile)
    assert "Example" in parser.items[f"p-{practice.id}"]["data-text-source"]
