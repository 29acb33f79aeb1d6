"""Content checks for the practice records drawn from the 2022 expert group
meeting report (E/CN.15/2022/CRP.4).

These tests read the YAML files directly (yaml.safe_load); only the one that
runs the check of the whole catalogue imports the site generator. The report itself is not kept in the repository:

- the copying check compares records against a fingerprint of the report
  (hashes of its 8-word runs), written by tools/fingerprint.py into
  tests/data/egm-2022-fingerprint.txt;
- the support-level check compares each record's level with SIGNALS, a table
  of the wording ("experts agreed", "it was said", ...) of each paragraph,
  kept here and re-derived from the report when it lies beside the repository
  (../shared/seeds/..., as in CI); without the report only that re-derivation
  is skipped.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PRACTICES = ROOT / "practices"
TAXONOMY = ROOT / "taxonomy.yml"
FINGERPRINT = ROOT / "tests" / "data" / "egm-2022-fingerprint.txt"
# The report itself, beside the repository (never inside it); EGM_2022_REPORT
# points elsewhere.
REPORT = Path(
    os.environ.get(
        "EGM_2022_REPORT",
        ROOT.parent / "shared" / "seeds" / "000_a018372620a1379e.txt",
    )
)

SOURCE_ID = "egm-2022"
# Paragraphs 1-2 (mandate, format) and 5 (overview) feed only the source page.
SUBSTANTIVE_PARAGRAPHS = {3, 4} | set(range(6, 23))
# Records may not copy COPY_RUN (8) consecutive words of the report; the
# fingerprint holds the hash of every 8-word run.
COPY_RUN = 8

# Official names that records may quote word for word. An 8-word window that
# lies entirely inside one of these names is not counted as copying.
ALLOWED_NAMES = (
    "United Nations Standard Minimum Rules for the Treatment of Prisoners",
    "United Nations Rules for the Treatment of Women Prisoners and "
    "Non-custodial Measures for Women Offenders",
    "United Nations Standard Minimum Rules for Non-custodial Measures",
    "Basic principles on the use of restorative justice programmes in "
    "criminal matters",
    "United Nations standards and norms in crime prevention and criminal justice",
    "United Nations Office on Drugs and Crime",
    "Commission on Crime Prevention and Criminal Justice",
)


def _load_fingerprint_module():
    spec = importlib.util.spec_from_file_location(
        "fingerprint", ROOT / "tools" / "fingerprint.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fp = _load_fingerprint_module()


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_records() -> dict[str, dict]:
    records = {}
    for path in sorted(PRACTICES.glob("*.yml")):
        data = load_yaml(path)
        assert isinstance(data, dict), f"{path.name}: not a mapping"
        records[path.stem] = data
    return records


def load_fingerprint(path: Path = FINGERPRINT) -> set[str]:
    hashes = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            hashes.add(line)
    return hashes


RECORDS = load_records()
TAX = load_yaml(TAXONOMY)
SOURCE = load_yaml(ROOT / "sources" / f"{SOURCE_ID}.yml")
FINGERPRINT_HASHES = load_fingerprint()


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


# "the" before a name is part of quoting it, not copying.
_ALLOWED_WORDS = [["the", *fp.words(name)] for name in ALLOWED_NAMES]


def copied_runs(
    text: str,
    fingerprint: set[str] | None = None,
    allowed: list[list[str]] | None = None,
    min_words: int = COPY_RUN,
) -> list[str]:
    """Return every stretch of at least min_words words of text that is copied
    from the report, as text.

    A stretch is a chain of overlapping 8-word runs whose hashes are in the
    fingerprint; runs lying entirely inside an allowed official name do not
    count. With min_words=12 only stretches of 12 words or more are returned.
    """
    fingerprint = FINGERPRINT_HASHES if fingerprint is None else fingerprint
    allowed = _ALLOWED_WORDS if allowed is None else allowed
    tokens = fp.words(text)
    stretches: list[list[int]] = []  # [start, end) in tokens
    for start, run in enumerate(fp.runs(tokens, COPY_RUN)):
        if fp.run_hash(run) not in fingerprint:
            continue
        if any(_contains(name, list(run)) for name in allowed):
            continue
        end = start + COPY_RUN
        if stretches and start < stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    return [" ".join(tokens[a:b]) for a, b in stretches if b - a >= min_words]


def text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a record, with its place (`description`,
    `sources[0].source`, ...): a new text field is checked without a change
    here."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_fields(item, f"{path}[{index}]")


def _egm_sources(record: dict) -> list[dict]:
    return [s for s in record.get("sources") or [] if s.get("source") == SOURCE_ID]


# 0. basics -----------------------------------------------------------------


def test_there_are_records():
    # A floor only: the report alone gives over 40 practices, and later
    # sources add more.
    assert len(RECORDS) >= 40, len(RECORDS)


def test_every_record_passes_the_check():
    """What `make check` enforces (ids, vocabularies, related ids, paragraphs),
    once for the whole catalogue, naming every failing record."""
    from generator.problems import ProblemsFound
    from generator.validate import load_catalogue

    try:
        load_catalogue(ROOT)
    except ProblemsFound as found:
        pytest.fail("records that fail the check:\n" + "\n".join(map(str, found.problems)))


# 1. paragraph coverage ------------------------------------------------------


def test_every_substantive_paragraph_is_cited():
    cited = set()
    for record in RECORDS.values():
        for source in _egm_sources(record):
            cited.update(source.get("paragraphs") or [])
    missing = SUBSTANTIVE_PARAGRAPHS - cited
    assert not missing, f"paragraphs cited by no record: {sorted(missing)}"


def test_cited_paragraphs_exist():
    known = {p["number"] for p in SOURCE["paragraphs"]}
    assert known == set(range(1, 23))
    for stem, record in RECORDS.items():
        for source in _egm_sources(record):
            paragraphs = source.get("paragraphs") or []
            assert paragraphs, f"{stem}: no paragraphs cited"
            for number in paragraphs:
                assert isinstance(number, int) and not isinstance(number, bool)
                assert number in known, f"{stem}: unknown paragraph {number}"


# 2. themes and stages -------------------------------------------------------


def test_every_theme_used_at_least_twice():
    counts = Counter(t for r in RECORDS.values() for t in r.get("themes") or [])
    theme_ids = [t["id"] for t in TAX["themes"]]
    rare = {t: counts[t] for t in theme_ids if counts[t] < 2}
    assert not rare, f"themes used by fewer than two records: {rare}"
    unknown = set(counts) - set(theme_ids)
    assert not unknown, f"records use unknown themes: {unknown}"


# 3. no countries for this source ---------------------------------------------


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_egm_records_are_global(stem):
    record = RECORDS[stem]
    if not _egm_sources(record):
        pytest.skip("not drawn from egm-2022")
    assert "countries" not in record, f"{stem}: the report names no country"
    assert record.get("regions") == ["global"], f"{stem}: regions must be [global]"


# 4. no copying from the report ------------------------------------------------


def test_fingerprint_file_is_usable():
    header = FINGERPRINT.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#")
    assert len(FINGERPRINT_HASHES) > 1000
    assert all(len(h) == 16 for h in FINGERPRINT_HASHES)


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_no_copied_runs_in_record(stem):
    copied = {}
    for field, value in text_fields(RECORDS[stem]):
        runs = copied_runs(value)
        if runs:
            copied[field] = runs
    assert not copied, (
        f"{stem}: runs of {COPY_RUN} or more words copied from the report "
        f"(rewrite them in your own words): {copied}"
    )


def test_no_copied_runs_in_about_page():
    # The About page is a template now (its publisher section comes from configuration).
    templates = ROOT / "generator" / "templates"
    about = "\n".join((templates / name).read_text(encoding="utf-8") for name in ("about.md.j2", "_publisher.md.j2"))
    assert copied_runs(about) == []


def test_no_copied_runs_in_taxonomy_texts():
    texts = [t["definition"] for t in TAX["themes"]]
    texts += [p["summary"] for p in SOURCE["paragraphs"]]
    copied = [run for text in texts for run in copied_runs(text)]
    assert not copied, copied


def test_copied_runs_detects_copying_on_synthetic_text():
    original = (
        "The quick brown fox jumps over the lazy dog while seven sleepy "
        "owls watch quietly from the old oak tree near the river."
    )
    made_up_fingerprint = set(fp.fingerprint(original))
    copied = (
        "Someone wrote that the quick brown fox jumps over the lazy dog "
        "while seven sleepy owls watch, which is odd."
    )
    paraphrased = (
        "A fast fox leapt across a tired dog as several drowsy owls "
        "looked on silently from an ancient tree by the water."
    )
    assert copied_runs(copied, made_up_fingerprint, allowed=[]) == [
        "the quick brown fox jumps over the lazy dog while seven sleepy owls watch"
    ]
    assert copied_runs(paraphrased, made_up_fingerprint, allowed=[]) == []
    # Eight copied words are enough; seven are not.
    eight = "As noted, jumps over the lazy dog while seven sleepy: odd."
    seven = "As noted, over the lazy dog while seven sleepy: odd."
    assert copied_runs(eight, made_up_fingerprint, allowed=[]) == [
        "jumps over the lazy dog while seven sleepy"
    ]
    assert copied_runs(seven, made_up_fingerprint, allowed=[]) == []
    assert copied_runs(copied, made_up_fingerprint, allowed=[], min_words=12)
    assert copied_runs(eight, made_up_fingerprint, allowed=[], min_words=12) == []
    # Curly apostrophes, case and punctuation do not hide a copy.
    assert copied_runs(original.upper().replace(" ", " -- "), made_up_fingerprint, allowed=[])
    # A run lying inside an allowed name is not reported.
    allowed = [fp.words("the quick brown fox jumps over the lazy dog while seven sleepy owls watch")]
    assert copied_runs(copied, made_up_fingerprint, allowed=allowed) == []


def test_tokeniser_normalises_apostrophes_and_accents():
    assert fp.words("Offender\u2019s e.g. PRISON's Justi\u00e7a") == [
        "offenders",
        "e",
        "g",
        "prisons",
        "justica",
    ]


# 6. support levels against the report's wording --------------------------------
#
# SIGNALS lists, paragraph by paragraph and sentence by sentence, the wording
# that says how a point was backed. It is derived from the report by
# report_signals() below; test_signal_table_matches_report re-derives it when
# the report lies beside the repository and prints the new table if they
# differ. OWN_VOICE marks a sentence the report states in its own voice, with
# no attribution at all (no "experts agreed", "it was said" or the like).

OWN_VOICE = "(own voice)"

# Each label, with the pattern that finds it and the support level it can
# back (taxonomy.yml `support`). "welcomed" and "discussed" back no level.
SIGNAL_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("there was agreement", r"\bthere was agreement\b", "agreed"),
    ("there was consensus", r"\bthere was consensus\b", "agreed"),
    ("agreed", r"\bagreed\b", "agreed"),
    ("emphasized", r"\bemphasi[sz]ed\b", "emphasized"),
    ("stressed", r"\bstressed\b", "emphasized"),
    ("highlighted", r"\bhighlighted\b", "emphasized"),
    ("noted", r"\bnoted\b", "emphasized"),
    ("noting", r"\bnoting\b", "emphasized"),
    ("cautioned", r"\bcautioned\b", "emphasized"),
    ("it was said", r"\bit was (?:also |further )?said\b", "raised"),
    ("suggested", r"\bsuggested\b", "raised"),
    ("proposed", r"\bproposed\b", "raised"),
    ("mentioned", r"\bmentioned\b", "raised"),
    ("shared", r"\bshared\b", "shared"),
    ("welcomed", r"\bwelcomed\b", None),
    ("discussed", r"\bdiscussed\b", None),
)
# A statement in the report's own voice is, in the taxonomy's words, the
# source stating the point without recording agreement: at most `emphasized`.
# The report (paragraph 2) summarizes points made by numerous experts or met
# with consensus, so such a statement is more than a point merely `raised`.
LEVEL_OF_SIGNAL: dict[str, str | None] = {
    label: level for label, _, level in SIGNAL_PATTERNS
} | {OWN_VOICE: "emphasized"}

SIGNALS: dict[int, tuple[str, ...]] = {
    # paragraph: signals, sentence by sentence, in the order of the text
    1: ('(own voice)',),
    2: ('(own voice)', '(own voice)', '(own voice)', '(own voice)'),
    3: ('welcomed', 'it was said', 'agreed', 'it was said'),
    4: ('agreed', 'it was said', 'noted'),
    5: ('discussed',),
    6: ('noting', 'agreed', 'it was said', 'it was said', 'emphasized'),
    7: ('emphasized', 'it was said'),
    8: ('stressed', 'it was said', 'it was said'),
    9: ('agreed', 'emphasized', 'suggested'),
    10: ('agreed', 'emphasized', '(own voice)'),
    11: ('stressed', '(own voice)', 'noted', 'emphasized'),
    12: ('shared', 'there was agreement', '(own voice)', '(own voice)'),
    13: ('cautioned', 'emphasized'),
    14: ('there was consensus', 'shared', 'noted'),
    15: ('highlighted', 'it was said', '(own voice)', 'emphasized', 'noted'),
    16: ('agreed', 'proposed'),
    17: ('noted', '(own voice)', 'stressed'),
    18: ('agreed', '(own voice)', '(own voice)'),
    19: ('noted', 'highlighted', 'shared', 'it was said'),
    20: ('emphasized', 'noted', 'highlighted', 'it was said', 'shared', 'mentioned'),
    21: ('emphasized', '(own voice)', 'noted'),
    22: ('agreed', 'noted', '(own voice)', 'noted', 'noted'),
}


def report_paragraphs(text: str) -> dict[int, str]:
    """The numbered paragraphs of the report's body (not the annex's list),
    each joined into one line across page breaks, without section headings."""
    body = text[text.index("## I. Introduction") : text.index("## Annex")]
    heading = re.compile(r"^\s*(#|\*[^*].*\*\s*$)")
    body = "\n".join(line for line in body.splitlines() if not heading.match(line))
    parts = re.split(r"(?m)^(\d{1,2})\.\s", body)
    return {int(parts[i]): " ".join(parts[i + 1].split()) for i in range(1, len(parts), 2)}


# A sentence ends at a full stop followed by a capital ("e.g., schools" and
# "i.e., to supervise" are followed by lower case).
_SENTENCE_END = re.compile(r"(?<=[.])\s+(?=[A-Z])")


def paragraph_signals(paragraph: str) -> tuple[str, ...]:
    found: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        hits = sorted(
            (match.start(), label)
            for label, pattern, _ in SIGNAL_PATTERNS
            for match in re.finditer(pattern, sentence, re.IGNORECASE)
        )
        found += [label for _, label in hits] or [OWN_VOICE]
    return tuple(found)


def report_signals(text: str) -> dict[int, tuple[str, ...]]:
    return {n: paragraph_signals(p) for n, p in report_paragraphs(text).items()}


def levels_in(paragraphs: list[int], table: dict[int, tuple[str, ...]]) -> set[str]:
    """Support levels that the wording of these paragraphs can back. The
    mandate, format and overview paragraphs (1, 2, 5) back none."""
    return {
        level
        for number in paragraphs
        if number in SUBSTANTIVE_PARAGRAPHS
        for signal in table[number]
        if (level := LEVEL_OF_SIGNAL[signal]) is not None
    }


def support_problem(record: dict, table: dict[int, tuple[str, ...]] = SIGNALS) -> str | None:
    """Why the record's support level is not backed by the wording of the
    paragraphs it cites, or None. The level a record claims must occur in at
    least one cited paragraph: claiming more overstates the report, claiming
    less understates it."""
    cited = sorted({n for s in _egm_sources(record) for n in s.get("paragraphs") or []})
    found = levels_in(cited, table)
    if record.get("support") in found:
        return None
    wording = {n: table[n] for n in cited}
    return (
        f"support `{record.get('support')}` is not backed by the wording of "
        f"paragraphs {cited}: {wording} back only {sorted(found)}; choose a "
        f"level their wording supports (taxonomy.yml `support`)"
    )


def test_signal_table_covers_every_paragraph():
    assert set(SIGNALS) == {p["number"] for p in SOURCE["paragraphs"]}
    unknown = {s for signals in SIGNALS.values() for s in signals} - set(LEVEL_OF_SIGNAL)
    assert not unknown, unknown


def test_signal_table_matches_report():
    if not REPORT.is_file():
        pytest.skip(
            f"the report is not beside the repository ({REPORT}); SIGNALS cannot be "
            "re-derived (CI has it at ../shared/seeds; or set EGM_2022_REPORT)"
        )
    derived = report_signals(REPORT.read_text(encoding="utf-8"))
    if derived != SIGNALS:
        table = "\n".join(f"    {n}: {signals!r}," for n, signals in derived.items())
        pytest.fail(f"SIGNALS differs from the report; the derived table is:\n{table}")


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_support_matches_wording_of_cited_paragraphs(stem):
    record = RECORDS[stem]
    if not _egm_sources(record):
        pytest.skip("not drawn from egm-2022")
    problem = support_problem(record)
    assert problem is None, f"{stem}: {problem}"


def test_support_check_catches_a_wrong_level():
    # Paragraph 19's wording: noted, highlighted, shared and "it was said".
    record = {"support": "raised", "sources": [{"source": SOURCE_ID, "paragraphs": [19]}]}
    assert support_problem(record) is None
    assert "not backed" in (support_problem(record | {"support": "agreed"}) or "")
    # Own voice backs `emphasized`, never `agreed` or `raised`.
    table = {3: (OWN_VOICE,)}
    record = {"sources": [{"source": SOURCE_ID, "paragraphs": [3]}]}
    assert support_problem(record | {"support": "emphasized"}, table) is None
    assert support_problem(record | {"support": "agreed"}, table)
    assert support_problem(record | {"support": "raised"}, table)
    # The mandate paragraph backs no level, though the report states it.
    mandate = {"support": "emphasized", "sources": [{"source": SOURCE_ID, "paragraphs": [1]}]}
    assert support_problem(mandate)


def test_signal_derivation_on_synthetic_text():
    text = (
        "## I. Introduction\n\n1. Experts agreed on one thing. It was said that"
        " another, e.g., this, mattered.\n\n### *A heading*\n\n2. The report states"
        " a point\n\nacross a page break. Examples were shared.\n\n## Annex\n\n1. A name\n"
    )
    assert report_paragraphs(text)[2] == (
        "The report states a point across a page break. Examples were shared."
    )
    assert report_signals(text) == {1: ("agreed", "it was said"), 2: (OWN_VOICE, "shared")}


# --- standards by provenance --------------------------------------------------

# The standards each paragraph of the report names, by taxonomy id: kept here
# (so that the check runs without the report) and re-derived from the report
# when it lies beside the repository. A record may list under `standards` only
# what a paragraph it cites names; any other link is ours: `related_standards`.
NAMED_STANDARDS: dict[int, set[str]] = {10: {"mandela-rules", "bangkok-rules"}}


def report_named_standards(text: str, standards: list[dict]) -> dict[int, set[str]]:
    """Paragraph -> the ids of the standards whose name or official name it contains."""
    found: dict[int, set[str]] = {}
    for number, paragraph in report_paragraphs(text).items():
        words = fp.words(paragraph)
        for standard in standards:
            if any(_contains(words, fp.words(name)) for name in (standard["name"], standard["official_name"])):
                found.setdefault(number, set()).add(standard["id"])
    return found


def test_named_standards_table_matches_report():
    if not REPORT.is_file():
        pytest.skip(f"the report is not beside the repository ({REPORT}); NAMED_STANDARDS cannot be re-derived")
    assert report_named_standards(REPORT.read_text(encoding="utf-8"), TAX["standards"]) == NAMED_STANDARDS


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_standards_are_named_in_a_cited_paragraph(stem):
    record = RECORDS[stem]
    cited = {n for ref in _egm_sources(record) for n in ref["paragraphs"]}
    named = set().union(*(NAMED_STANDARDS.get(n, set()) for n in cited))
    not_named = [s for s in record.get("standards", []) if s not in named]
    assert not not_named, f"{stem}: no paragraph it cites names {not_named}; a link of ours belongs under related_standards, with a reason"


# A reason is our own words about the standard: no claim about the source,
# and no rule numbers (a wrong one would be a published error).
_REASON_CLAIMS = re.compile(r"\b(report|experts?|source|paragraphs?|meeting|rules? \d|paras?\.)", re.IGNORECASE)


@pytest.mark.parametrize("stem", sorted(RECORDS))
def test_related_standard_reasons_speak_of_the_standard_only(stem):
    for link in RECORDS[stem].get("related_standards", []):
        assert not _REASON_CLAIMS.search(link["reason"]), f"{stem}: {link['standard']}: {link['reason']!r}"


def test_named_standards_derivation_on_synthetic_text():
    text = "## I. Introduction\n\n1. In line with the Tokyo Rules.\n\n2. Nothing named.\n\n## Annex\n"
    standards = [{"id": "tokyo-rules", "name": "Tokyo Rules", "official_name": "United Nations Standard Minimum Rules for Non-custodial Measures"}]
    assert report_named_standards(text, standards) == {1: {"tokyo-rules"}}
