"""Standards by provenance, as a reader sees it in Chromium: on a practice
page and on a standard's page, the standards the source names and the ones we
relate ourselves are two labelled groups, never mixed, each related one with
our reason. Runs on the session's build of the real catalogue."""

from __future__ import annotations

import yaml

from kbtest import ROOT

NAMED = "Standards named by the source"
RELATED = "Related standards (our cross-reference, not the source's)"

# What each group holds: the heading, then everything up to the next heading.
_GROUPS = """() => Object.fromEntries([...document.querySelectorAll('article h2, article h3')].map(h => {
  const parts = [];
  for (let e = h.nextElementSibling; e && !/^H[1-3]$/.test(e.tagName); e = e.nextElementSibling) parts.push(e);
  return [h.textContent.trim(), {
    text: parts.map(e => e.innerText).join('\\n'),
    links: parts.flatMap(e => [...e.querySelectorAll('a')].map(a => a.getAttribute('href'))),
  }];
}))"""


def _record(stem: str) -> dict:
    return yaml.safe_load((ROOT / "practices" / f"{stem}.yml").read_text(encoding="utf-8"))


def _groups(page, url: str) -> dict[str, dict]:
    page.goto(url)
    return page.evaluate(_GROUPS)


def test_practice_page_shows_named_standards_with_their_paragraph(page, site_url):
    groups = _groups(page, site_url + "practices/safe-and-decent-prison-conditions.html")
    assert NAMED in groups and RELATED not in groups
    named = groups[NAMED]
    assert "Nelson Mandela Rules" in named["text"] and "Bangkok Rules" in named["text"]
    assert "para. 10" in named["text"] and any(h.endswith("egm-2022.html#para-10") for h in named["links"])
    assert any(h.endswith("standards/mandela-rules.html") for h in named["links"])


def test_practice_page_shows_related_standards_apart_with_our_reason(page, site_url):
    reason = _record("principle-of-normality")["related_standards"][0]["reason"]
    groups = _groups(page, site_url + "practices/principle-of-normality.html")
    assert RELATED in groups and NAMED not in groups
    assert "Nelson Mandela Rules" in groups[RELATED]["text"] and reason in groups[RELATED]["text"]
    # No standard is shown as a tag beside the report's themes and stages.
    assert page.locator(".kb-tags a[href*='standards/']").count() == 0


def test_standard_page_shows_named_and_related_practices_as_two_groups(page, site_url):
    groups = _groups(page, site_url + "standards/mandela-rules.html")
    named = groups["Practices for which the source names this standard"]
    related = groups["Practices we relate to this standard (our cross-reference, not the source's)"]
    assert any(h.endswith("safe-and-decent-prison-conditions.html") for h in named["links"])
    assert not any(h.endswith("principle-of-normality.html") for h in named["links"])
    assert any(h.endswith("principle-of-normality.html") for h in related["links"])
    assert not any(h.endswith("safe-and-decent-prison-conditions.html") for h in related["links"])
    assert "Our reason: " + _record("principle-of-normality")["related_standards"][0]["reason"] in related["text"]
