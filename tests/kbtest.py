"""Helpers shared by the tests: the repository, the generator as a user runs it, Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLE_NAME = "reducing-reoffending-offline"
# Debian's Chromium, never a browser downloaded by Playwright. Without the
# background-networking flags it tries to reach Google at every start.
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

BUILD_ALLOWED = True  # see run_generator


@dataclass(frozen=True)
class Built:
    root: Path  # the repository folder that was built
    site: Path  # the built site
    zip: Path  # the offline bundle


def run_generator(root: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a user would, on the repository ``root``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    # tests/conftest.py sets this per test: a build only in tests marked `build`.
    assert BUILD_ALLOWED or "build" not in args, "this test runs a build: mark it @pytest.mark.build"
    command = [sys.executable, "-m", "generator", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=check, cwd=root)


def copy_repo(target: Path, practices: Path | None = None, taxonomy: Path | None = None) -> Path:
    """A copy of the repository's inputs in ``target``, optionally with other
    records or another taxonomy, so a build cannot touch the real checkout."""
    for name in ("docs", "overrides", "schema"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name)
    shutil.copytree(practices or ROOT / "practices", target / "practices")
    shutil.copy(taxonomy or ROOT / "taxonomy.yml", target / "taxonomy.yml")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # The hook in mkdocs.yml is loaded by path: point it at the real generator.
    (target / "generator").symlink_to(ROOT / "generator")
    return target
