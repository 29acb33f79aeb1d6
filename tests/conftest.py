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
from kbtest import BUNDLE_NAME, FIXTURES, Built, build_once, copy_repo, run_generator, session_folder

BROWSER_FOLDER = Path(__file__).resolve().parent / "browser"
# The languages of the session's site: English, one left-to-right and one
# right-to-left translation, and Chinese (segmented search); all six: `make site`.
SESSION_LANGUAGES = os.environ.get("KB_TEST_LANGUAGES", "en,fr,ar,zh")
BUILD_FIXTURES = {"built_site", "site_dir", "valid_fixture_build", "fixture_site"}


# The longest tests, longest first (measured: `pytest --durations`). `make
# test` hands tests to the two xdist workers one at a time (--maxschedchunk 1)
# in this order, so the long ones start first and the short ones fill in at
# the end; otherwise a worker may start a two-minute test when the other is
# about to finish.
LONGEST_FIRST = (
    "test_hostile.py::test_no_payload_runs_on_any_page",
    "test_accessibility.py::test_no_serious_or_critical_axe_violations",
    "test_hostile.py::test_no_payload_runs_in_search_results",
    "test_perf.py::",
)


def _rank(item: pytest.Item) -> int:
    where = f"{item.path.name}::{item.name}"
    ranks = [rank for rank, prefix in enumerate(LONGEST_FIRST) if where.startswith(prefix)]
    if ranks:
        return ranks[0]
    # Then the other browser tests, the other builds, and the fast tier.
    tier = 0 if item.get_closest_marker("browser") else 1 if item.get_closest_marker("build") else 2
    return len(LONGEST_FIRST) + tier


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
    ordered = sorted(items, key=_rank)  # stable: the rest keeps its order
    # The first two go to one worker, the next two to the other: one builds
    # the hostile site while the other builds the real one (the second
    # kind of long test), rather than waiting for the first.
    first = [item for item in ordered if _rank(item) == 0][:2]
    second = [item for item in ordered if _rank(item) == 1][:2]
    rest = [item for item in ordered if item not in first and item not in second]
    items[:] = first + second + rest


@pytest.fixture(autouse=True)
def _cold_cache_under_mutmut() -> None:
    """`make mutation` runs each mutant against the tests that called its
    function in a first run; a cached Markdown field (richtext) hides that
    call from every later test, which then never meets the mutants of the
    sanitiser. Only under mutmut: the cache is what keeps the suite fast."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from generator import richtext

        richtext.markdown_to_html.cache_clear()


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
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the session's builds go, shared by all xdist workers."""
    return session_folder(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def built_site(shared_folder: Path, engine: str) -> Built:
    """The real records, built once with the real `generator build`."""

    def build(root: Path) -> None:
        copy_repo(root)
        result = run_generator(root, "build", "--engine", engine, languages=SESSION_LANGUAGES)
        assert result.returncode == 0, result.stderr

    root = build_once(shared_folder, f"repo-{engine}", build)
    return Built(root, root / "site" / "en", root / "dist" / f"{BUNDLE_NAME}.zip")


@pytest.fixture(scope="session")
def valid_fixture_build(shared_folder: Path) -> Path:
    """The valid fixture set (with its FICTIONAL second source and its
    non-Latin titles), schema written, checked and built: the repository
    folder (site/en/ inside). Used by test_golden, test_second_source and its
    browser test."""

    def build(root: Path) -> None:
        copy_repo(root, practices=FIXTURES / "valid" / "practices", taxonomy=FIXTURES / "valid" / "taxonomy.yml")
        assert run_generator(root, "schema").returncode == 0
        result = run_generator(root, "check")
        assert result.returncode == 0, result.stderr
        assert "2 source(s)" in result.stdout, result.stdout
        result = run_generator(root, "build")
        assert result.returncode == 0, result.stderr

    return build_once(shared_folder, "valid-fixture", build)
