"""Rules that a deliberate change of the code must break a test for: each test
here was written against a mutation that the rest of the suite let through
(issue 13; `make mutation` runs the mutation tool that finds more).

No build and no browser: this file belongs to the fast tier.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import AfterValidator, BaseModel, ValidationError

from generator.model import Practice, Source, _fail, practice_json_schema
from generator.problems import Problem, ProblemsFound
from generator.relations import NEIGHBOURS, Relations
from generator.textrules import check_markdown, check_plain, check_text, check_url
from generator.validate import (
    Catalogue,
    _pattern_message,
    _placeholders_first,
    _show,
    load_catalogue,
    load_taxonomy,
    load_vocabularies,
)
from kbtest import FIXTURES

VALID = FIXTURES / "valid"
RECORD = "practices/community-work-instead-of-prison.yml"
# Every record of the valid fixture: an accepted edit must drop none of them.
ALL_RECORDS = len(list((VALID / "practices").glob("*.yml")))


def edited(tmp_path: Path, old: str, new: str, record: str = RECORD) -> Path:
    """The valid fixture with one text replaced in one record."""
    shutil.copytree(VALID / "practices", tmp_path / "practices")
    shutil.copytree(VALID / "sources", tmp_path / "sources")
    shutil.copy(VALID / "taxonomy.yml", tmp_path / "taxonomy.yml")
    path = tmp_path / record
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def problems_of(root: Path) -> list[Problem]:
    with pytest.raises(ProblemsFound) as found:
        load_catalogue(root)
    return found.value.problems


def line_of(root: Path, text: str, record: str = RECORD) -> int:
    lines = (root / record).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# --- dates ---------------------------------------------------------------------


def test_reviewed_before_added_is_refused(tmp_path: Path) -> None:
    root = edited(tmp_path, 'reviewed: "2026-02-01"', 'reviewed: "2026-01-14"')
    assert problems_of(root) == [
        Problem(
            RECORD,
            line_of(root, "reviewed:"),
            "reviewed",
            "2026-01-14 is before the date added (2026-01-15); correct one of them",
            "bad-date",
        )
    ]


def test_reviewed_on_the_day_added_is_accepted(tmp_path: Path) -> None:
    root = edited(tmp_path, 'reviewed: "2026-02-01"', 'reviewed: "2026-01-15"')
    assert len(load_catalogue(root).practices) == ALL_RECORDS


# --- regions and countries -----------------------------------------------------------


def test_global_together_with_countries_is_refused(tmp_path: Path) -> None:
    root = edited(tmp_path, "regions: [africa, europe]", "regions: [global, africa, europe]")
    # The check is a validator of `countries` (it runs after `regions`), so it
    # names the countries line.
    assert problems_of(root) == [
        Problem(
            RECORD,
            line_of(root, "countries:"),
            "countries",
            "`global` means the source names no jurisdiction, but `countries` names some;"
            " remove `global` or the countries",
            "region-contradiction",
        )
    ]


def test_global_without_countries_is_accepted(tmp_path: Path) -> None:
    root = edited(tmp_path, "regions: [africa, europe]\ncountries: [KE]\n", "regions: [global]\n")
    assert len(load_catalogue(root).practices) == ALL_RECORDS


# --- the schema's messages ---------------------------------------------------------


def test_paragraph_zero_says_one_or_more(tmp_path: Path) -> None:
    root = edited(tmp_path, "paragraphs: [2]", "paragraphs: [0]")
    assert problems_of(root) == [
        Problem(
            RECORD, line_of(root, "paragraphs:"), "sources.0.paragraphs.0", "must be 1 or more, got 0", "wrong-type"
        )
    ]


def test_a_title_with_a_trailing_space_is_refused(tmp_path: Path) -> None:
    root = edited(
        tmp_path,
        "title: Community work instead of a short prison term",
        'title: "Community work instead of a short prison term "',
    )
    assert problems_of(root) == [
        Problem(RECORD, line_of(root, "title:"), "title", "has spaces at the start or end; remove them", "bad-text")
    ]


@pytest.mark.parametrize("value", ["text ", " text", "text\t", "\ttext"])
def test_plain_text_with_spaces_at_either_end_is_refused(value: str) -> None:
    assert check_plain(value) == "has spaces at the start or end; remove them"


@pytest.mark.parametrize("value", ["text", "two words", "خانه\u200cها", "a\tb"])
def test_plain_text_is_accepted(value: str) -> None:
    assert check_plain(value) is None


def test_plain_text_on_two_lines_points_at_the_break() -> None:
    flaw = check_plain("one\ntwo")
    assert flaw == "must be a single line of plain text; remove the line breaks" and flaw is not None and flaw.at == 3


@pytest.mark.parametrize(
    "value, message, at",
    [
        (
            "ab\u200bc",
            "contains the invisible character U+200B ZERO WIDTH SPACE at position 3;"
            " delete it (retype the text around it)",
            2,
        ),
        ("ab\x07c", "contains the control character U+0007 control character at position 3; delete it", 2),
        (
            "cafe\u0301",
            "is not in Unicode NFC form (letters and accents stored separately);"
            " retype it or normalise it to NFC in your editor",
            3,
        ),
    ],
)
def test_text_flaws_say_what_and_where(value: str, message: str, at: int) -> None:
    flaw = check_text(value)
    assert flaw == message and flaw is not None and flaw.at == at


def test_a_control_character_after_a_tab_is_counted_from_the_start() -> None:
    flaw = check_text("a\tb\x01")
    assert (
        flaw == "contains the control character U+0001 control character at position 4; delete it"
        and flaw is not None
        and flaw.at == 3
    )


@pytest.mark.parametrize("value, at", [("\u212b", 0), ("e\u0301", 0), ("xe\u0301", 1)])
def test_text_not_in_nfc_points_at_the_letter(value: str, at: int) -> None:
    # U+212B ANGSTROM SIGN has no combining mark: NFC turns it into U+00C5.
    flaw = check_text(value)
    assert flaw is not None and flaw.startswith("is not in Unicode NFC form") and flaw.at == at


def test_plain_text_on_three_lines_points_at_the_first_break() -> None:
    flaw = check_plain("one\ntwo\nthree")
    assert flaw is not None and flaw.at == 3


def test_markdown_flaws_quote_only_their_own_line() -> None:
    flaw = check_markdown("Text <b\nclass=x>")
    assert flaw is not None and flaw.startswith("raw HTML ('<b'...) is not allowed")
    text = "Text {:\n.x}"
    flaw = check_markdown(text)
    assert (
        flaw is not None
        and flaw.startswith("attribute lists such as '{:' are not allowed")
        and flaw.at == text.index("{")
    )


def test_markdown_flaws_point_at_their_offset() -> None:
    text = "Fine text.\n\nThen <b>bold</b>."
    flaw = check_markdown(text)
    assert flaw is not None and flaw.at == text.index("<b>")
    assert flaw.startswith("raw HTML ('<b>bold</b>.'...) is not allowed")
    link = "See [a](javascript:alert(1))."
    flaw = check_markdown(link)
    assert flaw is not None and flaw.at == link.index("javascript")
    assert (
        flaw == "link 'javascript:alert(1)' must be a full web address starting with https://;"
        " to link another practice, list its id under `related`"
    )


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://example.org/a b", "contains a space or control character at position 22; write a space as %20"),
        ("https://example.org:99999/", "is not a valid URL; copy it again from the browser's address bar"),
        ("ftp://example.org/", "must be a full web address starting with https://"),
        ("https://", "must be a full web address starting with https://"),
        ("https://u:p@example.org/", "must not contain a user name or password (the part before '@'); remove it"),
        ("https://u@example.org/", "must not contain a user name or password (the part before '@'); remove it"),
    ],
)
def test_url_messages(url: str, message: str) -> None:
    assert check_url(url) == message


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org/a?b=c#d", "https://example.org:8443/x"])
def test_urls_accepted(url: str) -> None:
    assert check_url(url) is None


# --- citations -----------------------------------------------------------------


def _source(unit: str) -> Source:
    _, sources = load_vocabularies(VALID)
    by_id = {source.id: source for source in sources}
    return by_id["egm-2022"].model_copy(update={"unit": unit, "symbol": "X/1"})


@pytest.mark.parametrize(
    "unit, numbers, cited",
    [
        ("paragraph", [14], "X/1, para. 14"),
        ("paragraph", [14, 15], "X/1, paras. 14, 15"),
        ("page", [3], "X/1, p. 3"),
        ("page", [3, 7], "X/1, pp. 3, 7"),
    ],
)
def test_citations_abbreviate_the_unit(unit: str, numbers: list[int], cited: str) -> None:
    assert _source(unit).cite(numbers) == cited


def test_a_citation_without_a_symbol_names_the_title() -> None:
    source = _source("paragraph").model_copy(update={"symbol": None})
    assert source.cite([2]) == "Example report of an expert meeting, para. 2"


# --- similar practices -----------------------------------------------------------


def _practice(n: int, theme: str, stage: str, related: tuple[str, ...] = ()) -> Practice:
    return Practice.model_validate(
        {
            "id": f"p{n:02d}",
            "title": f"Practice {n}",
            "summary": f"Summary of practice {n}.",
            "description": "Text.",
            "themes": [theme],
            "stages": [stage],
            "regions": ["global"],
            "support": "raised",
            "sources": [{"source": "egm-2022", "paragraphs": [1]}],
            "related": list(related),
            "added": "2026-01-01",
        }
    )


def _relations(practices: list[Practice]) -> Relations:
    taxonomy, sources = load_vocabularies(VALID)
    return Relations(Catalogue(taxonomy, tuple(practices), sources))


def ids(practices: list[Practice]) -> list[str]:
    return [p.id for p in practices]


def test_similar_practices_are_the_five_nearest_in_report_order() -> None:
    # Nine practices of the same theme and stage, in report order p00..p08.
    practices = [_practice(n, "community-measures", "sentencing") for n in range(9)]
    rel = _relations(practices)
    assert NEIGHBOURS == 5
    # Nearest first; of two as near, the earlier first.
    assert ids(rel.neighbours(practices[4])) == ["p03", "p05", "p02", "p06", "p01"]
    assert ids(rel.neighbours(practices[0])) == ["p01", "p02", "p03", "p04", "p05"]
    assert ids(rel.neighbours(practices[8])) == ["p07", "p06", "p05", "p04", "p03"]
    assert ids(rel.neighbours(practices[1])) == ["p00", "p02", "p03", "p04", "p05"]


def test_similar_practices_leave_out_related_ones_and_fill_from_the_theme() -> None:
    # p00..p02 share theme and stage; p03..p08 share only the theme; p09 has another theme.
    practices = [_practice(n, "community-measures", "sentencing", ("p01",) if n == 0 else ()) for n in range(3)]
    practices += [_practice(n, "community-measures", "custody") for n in range(3, 9)]
    practices += [_practice(9, "life-in-custody", "sentencing")]
    rel = _relations(practices)
    # p01 is related (shown elsewhere on the page); p02 shares the stage; then the
    # theme, nearest first, up to five.
    assert ids(rel.neighbours(practices[0])) == ["p02", "p03", "p04", "p05", "p06"]
    # Related both ways: p01 does not list p00, but p00 lists p01.
    assert ids(rel.neighbours(practices[1])) == ["p02", "p03", "p04", "p05", "p06"]
    assert ids(rel.neighbours(practices[9])) == []


def test_similar_practices_stop_at_five_in_a_large_pool() -> None:
    practices = [_practice(n, "community-measures", "sentencing" if n % 2 else "custody") for n in range(30)]
    rel = _relations(practices)
    for practice in practices:
        found = rel.neighbours(practice)
        assert len(found) == NEIGHBOURS and practice.id not in ids(found) and len(set(ids(found))) == NEIGHBOURS


# --- every kind of schema error, as a contributor reads it (from `make mutation`) ----

SOURCES = "sources:\n  - source: egm-2022\n    paragraphs: [2]"
LONG_ID = "Emphasized With Capitals And Spaces That Go On For Quite A While"  # 64 characters
SCHEMA_ERRORS = [
    (
        "title: Community work instead of a short prison term",
        "title: xy",
        "title",
        "is too short; write at least 3 characters",
        "too-short",
    ),
    ("themes: [community-measures]", "themes: []", "themes", "needs at least one entry", "too-short"),
    (SOURCES, "sources:\n  - egm-2022", "sources.0", "expected a group of fields, got text 'egm-2022'", "wrong-type"),
    (
        SOURCES,
        "sources:\n  source: egm-2022",
        "sources",
        "expected a list, such as [first, second], got a group of fields {'source': 'egm-2022'}",
        "wrong-type",
    ),
    (
        "stages: [sentencing, community]",
        "stages:\n  - sentencing\n  -",
        "stages.1",
        "is an empty entry; remove the lone '-' or the extra comma",
        "wrong-type",
    ),
    (
        "countries: [KE]",
        "countries:",
        "countries",
        "is empty; write a value after `countries:`, or delete the line if you do not need it",
        "wrong-type",
    ),
    (
        "title: Community work instead of a short prison term",
        "title:",
        "title",
        "is empty; write a value after `title:`",
        "wrong-type",
    ),
    (
        "    paragraphs: [2]",
        "    paragraphs: [2]\n    zzz: 1",
        "sources.0.zzz",
        "`zzz` is not allowed here; remove it (the fields here are: source, paragraphs)",
        "unknown-field",
    ),
    (
        "support: emphasized",
        "support: emphasized\ncolour: red",
        "colour",
        "`colour` is not a field of a practice; remove it",
        "unknown-field",
    ),
    (
        "support: emphasized",
        "support: [emphasized]",
        "support",
        "expected text (put it in quotes), got a list ['emphasized']",
        "wrong-type",
    ),
    # The union `IsoDate | None`: the field is named without pydantic's branch names.
    (
        'reviewed: "2026-02-01"',
        "reviewed: 20260201",
        "reviewed",
        "expected text (put it in quotes), got a whole number 20260201",
        "wrong-type",
    ),
    (
        "support: emphasized",
        f"support: {LONG_ID}",
        "support",
        "'Emphasized With Capitals And Spaces That Go On For Quite... is not a valid id: use lower-case letters,"
        " digits and single hyphens, such as `emphasized-with-capitals-and-spaces-that-go-on-for-quite-a-while`",
        "bad-id",
    ),
    (
        "paragraphs: [2]",
        "paragraphs: [two]",
        "sources.0.paragraphs.0",
        "expected a whole number, got text 'two'",
        "wrong-type",
    ),
    (
        "paragraphs: [2]",
        "paragraphs: [2.5]",
        "sources.0.paragraphs.0",
        "expected a whole number, got a number 2.5",
        "wrong-type",
    ),
    # The cases below were written against mutants of `make mutation` (mutation-run).
    (
        "id: community-work-instead-of-prison",
        "id: " + "a" * 65,
        "id",
        "is 65 characters long; the limit is 64; shorten it",
        "too-long",
    ),
    (
        "why_it_matters: |\n  Experts said it keeps people **in work and at home**; see the\n  [example report](https://example.org/reports/expert-meeting.html).\n",
        'why_it_matters: ""\n',
        "why_it_matters",
        "is too short; write at least 1 character",
        "too-short",
    ),
    # A misspelt required field is said once, as "did you mean", not also as missing.
    (
        "summary: >-",
        "summry: >-",
        "summry",
        "`summry` is not a field of a practice; did you mean `summary`?",
        "unknown-field",
    ),
    (
        "    paragraphs: [2]",
        "    paragraph: [2]",
        "sources.0.paragraph",
        "`paragraph` is not allowed here; did you mean `paragraphs`?",
        "unknown-field",
    ),
    (
        "  - standard: mandela-rules\n"
        "    reason: Fictional test reason, for the group of standards we relate ourselves.",
        "  - mandela-rules",
        "related_standards.0",
        "expected a group of fields, got text 'mandela-rules'",
        "wrong-type",
    ),
    (
        "themes: [community-measures]",
        "themes: [zzzz]",
        "themes.0",
        "`zzzz` is not a known themes id; see the `themes` list in taxonomy.yml",
        "unknown-reference",
    ),
    (
        'added: "2026-01-15"',
        'related: [zzzz]\nadded: "2026-01-15"',
        "related.0",
        "`zzzz` is not a known practices id; check the id of the other practice",
        "broken-related",
    ),
    (
        'reviewed: "2026-02-01"',
        'reviewed: "2026-2-1"',
        "reviewed",
        '\'2026-2-1\' is not a date written as "YYYY-MM-DD"; write it like "2026-11-24"',
        "bad-date",
    ),
    (
        "support: emphasized\n" + SOURCES,
        "support: recommended\n" + SOURCES + "\n  - source: fictional-national-report-2024\n    paragraphs: [1]",
        "support",
        "`recommended` is on the scale of 'UN standard or official guidance', but the record cites only sources of kind"
        " 'Expert meeting report' or 'Government or agency report';"
        " use one of: agreed, emphasized, raised, shared, described-with-results, described",
        "support-kind-mismatch",
    ),
]


@pytest.mark.parametrize(
    "old, new, field, message, kind", SCHEMA_ERRORS, ids=[case[2] + ":" + case[4] for case in SCHEMA_ERRORS]
)
def test_schema_errors_say_what_is_wrong(
    tmp_path: Path, old: str, new: str, field: str, message: str, kind: str
) -> None:
    root = edited(tmp_path, old, new)
    assert [(p.field, p.message, p.kind) for p in problems_of(root)] == [(field, message, kind)]


TAXONOMY_ERRORS = [
    # `sources:` is where the sources were before they moved to sources/<id>.yml.
    (
        "source_kinds:\n",
        "sources: []\nsource_kinds:\n",
        "sources",
        "`sources` is not a field of taxonomy.yml; did you mean `source_kinds`?",
        "unknown-field",
    ),
    (
        "source_kinds:\n",
        "zzzz: []\nsource_kinds:\n",
        "zzzz",
        "`zzzz` is not a field of taxonomy.yml; remove it",
        "unknown-field",
    ),
    # Inside a support level, the fields listed are the level's, not its kind's.
    (
        "      - id: agreed\n",
        "      - id: agreed\n        zzzz: 1\n",
        "source_kinds.0.support.0.zzzz",
        "`zzzz` is not allowed here; remove it (the fields here are: id, name, definition)",
        "unknown-field",
    ),
]


@pytest.mark.parametrize("old, new, field, message, kind", TAXONOMY_ERRORS, ids=[case[2] for case in TAXONOMY_ERRORS])
def test_taxonomy_errors_say_what_is_wrong(
    tmp_path: Path, old: str, new: str, field: str, message: str, kind: str
) -> None:
    root = edited(tmp_path, old, new, record="taxonomy.yml")
    expected = [("taxonomy.yml", field, message, kind)]
    assert [(p.file, p.field, p.message, p.kind) for p in problems_of(root)] == expected
    with pytest.raises(ProblemsFound) as found:  # `make new` reads the taxonomy and the sources alone
        load_vocabularies(root)
    assert [(p.file, p.field, p.message, p.kind) for p in found.value.problems] == expected
    with pytest.raises(ProblemsFound) as found:  # `make new-source` reads the taxonomy alone
        load_taxonomy(root)
    assert [(p.file, p.field, p.message, p.kind) for p in found.value.problems] == expected


SOURCE = "sources/egm-2022.yml"
SOURCE_ERRORS = [
    # The unit of a source was `sources.0.unit` in taxonomy.yml; it is now in the source's own file.
    (
        "unit: paragraph",
        "unit: section",
        "unit",
        "must be one of 'paragraph' or 'page', got 'section'",
        "wrong-type",
    ),
    ("unit: paragraph", "unit:", "unit", "is empty; write a value after `unit:`", "wrong-type"),
    # The language tag is neither an id nor a country code (it was reported as a bad country).
    (
        "language: en",
        "language: EN",
        "language",
        "'EN' is not a language tag: write it in lower case, such as `en`, `fr` or `es-MX`",
        "bad-language",
    ),
    (
        'date: "2022-04-29"',
        'date: "2022-4-29"',
        "date",
        '\'2022-4-29\' is not a date written as "YYYY-MM-DD"; write it like "2026-11-24"',
        "bad-date",
    ),
    # Inside `meeting`, the guess and the fields listed are the meeting's, not the source's.
    (
        "unit: paragraph",
        "unit: paragraph\nmeeting:\n  format: Fictional format (test data)\n"
        "  mandate: Fictional mandate (test data)\n  date: Fictional dates (test data)",
        "meeting.date",
        "`date` is not allowed here; did you mean `dates`?",
        "unknown-field",
    ),
    (
        "unit: paragraph",
        "unit: paragraph\nmeeting:\n  dates: Fictional dates (test data)\n"
        "  format: Fictional format (test data)\n  mandate: Fictional mandate (test data)\n  zzzz: 1",
        "meeting.zzzz",
        "`zzzz` is not allowed here; remove it (the fields here are: dates, format, mandate)",
        "unknown-field",
    ),
]


@pytest.mark.parametrize("old, new, field, message, kind", SOURCE_ERRORS, ids=[case[2] for case in SOURCE_ERRORS])
def test_source_errors_say_what_is_wrong(
    tmp_path: Path, old: str, new: str, field: str, message: str, kind: str
) -> None:
    root = edited(tmp_path, old, new, record=SOURCE)
    expected = [(SOURCE, line_of(root, new.splitlines()[-1], record=SOURCE), field, message, kind)]
    assert [(p.file, p.line, p.field, p.message, p.kind) for p in problems_of(root)] == expected
    with pytest.raises(ProblemsFound) as found:  # `make new` reads the taxonomy and the sources alone
        load_vocabularies(root)
    assert [(p.file, p.line, p.field, p.message, p.kind) for p in found.value.problems] == expected


def test_similar_practices_prefer_the_same_stage_to_nearness() -> None:
    # p00 and p06 share theme and stage; p01..p05, nearer to p00, share only the theme.
    practices = [_practice(0, "community-measures", "sentencing")]
    practices += [_practice(n, "community-measures", "custody") for n in range(1, 6)]
    practices += [_practice(6, "community-measures", "sentencing")]
    rel = _relations(practices)
    assert ids(rel.neighbours(practices[0])) == ["p06", "p01", "p02", "p03", "p04"]


# --- how values are shown in messages (from `make mutation`) ---------------------


def test_a_shown_value_is_cut_after_60_characters() -> None:
    assert _show("x" * 58) == "'" + "x" * 58 + "'"  # 60 characters: whole
    assert _show("x" * 59) == "'" + "x" * 56 + "..."  # 61: cut to 60


def test_an_id_suggestion_is_at_most_64_characters_and_only_when_there_is_one() -> None:
    long, kind = _pattern_message("id", ("id",), "A" * 70)
    assert long.endswith(f", such as `{'a' * 64}`") and kind == "bad-id"
    assert _pattern_message("related", ("related", 0), "--") == (
        "'--' is not a valid id: use lower-case letters, digits and single hyphens",
        "bad-id",
    )


def test_a_message_with_braces_is_shown_as_written() -> None:
    # A stranger's name with braces in a message: pydantic leaves a message
    # without context as it is, so escaping the braces doubled them.
    def refuse(value: str) -> str:
        raise _fail("unknown-reference", f"`{value}` is unknown")

    class Named(BaseModel):
        name: Annotated[str, AfterValidator(refuse)]

    with pytest.raises(ValidationError) as raised:
        Named(name="{kind}")
    assert raised.value.errors()[0]["msg"] == "`{kind}` is unknown"


def test_a_placeholder_hides_the_problems_of_its_field_and_below_only() -> None:
    found = [
        Problem(RECORD, 5, "sources.0", "still holds the template placeholder TODO", "placeholder"),
        Problem(RECORD, 5, "sources.0.source", "not a known source", "unknown-source"),
        Problem(RECORD, 6, "sources.01", "another field whose name starts alike", "wrong-type"),
    ]
    assert _placeholders_first(found) == [found[0], found[2]]


# --- the JSON Schema for editors ---------------------------------------------------


def test_the_schema_offers_no_empty_list_of_standards() -> None:
    taxonomy = load_taxonomy(VALID).model_copy(update={"standards": []})
    schema = practice_json_schema(taxonomy)
    assert "enum" not in schema["properties"]["standards"]["items"]
    assert schema["properties"]["themes"]["items"]["enum"] == ["after-release", "community-measures", "life-in-custody"]


def test_similar_practices_come_from_six_either_side_at_most() -> None:
    # p10's six nearest on either side are related to it, so shown elsewhere;
    # p03 and p17 are further than the window reaches (it stays O(log n)).
    practices = [_practice(n, "community-measures", "sentencing") for n in range(21)]
    related = tuple(f"p{n:02d}" for n in range(4, 17) if n != 10)
    practices[10] = _practice(10, "community-measures", "sentencing", related)
    assert ids(_relations(practices).neighbours(practices[10])) == []
