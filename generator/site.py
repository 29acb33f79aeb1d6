"""The generated part of the site: settings from mkdocs.yml, data, pages."""

from __future__ import annotations

import gc
import os
import subprocess
from contextlib import contextmanager
from datetime import datetime, UTC
from pathlib import Path
from collections.abc import Callable, Iterator

from mkdocs.utils.yaml import yaml_load

from .render import Settings, render
from .validate import load_catalogue

EARLIEST_ZIP_TIME = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def generate(root: Path, settings: Settings, probe: Callable[[str], None] | None = None) -> dict[str, str | bytes]:
    """Every generated file, by docs-relative path; raises ProblemsFound.
    ``probe``, if given, is called with ``load`` and ``render`` as each ends."""
    mark = probe or (lambda step: None)
    with _gc_paused():  # many small objects, little garbage: about 10 % faster
        catalogue = load_catalogue(root)
        mark("load")
        generated = render(catalogue, settings, build_date(root))
        mark("render")
    return generated


def generate_languages(root: Path, settings: Settings, languages: tuple[str, ...], probe: Callable[[str], None] | None = None) -> dict[str, dict[str, str | bytes]]:
    """Every generated file of every language's docs folder (multilingual.py);
    raises ProblemsFound, translations' problems included."""
    from .multilingual import generate_languages as each

    mark = probe or (lambda step: None)
    with _gc_paused():
        catalogue = load_catalogue(root)
        mark("load")
        generated = each(root, catalogue, settings, build_date(root), languages)
        mark("render")
    return generated


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading and rendering make
    hundreds of thousands of objects that live to the end, which it would
    scan again and again (measured at 5,000 records: load 1.9 -> 1.7 s,
    render 2.5 -> 2.3 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settings(root: Path) -> Settings:
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    extra = config.get("extra") or {}
    return Settings(
        site_name=config["site_name"],
        site_url=config.get("site_url"),
        repository_url=config.get("repo_url"),
        author=config.get("site_author") or Settings.author,
        publisher=extra.get("publisher") or None,
        contact_url=extra.get("contact_url") or None,
        nav=_flat_nav(config.get("nav")),
    )


def _flat_nav(nav: object) -> tuple[tuple[str, str], ...]:
    """mkdocs.yml's nav as (title, page) pairs; empty unless every entry is one title and one page."""
    if not isinstance(nav, list):
        return ()
    pairs = [next(iter(entry.items())) for entry in nav if isinstance(entry, dict) and len(entry) == 1]
    if len(pairs) != len(nav) or not all(isinstance(t, str) and isinstance(p, str) for t, p in pairs):
        return ()
    return tuple(pairs)


def source_epoch(root: Path) -> int:
    """The build's timestamp: SOURCE_DATE_EPOCH, else the last commit's date,
    so that the same commit always builds the same bytes."""
    if value := os.environ.get("SOURCE_DATE_EPOCH"):
        return max(int(value), EARLIEST_ZIP_TIME)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        return max(int(out), EARLIEST_ZIP_TIME)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return EARLIEST_ZIP_TIME


def build_date(root: Path) -> str:
    return datetime.fromtimestamp(source_epoch(root), tz=UTC).date().isoformat()
