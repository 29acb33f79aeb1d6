"""Citations: the text a reader pastes into a memo, and the files a reference
manager imports (RIS, BibTeX, CSL-JSON), for each practice and each source.

Written by hand rather than with a library because the three formats are small
and the hard part is escaping, which is done here in one place per format:
RIS is one ``TAG  - value`` line per field (no line breaks inside a value),
BibTeX escapes its ten special characters, CSL-JSON is plain JSON. The tests
read every file back with maintained parsers (rispy, bibtexparser) and the
CSL-JSON schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from .countries import LANGUAGE  # the language being rendered (multilingual.py sets it)
from .i18n import N_, cite, translations
from .model import Practice, Source

FOLDER = "cite"  # docs-relative folder of the citation files
FORMATS = {"ris": "RIS", "bib": "BibTeX", "csl.json": "CSL-JSON"}
NOT_OFFICIAL = N_("Not an official UNODC publication.")


class SiteSettings(Protocol):
    """The part of render.Settings that citations need."""

    @property
    def site_name(self) -> str: ...
    @property
    def site_url(self) -> str | None: ...
    @property
    def author(self) -> str: ...
    @property
    def publisher(self) -> str | None: ...


@dataclass(frozen=True)
class Reference:
    """One work to cite, independent of the format it is written in."""

    key: str
    kind: Literal["webpage", "report"]
    title: str
    author: str  # an organisation or a group: written as one name, never split
    issued: str  # YYYY-MM-DD
    container: str | None = None  # the website a page belongs to
    publisher: str | None = None
    number: str | None = None  # the document symbol of a report
    url: str | None = None
    abstract: str | None = None
    note: str | None = None
    language: str = "en"


def path(kind: Literal["practices", "sources"], item_id: str, extension: str) -> str:
    """Docs-relative path of one citation file, e.g. ``cite/practices/x.ris``."""
    return f"{FOLDER}/{kind}/{item_id}.{extension}"


def page_url(settings: SiteSettings, page: str) -> str | None:
    """Absolute address of a page of the site, when the site URL is set."""
    return f"{settings.site_url.rstrip('/')}/{page}" if settings.site_url else None


def practice_reference(practice: Practice, sources: Mapping[str, Source], settings: SiteSettings) -> Reference:
    return Reference(
        key=f"kb-{practice.id}",
        kind="webpage",
        title=practice.title,
        author=settings.author,
        issued=practice.reviewed or practice.added,
        container=settings.site_name,
        publisher=settings.publisher,
        url=page_url(settings, f"practices/{practice.id}.html"),
        abstract=practice.summary,
        note=f"{_based_on(practice, sources)} {_(NOT_OFFICIAL)}",
        language=LANGUAGE.get(),
    )


def source_reference(source: Source) -> Reference:
    return Reference(
        key=f"src-{source.id}",
        kind="report",
        title=source.title,
        author=source.publisher,
        issued=source.date,
        publisher=source.publisher,
        number=source.symbol,
        url=source.url,
        language=source.language,
    )


def based_on(practice: Practice, sources: Mapping[str, Source]) -> str:
    """``E/CN.15/2022/CRP.4, paras. 14, 15; Other report, p. 3``: every source
    the record cites, by id in ``sources``."""
    return "; ".join(cite(sources[ref.source], ref.paragraphs, LANGUAGE.get()) for ref in practice.sources)


def _(message: str) -> str:
    return translations(LANGUAGE.get()).gettext(message)


def _based_on(practice: Practice, sources: Mapping[str, Source]) -> str:
    return _("Based on %(sources)s.") % {"sources": based_on(practice, sources)}


def citation_text(practice: Practice, sources: Mapping[str, Source], settings: SiteSettings) -> str:
    """The citation of a practice page as a reader pastes it, up to the access
    date (which the page adds: the reader's date, not the build's)."""
    ref = practice_reference(practice, sources, settings)
    reviewed = _("Last reviewed %(date)s.") % {"date": ref.issued}
    parts = [f"{ref.author}. \u201c{ref.title}.\u201d {ref.container}. {reviewed} {_based_on(practice, sources)}"]
    if ref.url:
        parts.append(ref.url)
    return " ".join(parts)


# --------------------------------------------------------------------------
# RIS: https://en.wikipedia.org/wiki/RIS_(file_format); "TY  - " first, "ER  - " last.

_RIS_TYPES = {"webpage": "ELEC", "report": "RPRT"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_ris(ref: Reference) -> str:
    fields: list[tuple[str, str | None]] = [
        ("TY", _RIS_TYPES[ref.kind]),
        ("ID", ref.key),
        ("TI", ref.title),
        ("AU", ref.author),
        ("T2", ref.container),
        ("PB", ref.publisher),
        ("PY", ref.issued[:4]),
        ("DA", ref.issued.replace("-", "/")),
        ("SN" if ref.kind == "report" else "M1", ref.number),
        ("UR", ref.url),
        ("AB", ref.abstract),
        ("N1", ref.note),
        ("LA", ref.language),
    ]
    lines = [f"{tag}  - {_one_line(value)}" for tag, value in fields if value]
    return "\r\n".join([*lines, "ER  - ", ""])


# --------------------------------------------------------------------------
# BibTeX

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_escape(text: str) -> str:
    """Text as a BibTeX value: special characters escaped, one line. UTF-8
    letters stay as they are (biber, Zotero and JabRef read them)."""
    return _BIBTEX_PATTERN.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], _one_line(text))


def to_bibtex(ref: Reference) -> str:
    entry_type = "misc" if ref.kind == "webpage" else "techreport"
    fields: list[tuple[str, str | None]] = [
        # Double braces: a group name, not "Surname, Given"; a title whose capitals stay.
        ("author", "{" + bibtex_escape(ref.author) + "}"),
        ("title", "{" + bibtex_escape(ref.title) + "}"),
        ("howpublished" if ref.kind == "webpage" else "institution", bibtex_escape(ref.container or ref.publisher or "")),
        ("publisher", bibtex_escape(ref.publisher) if ref.publisher and ref.kind == "webpage" else None),
        ("number", bibtex_escape(ref.number) if ref.number else None),
        ("year", ref.issued[:4]),
        ("date", ref.issued),
        ("url", ref.url),  # url fields are verbatim in BibLaTeX and in url.sty
        ("abstract", bibtex_escape(ref.abstract) if ref.abstract else None),
        ("note", bibtex_escape(ref.note) if ref.note else None),
        ("language", ref.language),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{{ref.key},\n{body}\n}}\n"


# --------------------------------------------------------------------------
# CSL-JSON: https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html


def _date_parts(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def to_csl(ref: Reference) -> dict[str, object]:
    item: dict[str, object] = {
        "id": ref.key,
        "type": ref.kind,
        "title": ref.title,
        "author": [{"literal": ref.author}],
        "issued": _date_parts(ref.issued),
        "language": ref.language,
    }
    optional = {"container-title": ref.container, "publisher": ref.publisher, "number": ref.number, "URL": ref.url, "abstract": ref.abstract, "note": ref.note}
    item.update({name: value for name, value in optional.items() if value})
    return item


def to_csl_json(ref: Reference) -> str:
    return json.dumps([to_csl(ref)], ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------


def _files(kind: Literal["practices", "sources"], item_id: str, ref: Reference) -> dict[str, str | bytes]:
    return {
        path(kind, item_id, "ris"): to_ris(ref).encode("utf-8"),
        path(kind, item_id, "bib"): to_bibtex(ref).encode("utf-8"),
        path(kind, item_id, "csl.json"): to_csl_json(ref).encode("utf-8"),
    }


def cited_sources(practice: Practice, sources: Mapping[str, Source]) -> list[Source]:
    """The sources a practice cites, each once, in the record's order."""
    return [sources[source_id] for source_id in dict.fromkeys(ref.source for ref in practice.sources)]


def sources_of(practices: Sequence[Practice], sources: Mapping[str, Source]) -> list[Source]:
    """The sources a list of practices cites, each once, in order of first citation."""
    return list({source.id: source for p in practices for source in cited_sources(p, sources)}.values())


def citation_files(practices: Sequence[Practice], sources: Mapping[str, Source], settings: SiteSettings) -> dict[str, str | bytes]:
    """Every citation file of the site, by docs-relative path: one set per
    practice and one per source."""
    files: dict[str, str | bytes] = {}
    for practice in practices:
        files.update(_files("practices", practice.id, practice_reference(practice, sources, settings)))
    for source in sources.values():
        files.update(_files("sources", source.id, source_reference(source)))
    return files
