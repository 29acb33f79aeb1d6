"""Shared fixtures: real builds of the real records, made once per test session.

Test tiers: every test that builds a site is marked ``build``, every test that
needs Chromium ``browser`` (pyproject.toml declares both); `make test-fast`
runs the rest. The marks come from the fixtures a test uses and from its
folder (below), and explicitly for the tests that call ``generator build``
themselves; run_generator refuses a build in a test without the mark, so the
fast tier cannot slow down unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import kbtest
from kbtest import BUNDLE_NAME, Built, copy_repo, run_generator

BROWSER_FOLDER = Path(__file__).resolve().parent / "browser"
# The languages of the session's site: English, one left-to-right and one
# right-to-left translation, and Chinese (segmented search); all six: `make site`.
SESSION_LANGUAGES = os.environ.get("KB_TEST_LANGUAGES", "en,fr,ar,zh")
BUILD_FIXTURES = {"built_site", "site_dir", "fixture_site"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if BROWSER_FOLDER in item.path.parents:
            # Every browser test opens a built site, some through fixtures
            # they request at run time (site_url -> http_site -> built_site).
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.build)
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


@pytest.fixture(autouse=True)
def _tier_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    kbtest.BUILD_ALLOWED = request.node.get_closest_marker("build") is not None
    yield
    kbtest.BUILD_ALLOWED = True


@pytest.fixture(scope="session")
def engine() -> str:
    """The engine the session's site is built with: $KB_ENGINE (mkdocs,
    properdocs or zensical; `make test-engines` sets it), else MkDocs."""
    return os.environ.get("KB_ENGINE") or "mkdocs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Built:
    """The real records, built once with the real `generator build`."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    result = run_generator(root, "build", "--engine", engine, languages=SESSION_LANGUAGES)
    assert result.returncode == 0, result.stderr
    return Built(root, root / "site" / "en", root / "dist" / f"{BUNDLE_NAME}.zip")
