"""The offline zips (generator/bundle.py), written from a small site on disk:
no build. Each zip holds what it should, with its own README, root page and
switcher; the bytes are the same every time."""

from __future__ import annotations

import zipfile
from pathlib import Path

from generator.bundle import SWITCHER, Bundle, write_bundles

SWITCHER_SCRIPT = b"var present = null; // kb-bundle-languages\n"
DATA = b"<p>before</p><!-- kb-offline-copy --><a href='x.zip'>Download</a><!-- /kb-offline-copy -->"


def site(root: Path) -> Path:
    for lang in ("en", "fr", "ar"):
        (root / lang / "assets" / "javascripts").mkdir(parents=True)
        (root / lang / "assets" / "javascripts" / "kb-lang.js").write_bytes(SWITCHER_SCRIPT)
        (root / lang / "data").mkdir()
        (root / lang / "data" / "index.html").write_bytes(DATA)
        (root / lang / "index.html").write_text(f"<html lang='{lang}'>" + "x" * 5000, encoding="utf-8")
    (root / "index.html").write_text("every language", encoding="utf-8")
    return root


def write(tmp: Path, name: str) -> list[Path]:
    bundles = [
        Bundle(tmp / f"{name}.zip", "kb"),
        Bundle(tmp / f"{name}-fr.zip", "kb-fr", ("en", "fr"), b"french and english"),
    ]
    write_bundles(site(tmp / f"site-{name}"), bundles, "Site", 1_700_000_000, "https://example.org/")
    return [bundle.target for bundle in bundles]


def test_each_zip_holds_its_languages_with_its_own_root_page_readme_and_switcher(tmp_path: Path) -> None:
    every, french = write(tmp_path, "a")
    with zipfile.ZipFile(every) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names)
        assert {n.split("/")[1] for n in names} == {"README.txt", "index.html", "en", "fr", "ar"}
        assert archive.read("kb/index.html") == b"every language"
        assert archive.read(f"kb/fr/{SWITCHER}") == SWITCHER_SCRIPT  # every language: nothing hidden
    with zipfile.ZipFile(french) as archive:
        assert archive.testzip() is None
        assert {n.split("/")[1] for n in archive.namelist()} == {"README.txt", "index.html", "en", "fr"}
        assert archive.read("kb-fr/index.html") == b"french and english"
        assert archive.read(f"kb-fr/fr/{SWITCHER}") == b'var present = ["en", "fr"];\n'
        assert b"kb-fr" in archive.read("kb-fr/README.txt")
        data = archive.read("kb-fr/fr/data/index.html")
        assert b"Download" not in data and b"kb-fr.zip" in data  # the offline copy says where it came from
        # A file both zips hold unchanged is the same entry in each.
        with zipfile.ZipFile(every) as other:
            assert archive.read("kb-fr/fr/index.html") == other.read("kb/fr/index.html")


def test_the_same_site_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = write(tmp_path, "a"), write(tmp_path, "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
