"""Shared fixtures: real builds of the real records, made once per test session."""

from __future__ import annotations

import os

import pytest

from kbtest import BUNDLE_NAME, Built, copy_repo, run_generator


@pytest.fixture(scope="session")
def engine() -> str:
    """The engine the session's site is built with: $KB_ENGINE (mkdocs,
    properdocs or zensical; `make test-engines` sets it), else MkDocs."""
    return os.environ.get("KB_ENGINE") or "mkdocs"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Built:
    """The real records, built once with the real `generator build`."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    result = run_generator(root, "build", "--engine", engine)
    assert result.returncode == 0, result.stderr
    return Built(root, root / "site", root / "dist" / f"{BUNDLE_NAME}.zip")
