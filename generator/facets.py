"""The one list of facets: which exist, where a practice's values come from,
what they are called, and how each is shown, filtered and exported.

Templates, relations and exports read FACETS; the practice index renders one
`<fieldset class="kb-facet" data-facet="NAME">` per facet (checkboxes
`name="NAME" value="ID"`) and one `data-NAME="id1 id2"` attribute per facet
on every `<li class="kb-item">`, which is what the index script reads.
Adding a facet: an entry here (and a vocabulary in taxonomy.yml if it has one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

from .countries import countries
from .i18n import N_  # labels and intros are translated where shown (templates: _(...))
from .model import Practice


@dataclass(frozen=True)
class Entry:
    """A value of a facet that is not a taxonomy term (a source)."""

    id: str
    name: str
    definition: str


@dataclass(frozen=True)
class Facet:
    """One facet. Validation: a facet read from a record field is checked by
    that field's validator in model.py (against the taxonomy list, the
    countries or the sources, given as validation context); a derived facet
    (source, kind) is as valid as the sources the record cites."""

    name: str  # singular: URL fragment key, data attribute, checkbox name
    label: str  # singular heading, e.g. "Theme"
    plural: str  # e.g. "themes": key of its resolved names in practices.json
    # The ids a practice has; `catalogue` gives access to the sources.
    values: Callable[[Practice, Any], list[str]]
    # Every value the facet can take, by id, in reading order; entries have
    # `.name` and `.definition`.
    vocabulary: Callable[[Any], dict[str, Any]]
    folder: str | None = None  # folder of its own pages (index + one per value), if any
    group_by: str | None = None  # how a value's page groups its practices
    chips: bool = True  # shown as linked tags on the practice page
    intro: str = ""  # one sentence for its index page


def _field(name: str) -> Callable[[Practice, Any], list[str]]:
    """The values of a record field (a list of ids, or one id)."""

    def read(practice: Practice, catalogue: Any) -> list[str]:
        value = getattr(practice, name)
        return [value] if isinstance(value, str) else list(value)

    return read


def _terms(vocabulary: str) -> Callable[[Any], dict[str, Any]]:
    return lambda catalogue: catalogue.taxonomy.vocabulary(vocabulary)


def _related_standards(practice: Practice, catalogue: Any) -> list[str]:
    return [link.standard for link in practice.related_standards]


def _sources_of(practice: Practice, catalogue: Any) -> list[str]:
    return list(dict.fromkeys(ref.source for ref in practice.sources))


def _kinds_of(practice: Practice, catalogue: Any) -> list[str]:
    by_id = catalogue.source_by_id
    return list(dict.fromkeys(by_id[ref.source].kind for ref in practice.sources))


def _used_countries(catalogue: Any) -> dict[str, Any]:
    """Only the countries some practice names: all 249 would be noise."""
    used = {code for p in catalogue.practices for code in p.countries}
    every = countries()
    return {code: every[code] for code in sorted(used, key=lambda c: every[c].name)}


def _sources(catalogue: Any) -> dict[str, Any]:
    return {s.id: Entry(s.id, s.symbol or s.title, s.title) for s in catalogue.sources}


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        Facet("theme", N_("Theme"), "themes", _field("themes"), _terms("themes"), "themes", "stage",
              intro=N_("The themes of the knowledge base.")),
        Facet("stage", N_("Stage"), "stages", _field("stages"), _terms("stages"), "stages", "theme",
              intro=N_("The stages of a case, from arrest to life back in the community, and the practices for each.")),
        Facet("region", N_("Region"), "regions", _field("regions"), _terms("regions"), "regions", "country",
              intro=N_("Where the source places a practice, by UN M49 region. \"No specific jurisdiction\" means the source names no country or region: it does not mean the practice applies worldwide.")),
        Facet("country", N_("Country"), "countries", _field("countries"), _used_countries),
        Facet("support", N_("Support level"), "support", _field("support"), _terms("support"), "support", "theme", chips=False,
              intro=N_("How strongly its source backs each practice, read off the source's own wording. Each kind of source has its own scale.")),
        # Named by the source and related by us are kept apart everywhere: the
        # practice page and each standard's page show them as two labelled groups.
        Facet("standard", N_("Standard named by the source"), "standards", _field("standards"), _terms("standards"), "standards", "stage", chips=False,
              intro=N_("United Nations standards and norms, with the practices for which the source names each one, "
                       "and apart from them the practices we relate to it ourselves (our cross-reference, not the source's).")),
        Facet("related-standard", N_("Related standard (our cross-reference)"), "related_standards", _related_standards, _terms("standards"), chips=False),
        Facet("source", N_("Source"), "sources", _sources_of, _sources, chips=False),
        Facet("kind", N_("Kind of source"), "kinds", _kinds_of, _terms("source_kinds"), chips=False),
    )
}  # fmt: skip


def values(practice: Practice, facet: str, catalogue: Any) -> list[str]:
    """The ids a practice has in one facet."""
    return FACETS[facet].values(practice, catalogue)
