"""Validation: files -> a checked Catalogue, or every problem found, at once."""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import ID_PATTERN, Practice, Source, Taxonomy, unknown
from .problems import Problem, ProblemsFound, field_name
from .textrules import PLACEHOLDER
from .yamlread import Loaded, read_yaml

RECORD_MAX_BYTES = 64 * 1024
SOURCE_MAX_BYTES = 1024 * 1024
TAXONOMY_MAX_BYTES = 1024 * 1024
# Names that would clash with generated pages or that Windows cannot store.
RESERVED_IDS = frozenset(
    {"index", "search", "assets", "sitemap", "404", "data", "tags", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(10)}
    | {f"lpt{n}" for n in range(10)}
)


@dataclass(frozen=True)
class Catalogue:
    """Every valid record, in the order of its sources, with the taxonomy and
    the sources (oldest first)."""

    taxonomy: Taxonomy
    practices: tuple[Practice, ...]
    sources: tuple[Source, ...] = ()

    @property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}


def load_catalogue(root: Path) -> Catalogue:
    """Read and check taxonomy.yml, sources/*.yml and practices/*.yml; raise ProblemsFound."""
    problems: list[Problem] = []
    taxonomy = _load_taxonomy(root, problems)
    sources = _load_sources(root, taxonomy, problems)
    loaded_records: list[tuple[str, Loaded]] = []
    practices = list(_load_practices(root, taxonomy, sources, problems, loaded_records))
    problems += _check_related(loaded_records)
    if problems or taxonomy is None or sources is None:
        raise ProblemsFound(problems)
    return Catalogue(taxonomy, tuple(sorted((p for p, _ in practices), key=report_order(sources))), sources)


def load_vocabularies(root: Path) -> tuple[Taxonomy, tuple[Source, ...]]:
    """Read and check taxonomy.yml and sources/*.yml alone (not the records);
    raise ProblemsFound."""
    problems: list[Problem] = []
    taxonomy = _load_taxonomy(root, problems)
    sources = _load_sources(root, taxonomy, problems)
    if problems or taxonomy is None or sources is None:
        raise ProblemsFound(problems)
    return taxonomy, sources


def load_taxonomy(root: Path) -> Taxonomy:
    """Read and check taxonomy.yml alone; raise ProblemsFound."""
    problems: list[Problem] = []
    taxonomy = _load_taxonomy(root, problems)
    if taxonomy is None:
        raise ProblemsFound(problems)
    return taxonomy


def report_order(sources: tuple[Source, ...]) -> Any:
    """Sort key: the first source cited (oldest first), then its first paragraph cited."""
    rank = {source.id: n for n, source in enumerate(sources)}
    return lambda p: (rank[p.sources[0].source], min(p.sources[0].paragraphs), p.id)


def _parse(path: Path, rel: str, max_bytes: int, model: type[BaseModel], problems: list[Problem], context: dict[str, Any] | None = None) -> tuple[Any, Loaded | None]:
    """The model instance (None if invalid) and the loaded data (None if unreadable).
    ``context`` holds the taxonomy and sources the model's cross-checks read."""
    loaded, found = read_yaml(path, rel, max_bytes)
    problems += found
    if loaded is None:
        return None, None
    try:
        return model.model_validate(loaded.data, context=context), loaded
    except ValidationError as err:
        errors = err.errors()
        # A misspelt field name is said once, as "did you mean", not also as
        # the field it was meant to be going missing.
        meant = {(*_loc(e)[:-1], guess) for e in errors if e["type"] == "extra_forbidden" and (guess := _guess_field(model, _loc(e)))}
        # `02` read as text fails a number field too; the reader's hint covers it.
        ambiguous = {p.field for p in found if p.kind == "yaml11-coercion"}
        for error in errors:
            if error["type"] == "missing" and _loc(error) in meant:
                continue
            problem = _explain(rel, loaded, error, model)
            if not (problem.kind == "wrong-type" and problem.field in ambiguous):
                problems.append(problem)
        return None, loaded


def _load_taxonomy(root: Path, problems: list[Problem]) -> Taxonomy | None:
    rel = "taxonomy.yml"
    if not (root / rel).is_file():
        problems.append(Problem(rel, 1, "-", "taxonomy.yml is missing; restore it from the repository", "missing-file"))
        return None
    taxonomy, loaded = _parse(root / rel, rel, TAXONOMY_MAX_BYTES, Taxonomy, problems)
    if taxonomy is None or loaded is None:
        return None
    before = len(problems)
    for name in ("themes", "stages", "regions", "source_kinds", "standards"):
        seen: set[str] = set()
        for n, entry in enumerate(getattr(taxonomy, name)):
            if entry.id in seen:
                problems.append(Problem(rel, loaded.line_of((name, n, "id")), f"{name}.{n}.id", f"`{entry.id}` is listed twice; ids must be unique", "duplicate-id"))
            seen.add(entry.id)
            # Each entry gets a page <folder>/<id>.html: `index` would replace the list.
            if entry.id.lower() in RESERVED_IDS:
                problems.append(Problem(rel, loaded.line_of((name, n, "id")), f"{name}.{n}.id", f"`{entry.id}` is reserved for the site's own pages (its page would replace one the generator writes); choose a more specific id", "reserved-id"))
    # A record's `support` is one id, so a level id names one level of one kind.
    levels: dict[str, str] = {}
    for k, kind in enumerate(taxonomy.source_kinds):
        for n, level in enumerate(kind.support):
            if level.id in levels:
                problems.append(Problem(rel, loaded.line_of(("source_kinds", k, "support", n, "id")), f"source_kinds.{k}.support.{n}.id", f"`{level.id}` is already a level of `{levels[level.id]}`; support level ids must be unique across kinds", "duplicate-id"))
            levels.setdefault(level.id, kind.id)
            if level.id.lower() in RESERVED_IDS:
                problems.append(Problem(rel, loaded.line_of(("source_kinds", k, "support", n, "id")), f"source_kinds.{k}.support.{n}.id", f"`{level.id}` is reserved for the site's own pages (its page would replace one the generator writes); choose a more specific id", "reserved-id"))
    return taxonomy if len(problems) == before else None


def _source_paths(root: Path, folder_name: str, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """The ordinary ``<id>.yml`` files of one input folder, each with its
    path relative to the root; anything else there is reported."""
    folder = root / folder_name
    # Lower-case names first, so that of two names that differ only in case
    # the one that can be a valid id is read and the other is reported.
    paths = sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: (p.name != p.name.lower(), p.name)) if folder.is_dir() else []
    by_folded: dict[str, str] = {}
    what = "practice records" if folder_name == "practices" else "source files"
    for path in paths:
        rel = f"{folder_name}/{path.name}"
        if path.is_symlink():  # it could point at any file of the machine that builds
            problems.append(Problem(rel, 1, "-", f"is a symbolic link; {folder_name}/ may hold only ordinary files: replace it with a copy of the file", "stray-file"))
            continue
        if path.suffix != ".yml" or not path.is_file():
            problems.append(Problem(rel, 1, "-", f"only {what} (<id>.yml) belong in {folder_name}/; rename it to end in .yml or move it elsewhere", "stray-file"))
            continue
        folded = path.stem.casefold()
        if folded in by_folded:
            problems.append(Problem(rel, 1, "-", f"the file name differs from {by_folded[folded]} only in upper/lower case, which Windows and macOS cannot tell apart; ids are lower case: delete or rename this file", "case-collision"))
            continue
        by_folded[folded] = rel
        yield path, rel


def _load_sources(root: Path, taxonomy: Taxonomy | None, problems: list[Problem]) -> tuple[Source, ...] | None:
    """Every source file, oldest first; None if any has a problem."""
    before = len(problems)
    found: list[Source] = []
    for path, rel in _source_paths(root, "sources", problems):
        mine: list[Problem] = []
        source, loaded = _parse(path, rel, SOURCE_MAX_BYTES, Source, mine, {"taxonomy": taxonomy})
        if loaded is not None and isinstance(loaded.data, dict):
            raw = loaded.data

            def problem(at: tuple[str | int, ...], message: str, kind: str, rel: str = rel, loaded: Loaded = loaded) -> Problem:
                return Problem(rel, loaded.line_of(at), field_name(at), message, kind)

            for at, text in _strings(raw, ()):
                if PLACEHOLDER in text:
                    mine.append(Problem(rel, loaded.line_at(at, text, text.index(PLACEHOLDER)), field_name(at), f"still holds the template placeholder {PLACEHOLDER}; replace it (the comment above the field says with what) or delete an optional field", "placeholder"))
            source_id = raw.get("id")
            if _valid("id", source_id) and source_id != path.stem:
                mine.append(problem(("id",), f"`{source_id}` differs from the file name `{path.stem}.yml`; make them the same", "id-mismatch"))
            if source_id in RESERVED_IDS:
                mine.append(problem(("id",), f"`{source_id}` is reserved for the site's own pages; choose a more specific id", "reserved-id"))
            paragraphs = raw.get("paragraphs")
            numbers = [item.get("number") for item in paragraphs if isinstance(item, dict)] if isinstance(paragraphs, list) else []
            whole = [n for n in numbers if isinstance(n, int)]
            if len(whole) == len(numbers) and whole != sorted(set(whole)):
                mine.append(problem(("paragraphs",), "paragraph numbers must be unique and in increasing order", "bad-paragraphs"))
            mine = _placeholders_first(mine)
        problems += mine
        if source is not None and not mine:
            found.append(source)
    if not found and len(problems) == before:
        problems.append(Problem("sources", 1, "-", "there is no source file; records need one: add sources/<id>.yml (make new-source)", "missing-file"))
    if len(problems) != before:
        return None
    return tuple(sorted(found, key=lambda s: (s.date, s.id)))


def _load_practices(root: Path, taxonomy: Taxonomy | None, sources: tuple[Source, ...] | None, problems: list[Problem], loaded_records: list[tuple[str, Loaded]]) -> Iterator[tuple[Practice, Loaded]]:
    context = {"taxonomy": taxonomy, "sources": {s.id: s for s in sources} if sources is not None else None}
    for path, rel in _source_paths(root, "practices", problems):
        found: list[Problem] = []
        practice, loaded = _parse(path, rel, RECORD_MAX_BYTES, Practice, found, context)
        if loaded is not None and isinstance(loaded.data, dict):
            loaded_records.append((rel, loaded))
            # The cross-checks read the raw data, so they run even when the
            # schema failed: a contributor sees every problem of the file at once.
            found += _check_practice(rel, path.stem, _Raw(loaded.data), loaded)
            found = _placeholders_first(found)
        problems += found
        if practice is not None and loaded is not None and not found:
            yield practice, loaded


_ID = re.compile(ID_PATTERN)
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _valid(name: str, value: Any) -> bool:
    """Whether ``value`` has the form the schema wants for ``name``; the
    cross-checks look only at those, so a value the schema refuses (such as an
    id `../x`) is reported once, by the schema, and never used as a name."""
    if name in ("added", "reviewed"):
        try:
            return isinstance(value, str) and len(value) == 10 and bool(date.fromisoformat(value))
        except ValueError:
            return False
    if name == "countries":
        return isinstance(value, str) and bool(_COUNTRY.match(value))
    return isinstance(value, str) and len(value) <= 64 and bool(_ID.match(value))


class _Raw:
    """Read-only view of a record's raw data with the types the schema expects;
    a value of the wrong type or form reads as None, a list of the wrong type
    as empty (the schema reports them)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        value = self._data.get(name)
        if name in ("id", "added", "reviewed"):
            result: Any = value if _valid(name, value) else None
        elif isinstance(value, list):
            result = [item if _valid(name, item) else None for item in value]
        else:
            result = []
        self.__dict__[name] = result  # computed once: later reads skip __getattr__
        return result


def _check_practice(rel: str, stem: str, p: Any, loaded: Loaded) -> Iterator[Problem]:
    """The checks that need neither the taxonomy nor the sources (those are
    validators of the model); they read the raw data, so they run even where
    the schema refused a field."""
    def problem(path: tuple[str | int, ...], message: str, kind: str) -> Problem:
        return Problem(rel, loaded.line_of(path), field_name(path), message, kind)

    if p.id is not None and p.id != stem:
        yield problem(("id",), f"`{p.id}` differs from the file name `{stem}.yml`; make them the same", "id-mismatch")
    if p.id in RESERVED_IDS:
        yield problem(("id",), f"`{p.id}` is reserved for the site's own pages; choose a more specific id", "reserved-id")
    for path, text in _strings(loaded.data, ()):
        if PLACEHOLDER in text:
            yield Problem(rel, loaded.line_at(path, text, text.index(PLACEHOLDER)), field_name(path), f"still holds the template placeholder {PLACEHOLDER}; replace it (the comment above the field says with what) or delete an optional field", "placeholder")
    for field in ("themes", "stages", "regions", "countries", "standards", "related"):
        seen: set[str] = set()
        for n, value in enumerate(getattr(p, field)):
            if value in seen:
                yield problem((field, n), f"`{value}` is listed twice; keep it once", "duplicate-entry")
            if value is not None:
                seen.add(value)
    # A standard is either named by the source or related by us, and listed once.
    named = {value for value in p.standards if value is not None}
    links = loaded.data.get("related_standards")
    linked: set[str] = set()
    for n, link in enumerate(links if isinstance(links, list) else []):
        standard = link.get("standard") if isinstance(link, dict) else None
        if not isinstance(standard, str) or not _valid("standards", standard):
            continue  # the schema reports it
        if standard in named:
            yield problem(("related_standards", n, "standard"), f"`{standard}` is also under `standards`, which means the source names it for this practice; keep it in one place: under `standards` if a cited paragraph names it, otherwise here with a reason", "standard-named-and-related")
        elif standard in linked:
            yield problem(("related_standards", n, "standard"), f"`{standard}` is listed twice; keep it once", "duplicate-entry")
        linked.add(standard)
    if p.reviewed is not None and p.added is not None and p.reviewed < p.added:
        yield problem(("reviewed",), f"{p.reviewed} is before the date added ({p.added}); correct one of them", "bad-date")
    if p.id is not None and p.id in p.related:
        yield problem(("related", p.related.index(p.id)), "a practice cannot be related to itself; remove it", "broken-related")


def _placeholders_first(found: list[Problem]) -> list[Problem]:
    """Where a value is a leftover placeholder, say only that, not also that
    `TODO` is no known theme or no number."""
    placeholder_fields = {p.field for p in found if p.kind == "placeholder"}
    return [p for p in found if p.kind == "placeholder" or not any(p.field == f or p.field.startswith(f + ".") for f in placeholder_fields)]


def _check_related(loaded_records: list[tuple[str, Loaded]]) -> list[Problem]:
    """Every `related` id names a record that exists (read from the raw data,
    so that records with other problems are checked too)."""
    ids = {_Raw(loaded.data).id for _, loaded in loaded_records} - {None}
    problems = []
    for rel, loaded in loaded_records:
        record = _Raw(loaded.data)
        for n, other in enumerate(record.related):
            if other is not None and other not in ids and other != record.id:
                problems.append(Problem(rel, loaded.line_of(("related", n)), f"related.{n}", _unknown(other, "practices", ids), "broken-related"))
    return problems


_unknown = unknown


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _strings(item, (*path, n))


_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true/false", list: "a list", dict: "a group of fields", type(None): "nothing"}


def _loc(error: ErrorDetails) -> tuple[str | int, ...]:
    """The path of a pydantic error, without the names of union branches."""
    return tuple(part for part in error["loc"] if not (isinstance(part, str) and "[" in part))


def _model_at(model: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that validates the group of fields at ``path``, e.g. SourceRef
    for ``sources.0``; None if the path leads out of the models."""
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        found = _find_model(field.annotation) if field else None
        if found is None:
            return None
        model = found
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _find_model(arg):
            return found
    return None


def _guess_field(model: type[BaseModel], path: tuple[str | int, ...]) -> str | None:
    """The field an unknown field name was probably meant to be."""
    parent = _model_at(model, path[:-1])
    guess = difflib.get_close_matches(str(path[-1]), list(parent.model_fields), n=1) if parent and path else []
    return guess[0] if guess else None


def _explain(rel: str, loaded: Loaded, error: ErrorDetails, model: type[BaseModel]) -> Problem:
    """One pydantic error as a Problem a first-time contributor can act on."""
    path = _loc(error)
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    name = str(path[-1]) if path else "-"
    line = loaded.line_of(path)
    if kind == "missing":
        message, kind = f"the required field `{name}` is missing; add it (every field is in the template: make new)", "missing-field"
    elif kind == "extra_forbidden":
        guess = _guess_field(model, path)
        if len(path) == 1:
            message = f"`{name}` is not a field of {'a practice' if model is Practice else rel}; " + (f"did you mean `{guess}`?" if guess else "remove it")
        else:
            parent = _model_at(model, path[:-1])
            fields = ", ".join(parent.model_fields) if parent else ""
            message = f"`{name}` is not allowed here; " + (f"did you mean `{guess}`?" if guess else f"remove it (the fields here are: {fields})" if fields else "remove it")
        kind = "unknown-field"
    elif value is None and (kind.endswith("_type") or kind in ("model_type", "literal_error")):
        # `title:` with nothing after it: say so, not "expected text, got None".
        if path and isinstance(path[-1], str):
            parent = _model_at(model, path[:-1])
            optional = parent is not None and name in parent.model_fields and not parent.model_fields[name].is_required()
            message = f"is empty; write a value after `{name}:`" + (", or delete the line if you do not need it" if optional else "")
        else:
            message = "is an empty entry; remove the lone '-' or the extra comma"
        kind = "wrong-type"
    elif kind.endswith("_type") or kind in ("model_type", "dict_type", "int_from_float"):
        expected = {"string_type": "text (put it in quotes)", "list_type": "a list, such as [first, second]", "int_type": "a whole number", "model_type": "a group of fields", "dict_type": "a group of fields"}.get(kind, kind.removesuffix("_type"))
        message, kind = f"expected {expected}, got {got} {_show(value)}", "wrong-type"
    elif kind == "string_too_long" or kind == "too_long" and isinstance(value, str):
        message, kind = f"is {len(value)} characters long; the limit is {ctx['max_length']}; shorten it", "too-long"
    elif kind == "too_long":
        message, kind = f"has {ctx.get('actual_length', '?')} entries; the limit is {ctx['max_length']}; remove some", "too-long"
    elif kind == "string_too_short" or kind == "too_short" and isinstance(value, str):
        message, kind = f"is too short; write at least {_characters(ctx['min_length'])}", "too-short"
    elif kind == "too_short":
        message, kind = "needs at least one entry", "too-short"
    elif kind == "string_pattern_mismatch":
        message, kind = _pattern_message(name, path, value)
    elif kind == "greater_than":
        message, kind = f"must be 1 or more, got {_show(value)}", "wrong-type"
    elif kind == "literal_error":
        message, kind = f"must be one of {ctx['expected']}, got {_show(value)}", "wrong-type"
    else:
        message = error["msg"]
        if isinstance(value, str) and "at" in ctx:  # a text rule: point at the line inside a block
            line = loaded.line_at(path, value, ctx["at"])
    return Problem(rel, line, field_name(path), message, kind)


def _pattern_message(name: str, path: tuple[str | int, ...], value: Any) -> tuple[str, str]:
    """The message and kind of a value that does not fit its field's pattern
    (model.py has four: dates, country codes, the language tag and ids)."""
    if name in ("added", "reviewed", "date"):
        return f"{_show(value)} is not a date written as \"YYYY-MM-DD\"; write it like \"2026-11-24\"", "bad-date"
    if "countries" in path or name == "id" and path[:1] == ("countries",):
        return f"{_show(value)} is not a two-letter ISO 3166-1 code in capitals, such as KE", "bad-country"
    if name == "language":
        return f"{_show(value)} is not a language tag: write it in lower case, such as `en`, `fr` or `es-MX`", "bad-language"
    suggestion = "-".join("".join(c if c.isalnum() else " " for c in str(value).lower()).split())[:64]
    return f"{_show(value)} is not a valid id: use lower-case letters, digits and single hyphens" + (f", such as `{suggestion}`" if suggestion else ""), "bad-id"


def _characters(count: int) -> str:
    return "1 character" if count == 1 else f"{count} characters"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
