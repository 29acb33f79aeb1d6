"""The one schema of a practice record and of the taxonomy.

Pydantic models, strict (no silent type coercion), extra fields forbidden.
The same models validate the YAML and export the JSON Schema for editors.
"""

from __future__ import annotations

from datetime import date
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PositiveInt
from pydantic_core import PydanticCustomError

from . import textrules

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


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
PlainText = Annotated[str, _rule(textrules.check_plain, "bad-text")]
Markdown = Annotated[str, Field(min_length=1), _rule(textrules.check_markdown, "unsafe-markdown")]
Url = Annotated[str, _rule(textrules.check_url, "bad-url")]
IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), AfterValidator(_iso_date)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SourceRef(Strict):
    source: Id = Field(description="Id of a source listed in taxonomy.yml `sources`.")
    paragraphs: list[PositiveInt] = Field(min_length=1, description="Numbers of the paragraphs (or pages) of the source that support the record.")


class Practice(Strict):
    """One promising practice, as stated by the sources it cites."""

    id: Id = Field(description="Kebab-case identifier, equal to the file name without `.yml`; never reused.")
    title: Annotated[PlainText, Field(min_length=3, max_length=120)] = Field(description="Plain-text title.")
    summary: Annotated[PlainText, Field(min_length=10, max_length=300)] = Field(description="One or two plain-text sentences shown in lists and search results.")
    description: Markdown = Field(description="Markdown: what the practice is and how it works.")
    why_it_matters: Markdown | None = Field(None, description="Markdown: how the source links the practice to reducing reoffending.")
    considerations: Markdown | None = Field(None, description="Markdown: preconditions, cautions and risks that the source names.")
    themes: list[Id] = Field(min_length=1, description="Theme ids from taxonomy.yml.")
    stages: list[Id] = Field(min_length=1, description="Stage ids from taxonomy.yml.")
    regions: list[Id] = Field(min_length=1, description="Region ids from taxonomy.yml; `global` where the source names no jurisdiction.")
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes listed in taxonomy.yml `countries`.")
    standards: list[Id] = Field(default_factory=list, description="Ids of UN standards and norms the practice applies.")
    support: Id = Field(description="Support level id: how strongly the source backs the practice, read off its wording.")
    sources: list[SourceRef] = Field(min_length=1, description="The source paragraphs that support every statement of the record.")
    related: list[Id] = Field(default_factory=list, description="Ids of related practices; the site links them both ways.")
    added: IsoDate = Field(description="Date the record was added, as a quoted \"YYYY-MM-DD\".")
    reviewed: IsoDate | None = Field(None, description="Date the record was last checked against its sources.")


class Term(Strict):
    id: Id
    name: Annotated[PlainText, Field(max_length=80)]
    definition: Annotated[PlainText, Field(max_length=400)]


class Country(Strict):
    id: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: Annotated[PlainText, Field(max_length=80)]
    region: Id


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
    region: Id | None


class Meeting(Strict):
    dates: PlainText
    format: PlainText
    mandate: PlainText


class Source(Strict):
    id: Id
    title: PlainText
    symbol: PlainText | None = None
    organisation: PlainText
    date: IsoDate
    url: Url
    unit: Literal["paragraph", "page"]
    context: PlainText | None = None
    meeting: Meeting | None = None
    paragraphs: list[Paragraph] = Field(min_length=1)
    participants: list[Participant] = Field(default_factory=list)

    def unit_label(self, count: int) -> str:
        """``para.``/``paras.`` or ``p.``/``pp.``, as citations abbreviate them."""
        if self.unit == "paragraph":
            return "para." if count == 1 else "paras."
        return "p." if count == 1 else "pp."

    def cite(self, numbers: list[int]) -> str:
        """``E/CN.15/2022/CRP.4, paras. 14, 15``."""
        return f"{self.symbol or self.title}, {self.unit_label(len(numbers))} {', '.join(map(str, numbers))}"


class Taxonomy(Strict):
    themes: list[Term] = Field(min_length=1)
    stages: list[Term] = Field(min_length=1)
    regions: list[Term] = Field(min_length=1)
    countries: list[Country] = Field(default_factory=list)
    support: list[Term] = Field(min_length=1)
    standards: list[Standard] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)

    def vocabulary(self, name: str) -> dict[str, Any]:
        """The entries of one list by id, e.g. ``vocabulary("themes")``."""
        return {entry.id: entry for entry in getattr(self, name)}


# Which record field refers to which taxonomy list.
REFERENCES = {
    "themes": "themes",
    "stages": "stages",
    "regions": "regions",
    "countries": "countries",
    "standards": "standards",
    "support": "support",
}


def practice_json_schema(taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """JSON Schema of a record; with a taxonomy, its ids become enums for editors."""
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
        source_ref = schema["$defs"]["SourceRef"]["properties"]["source"]
        source_ref["enum"] = sorted(taxonomy.vocabulary("sources"))
    return schema
