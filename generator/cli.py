"""Command line: check, build, new, schema. Problems are printed, never raised."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .problems import Problem, ProblemsFound

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = Path("schema/practice.schema.json")
SOURCE_SCHEMA_FILE = Path("schema/source.schema.json")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Check, build and extend the knowledge base.")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate taxonomy.yml and every record")
    build = commands.add_parser("build", help="check, then build the site and the offline bundle")
    build.add_argument("--site-dir", type=Path, help="output folder of the site (default: ROOT/site)")
    build.add_argument("--dist-dir", type=Path, help="output folder of the bundle (default: ROOT/dist)")
    build.add_argument("--engine", help="mkdocs (default), properdocs or zensical; also $KB_ENGINE")
    serve = commands.add_parser("serve", help="preview with live reload on an engine that ignores hooks (make serve ENGINE=...)")
    serve.add_argument("--engine", help="the engine (default: $KB_ENGINE, else mkdocs)")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    new = commands.add_parser("new", help="start a new record from the template")
    new.add_argument("title", nargs="?", help="title of the practice (asked for when omitted)")
    new.add_argument("--id", help="id to use instead of one made from the title")
    new_source = commands.add_parser("new-source", help="start a new source file from the template")
    new_source.add_argument("title", nargs="?", help="title of the document (asked for when omitted)")
    new_source.add_argument("--id", help="id to use instead of one made from the title")
    translation = commands.add_parser("translation", help="write the missing translation files of a language, for a translator to fill in")
    translation.add_argument("lang", help="language code: fr, es, ru, ar or zh")
    commands.add_parser("schema", help=f"rewrite {SCHEMA_FILE} and {SOURCE_SCHEMA_FILE} from the model, taxonomy.yml and sources/")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "check":
            return _check(root)
        if args.command == "build":
            return _build(root, args.site_dir or root / "site", args.dist_dir or root / "dist", args.engine)
        if args.command == "serve":
            from .serve import serve as serve_staged

            return serve_staged(root, args.engine, args.dev_addr)
        if args.command == "new":
            return _new(root, args.title, args.id)
        if args.command == "new-source":
            return _new_source(root, args.title, args.id)
        if args.command == "translation":
            return _translation(root, args.lang)
        return _schema(root)
    except ProblemsFound as found:
        return _report(found.problems, "nothing was written" if args.command != "check" else "fix them and run again")


def _report(problems: list[Problem], outcome: str = "fix them and run again") -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Workflow commands: GitHub shows each problem on the line of the pull request's diff.
        for problem in problems:
            print(github_annotation(problem))
    files = len({p.file for p in problems})
    print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}; {outcome}.", file=sys.stderr)
    return 1


def github_annotation(problem: Problem) -> str:
    """``::error file=...,line=...,title=...::message``, escaped as GitHub's workflow commands require."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return f"::error file={prop(problem.file)},line={problem.line},title={prop(problem.field)}::{data(problem.message)}"


def _check(root: Path) -> int:
    from .validate import load_catalogue

    catalogue = load_catalogue(root)
    if stale := _stale_schemas(root, catalogue.taxonomy, catalogue.sources):
        return _report(stale)
    from .translations import TRANSLATED, load_translations

    translations = load_translations(root, catalogue, TRANSLATED)
    print(f"OK: {len(catalogue.practices)} practices, {len(catalogue.taxonomy.themes)} themes, {len(catalogue.sources)} source(s).")
    for line in translation_report(catalogue, translations):
        print(line)
    return 0


def translation_report(catalogue: Any, translations: dict[str, Any]) -> list[str]:
    """One line per language: coverage of records, taxonomy, sources; stale
    entries are a warning (with a count), never an error."""
    from .i18n import catalogue_coverage
    from .translations import ENGLISH_NAMES, all_states

    lines = []
    for lang, tr in translations.items():
        states = all_states(catalogue, tr)
        parts = []
        for kind, label in (("practice", "records"), ("term", "taxonomy terms"), ("paragraph", "source paragraphs")):
            mine = [state for key, state in states.items() if key[0] == kind]
            parts.append(f"{label} {sum(s != 'missing' for s in mine)}/{len(mine)}")
        done, total = catalogue_coverage(lang)
        parts.append(f"interface strings {done}/{total}")
        stale = sorted(":".join(map(str, key)) for key, state in states.items() if state == "stale")
        line = f"{lang} ({ENGLISH_NAMES[lang]}): " + ", ".join(parts)
        if stale:
            shown = ", ".join(stale[:5]) + (", ..." if len(stale) > 5 else "")
            line += f"; warning: {len(stale)} stale (the English changed since they were translated: {shown})"
        lines.append(line)
    return lines


def _translation(root: Path, lang: str) -> int:
    from .translations import TRANSLATED, load_translations, stale_entries, write_skeletons
    from .validate import load_catalogue

    if lang not in TRANSLATED:
        print(f"unknown language {lang!r}; choose one of: {', '.join(TRANSLATED)} (make translation LANG=fr)", file=sys.stderr)
        return 2
    catalogue = load_catalogue(root)
    written = write_skeletons(root, catalogue, lang)
    for rel in written:
        print(f"wrote {rel}")
    print(f"{len(written)} file(s) written; existing files were left as they were. Translate the text, keep ids, numbers and translated_from, then run make check.")
    stale = stale_entries(catalogue, load_translations(root, catalogue, (lang,))[lang])
    for line in stale:
        print(line)
    if stale:
        print(f"{len(stale)} stale entr{'y' if len(stale) == 1 else 'ies'}: bring each up to date with the English, then set its translated_from as shown.")
    return 0


def _schema_texts(taxonomy: object, sources: tuple[Any, ...]) -> dict[Path, str]:
    from .model import practice_json_schema, source_json_schema

    def text(schema: object) -> str:
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    return {
        SCHEMA_FILE: text(practice_json_schema(taxonomy, [s.id for s in sources])),  # type: ignore[arg-type]
        SOURCE_SCHEMA_FILE: text(source_json_schema(taxonomy)),  # type: ignore[arg-type]
    }


def _stale_schemas(root: Path, taxonomy: object, sources: tuple[Any, ...]) -> list[Problem]:
    stale = []
    for rel, text in _schema_texts(taxonomy, sources).items():
        path = root / rel
        if not (path.is_file() and path.read_text(encoding="utf-8") == text):
            stale.append(Problem(rel.as_posix(), 1, "-", "is out of date with taxonomy.yml, sources/ or the model; run `make schema` and commit the result (git add schema/)", "stale-schema"))
    return stale


def _schema(root: Path) -> int:
    from .validate import load_vocabularies

    # The schemas depend on the taxonomy and the sources only: an unfinished
    # record must not stop them being written.
    taxonomy, sources = load_vocabularies(root)
    for rel, text in _schema_texts(taxonomy, sources).items():
        (root / rel).parent.mkdir(exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        print(f"wrote {rel.as_posix()}")
    return 0


def _build(root: Path, site_dir: Path, dist_dir: Path, engine: str | None = None) -> int:
    from .build import BuildError, build

    started = time.perf_counter()
    try:
        out = build(root, site_dir, dist_dir, engine=engine)
    except BuildError as err:
        print(f"build failed: {err}\nThe previous site and bundle were left as they were.", file=sys.stderr)
        return 1
    print(f"built {out.pages} pages into {out.site} in {time.perf_counter() - started:.1f} s")
    print(f"offline bundle: {out.zip} ({out.zip_bytes / 1_000_000:.2f} MB)")
    if others := sorted(out.zip.parent.glob(f"{out.zip.stem}-*.zip")):
        print(f"  and one per language (with the English it links to): {', '.join(p.name for p in others)}")
    return 0


def make_id(title: str) -> str:
    """A kebab-case id from a title: ``Open contact visits`` -> ``open-contact-visits``."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > 64:
            break
        kept.append(word)
    return "-".join(kept)


def _title_and_id(title: str | None, wanted_id: str | None, what: str, how: str, folder: Path) -> tuple[str, str] | int:
    """The title (asked for on a terminal) and a free, valid id made from it,
    or the exit code after saying what is wrong. ``what`` names the thing
    ("practice", "document"), ``how`` the make command that creates it."""
    import re

    from .model import ID_PATTERN
    from .textrules import check_plain
    from .validate import RESERVED_IDS

    if not title:
        if not sys.stdin.isatty():
            print(f'give the title: {how} TITLE="Title of the {what}"', file=sys.stderr)
            return 2
        title = input(f"Title of the {what}: ").strip()
    if problem := check_plain(title):
        print(f"the title {problem}", file=sys.stderr)
        return 2
    new_id = wanted_id or make_id(title)
    if not re.match(ID_PATTERN, new_id) or len(new_id) > 64 or new_id in RESERVED_IDS:
        print(f"cannot make a valid id from {title!r} (got {new_id!r}); choose one in lower-case Latin letters, digits and hyphens: {how} TITLE=\"...\" ID=some-words", file=sys.stderr)
        return 2
    if new_id in {p.stem.casefold() for p in folder.glob("*")}:
        print(f"{folder.name}/{new_id}.yml exists already; choose another title or an id: {how} TITLE=\"...\" ID=other-words", file=sys.stderr)
        return 2
    return title, new_id


def _new(root: Path, title: str | None, wanted_id: str | None) -> int:
    from .validate import load_vocabularies

    chosen = _title_and_id(title, wanted_id, "practice", "make new", root / "practices")
    if isinstance(chosen, int):
        return chosen
    title, practice_id = chosen
    taxonomy, sources = load_vocabularies(root)  # other records' problems must not block a new one
    text = _template_env().get_template("new-practice.yml.j2").render(id=practice_id, title=title, tax=taxonomy, sources=sources, today=date.today().isoformat())
    path = root / "practices" / f"{practice_id}.yml"
    path.write_text(text, encoding="utf-8")
    print(f"wrote practices/{practice_id}.yml\n\nNext:\n  1. open it and replace every TODO (see CONTRIBUTING.md);\n  2. make check    (says what is still wrong, with the line);\n  3. make serve    (preview at http://127.0.0.1:8000/practices/{practice_id}.html);\n  4. git add practices/ (and sources/ schema/ if you added a source), commit, open a pull request.")
    return 0


def _template_env() -> Environment:
    from jinja2 import FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["yaml_text"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string, readable in any script
    return env


def _new_source(root: Path, title: str | None, wanted_id: str | None) -> int:
    from .validate import load_taxonomy

    folder = root / "sources"
    chosen = _title_and_id(title, wanted_id, "document", "make new-source", folder)
    if isinstance(chosen, int):
        return chosen
    title, source_id = chosen
    taxonomy = load_taxonomy(root)
    text = _template_env().get_template("new-source.yml.j2").render(id=source_id, title=title, tax=taxonomy)
    folder.mkdir(exist_ok=True)
    (folder / f"{source_id}.yml").write_text(text, encoding="utf-8")
    print(f"wrote sources/{source_id}.yml\n\nNext:\n  1. open it and replace every TODO (see CONTRIBUTING.md, \"Adding a source\");\n  2. make schema   (so that records may cite `{source_id}`);\n  3. make new TITLE=\"...\" and cite it: `- source: {source_id}`;\n  4. make check, then git add sources/ practices/ schema/ and commit.")
    return 0
