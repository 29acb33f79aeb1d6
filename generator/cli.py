"""Command line: check, build, new, schema. Problems are printed, never raised."""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path

from .problems import Problem, ProblemsFound

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = Path("schema/practice.schema.json")


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
    commands.add_parser("schema", help=f"rewrite {SCHEMA_FILE} from the model and taxonomy.yml")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if args.command == "check":
            return _check(root)
        if args.command == "build":
            return _build(root, args.site_dir or root / "site", args.dist_dir or root / "dist", args.engine)
        if args.command == "serve":
            from .serve import serve

            return serve(root, args.engine, args.dev_addr)
        if args.command == "new":
            return _new(root, args.title, args.id)
        return _schema(root)
    except ProblemsFound as found:
        return _report(found.problems, "nothing was written" if args.command != "check" else "fix them and run again")


def _report(problems: list[Problem], outcome: str = "fix them and run again") -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    files = len({p.file for p in problems})
    print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}; {outcome}.", file=sys.stderr)
    return 1


def _check(root: Path) -> int:
    from .validate import load_catalogue

    catalogue = load_catalogue(root)
    if stale := _stale_schema(root, catalogue.taxonomy):
        return _report([stale])
    print(f"OK: {len(catalogue.practices)} practices, {len(catalogue.taxonomy.themes)} themes, {len(catalogue.taxonomy.sources)} source(s).")
    return 0


def _schema_text(taxonomy: object) -> str:
    from .model import practice_json_schema

    return json.dumps(practice_json_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"  # type: ignore[arg-type]


def _stale_schema(root: Path, taxonomy: object) -> Problem | None:
    path = root / SCHEMA_FILE
    if path.is_file() and path.read_text(encoding="utf-8") == _schema_text(taxonomy):
        return None
    return Problem(SCHEMA_FILE.as_posix(), 1, "-", "is out of date with taxonomy.yml or the model; run `make schema` and commit the result", "stale-schema")


def _schema(root: Path) -> int:
    from .validate import load_catalogue

    taxonomy = load_catalogue(root).taxonomy
    (root / SCHEMA_FILE).parent.mkdir(exist_ok=True)
    (root / SCHEMA_FILE).write_text(_schema_text(taxonomy), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
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


def _new(root: Path, title: str | None, wanted_id: str | None) -> int:
    import re

    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from .model import ID_PATTERN
    from .textrules import check_plain
    from .validate import RESERVED_IDS, load_taxonomy

    if not title:
        if not sys.stdin.isatty():
            print('give the title: make new TITLE="Title of the practice"', file=sys.stderr)
            return 2
        title = input("Title of the practice: ").strip()
    if problem := check_plain(title):
        print(f"the title {problem}", file=sys.stderr)
        return 2
    practice_id = wanted_id or make_id(title)
    if not re.match(ID_PATTERN, practice_id) or len(practice_id) > 64 or practice_id in RESERVED_IDS:
        print(f"cannot make a valid id from {title!r} (got {practice_id!r}); choose one in lower-case Latin letters, digits and hyphens: make new TITLE=\"...\" ID=some-words (or: python -m generator new \"...\" --id some-words)", file=sys.stderr)
        return 2
    existing = {p.stem.casefold() for p in (root / "practices").glob("*")}
    if practice_id in existing:
        print(f"practices/{practice_id}.yml exists already; choose another title or an id: make new TITLE=\"...\" ID=other-words", file=sys.stderr)
        return 2
    taxonomy = load_taxonomy(root)  # other records' problems must not block a new one
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["yaml_text"] = lambda value: json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string, readable in any script
    text = env.get_template("new-practice.yml.j2").render(id=practice_id, title=title, tax=taxonomy, today=date.today().isoformat())
    path = root / "practices" / f"{practice_id}.yml"
    path.write_text(text, encoding="utf-8")
    print(f"wrote practices/{practice_id}.yml\n\nNext:\n  1. open it and replace every TODO (see CONTRIBUTING.md);\n  2. make check    (says what is still wrong, with the line);\n  3. make serve    (preview at http://127.0.0.1:8000/practices/{practice_id}.html);\n  4. commit the file and open a pull request.")
    return 0
