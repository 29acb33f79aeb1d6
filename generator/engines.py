"""The engines that can turn the staged Markdown into HTML, one row each.

The generated Markdown is the same for every engine; what differs is how the
engine is run, which of our theme overrides it takes, and which checks we must
do ourselves because the engine does not. MkDocs stays the default. Each other
engine lives in its own virtual environment (``.venv-<name>``, made by
``make site ENGINE=<name>`` from ``requirements-<name>.txt``), so the default
``.venv`` never changes. ENGINES.md is the maintainers' plan around this table.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

# The checkout this module lives in (tests build copies of the repository, but
# the engines' virtual environments stay in the real checkout).
CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT = "mkdocs"


@dataclass(frozen=True)
class Engine:
    name: str
    # The program, run with the engine's Python: ("-m", "mkdocs") or a console script.
    program: tuple[str, ...]
    # Our overrides/ files this engine must not get (its own templates differ);
    # engines/<name>/overrides/, if any, is laid over the rest.
    drop_overrides: tuple[str, ...] = ()
    # Checks the engine does not do, that the staging step does instead.
    check_nav: bool = False
    # The engine runs `hooks:` (generator/hook.py feeds `serve` in memory);
    # if not, `serve` regenerates a staging folder on every record edit.
    runs_hooks: bool = True
    # Lines added under `theme:` in the staged config.
    theme_settings: tuple[str, ...] = ()
    # Extra stylesheet, listed in `extra_css`; every file under
    # engines/<name>/assets/ (stylesheets, scripts) is copied into the staged docs.
    extra_css: tuple[str, ...] = ()
    # Under INHERIT, lists add to the parent's (Zensical) instead of replacing them (MkDocs).
    inherit_merges_lists: bool = False
    # Where the built site keeps the offline search index (a script, for file://).
    search_index: str = "search/search_index.js"
    # The engine's own virtual environment; None: the one running the generator.
    venv: str | None = None

    def python(self) -> Path:
        if self.venv is None:
            return Path(sys.executable)
        return CHECKOUT / self.venv / "bin" / "python"

    def command(self, action: str, config: Path, *extra: str) -> list[str]:
        """The command line of ``build`` (strict) or ``serve`` with ``config``."""
        python = self.python()
        if not python.exists():
            raise EngineError(f"{self.name} is not installed in {python.parent.parent}; run `make site ENGINE={self.name}` (it creates that environment)")
        if self.program[0] == "-m":
            head = [str(python), *self.program]
        else:  # a console script next to the engine's Python
            head = [str(python.parent / self.program[0]), *self.program[1:]]
        strict = ["--strict"] if action == "build" else []
        return [*head, action, *strict, "-f", str(config), *extra]

    def environment(self, epoch: int) -> dict[str, str]:
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
        if self.venv is not None:  # the engine must not see our .venv's packages
            env.pop("PYTHONPATH", None)
            env["VIRTUAL_ENV"] = str(CHECKOUT / self.venv)
        return env


class EngineError(Exception):
    """The engine cannot be used or the staged site fails a check it lacks."""


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", ("-m", "mkdocs")),
        # A drop-in continuation of MkDocs 1.x: same config, plugins, hooks.
        Engine("properdocs", ("-m", "properdocs"), venv=".venv-properdocs"),
        # Material's successor: reads mkdocs.yml, ships its own templates and
        # search dialog, ignores hooks and does not check the nav.
        Engine(
            "zensical",
            ("zensical",),
            drop_overrides=("partials/search.html",),
            check_nav=True,
            runs_hooks=False,
            inherit_merges_lists=True,
            # The look Material has (and our CSS and axe fixes were made for);
            # the default "modern" variant fails axe contrast on the active nav link.
            theme_settings=("variant: classic",),
            extra_css=("assets/stylesheets/kb-zensical.css",),
            search_index="search.js",
            venv=".venv-zensical",
        ),
    )
}


def get(name: str | None) -> Engine:
    name = name or os.environ.get("KB_ENGINE") or DEFAULT
    try:
        return ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}") from None


def write_config(engine: Engine, root: Path, stage: Path, nav_lines: list[str] | None = None) -> Path:
    """``stage/overrides`` and ``stage/mkdocs.yml`` for ``engine``; the staged
    pages are already in ``stage/docs``. Returns the config's path.

    With ``nav_lines`` (mkdocs.yml lines of a nav, for an engine that adds
    INHERIT's lists together: build.py decides) the config inherits a copy of
    mkdocs.yml without its nav and carries these lines instead."""
    overrides = stage / "overrides"
    shutil.copytree(root / "overrides", overrides)
    for rel in engine.drop_overrides:
        (overrides / rel).unlink(missing_ok=True)
    own = CHECKOUT / "engines" / engine.name / "overrides"
    if own.is_dir():  # the engine's own override files, on top of ours
        shutil.copytree(own, overrides, dirs_exist_ok=True)
    assets = CHECKOUT / "engines" / engine.name / "assets"
    if assets.is_dir():  # its stylesheet and the scripts its overrides load
        shutil.copytree(assets, stage / "docs" / "assets", dirs_exist_ok=True)
    base = root / "mkdocs.yml"
    if nav_lines:
        base = stage / "mkdocs-base.yml"
        base.write_text(without_top_level_key((root / "mkdocs.yml").read_text(encoding="utf-8"), "nav"), encoding="utf-8")
    lines = [
        f"INHERIT: {base.as_posix()}",
        "docs_dir: docs",
        "site_dir: site",
        # Zensical merges lists under INHERIT (MkDocs replaces them): only
        # empty lists or additions are safe here. The hook is dropped because
        # the pages are on disk.
        "hooks: []",
        "watch: []",
        "theme:",
        "  custom_dir: overrides",  # relative to this file, so the folder can be copied (serve.py)
        *(f"  {line}" for line in engine.theme_settings),
    ]
    if engine.extra_css:
        inherited = [] if engine.inherit_merges_lists else _root_config(root).get("extra_css", [])
        css = [*inherited, *engine.extra_css]
        lines += ["extra_css:", *(f"  - {item}" for item in css)]
    lines += nav_lines or []
    config = stage / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def without_top_level_key(config: str, key: str) -> str:
    """The text of a YAML mapping without ``key``'s block: its line and every
    line after it that is indented, blank or a comment (the block's own)."""
    kept: list[str] = []
    inside = False
    for line in config.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            inside = True
        elif inside and line[:1] not in (" ", "\t", "#", "\n", "\r", ""):
            inside = False
        if not inside:
            kept.append(line)
    return "".join(kept)


def check_stage(engine: Engine, root: Path, stage: Path) -> None:
    """The checks ``engine`` does not make itself, on the staged pages."""
    if engine.check_nav:
        missing = missing_nav_pages(_root_config(root).get("nav") or [], stage / "docs")
        if missing:
            raise EngineError("mkdocs.yml: nav entries point to pages that do not exist:\n  " + "\n  ".join(missing) + "\n(fix the path in mkdocs.yml's nav, or add the page)")


def missing_nav_pages(nav: list[Any], docs: Path) -> list[str]:
    """Every nav entry (at any depth) that names a local page not in ``docs``."""
    missing: list[str] = []

    def walk(items: list[Any], trail: str) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    walk([value] if not isinstance(value, list) else value, f"{trail}{title} > ")
            elif isinstance(item, str) and "://" not in item and not item.startswith("/"):
                if not (docs / item).is_file():
                    missing.append(f"{trail.removesuffix(' > ') or '(nav)'}: {item}")

    walk(nav, "")
    return missing


def _root_config(root: Path) -> dict[str, Any]:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        config: dict[str, Any] = yaml_load(handle)
    return config
