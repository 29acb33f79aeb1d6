"""Rules that a deliberate change of the code must break a test for: each test
here was written against a mutation that the rest of the suite let through
(issue 13; `make mutation` runs the mutation tool that finds more).

No build and no browser: this file belongs to the fast tier.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.model import Practice, Source
from generator.problems import Problem, ProblemsFound
from generator.relations import NEIGHBOURS, Relations
from generator.textrules import check_markdown, check_plain, check_text, check_url
from generator.validate import Catalogue, load_catalogue, load_taxonomy, load_vocabularies
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
]


@pytest.mark.parametrize("old, new, field, message, kind", SOURCE_ERRORS, ids=[case[2] for case in SOURCE_ERRORS])
def test_source_errors_say_what_is_wrong(
    tmp_path: Path, old: str, new: str, field: str, message: str, kind: str
) -> None:
    root = edited(tmp_path, old, new, record=SOURCE)
    expected = [(SOURCE, line_of(root, new, record=SOURCE), field, message, kind)]
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
