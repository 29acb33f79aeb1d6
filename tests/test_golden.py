"""Golden files: the Markdown rendered from the small fixture set, byte for byte.

Rendering is a pure function of (records, taxonomy, settings, date), so these
files change only when a template or the renderer does. After an intended
change, regenerate them with `UPDATE_GOLDEN=1 make test` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from markdown.extensions.toc import slugify_unicode

from kbtest import FIXTURES

from generator import render as render_module
from generator.render import Settings, render
from generator.validate import load_catalogue

GOLDEN = Path(__file__).parent / "golden"
SETTINGS = Settings(site_name="Test Knowledge Base", site_url="https://kb.example.org/", repository_url="https://git.example.org/kb")
BUILD_DATE = "2026-01-01"


def _rendered() -> dict[str, str | bytes]:
    return render(load_catalogue(FIXTURES / "valid"), SETTINGS, BUILD_DATE)


def test_rendering_matches_the_golden_files() -> None:
    rendered = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        for path in GOLDEN.rglob("*"):
            if path.is_file():
                path.unlink()
        for rel, content in rendered.items():
            target = GOLDEN / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(golden) == sorted(rendered), "generated files differ from tests/golden (UPDATE_GOLDEN=1 to refresh)"
    for rel, content in rendered.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        assert data == golden[rel], f"{rel} differs from tests/golden/{rel} (UPDATE_GOLDEN=1 to refresh, then review the diff)"


def test_rendering_is_pure() -> None:
    assert _rendered() == _rendered()


def test_languages_share_the_compiled_templates_and_render_as_if_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each template is compiled once for every language (render._COMPILED):
    # a second language compiles nothing and renders what it renders alone.
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name)
        return compile_template(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    catalogue = load_catalogue(FIXTURES / "valid")

    def fresh() -> None:
        monkeypatch.setattr(render_module, "_COMPILED", render_module._CompiledTemplates())
        render_module._environment.cache_clear()

    fresh()
    alone = render(catalogue, SETTINGS, BUILD_DATE, lang="ar")
    assert compiled, "nothing was compiled"
    fresh()
    render(catalogue, SETTINGS, BUILD_DATE, lang="en")
    compiled.clear()
    assert render(catalogue, SETTINGS, BUILD_DATE, lang="ar") == alone
    assert compiled == []
    render_module._environment.cache_clear()  # the other tests' environments use the real cache


@pytest.fixture
def fixture_site(valid_fixture_build: Path) -> Path:
    return valid_fixture_build / "site" / "en"  # tests/conftest.py: built once per session


def test_fixture_set_builds_strict_with_non_latin_titles(fixture_site: Path) -> None:
    catalogue = load_catalogue(FIXTURES / "valid")
    non_latin = [p for p in catalogue.practices if any(ord(c) > 0x2FF for c in p.title)]
    assert non_latin, "the fixture set should hold a title in a non-Latin script"
    for practice in non_latin:
        html = (fixture_site / "practices" / f"{practice.id}.html").read_text(encoding="utf-8")
        assert f">{practice.title}</h1>" in html
        assert '<html lang="en"' in html
        # Headings in other scripts get slugs made of their own letters, which
        # stay put when other headings change (not _1, _2, ...).
        handout = (fixture_site / "handouts" / f"{practice.themes[0]}.html").read_text(encoding="utf-8")
        assert f'id="{slugify_unicode(practice.title, "-")}"' in handout
