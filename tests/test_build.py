"""Real builds: the real records build under --strict, every link resolves,
a build never loses anything, and the same inputs give the same bytes."""

from __future__ import annotations

import hashlib
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from kbtest import BUNDLE_NAME, ROOT, Built, copy_repo, run_generator

from generator.engines import ENGINES
from generator.guard import scan_site


def tree_hash(*paths: Path) -> str:
    """One hash of every file's relative path and bytes under ``paths``."""
    digest = hashlib.sha256()
    for base in paths:
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(base.parent)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def record_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "practices").glob("*.yml"))


def test_every_record_theme_and_source_has_a_page(built_site: Built, engine: str) -> None:
    taxonomy = yaml.safe_load((ROOT / "taxonomy.yml").read_text(encoding="utf-8"))
    expected = [f"practices/{i}.html" for i in record_ids()]
    for folder, key in (("themes", "themes"), ("stages", "stages"), ("regions", "regions"), ("standards", "standards")):
        expected += [f"{folder}/{entry['id']}.html" for entry in taxonomy[key]]
    expected += [f"support/{level['id']}.html" for kind in taxonomy["source_kinds"] for level in kind["support"]]
    expected += [f"sources/{p.stem}.html" for p in (ROOT / "sources").glob("*.yml")]
    expected += ["index.html", "practices/index.html", "sources/index.html", "data/index.html", "about.html", ENGINES[engine].search_index]
    missing = [path for path in expected if not (built_site.site / path).is_file()]
    assert missing == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.targets.append(value)


def _local_links(site: Path) -> list[tuple[Path, str, str]]:
    """(page, target path, fragment) of every link that stays on the site."""
    links = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or target.startswith("//") or page.name == "404.html":
                continue
            links.append((page, unquote(parts.path), parts.fragment))
    return links


def test_every_local_link_and_anchor_resolves(built_site: Built) -> None:
    """What file:// needs: every href/src names an existing file (no directory
    URLs), and every #para-N anchor exists on its page."""
    site = built_site.site
    broken, missing_anchors = [], []
    ids_cache: dict[Path, set[str]] = {}
    for page, path, fragment in _local_links(site):
        target = (page.parent / path).resolve() if path else page
        if not target.is_file():
            broken.append(f"{page.relative_to(site)} -> {path}")
            continue
        if fragment.startswith("para-") and target.suffix == ".html":
            if target not in ids_cache:
                parser = _Links()
                parser.feed(target.read_text(encoding="utf-8"))
                ids_cache[target] = parser.ids
            if fragment not in ids_cache[target]:
                missing_anchors.append(f"{page.relative_to(site)} -> {path}#{fragment}")
    assert broken == []
    assert missing_anchors == []


def test_practice_page_cites_its_paragraphs(built_site: Built) -> None:
    html = (built_site.site / "practices" / "open-contact-family-visits.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./sources/egm-2022\.html#para-14"[^>]*>E/CN\.15/2022/CRP\.4, para\. 14<', html)
    assert 'href="../themes/family-contact.html"' in html


def test_guard_finds_nothing_in_the_real_site(built_site: Built) -> None:
    assert scan_site(built_site.site) == []


@pytest.mark.build
def test_guard_fails_a_build_that_lets_a_script_through(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    assert run_generator(root, "build").returncode == 0
    before = tree_hash(root / "site", root / "dist")
    # A hand-written page is not validated like a record: the guard must catch it.
    (root / "docs" / "evil.md").write_text('# Evil\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>\n', encoding="utf-8")
    result = run_generator(root, "build")
    assert result.returncode == 1
    assert "evil.html" in result.stderr and "inline <script>" in result.stderr and "onerror" in result.stderr and "script or data URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_hash(root / "site", root / "dist") == before


@pytest.mark.build
def test_builds_never_change_sources_and_a_failed_build_keeps_the_old_output(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    sources = [root / "practices", root / "taxonomy.yml", root / "docs"]
    before_sources = tree_hash(*sources)
    assert run_generator(root, "build").returncode == 0
    assert tree_hash(*sources) == before_sources
    built = tree_hash(root / "site", root / "dist")
    record = root / "practices" / "open-contact-family-visits.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("support: shared", "support: sharedd"), encoding="utf-8")
    broken_sources = tree_hash(*sources)
    result = run_generator(root, "build")
    assert result.returncode == 1
    assert "practices/open-contact-family-visits.yml:" in result.stderr and "did you mean `shared`?" in result.stderr
    assert tree_hash(*sources) == broken_sources
    assert tree_hash(root / "site", root / "dist") == built
    assert not list((root / "build").glob("staging-*")) if (root / "build").exists() else True


@pytest.mark.build
@pytest.mark.parametrize("target", ["practices", "docs", ".", "taxonomy.yml", "generator", "foreign"])
def test_output_folders_cannot_point_at_sources(tmp_path: Path, target: str) -> None:
    root = copy_repo(tmp_path / "repo")
    if target == "foreign":  # an existing folder with files the build did not make
        (root / "foreign").mkdir()
        (root / "foreign" / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree_hash(root / "practices", root / "docs", root / "taxonomy.yml") + tree_hash(root / "foreign") if target == "foreign" else tree_hash(root / "practices", root / "docs", root / "taxonomy.yml")
    result = run_generator(root, "build", "--site-dir", str(root / target))
    assert result.returncode == 1
    assert "refusing to" in result.stderr and "Traceback" not in result.stderr
    after = tree_hash(root / "practices", root / "docs", root / "taxonomy.yml") + tree_hash(root / "foreign") if target == "foreign" else tree_hash(root / "practices", root / "docs", root / "taxonomy.yml")
    assert after == before


@pytest.mark.build
def test_same_inputs_give_byte_identical_site_and_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for name in ("one", "two"):
        root = copy_repo(tmp_path / name)
        result = run_generator(root, "build", "--site-dir", str(tmp_path / f"site-{name}"), "--dist-dir", str(tmp_path / f"dist-{name}"))
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / f"site-{name}", tmp_path / f"dist-{name}" / f"{BUNDLE_NAME}.zip"))
    (site_one, zip_one), (site_two, zip_two) = outputs
    files_one = sorted(p.relative_to(site_one) for p in site_one.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(site_two) for p in site_two.rglob("*") if p.is_file())
    assert files_one == files_two
    differing = [str(p) for p in files_one if (site_one / p).read_bytes() != (site_two / p).read_bytes()]
    assert differing == []
    assert zip_one.read_bytes() == zip_two.read_bytes()


def test_bundle_layout(built_site: Built) -> None:
    with zipfile.ZipFile(built_site.zip) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {name.split("/")[0] for name in names} == {BUNDLE_NAME}
        assert f"{BUNDLE_NAME}/index.html" in names and f"{BUNDLE_NAME}/README.txt" in names
        assert "index.html" in archive.read(f"{BUNDLE_NAME}/README.txt").decode()
        assert not any("/downloads/" in name for name in names)  # the zip does not hold itself
        assert {info.date_time for info in archive.infolist()} and len({info.date_time for info in archive.infolist()}) == 1
    languages = sum(1 for p in built_site.site.parent.iterdir() if (p / "index.html").is_file())  # site/<lang>/
    assert built_site.zip.stat().st_size < 2_500_000 * languages  # one zip holds every language built
    assert (built_site.site.parent / "downloads" / built_site.zip.name).read_bytes() == built_site.zip.read_bytes()


def test_check_reports_a_stale_schema(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    assert run_generator(root, "check").returncode == 0
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("themes:\n", "themes:\n  - id: brand-new-theme\n    name: Brand new\n    definition: A theme added without running make schema.\n", 1), encoding="utf-8")
    result = run_generator(root, "check")
    assert result.returncode == 1
    assert "schema/practice.schema.json:1: -: is out of date" in result.stderr
    assert run_generator(root, "schema").returncode == 0
    assert run_generator(root, "check").returncode == 0


def test_shipped_schema_is_current() -> None:
    result = run_generator(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


@pytest.mark.build
@pytest.mark.parametrize("link", ["docs/assets/secret.txt", "overrides/partials/env.html", "docs/linked-folder"])
def test_a_symbolic_link_among_the_build_inputs_is_refused_by_name(tmp_path: Path, link: str) -> None:
    root = copy_repo(tmp_path / "repo")
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.txt").write_text("KB_SECRET_TOKEN=hunter2\n", encoding="utf-8")
    target = secret if link.endswith("folder") else secret / "secret.txt"
    (root / link).symlink_to(target)
    result = run_generator(root, "build")
    assert result.returncode == 1
    assert link in result.stderr and "symbolic link" in result.stderr
    assert "hunter2" not in result.stderr and "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_symbolic_links_are_found_at_any_depth_and_in_any_listed_input(tmp_path: Path) -> None:
    from generator.build import BUILD_INPUTS, symbolic_links

    for name in ("docs/a/b", "overrides", "practices"):
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs/a/b/deep.md").symlink_to("/etc/hostname")
    (tmp_path / "practices/x.yml").symlink_to("/etc/hostname")
    (tmp_path / "taxonomy.yml").symlink_to("/etc/hostname")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/ok.md").symlink_to("/etc/hostname")
    assert symbolic_links(tmp_path, BUILD_INPUTS) == ["docs/a/b/deep.md", "practices/x.yml", "taxonomy.yml"]
    assert "elsewhere/ok.md" in symbolic_links(tmp_path, [*BUILD_INPUTS, "elsewhere"])
