"""What every engine must give (generator/engines.py, ENGINES.md): the checks it
lacks are made by the staging step, and its site asks nothing of the network.

These run on the engine of the session ($KB_ENGINE, default MkDocs);
`make test-engines` runs them, with tests/browser and tests/test_build.py
(whose byte-identical rebuild test then builds with that engine), on each.
"""

from __future__ import annotations

import html
import json
import shutil
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kbtest import ROOT, Built, copy_repo, run_generator

from generator import engines, render, validate


def test_every_other_engine_has_a_pinned_environment() -> None:
    root = Path(__file__).resolve().parent.parent
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    for engine in engines.ENGINES.values():
        assert engine.name in makefile.split("ALL_ENGINES := ")[1].splitlines()[0], f"{engine.name} missing from ALL_ENGINES in the Makefile"
        if engine.venv is not None:
            assert engine.venv == f".venv-{engine.name}"
            pins = (root / f"requirements-{engine.name}.txt").read_text(encoding="utf-8").splitlines()
            loose = [line for line in pins if line and not line.startswith("#") and "==" not in line]
            assert loose == [], f"requirements-{engine.name}.txt: pin every package with =="
            if engine.runs_hooks:  # its `serve` runs generator/hook.py, so the generator's packages too
                missing = _pins(root / "requirements.txt") - {"mkdocs"} - _pins(root / f"requirements-{engine.name}.txt")
                assert missing == set(), f"requirements-{engine.name}.txt lacks {sorted(missing)} of requirements.txt (`make serve ENGINE={engine.name}` imports the generator)"


def _pins(path: Path) -> set[str]:
    """The package names pinned in a requirements file, normalised."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            names.add(line.split("==")[0].strip().lower().replace("_", "-"))
    return names


def test_nav_check_names_every_missing_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "practices").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    nav = [{"Home": "index.md"}, {"Practices": "practices/index.md"}, {"Group": [{"Gone": "gone.md"}, "https://example.org/"]}]
    assert engines.missing_nav_pages(nav, docs) == ["Practices: practices/index.md", "Group > Gone: gone.md"]


@pytest.mark.build
def test_unknown_engine_is_a_clear_error(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    result = run_generator(root, "build", "--engine", "sphinx")
    assert result.returncode == 1
    assert "unknown engine 'sphinx'" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()


@pytest.mark.build
def test_a_nav_entry_to_a_missing_page_fails_the_build(tmp_path: Path, engine: str) -> None:
    """MkDocs and ProperDocs report it under --strict; for Zensical, which
    does not, our staging step does."""
    root = copy_repo(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - About: about.md\n", "  - About: about.md\n  - Lost: lost-page.md\n"), encoding="utf-8")
    result = run_generator(root, "build", "--engine", engine)
    assert result.returncode == 1, result.stdout
    assert "lost-page.md" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()


class _ExternalReferences(HTMLParser):
    """Addresses the browser would fetch by itself (scripts, styles, images,
    frames, fonts), not links a reader may follow."""

    FETCHED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if (tag, name) not in self.FETCHED or not value:
                continue
            if tag == "link" and (values.get("rel") or "") in ("canonical", "alternate", "license"):
                continue
            if value.startswith(("http:", "https:", "//")):
                self.found.append(f"<{tag} {name}={value}>")


@pytest.mark.build
def test_no_page_fetches_anything_off_the_site(built_site: Built) -> None:
    found = {}
    for page in sorted(built_site.site.rglob("*.html")):
        parser = _ExternalReferences()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[str(page.relative_to(built_site.site))] = parser.found
    assert found == {}
    styles = [p for p in built_site.site.rglob("*.css") if "fonts.googleapis" in p.read_text(encoding="utf-8")]
    assert styles == []


def test_serve_rewrites_only_what_changed_and_keeps_the_last_good_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`make serve ENGINE=zensical` (generator/serve.py): a record edit reaches
    the served folder, untouched pages keep their bytes and times (the
    engine rebuilds what it sees change), an invalid record changes nothing."""
    from generator import serve

    root = copy_repo(tmp_path / "repo")
    served = root / "build" / "serve-zensical"
    assert serve._restage(root, served, engines.ENGINES["zensical"])
    record = sorted((root / "practices").glob("*.yml"))[0]
    page = served / "docs" / "practices" / f"{record.stem}.md"
    other = served / "docs" / "about.md"
    before = other.stat().st_mtime_ns
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    assert serve._restage(root, served, engines.ENGINES["zensical"])
    assert "Edited " in page.read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == before
    assert "kb-zensical-palette.js" in (served / "overrides" / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")  # engines/zensical/overrides/
    assert not (served / "overrides" / "partials" / "search.html").exists()
    good = page.read_bytes()
    record.write_text(text.replace("\ntitle: ", "\ntitle_typo: ", 1), encoding="utf-8")
    assert serve._restage(root, served, engines.ENGINES["zensical"])
    assert page.read_bytes() == good
    assert record.name in capsys.readouterr().err


def _search_entries(site: Path, engine: str) -> list[dict[str, str]]:
    """The engine's search index, as (location, title, text) entries: the
    JSON beside the script the offline bundle loads (Material's
    search/search_index.json with `docs`, Zensical's search.json with `items`)."""
    index = json.loads((site / engines.ENGINES[engine].search_index).with_suffix(".json").read_text(encoding="utf-8"))
    entries: list[dict[str, str]] = index.get("docs") or index["items"]
    return entries


@pytest.mark.build
def test_facet_pages_keep_their_lists_of_practices_out_of_the_search_index(built_site: Built, engine: str) -> None:
    """Each listed practice is found on its own page; a stage or support page
    that put them all into one index field broke Zensical's index limit (below)
    and tripled Material's offline index for nothing."""
    catalogue = validate.load_catalogue(built_site.root)
    titles = [html.escape(p.title, quote=False) for p in catalogue.practices]
    checked = 0
    for entry in _search_entries(built_site.site, engine):
        if entry["location"].startswith(("stages/", "support/", "themes/", "regions/", "standards/")) and "/index.html" not in entry["location"]:
            listed = [title for title in titles if title in entry["text"]]
            assert listed == [], f"{entry['location']} puts practices into the search index: {listed[:3]}"
            checked += 1
    assert checked > 20  # the facet pages are in the index, only their lists are not


@pytest.mark.build
def test_a_stage_listing_thousands_of_practices_stays_within_zensicals_index_limit(tmp_path: Path, engine: str) -> None:
    """Zensical 0.0.73 refuses a search field over 2**30 / (items rounded up to a
    power of two) token positions: 65,536 at 5,000 records, where the community
    stage page listed 1,700 practices (111,024). The smallest reproduction:
    the real stage page of the real records cloned 30 times (690 practices),
    beside a page of 20,000 empty sections that brings the limit down to
    32,768; built once with its list's `data-search-exclude` taken out (it
    must fail, or this test proves nothing) and once as rendered."""
    if engine != "zensical":
        pytest.skip("the limit is Zensical's; `make test-engines` runs this on Zensical")
    real = validate.load_catalogue(ROOT)
    copies = tuple(p.model_copy(update={"id": f"{p.id}-{k}", "related": []}) for k in range(30) for p in real.practices)
    pages = render.render(validate.Catalogue(real.taxonomy, copies, real.sources), render.Settings(site_name="Test"), "2026-01-01")
    page = pages["stages/community.md"]
    assert isinstance(page, str) and page.count("\n- [") >= 600 and "data-search-exclude markdown>" in page
    filler = "# Filler\n\n" + "".join(f"## Section {n}\n\nText.\n\n" for n in range(20_000))

    def build(stage_page: str) -> subprocess.CompletedProcess[str]:
        stage = tmp_path / f"stage-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(ROOT / "docs", stage / "docs")
        (stage / "docs" / "stages").mkdir()
        (stage / "docs" / "stages" / "community.md").write_text(stage_page, encoding="utf-8")
        (stage / "docs" / "filler.md").write_text(filler, encoding="utf-8")
        config = engines.write_config(engines.ENGINES["zensical"], ROOT, stage)
        # Not strict: the page links to practices this folder leaves out.
        config.write_text(config.read_text(encoding="utf-8") + "strict: false\n", encoding="utf-8")
        command = [c for c in engines.ENGINES["zensical"].command("build", config) if c != "--strict"]
        return subprocess.run(command, cwd=stage, env=engines.ENGINES["zensical"].environment(0), capture_output=True, text=True)

    listed = build(page.replace("data-search-exclude markdown>", "markdown>"))
    assert listed.returncode != 0 and "exceeds the search index limit" in listed.stderr, listed.stderr[-2000:]
    kept_out = build(page)
    assert kept_out.returncode == 0, kept_out.stderr[-2000:]


def test_the_base_config_without_its_nav_keeps_every_other_setting() -> None:
    """Zensical's staged config inherits mkdocs.yml without the nav, so that a
    translated nav replaces it rather than being added to it."""
    from mkdocs.utils.yaml import yaml_load

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    whole, cut = yaml_load(text), yaml_load(engines.without_top_level_key(text, "nav"))
    assert whole["nav"] and "nav" not in cut
    assert {key: value for key, value in whole.items() if key != "nav"} == cut
    # A comment or a blank line inside the block belongs to it; the next key does not.
    assert engines.without_top_level_key("a: 1\nnav:\n  - x\n# note\n\n  - y\nb: 2\n", "nav") == "a: 1\nb: 2\n"


@pytest.mark.build
def test_translated_sites_have_their_nav_in_their_language(built_site: Built, engine: str) -> None:
    """The nav's titles come from the catalogue on every engine, once each
    (Zensical added INHERIT's English nav to the translated one)."""
    def titles(lang: str) -> list[str]:
        page = (built_site.site.parent / lang / "index.html").read_text(encoding="utf-8")
        return re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', page)

    english, french = titles("en"), titles("fr")
    assert "Accueil" in french and "Home" not in french, french
    assert len(french) == len(english), (english, french)  # the same entries, none added
