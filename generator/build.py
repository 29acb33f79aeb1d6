"""Writing: generated pages -> staging folder -> MkDocs -> guard -> bundle -> swap.

A build writes only inside a staging folder until everything has succeeded;
then the new site and bundle replace the old ones. A failing build leaves the
previous output untouched, and sources are never written to.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from . import bundle, engines, guard, multilingual, site
from .translations import SOURCE_LANGUAGE

MARKER = ".kb-output"  # marks a folder as ours, so a rebuild may replace it
SOURCE_NAMES = ("practices", "sources", "docs", "generator", "overrides", "tests", "taxonomy.yml", "mkdocs.yml", ".git", "schema")
# Everything the build reads from a contributor's tree: none of it may be a
# symbolic link (copied, a link would publish its target: any file of the
# machine that builds). A new input folder is one more name here.
BUILD_INPUTS = ("docs", "overrides", "practices", "sources", "taxonomy.yml", "mkdocs.yml")


class BuildError(Exception):
    """A build step failed; the message says which and why."""


@dataclass(frozen=True)
class Outputs:
    site: Path
    zip: Path
    zip_bytes: int
    pages: int


def build(root: Path, site_dir: Path, dist_dir: Path, probe: Callable[[str], None] | None = None, engine: str | None = None) -> Outputs:
    """Build the site into ``site_dir`` and the bundle into ``dist_dir``.

    ``probe``, if given, is called with the name of each step as it ends
    (``load``, ``render``, ``write``, ``mkdocs``, ``guard``, ``bundle``,
    ``swap``; the zip runs alongside the guard, so ``bundle`` is the part
    of it left after the guard); tools/bench.py uses it to time the steps.
    """
    mark = probe or (lambda step: None)
    root = root.resolve()
    site_dir, dist_dir = site_dir.resolve(), dist_dir.resolve()
    for target in (site_dir, dist_dir):
        check_output_dir(root, target)
    if links := symbolic_links(root, BUILD_INPUTS):
        raise BuildError("the build publishes only real files, and these are symbolic links: " + ", ".join(links) + "; replace each with a copy of the file it points to, or delete it")
    try:
        chosen = engines.get(engine)
    except engines.EngineError as error:
        raise BuildError(str(error)) from None
    settings = site.settings(root)
    try:
        languages = multilingual.chosen_languages()
    except multilingual.LanguageError as error:
        raise BuildError(str(error)) from None
    generated = site.generate_languages(root, settings, languages, mark)  # raises ProblemsFound before anything is written
    epoch = site.source_epoch(root)
    (root / "build").mkdir(exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix="staging-", dir=root / "build"))
    try:
        # One MkDocs project per language, stage/<lang>/, built into site/<lang>/,
        # with the nav's titles in its language: in the language's config, or,
        # for an engine that adds INHERIT's lists together (Zensical), in the
        # engine's config over a mkdocs.yml without the English nav.
        for lang in languages:
            nav = multilingual.nav_in(lang, settings.nav)
            merged = chosen.inherit_merges_lists
            write_stage(root, stage / lang, generated[lang], chosen, multilingual.nav_lines(nav) if merged else None)
            config = stage / lang / "mkdocs.yml"
            config.rename(stage / lang / "mkdocs-engine.yml")
            config.write_text(multilingual.language_config(lang, languages, "mkdocs-engine.yml", settings.site_url, () if merged else nav), encoding="utf-8")
        mark("write")
        multilingual.each_language(languages, lambda lang: _run_engine(chosen, stage / lang, epoch))
        mark("mkdocs")
        built = stage / "site"
        built.mkdir()
        for lang in languages:
            (stage / lang / "site").rename(built / lang)
        (built / "index.html").write_text(multilingual.chooser_page(languages, settings.site_name, multilingual.POLICY), encoding="utf-8")
        new_dist = stage / "dist"
        new_dist.mkdir()
        zip_path = new_dist / f"{settings.bundle_name}.zip"
        # One zip of every language, and (with more than one) one per language:
        # that language and the English its notices link to.
        bundles = [bundle.Bundle(zip_path, settings.bundle_name)]
        if len(languages) > 1:
            for lang in languages:
                held = tuple(other for other in languages if other in (lang, SOURCE_LANGUAGE))
                chooser = multilingual.chooser_page(held, settings.site_name, multilingual.POLICY).encode("utf-8")
                name = f"{settings.bundle_name}-{lang}"
                bundles.append(bundle.Bundle(new_dist / f"{name}.zip", name, held, chooser))

        # The zips (zlib, which releases the GIL) run in a thread while the
        # guard (pure Python) scans the same pages: on two cores the two
        # overlap. The zips stay in the staging folder unless the guard passes.
        with ThreadPoolExecutor(max_workers=1) as pool:
            zipping = pool.submit(bundle.write_bundles, built, bundles, settings.site_name, epoch, settings.site_url)
            # Each language is a site of its own (its scripts under <lang>/assets/).
            findings = [f"{lang}/{finding}" for lang in languages for finding in guard.scan_site(built / lang)]
            # The root page uses the English site's script and styles.
            findings += guard.scan_page(built / "index.html", built, assets=built / SOURCE_LANGUAGE)
            mark("guard")
            zipping.result()
        if findings:
            raise BuildError("the built HTML contains unsafe markup:\n  " + "\n  ".join(findings))
        downloads = built / "downloads"
        downloads.mkdir()
        for made in bundles:
            shutil.copy2(made.target, downloads / made.target.name)
        for folder in (built, new_dist):
            (folder / MARKER).write_text("Built by `make site`; replaced by the next build.\n", encoding="utf-8")
        pages = sum(1 for _ in built.rglob("*.html"))
        zip_bytes = zip_path.stat().st_size
        mark("bundle")
        _replace(site_dir, built)
        _replace(dist_dir, new_dist)
        mark("swap")
        return Outputs(site_dir, dist_dir / zip_path.name, zip_bytes, pages)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def symbolic_links(root: Path, inputs: tuple[str, ...] | list[str]) -> list[str]:
    """Every symbolic link at or under the ``inputs`` of ``root`` (files or
    folders), as paths relative to ``root``; links are never followed."""
    found: list[str] = []
    for name in inputs:
        top = root / name
        if top.is_symlink():
            found.append(name)
            continue
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):  # os.walk does not follow links
            for entry in sorted(dirs + files):
                path = Path(folder) / entry
                if path.is_symlink():
                    found.append(path.relative_to(root).as_posix())
    return sorted(found)


def check_output_dir(root: Path, target: Path) -> None:
    """Refuse an output folder that is, holds or lies inside a source, or
    that holds files this build did not make."""
    for name in SOURCE_NAMES:
        source = root / name
        if target == source or source.is_relative_to(target) or target.is_relative_to(source):
            raise BuildError(f"refusing to write to {target}: it overlaps the source {name}; choose another output folder")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).exists())):
        raise BuildError(f"refusing to replace {target}: it exists and was not made by this build; choose a new or empty folder")


def write_stage(root: Path, stage: Path, generated: dict[str, str | bytes], engine: engines.Engine | None = None, nav_lines: list[str] | None = None) -> None:
    """The staging folder ``engine`` (default MkDocs) builds: ``stage/docs``
    (docs/ plus the generated pages), ``stage/overrides`` and ``stage/mkdocs.yml``
    (``nav_lines``: engines.write_config)."""
    docs = stage / "docs"
    shutil.copytree(root / "docs", docs, symlinks=True)
    folders: set[Path] = set()
    for rel, content in generated.items():
        path = docs / rel
        if path.exists():
            raise BuildError(f"docs/{rel} is written by the generator; rename or remove the hand-written file")
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    try:
        chosen = engine or engines.get(engines.DEFAULT)
        engines.write_config(chosen, root, stage, nav_lines)
        engines.check_stage(chosen, root, stage)
    except engines.EngineError as error:
        raise BuildError(str(error)) from None


def _run_engine(engine: engines.Engine, stage: Path, epoch: int) -> None:
    try:
        command = engine.command("build", stage / "mkdocs.yml")
    except engines.EngineError as error:
        raise BuildError(str(error)) from None
    result = subprocess.run(command, cwd=stage, env=engine.environment(epoch), capture_output=True, text=True)
    if result.returncode != 0:
        output = result.stderr + result.stdout
        log = "\n".join(line for line in output.splitlines() if not line.startswith("INFO"))
        raise BuildError(f"{engine.name} build failed:\n{log}")


def _replace(target: Path, new: Path) -> None:
    """Put ``new`` in place of ``target`` with two renames; the old copy is
    removed only once the new one is in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        shutil.move(str(new), str(target))
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
