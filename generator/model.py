"""The one schema of a practice record and of the taxonomy.

Pydantic models, strict (no silent type coercion), extra fields forbidden.
The same models validate the YAML and export the JSON Schema for editors.
"""

from __future__ import annotations

from datetime import date
from collections.abc import Callable
from typing import Annotated, Any, Literal

import difflib

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PositiveInt, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from . import i18n, textrules

SCHEMA_VERSION = 1
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _rule(check: Callable[[str], str | None], kind: str) -> AfterValidator:
    def validate(value: str) -> str:
        if problem := check(value):
            # `at` lets the report name the line inside a multi-line block.
            raise PydanticCustomError(kind, str(problem), {"at": getattr(problem, "at", 0)})
        return value

    return AfterValidator(validate)


def _iso_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("bad-date", f"{value!r} is not a day of the calendar; correct it, written as \"YYYY-MM-DD\"") from None
    return value


def unknown(value: str, vocabulary: str, known: Any) -> str:
    """The message for an id that is not in a vocabulary, with a guess."""
    guess = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean `{guess[0]}`?" if guess else f"see the `{vocabulary}` list in taxonomy.yml" if vocabulary != "practices" else "check the id of the other practice"
    return f"`{value}` is not a known {vocabulary} id; {hint}"


# Cross-checks against the taxonomy and the sources run as validators of this
# one schema, with them as the validation context:
#   Practice.model_validate(data, context={"taxonomy": ..., "sources": {id: Source}})
# Without a context (or with None in it, when taxonomy.yml itself is broken)
# they are skipped, so the schema alone still checks the form of a record.


def _context(info: ValidationInfo, name: str) -> Any:
    return info.context.get(name) if isinstance(info.context, dict) else None


def _fail(kind: str, message: str) -> PydanticCustomError:
    # Without a context, pydantic leaves the message as written: braces in a
    # value (a stranger's name, say) are shown as they are, not doubled.
    return PydanticCustomError(kind, message)


def _reference(vocabulary: str, kind: str = "unknown-reference") -> AfterValidator:
    """The id must be in one list of the taxonomy."""

    def check(value: str, info: ValidationInfo) -> str:
        taxonomy = _context(info, "taxonomy")
        if taxonomy is not None:
            known = taxonomy.vocabulary(vocabulary)
            if value not in known:
                raise _fail(kind, unknown(value, vocabulary, known))
        return value

    return AfterValidator(check)


def _known_country(code: str, info: ValidationInfo) -> str:
    """Any ISO 3166-1 country, whose UN M49 region the record lists."""
    from .countries import countries

    country = countries().get(code)
    if country is None:
        raise _fail("unknown-country", f"`{code}` is not an ISO 3166-1 country code; use the two-letter code, such as KE for Kenya")
    regions = info.data.get("regions")  # absent when `regions` itself is wrong
    if regions is not None and country.region is not None and country.region not in regions:
        raise _fail("region-contradiction", f"{code} ({country.name}) is in region `{country.region}` (UN M49), which `regions` does not list; add it to `regions`")
    return code


def _known_source(source_id: str, info: ValidationInfo) -> str:
    sources = _context(info, "sources")
    if sources is not None and source_id not in sources:
        raise _fail("unknown-source", unknown(source_id, "sources", sources))
    return source_id


def _known_paragraph(number: int, info: ValidationInfo) -> int:
    source = (_context(info, "sources") or {}).get(info.data.get("source"))
    if source is not None:
        numbers = source.numbers
        if number not in numbers:
            raise _fail("unknown-paragraph", f"{source.id} has no {source.unit} {number} (it has {min(numbers)} to {max(numbers)}); cite one that exists")
    return number


def _support_fits_sources(level: str, info: ValidationInfo) -> str:
    """The level must be on the scale of the kind of a source the record cites."""
    taxonomy, sources, refs = _context(info, "taxonomy"), _context(info, "sources"), info.data.get("sources")
    if taxonomy is None or sources is None or not refs:
        return level
    level_kind = taxonomy.kind_of_level(level)
    cited = list(dict.fromkeys(sources[ref.source].kind for ref in refs))
    if level_kind is not None and level_kind.id not in cited:
        kinds = taxonomy.vocabulary("source_kinds")
        allowed = [entry.id for kind_id in cited for entry in kinds[kind_id].support]
        names = " or ".join(f"'{kinds[kind_id].name}'" for kind_id in cited)
        raise _fail("support-kind-mismatch", f"`{level}` is on the scale of '{level_kind.name}', but the record cites only sources of kind {names}; use one of: {', '.join(allowed)}")
    return level


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
PlainText = Annotated[str, _rule(textrules.check_plain, "bad-text")]
Markdown = Annotated[str, Field(min_length=1), _rule(textrules.check_markdown, "unsafe-markdown")]
Url = Annotated[str, _rule(textrules.check_url, "bad-url")]
IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_iso_date)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SourceRef(Strict):
    source: Annotated[Id, AfterValidator(_known_source)] = Field(description="Id of a source: the name of a file sources/<id>.yml.")
    paragraphs: list[Annotated[PositiveInt, AfterValidator(_known_paragraph)]] = Field(min_length=1, description="Numbers of the paragraphs (or pages) of the source that support the record.")


REASON_MAX = 200


class RelatedStandard(Strict):
    """A standard we relate to the practice ourselves: an editorial cross-reference, not the source's."""

    standard: Annotated[Id, _reference("standards")] = Field(description="Id of a standard from taxonomy.yml that plainly covers the practice, though the source does not name it for this point.")
    reason: Annotated[PlainText, Field(min_length=10, max_length=REASON_MAX)] = Field(description=f"One line in our own words (at most {REASON_MAX} characters): what the standard covers that makes it relevant; no claim about what the source says.")


class Practice(Strict):
    """One promising practice, as stated by the sources it cites."""

    id: Id = Field(description="Kebab-case identifier, equal to the file name without `.yml`; never reused.")
    title: Annotated[PlainText, Field(min_length=3, max_length=120)] = Field(description="Plain-text title.")
    summary: Annotated[PlainText, Field(min_length=10, max_length=300)] = Field(description="One or two plain-text sentences shown in lists and search results.")
    description: Markdown = Field(description="Markdown: what the practice is and how it works.")
    why_it_matters: Markdown | None = Field(None, description="Markdown: how the source links the practice to reducing reoffending.")
    considerations: Markdown | None = Field(None, description="Markdown: preconditions, cautions and risks that the source names.")
    themes: list[Annotated[Id, _reference("themes")]] = Field(min_length=1, description="Theme ids from taxonomy.yml.")
    stages: list[Annotated[Id, _reference("stages")]] = Field(min_length=1, description="Stage ids from taxonomy.yml.")
    regions: list[Annotated[Id, _reference("regions")]] = Field(min_length=1, description="Region ids from taxonomy.yml; `global` where the source names no jurisdiction.")
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_known_country)]] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes of the countries the source names for the practice; `regions` lists each one's UN M49 region.")
    standards: list[Annotated[Id, _reference("standards")]] = Field(default_factory=list, description="Ids of UN standards and norms that a cited paragraph of the source names for this practice.")
    related_standards: list[RelatedStandard] = Field(default_factory=list, description="Our own cross-references, not the source's: standards that plainly cover the practice though the source does not name them for it, each with a one-line reason.")
    sources: list[SourceRef] = Field(min_length=1, description="The source paragraphs that support every statement of the record.")
    # After `sources`, so that its validator sees the sources cited.
    support: Annotated[Id, _reference("support"), AfterValidator(_support_fits_sources)] = Field(description="Support level id: how strongly the source backs the practice, read off its wording; a level of the kind of a source it cites.")
    related: list[Id] = Field(default_factory=list, description="Ids of related practices; the site links them both ways.")
    added: IsoDate = Field(description="Date the record was added, as a quoted \"YYYY-MM-DD\".")
    reviewed: IsoDate | None = Field(None, description="Date the record was last checked against its sources.")

    @field_validator("countries")
    @classmethod
    def _no_country_where_none_is_named(cls, countries: list[str], info: ValidationInfo) -> list[str]:
        if countries and "global" in (info.data.get("regions") or []):
            raise _fail("region-contradiction", "`global` means the source names no jurisdiction, but `countries` names some; remove `global` or the countries")
        return countries


class Term(Strict):
    id: Id
    name: Annotated[PlainText, Field(max_length=80)]
    definition: Annotated[PlainText, Field(max_length=400)]


class Standard(Term):
    official_name: PlainText
    instrument: PlainText
    year: int


class Paragraph(Strict):
    number: PositiveInt
    section: PlainText
    summary: PlainText


class Participant(Strict):
    name: PlainText
    position: PlainText
    institution: PlainText
    country: PlainText | None
    region: Annotated[Id, _reference("regions")] | None


class Meeting(Strict):
    dates: PlainText
    format: PlainText
    mandate: PlainText


class SourceKind(Strict):
    """A kind of document, with the support scale that fits its wording."""

    id: Id
    name: Annotated[PlainText, Field(max_length=80)]
    definition: Annotated[PlainText, Field(max_length=400)]
    support: list[Term] = Field(min_length=1)


class Source(Strict):
    """One document that records cite: sources/<id>.yml."""

    id: Id = Field(description="Kebab-case identifier, equal to the file name without `.yml`; what records cite.")
    title: PlainText = Field(description="Full title of the document.")
    symbol: PlainText | None = Field(None, description="Document symbol or number, if it has one (e.g. E/CN.15/2022/CRP.4).")
    publisher: PlainText = Field(description="Who published it.")
    date: IsoDate = Field(description="Date of publication, as a quoted \"YYYY-MM-DD\".")
    url: Url = Field(description="The official, public copy (https://...).")
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = Field(description="Language of the document as a BCP 47 tag, e.g. en, fr, es-MX.")
    kind: Annotated[Id, _reference("source_kinds", "unknown-kind")] = Field(description="Id of a source kind in taxonomy.yml `source_kinds`; it decides which support levels records may use.")
    licence: PlainText = Field(description="Licence or reuse note: under what terms the document may be quoted or summarized.")
    unit: Literal["paragraph", "page"] = Field(description="What the numbers records cite count: paragraphs or pages.")
    context: PlainText | None = Field(None, description="What the document was prepared for, if that helps a reader.")
    meeting: Meeting | None = Field(None, description="For a meeting report: dates, format and mandate of the meeting.")
    paragraphs: list[Paragraph] = Field(min_length=1, description="Every number records may cite, each with its section and a one-line summary in our own words.")
    participants: list[Participant] = Field(default_factory=list, description="For a meeting report: the participants its annex lists.")

    @property
    def numbers(self) -> frozenset[int]:
        """The numbers records may cite."""
        cached = self.__dict__.get("_numbers")  # frozen model: computed once, kept beside the fields
        if cached is None:
            cached = self.__dict__["_numbers"] = frozenset(p.number for p in self.paragraphs)
        return cached

    def cite(self, numbers: list[int]) -> str:
        """``E/CN.15/2022/CRP.4, paras. 14, 15`` (English; the exports use it)."""
        return i18n.cite(self, numbers, "en")


class Taxonomy(Strict):
    themes: list[Term] = Field(min_length=1)
    stages: list[Term] = Field(min_length=1)
    regions: list[Term] = Field(min_length=1)
    source_kinds: list[SourceKind] = Field(min_length=1)
    standards: list[Standard] = Field(default_factory=list)

    @property
    def support(self) -> list[Term]:
        """Every support level of every kind, kind by kind, strongest first."""
        return [level for kind in self.source_kinds for level in kind.support]

    def kind_of_level(self, level_id: str) -> SourceKind | None:
        return next((kind for kind in self.source_kinds if any(level.id == level_id for level in kind.support)), None)

    def vocabulary(self, name: str) -> dict[str, Any]:
        """The entries of one list by id, e.g. ``vocabulary("themes")``."""
        return {entry.id: entry for entry in getattr(self, name)}


# Which record field refers to which taxonomy list.
REFERENCES = {
    "themes": "themes",
    "stages": "stages",
    "regions": "regions",
    "standards": "standards",
    "support": "support",
}


def practice_json_schema(taxonomy: Taxonomy | None = None, source_ids: list[str] | None = None) -> dict[str, Any]:
    """JSON Schema of a record; with a taxonomy and sources, their ids become enums for editors."""
    schema = Practice.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Practice record"
    if taxonomy is not None:
        props = schema["properties"]
        for field, vocabulary in REFERENCES.items():
            ids = sorted(taxonomy.vocabulary(vocabulary))
            target = props[field]
            if "items" in target:
                target["items"] = {**target["items"], "enum": ids} if ids else target["items"]
            else:
                target["enum"] = ids
        standard_ids = sorted(taxonomy.vocabulary("standards"))
        if standard_ids:
            schema["$defs"]["RelatedStandard"]["properties"]["standard"]["enum"] = standard_ids
        from .countries import countries

        props["countries"]["items"] = {**props["countries"]["items"], "enum": list(countries())}
        if source_ids:
            schema["$defs"]["SourceRef"]["properties"]["source"]["enum"] = sorted(source_ids)
    return schema


def source_json_schema(taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """JSON Schema of a source file; with a taxonomy, the kinds become an enum."""
    schema = Source.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Source of practice records"
    if taxonomy is not None:
        schema["properties"]["kind"]["enum"] = [kind.id for kind in taxonomy.source_kinds]
    return schema
