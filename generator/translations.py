"""Translations of the content: translations/<lang>/ -> checked texts and their status.

A translation holds only the translated text fields of an English entry (a
record, a taxonomy term, a source, a source paragraph) and ``translated_from``:
a fingerprint of the English text it was made from. Each entry is then
``current`` (the fingerprint matches the English today), ``stale`` (the
English changed since: the page says the translation may be behind) or
``missing`` (the page shows the English, with a notice).

Files (the contract with translators; CONTRIBUTING.md explains it):
  translations/<lang>/practices/<id>.yml  id, translated_from, title, summary, description,
                                          why_it_matters?, considerations?,
                                          related_standards?: [{standard, reason}] (our reasons,
                                          the English standards in the English order)
  translations/<lang>/taxonomy.yml        themes/stages/regions/source_kinds(+support)/standards: lists of
                                          {id, translated_from, name, definition, official_name?}
  translations/<lang>/sources/<id>.yml    id, translated_from, title, licence, context?,
                                          paragraphs: [{number, translated_from, section, summary}]
The texts are held to the same rules as the English (model.PlainText and
model.Markdown), with lengths scaled per script, and must keep the English
Markdown shape (the same list items and paragraphs).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .model import REASON_MAX, Id, Markdown, PlainText, Practice, RelatedStandard, Source, Strict, Taxonomy
from .problems import Problem, ProblemsFound, field_name
from .validate import RECORD_MAX_BYTES, SOURCE_MAX_BYTES, TAXONOMY_MAX_BYTES, Catalogue, _parse
from .yamlread import Loaded

SOURCE_LANGUAGE = "en"
# The six official languages of the United Nations, English first (the source).
# Adding one: its code here, its name in LANGUAGE_NAMES, a folder under
# translations/ (make translation LANG=xx) and a catalogue (make messages).
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)
# Each language's name in itself (the switcher and the chooser), and in English.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский", "ar": "العربية", "zh": "中文"}
ENGLISH_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic", "zh": "Chinese"}
RTL = frozenset({"ar"})

PRACTICE_FIELDS = ("title", "summary", "description", "why_it_matters", "considerations", "related_standards")
TERM_FIELDS = ("name", "official_name", "definition")
SOURCE_FIELDS = ("title", "licence", "context")
PARAGRAPH_FIELDS = ("section", "summary")
VOCABULARIES = ("themes", "stages", "regions", "source_kinds", "standards")
MARKDOWN_FIELDS = frozenset({"description", "why_it_matters", "considerations"})

# The English length limits (model.py) scaled per script: French, Spanish and
# Russian run about a third longer than English, Arabic about the same,
# Chinese about half as long (measured on the 60 records' titles and summaries).
LENGTH_FACTOR = {"zh": 0.6}
DEFAULT_LENGTH_FACTOR = 1.5
# The English limits of model.py: a record's title and summary, a term's name and definition.
ENGLISH_LIMITS: dict[tuple[str, ...], dict[str, int]] = {
    PRACTICE_FIELDS: {"title": 120, "summary": 300},
    TERM_FIELDS: {"name": 80, "definition": 400},
}
MIN_LENGTH: dict[tuple[str, ...], dict[str, int]] = {PRACTICE_FIELDS: {"title": 2, "summary": 5}}

State = Literal["current", "stale", "missing"]
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")


def _check_fingerprint(value: str) -> str:
    if not _FINGERPRINT.match(value):
        message = (
            f"{value[:40]!r} is not a fingerprint (12 hexadecimal digits); restore the value `make translation` wrote"
        )
        raise PydanticCustomError("bad-fingerprint", message.replace("{", "{{").replace("}", "}}"))
    return value


Fingerprint = Annotated[str, AfterValidator(_check_fingerprint)]


def fingerprint(entry: Any, fields: tuple[str, ...]) -> str:
    """The first 12 hex digits of SHA-256 over the English text fields of an
    entry (a mapping or a model), as canonical JSON. The contract with the
    translation files: never change how it is computed."""

    text = {f: value for f in fields if (value := _plain(entry, f)) is not None}
    data = json.dumps(text, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _plain(entry: Any, name: str) -> Any:
    """A text field as plain data: lists of models as lists of mappings; an
    empty list as absent (so that a field added later, empty on most records,
    leaves their fingerprints unchanged)."""
    value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
    if isinstance(value, list):
        value = [item.model_dump() if hasattr(item, "model_dump") else item for item in value] or None
    return value


# The translation files' schema: the English text types, no length limits
# here (they depend on the language; checked below).
class ReasonText(Strict):
    """Our reason for a related standard (model.RelatedStandard), translated."""

    standard: Id
    reason: PlainText


class PracticeText(Strict):
    id: Id
    translated_from: Fingerprint
    title: PlainText
    summary: PlainText
    description: Markdown
    why_it_matters: Markdown | None = None
    considerations: Markdown | None = None
    related_standards: list[ReasonText] | None = None


class TermText(Strict):
    id: Id
    translated_from: Fingerprint
    name: PlainText
    definition: PlainText
    official_name: PlainText | None = None


class KindText(TermText):
    support: list[TermText] = Field(default_factory=list)


class TaxonomyText(Strict):
    themes: list[TermText] = Field(default_factory=list)
    stages: list[TermText] = Field(default_factory=list)
    regions: list[TermText] = Field(default_factory=list)
    source_kinds: list[KindText] = Field(default_factory=list)
    standards: list[TermText] = Field(default_factory=list)


class ParagraphText(Strict):
    number: Annotated[int, Field(ge=1)]
    translated_from: Fingerprint
    section: PlainText
    summary: PlainText


class SourceText(Strict):
    id: Id
    translated_from: Fingerprint
    title: PlainText
    licence: PlainText
    context: PlainText | None = None
    paragraphs: list[ParagraphText] = Field(default_factory=list)


@dataclass
class Translation:
    """One language's checked texts, and the state of every English entry.

    ``state`` keys: ``("practice", id)``, ``("term", vocabulary, id)``
    (support levels under vocabulary ``support``), ``("source", id)``,
    ``("paragraph", source_id, number)``."""

    lang: str
    practices: dict[str, PracticeText] = field(default_factory=dict)
    terms: dict[tuple[str, str], TermText] = field(default_factory=dict)
    sources: dict[str, SourceText] = field(default_factory=dict)
    state: dict[tuple[Any, ...], State] = field(default_factory=dict)

    def of(self, *key: Any) -> State:
        return self.state.get(key, "missing")

    def counts(self, kind: str) -> Counter[str]:
        """How many entries of one kind (``practice``, ``term``, ...) are in each state."""
        return Counter(state for key, state in self.state.items() if key[0] == kind)

    @property
    def stale(self) -> list[tuple[Any, ...]]:
        return sorted((key for key, state in self.state.items() if state == "stale"), key=str)


# Markdown shape: the list items and paragraphs a translation keeps.
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s", re.M)
_BOLD = re.compile(r"\*\*[^*\n]+\*\*")


def markdown_shape(text: str) -> tuple[int, int, int]:
    """(list items, paragraphs, bold spans): a translation keeps all three."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return len(_LIST_ITEM.findall(text)), len(blocks), len(_BOLD.findall(text))


def limit(lang: str, fields: tuple[str, ...], name: str) -> int | None:
    base = ENGLISH_LIMITS.get(fields, {}).get(name)
    return None if base is None else math.ceil(base * LENGTH_FACTOR.get(lang, DEFAULT_LENGTH_FACTOR))


def load_translations(
    root: Path, catalogue: Catalogue, languages: tuple[str, ...] = TRANSLATED
) -> dict[str, Translation]:
    """Every language's translations, checked against the English catalogue;
    raises ProblemsFound with every problem of every language at once."""
    from .i18n import catalogue_problems  # our strings' catalogues (locales/), checked with the rest

    problems: list[Problem] = []
    found = {lang: _load_language(root, catalogue, lang, problems) for lang in languages if lang != SOURCE_LANGUAGE}
    problems += [problem for lang in found for problem in catalogue_problems(lang)]
    if problems:
        raise ProblemsFound(problems)
    return found


class _Checker:
    """The checks of one file against its English entries."""

    def __init__(self, rel: str, lang: str, loaded: Loaded, problems: list[Problem]) -> None:
        self.rel, self.lang, self.loaded, self.problems = rel, lang, loaded, problems

    def problem(self, path: tuple[str | int, ...], message: str, kind: str) -> None:
        self.problems.append(Problem(self.rel, self.loaded.line_of(path), field_name(path), message, kind))

    def entry(self, path: tuple[str | int, ...], english: Any, fields: tuple[str, ...], text: Any) -> State:
        """Check one translated entry against its English one; its state."""
        current = text.translated_from == fingerprint(english, fields)
        for name in fields:
            theirs, ours = _plain(english, name), _plain(text, name)
            where = (*path, name)
            if ours is None:
                if theirs is not None and current:
                    self.problem(
                        where,
                        f"`{name}` is missing; translate the English `{name}` "
                        f"(make translation LANG={self.lang} shows every field in a new file)",
                        "missing-field",
                    )
                continue
            if theirs is None:
                self.problem(where, f"the English has no `{name}` here; remove it", "unknown-field")
                continue
            if name == "related_standards":
                self._reasons(where, theirs, ours)
                continue
            if (most := limit(self.lang, fields, name)) is not None and len(ours) > most:
                self.problem(
                    where,
                    f"is {len(ours)} characters long; the limit in {ENGLISH_NAMES[self.lang]} is {most}; shorten it",
                    "too-long",
                )
            if (least := MIN_LENGTH.get(fields, {}).get(name)) is not None and len(ours.strip()) < least:
                self.problem(where, f"is too short; write at least {least} characters", "too-short")
            if name in MARKDOWN_FIELDS and current and markdown_shape(ours) != markdown_shape(theirs):
                mine, english_shape = markdown_shape(ours), markdown_shape(theirs)
                self.problem(
                    where,
                    f"has {mine[0]} list items, {mine[1]} paragraphs and {mine[2]} bold spans where the English has "
                    f"{english_shape[0]}, {english_shape[1]} and {english_shape[2]}; keep the English structure",
                    "markdown-shape",
                )
        return "current" if current else "stale"

    def same_id(self, found: str, expected: str, file_name: str) -> None:
        if found != expected:
            message = f"`{found}` differs from the file name `{file_name}`; make them the same"
            self.problem(("id",), message, "id-mismatch")

    def _reasons(self, where: tuple[str | int, ...], theirs: list[dict[str, str]], ours: list[dict[str, str]]) -> None:
        """The same standards in the same order as the English; each reason within the scaled limit."""
        english_ids, our_ids = [r["standard"] for r in theirs], [r["standard"] for r in ours]
        if english_ids != our_ids:
            self.problem(
                where,
                f"lists the standards {our_ids} where the English lists {english_ids}; "
                "keep the English standards in the English order and translate only each `reason`",
                "standards-mismatch",
            )
        most = math.ceil(REASON_MAX * LENGTH_FACTOR.get(self.lang, DEFAULT_LENGTH_FACTOR))
        for index, reason in enumerate(ours):
            if len(reason["reason"]) > most:
                self.problem(
                    (*where, index, "reason"),
                    f"is {len(reason['reason'])} characters long; "
                    f"the limit in {ENGLISH_NAMES[self.lang]} is {most}; shorten it",
                    "too-long",
                )


def _load_language(root: Path, catalogue: Catalogue, lang: str, problems: list[Problem]) -> Translation:
    tr = Translation(lang)
    folder = root / "translations" / lang
    practices = {p.id: p for p in catalogue.practices}
    sources = catalogue.source_by_id
    for kind, english in (("practices", practices), ("sources", sources)):
        if not (folder / kind).is_dir():
            continue
        for path in sorted((folder / kind).iterdir()):
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() or path.suffix != ".yml" or not path.is_file():
                problems.append(
                    Problem(
                        rel,
                        1,
                        "-",
                        f"only translations of {kind} (<id>.yml) belong in translations/{lang}/{kind}/; "
                        "rename or remove it",
                        "stray-file",
                    )
                )
                continue
            if path.stem not in english:
                problems.append(
                    Problem(
                        rel,
                        1,
                        "-",
                        f"there is no English {kind}/{path.stem}.yml to translate; "
                        "rename it after an existing id or delete it",
                        "unknown-id",
                    )
                )
                continue
            if kind == "practices":
                _practice(path, rel, lang, practices[path.stem], tr, problems)
            else:
                _source(path, rel, lang, sources[path.stem], tr, problems)
    if (folder / "taxonomy.yml").is_file():
        _taxonomy(folder / "taxonomy.yml", f"translations/{lang}/taxonomy.yml", lang, catalogue.taxonomy, tr, problems)
    return tr


def _practice(path: Path, rel: str, lang: str, english: Practice, tr: Translation, problems: list[Problem]) -> None:
    mine: list[Problem] = []
    text, loaded = _parse(path, rel, RECORD_MAX_BYTES, PracticeText, mine)
    if text is not None and loaded is not None:
        check = _Checker(rel, lang, loaded, mine)
        check.same_id(text.id, english.id, path.name)
        state = check.entry((), english, PRACTICE_FIELDS, text)
        if not mine:
            tr.practices[english.id] = text
            tr.state[("practice", english.id)] = state
    problems += mine


def _source(path: Path, rel: str, lang: str, english: Source, tr: Translation, problems: list[Problem]) -> None:
    mine: list[Problem] = []
    text, loaded = _parse(path, rel, SOURCE_MAX_BYTES, SourceText, mine)
    if text is not None and loaded is not None:
        check = _Checker(rel, lang, loaded, mine)
        check.same_id(text.id, english.id, path.name)
        states: dict[tuple[Any, ...], State] = {("source", english.id): check.entry((), english, SOURCE_FIELDS, text)}
        by_number = {p.number: p for p in english.paragraphs}
        seen: set[int] = set()
        for n, para in enumerate(text.paragraphs):
            if para.number not in by_number:
                check.problem(
                    ("paragraphs", n, "number"),
                    f"{english.id} has no {english.unit} {para.number}; remove this entry",
                    "unknown-id",
                )
            elif para.number in seen:
                check.problem(
                    ("paragraphs", n, "number"),
                    f"{english.unit} {para.number} is translated twice; keep one",
                    "duplicate-id",
                )
            else:
                states[("paragraph", english.id, para.number)] = check.entry(
                    ("paragraphs", n), by_number[para.number], PARAGRAPH_FIELDS, para
                )
            seen.add(para.number)
        if not mine:
            tr.sources[english.id] = text
            tr.state.update(states)
    problems += mine


def _taxonomy(path: Path, rel: str, lang: str, english: Taxonomy, tr: Translation, problems: list[Problem]) -> None:
    mine: list[Problem] = []
    text, loaded = _parse(path, rel, TAXONOMY_MAX_BYTES, TaxonomyText, mine)
    if text is not None and loaded is not None:
        check = _Checker(rel, lang, loaded, mine)
        terms: dict[tuple[str, str], TermText] = {}
        states: dict[tuple[Any, ...], State] = {}

        def entries(
            vocabulary: str, key: str, translated: list[Any], known: dict[str, Any], path: tuple[str | int, ...]
        ) -> None:
            for n, term in enumerate(translated):
                where = (*path, n)
                if term.id not in known:
                    check.problem(
                        (*where, "id"),
                        f"`{term.id}` is not in the English {vocabulary} of taxonomy.yml; "
                        "correct the id or remove the entry",
                        "unknown-id",
                    )
                elif (key, term.id) in terms:
                    check.problem((*where, "id"), f"`{term.id}` is translated twice; keep one", "duplicate-id")
                else:
                    terms[(key, term.id)] = term
                    states[("term", key, term.id)] = check.entry(where, known[term.id], TERM_FIELDS, term)

        for vocabulary in VOCABULARIES:
            entries(vocabulary, vocabulary, getattr(text, vocabulary), english.vocabulary(vocabulary), (vocabulary,))
        kinds = english.vocabulary("source_kinds")
        for k, kind in enumerate(text.source_kinds):
            if kind.id in kinds:
                levels = {level.id: level for level in kinds[kind.id].support}
                entries(
                    f"support levels of `{kind.id}`", "support", kind.support, levels, ("source_kinds", k, "support")
                )
        if not mine:
            tr.terms.update(terms)
            tr.state.update(states)
    problems += mine


def all_states(catalogue: Catalogue, tr: Translation) -> dict[tuple[Any, ...], State]:
    """The state of every English entry in ``tr``'s language, missing ones included."""
    keys: list[tuple[Any, ...]] = [("practice", p.id) for p in catalogue.practices]
    for vocabulary in VOCABULARIES:
        keys += [("term", vocabulary, t.id) for t in getattr(catalogue.taxonomy, vocabulary)]
    keys += [("term", "support", level.id) for level in catalogue.taxonomy.support]
    for source in catalogue.sources:
        keys += [("source", source.id), *(("paragraph", source.id, p.number) for p in source.paragraphs)]
    return {key: tr.of(*key) for key in keys}


def stale_entries(catalogue: Catalogue, tr: Translation) -> list[str]:
    """What a translator does about each stale entry: the file, the entry and
    the fingerprint of today's English to put in ``translated_from`` once the
    text is brought up to date (`git log -p` on the English file shows what changed)."""
    where = f"translations/{tr.lang}"
    english: dict[tuple[Any, ...], tuple[str, str, Any, tuple[str, ...]]] = {}
    for p in catalogue.practices:
        english[("practice", p.id)] = (f"{where}/practices/{p.id}.yml", "", p, PRACTICE_FIELDS)
    tax = catalogue.taxonomy
    for vocabulary in (*VOCABULARIES, "support"):
        for t in getattr(tax, vocabulary):
            english[("term", vocabulary, t.id)] = (f"{where}/taxonomy.yml", f" ({vocabulary}: {t.id})", t, TERM_FIELDS)
    for source in catalogue.sources:
        english[("source", source.id)] = (f"{where}/sources/{source.id}.yml", "", source, SOURCE_FIELDS)
        for par in source.paragraphs:
            english[("paragraph", source.id, par.number)] = (
                f"{where}/sources/{source.id}.yml", f" (paragraph {par.number})", par, PARAGRAPH_FIELDS)
    lines = []
    for key in tr.stale:
        path, entry, model, fields = english[key]
        new = fingerprint(model, fields)
        lines.append(f"{path}{entry}: the English changed; update the text, then set translated_from: {new}")
    return lines


# Localising: the English catalogue with every translated text put in place.


def _texts(text: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    texts = {name: value for name in fields if (value := getattr(text, name, None)) is not None}
    if "related_standards" in texts:  # the English model's type, with the translated reasons
        texts["related_standards"] = [
            RelatedStandard.model_construct(standard=r.standard, reason=r.reason) for r in texts["related_standards"]
        ]
    return texts


def localize(catalogue: Catalogue, tr: Translation) -> Catalogue:
    """The catalogue as ``tr``'s language shows it: each translated text in
    place of the English, the English where there is no translation. Ids,
    numbers and tags are the English ones, so every page keeps its path."""
    practices = tuple(
        p.model_copy(update=_texts(tr.practices[p.id], PRACTICE_FIELDS)) if p.id in tr.practices else p
        for p in catalogue.practices
    )

    def term(key: str, entry: Any) -> Any:
        text = tr.terms.get((key, entry.id))
        return entry.model_copy(update=_texts(text, TERM_FIELDS)) if text is not None else entry

    tax = catalogue.taxonomy
    kinds = [
        term("source_kinds", kind).model_copy(update={"support": [term("support", level) for level in kind.support]})
        for kind in tax.source_kinds
    ]
    update: dict[str, Any] = {
        name: [term(name, t) for t in getattr(tax, name)] for name in ("themes", "stages", "regions", "standards")
    }
    taxonomy = tax.model_copy(update={**update, "source_kinds": kinds})
    sources = []
    for source in catalogue.sources:
        text = tr.sources.get(source.id)
        if text is None:
            sources.append(source)
            continue
        paragraphs = {p.number: p for p in text.paragraphs}
        localized = [
            p.model_copy(update=_texts(paragraphs[p.number], PARAGRAPH_FIELDS)) if p.number in paragraphs else p
            for p in source.paragraphs
        ]
        sources.append(source.model_copy(update={**_texts(text, SOURCE_FIELDS), "paragraphs": localized}))
    return Catalogue(taxonomy, practices, tuple(sources))


# Skeletons: what `make translation LANG=xx` writes for a translator to fill in.


def _skeleton_texts(entry: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    texts = {name: value for name in fields if (value := _plain(entry, name)) is not None}
    return {"translated_from": fingerprint(entry, fields), **texts}


def skeletons(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Every translation file's skeleton (the English text to replace), by
    path under translations/<lang>/."""
    tax = catalogue.taxonomy
    taxonomy: dict[str, Any] = {}
    for vocabulary in VOCABULARIES:
        entries = []
        for term in getattr(tax, vocabulary):
            entry = {"id": term.id, **_skeleton_texts(term, TERM_FIELDS)}
            if vocabulary == "source_kinds":
                entry["support"] = [{"id": level.id, **_skeleton_texts(level, TERM_FIELDS)} for level in term.support]
            entries.append(entry)
        taxonomy[vocabulary] = entries
    out: dict[str, dict[str, Any]] = {"taxonomy.yml": taxonomy}
    for source in catalogue.sources:
        paragraphs = [{"number": p.number, **_skeleton_texts(p, PARAGRAPH_FIELDS)} for p in source.paragraphs]
        out[f"sources/{source.id}.yml"] = {
            "id": source.id,
            **_skeleton_texts(source, SOURCE_FIELDS),
            "paragraphs": paragraphs,
        }
    for practice in sorted(catalogue.practices, key=lambda p: p.id):
        out[f"practices/{practice.id}.yml"] = {"id": practice.id, **_skeleton_texts(practice, PRACTICE_FIELDS)}
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def write_skeletons(root: Path, catalogue: Catalogue, lang: str) -> list[str]:
    """Write every missing translation file of ``lang``; never overwrites. The
    paths written, relative to the root."""
    written = []
    for rel, data in skeletons(catalogue).items():
        target = root / "translations" / lang / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        header = (
            f"# Unofficial {ENGLISH_NAMES[lang]} translation of {rel}. "
            "Translate the text; keep ids, numbers and translated_from.\n"
        )
        body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        target.write_text(header + body, encoding="utf-8")
        written.append(target.relative_to(root).as_posix())
    return written
