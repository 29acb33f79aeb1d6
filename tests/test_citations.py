"""Citation files read back with maintained parsers: RIS with rispy, BibTeX
with bibtexparser, CSL-JSON against the CSL project's own schema."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from kbtest import FIXTURES, Built

from generator import citations
from generator.render import Settings
from generator.validate import load_catalogue

CSL_SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
SETTINGS = Settings(site_name="Test Knowledge Base", site_url="https://kb.example.org/", publisher="Example Publisher")
# Every character BibTeX treats specially, quotes, non-Latin letters and a line break.
AWKWARD = 'R&D: 100% of "cases" #1 cost $5_000 ^ ~{x} back\\slash, Ωμέγα 監獄\nnew line'


def _catalogue():
    return load_catalogue(FIXTURES / "valid")


def _references() -> list[citations.Reference]:
    catalogue = _catalogue()
    sources = catalogue.source_by_id
    refs = [citations.practice_reference(p, sources, SETTINGS) for p in catalogue.practices]
    refs += [citations.source_reference(s) for s in catalogue.sources]
    first = catalogue.practices[0]
    refs.append(citations.practice_reference(first.model_copy(update={"title": AWKWARD, "summary": AWKWARD}), sources, SETTINGS))
    return refs


@pytest.mark.parametrize("ref", _references(), ids=lambda r: r.key)
def test_ris_reads_back_with_rispy(ref: citations.Reference) -> None:
    text = citations.to_ris(ref)
    assert text.startswith("TY  - ") and text.endswith("ER  - \r\n")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == ("ELEC" if ref.kind == "webpage" else "RPRT")
    assert entry["title"] == " ".join(ref.title.split())
    assert entry["authors"] == [ref.author]
    assert entry["year"] == ref.issued[:4]
    if ref.url:
        assert entry["urls"] == [ref.url]


def _unbrace(value: str) -> str:
    return value[1:-1] if value.startswith("{") and value.endswith("}") else value


def _bibtex_unescape(value: str) -> str:
    for escaped, plain in (("\\textbackslash{}", "\\"), ("\\^{}", "^"), ("\\~{}", "~")):
        value = value.replace(escaped, plain)
    for char in "{}$&%#_":
        value = value.replace("\\" + char, char)
    return value


@pytest.mark.parametrize("ref", _references(), ids=lambda r: r.key)
def test_bibtex_reads_back_with_bibtexparser(ref: citations.Reference) -> None:
    library = bibtexparser.parse_string(citations.to_bibtex(ref))
    assert library.failed_blocks == []
    [entry] = library.entries
    assert entry.key == ref.key
    assert entry.entry_type == ("misc" if ref.kind == "webpage" else "techreport")
    assert _bibtex_unescape(_unbrace(entry["title"])) == " ".join(ref.title.split())
    assert _unbrace(entry["author"]) == ref.author  # braced: one name, never split
    assert entry["year"] == ref.issued[:4]


def test_bibtex_escapes_every_special_character() -> None:
    escaped = citations.bibtex_escape(AWKWARD)
    assert "\n" not in escaped
    for raw, safe in (("&", r"\&"), ("%", r"\%"), ("#", r"\#"), ("$", r"\$"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}")):
        assert escaped.count(safe) == AWKWARD.count(raw)
    assert r"\textbackslash{}" in escaped and r"\^{}" in escaped and r"\~{}" in escaped
    # Braces balance once the escaped ones are removed: the value cannot end the field.
    bare = escaped.replace(r"\{", "").replace(r"\}", "")
    depth = 0
    for char in bare:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("ref", _references(), ids=lambda r: r.key)
def test_csl_json_is_valid_against_the_csl_schema(ref: citations.Reference) -> None:
    data = json.loads(citations.to_csl_json(ref))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(data)
    assert data[0]["id"] == ref.key and data[0]["title"] == ref.title


def test_the_schema_check_can_fail() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(CSL_SCHEMA).validate([{"id": "x", "type": "web page"}])


def test_without_a_site_url_no_address_is_invented() -> None:
    catalogue = _catalogue()
    practice = catalogue.practices[0]
    ref = citations.practice_reference(practice, catalogue.source_by_id, Settings(site_name="KB"))
    assert ref.url is None
    assert "UR  -" not in citations.to_ris(ref) and "url =" not in citations.to_bibtex(ref)
    assert "URL" not in citations.to_csl(ref)
    assert "http" not in citations.citation_text(practice, catalogue.source_by_id, Settings(site_name="KB"))


def test_a_practice_citing_two_sources_cites_both() -> None:
    catalogue = _catalogue()
    sources = catalogue.source_by_id
    practice = next(p for p in catalogue.practices if len({ref.source for ref in p.sources}) > 1)
    ref = citations.practice_reference(practice, sources, SETTINGS)
    text = citations.citation_text(practice, sources, SETTINGS)
    for cited in practice.sources:
        expected = sources[cited.source].cite(cited.paragraphs)
        assert expected in text and expected in (ref.note or "")
    assert [s.id for s in citations.cited_sources(practice, sources)] == list(dict.fromkeys(r.source for r in practice.sources))


@pytest.mark.build
def test_every_practice_page_links_its_three_citation_files(built_site: Built) -> None:
    practices = sorted((built_site.root / "practices").glob("*.yml"))
    assert practices
    for record in practices:
        html = (built_site.site / "practices" / f"{record.stem}.html").read_text(encoding="utf-8")
        assert 'id="kb-cite-text"' in html and "Accessed" in html
        for ext in citations.FORMATS:
            target = built_site.site / citations.path("practices", record.stem, ext)
            assert target.is_file(), target
            assert f'href="../{citations.path("practices", record.stem, ext)}"' in html
    for ext in citations.FORMATS:
        assert (built_site.site / citations.path("sources", "egm-2022", ext)).is_file()
    # The real files parse too.
    for path in (built_site.site / citations.FOLDER).rglob("*"):
        if path.suffix == ".ris":
            assert len(rispy.loads(path.read_text(encoding="utf-8"))) == 1
        elif path.suffix == ".bib":
            assert bibtexparser.parse_string(path.read_text(encoding="utf-8")).failed_blocks == []
        elif path.name.endswith(".csl.json"):
            jsonschema.Draft7Validator(CSL_SCHEMA).validate(json.loads(path.read_text(encoding="utf-8")))
