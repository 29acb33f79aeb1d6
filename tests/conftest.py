"""Shared fixtures: real builds of the real records, made once per test session."""

from __future__ import annotations

import pytest

from kbtest import BUNDLE_NAME, Built, copy_repo, run_generator


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The real records, built once with the real `generator build`."""
    root = copy_repo(tmp_path_factory.mktemp("repo"))
    result = run_generator(root, "build")
    assert result.returncode == 0, result.stderr
    return Built(root, root / "site", root / "dist" / f"{BUNDLE_NAME}.zip")
