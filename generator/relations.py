"""What the pages derive from the catalogue: groupings, links both ways, neighbours."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .facets import FACETS
from .model import Practice
from .validate import Catalogue

NEIGHBOURS = 5


@dataclass(frozen=True)
class Relations:
    catalogue: Catalogue

    @cached_property
    def by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.catalogue.practices}

    @cached_property
    def position(self) -> dict[str, int]:
        """Position of each practice in report order."""
        return {p.id: n for n, p in enumerate(self.catalogue.practices)}

    @cached_property
    def by_facet(self) -> dict[str, dict[str, list[Practice]]]:
        """``by_facet[facet][value]``: the practices with that value, in report order."""
        grouped: dict[str, dict[str, list[Practice]]] = {facet: defaultdict(list) for facet in FACETS}
        for practice in self.catalogue.practices:
            for name, facet in FACETS.items():
                for value in facet.values(practice, self.catalogue):
                    grouped[name][value].append(practice)
        return grouped

    def values(self, practice: Practice, facet: str) -> list[str]:
        """The ids a practice has in one facet."""
        return FACETS[facet].values(practice, self.catalogue)

    @cached_property
    def vocab(self) -> dict[str, dict[str, object]]:
        """Every facet's values by id, in reading order."""
        return {name: facet.vocabulary(self.catalogue) for name, facet in FACETS.items()}

    @cached_property
    def used(self) -> dict[str, dict[str, object]]:
        """Each facet's values that some practice has: the filters offer only these."""
        return {name: {i: e for i, e in entries.items() if self.by_facet[name].get(i)} for name, entries in self.vocab.items()}

    @cached_property
    def by_paragraph(self) -> dict[tuple[str, int], list[Practice]]:
        grouped: dict[tuple[str, int], list[Practice]] = defaultdict(list)
        for practice in self.catalogue.practices:
            for ref in practice.sources:
                for number in ref.paragraphs:
                    grouped[(ref.source, number)].append(practice)
        return grouped

    @cached_property
    def related(self) -> dict[str, list[Practice]]:
        """Related practices both ways: named by the record or naming it."""
        links: dict[str, set[str]] = defaultdict(set)
        for practice in self.catalogue.practices:
            for other in practice.related:
                links[practice.id].add(other)
                links[other].add(practice.id)
        return {pid: sorted((self.by_id[o] for o in others), key=lambda p: self.position[p.id]) for pid, others in links.items()}

    def neighbours(self, practice: Practice) -> list[Practice]:
        """A handful of other practices with the same main theme and stage,
        nearest in report order; then the same main theme. Deterministic and
        O(log n) a page, so it stays cheap at 10,000 records."""
        exclude = {practice.id, *(p.id for p in self.related.get(practice.id, []))}
        chosen: list[Practice] = []
        theme, stage = practice.themes[0], practice.stages[0]
        for pool, keys in (self._theme_stage.get((theme, stage), ([], [])), self._theme[theme]):
            for other in self._nearest(pool, keys, practice):
                if other.id not in exclude and len(chosen) < NEIGHBOURS:
                    chosen.append(other)
                    exclude.add(other.id)
        return chosen

    @cached_property
    def _theme_stage(self) -> dict[tuple[str, str], tuple[list[Practice], list[int]]]:
        """Practices by main theme and main stage, in report order, with their positions."""
        grouped: dict[tuple[str, str], list[Practice]] = defaultdict(list)
        for practice in self.catalogue.practices:
            grouped[(practice.themes[0], practice.stages[0])].append(practice)
        return {key: self._with_positions(pool) for key, pool in grouped.items()}

    @cached_property
    def _theme(self) -> dict[str, tuple[list[Practice], list[int]]]:
        """Practices by theme (any of theme), in report order, with their positions."""
        return {theme: self._with_positions(pool) for theme, pool in self.by_facet["theme"].items()}

    def _with_positions(self, pool: list[Practice]) -> tuple[list[Practice], list[int]]:
        return pool, [self.position[p.id] for p in pool]

    def _nearest(self, pool: list[Practice], keys: list[int], practice: Practice) -> list[Practice]:
        """Up to NEIGHBOURS + 1 members of a report-ordered pool on either side
        of ``practice`` (and ``practice`` itself, which the caller skips),
        nearest first (ties: earlier first). ``keys`` are the pool's positions,
        computed once per pool: building them per call made the pages O(n^2)."""
        here = self.position[practice.id]
        centre = bisect_left(keys, here)
        window = pool[max(0, centre - NEIGHBOURS - 1) : centre + NEIGHBOURS + 2]
        return sorted(window, key=lambda p: (abs(self.position[p.id] - here), self.position[p.id]))
