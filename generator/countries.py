"""Every country: ISO 3166-1 codes and names from pycountry, each with its UN
M49 region and sub-region from generator/data/m49.csv (see that file's header
for its source and date)."""

from __future__ import annotations

import csv
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

M49_TABLE = Path(__file__).parent / "data" / "m49.csv"
# The language country names are given in (generator/multilingual.py sets it
# while it renders one language's pages); validation always runs in English.
LANGUAGE: ContextVar[str] = ContextVar("kb_country_language", default="en")


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 alpha-2
    name: str  # the UN's English short name where M49 has one, else ISO's
    region: str | None  # id of a taxonomy region (africa, americas, ...); None for Antarctica, Taiwan
    sub_region: str | None  # M49 sub-region, e.g. "Sub-Saharan Africa"
    intermediate_region: str | None  # M49 intermediate region, e.g. "Eastern Africa"

    @property
    def definition(self) -> str:
        where = ", ".join(part for part in (self.intermediate_region, self.sub_region) if part)
        return f"ISO 3166-1 code {self.id}" + (f"; UN M49: {where}." if where else ".")

    @property
    def area(self) -> str:
        """The finest M49 grouping: intermediate region, else sub-region."""
        return self.intermediate_region or self.sub_region or "Other"


def countries() -> dict[str, Country]:
    """Every ISO 3166-1 country by alpha-2 code, in code order, named in the
    current LANGUAGE."""
    return _countries(LANGUAGE.get())


@cache
def _countries(lang: str) -> dict[str, Country]:
    from .i18n import country_name

    with open(M49_TABLE, encoding="utf-8", newline="") as handle:
        m49 = {row["iso2"]: row for row in csv.DictReader(line for line in handle if not line.startswith("#"))}
    found = {}
    for entry in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        row = m49.get(entry.alpha_2, {})
        name = country_name(entry.alpha_2, row.get("name") or entry.name, lang)
        found[entry.alpha_2] = Country(
            entry.alpha_2,
            name,
            row["region"].lower() if row.get("region") else None,
            row.get("sub_region") or None,
            row.get("intermediate_region") or None,
        )
    return found
