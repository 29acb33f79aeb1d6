"""Helpers shared by the tests and tools/bench.py: the repository, the
generator as a user runs it, Chromium, and the built site over HTTP."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, ViewportSize

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
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}  # a laptop's browser window

# For a browser test of a page's own logic (filters, text box, import rules,
# print layout), which is the same however the page was loaded: run it from
# file:// only, the offline bundle's way and the one with fewer rights. Tests of
# addresses, history, storage, downloads and navigation keep both (site_kind in
# tests/browser/conftest.py); this halves the suite's browser time of those tests.
offline_only = pytest.mark.parametrize("site_kind", ["file"])


@dataclass(frozen=True)
class Built:
    root: Path  # the repository folder that was built
    site: Path  # the built English site (site/en; the other languages beside it)
    zip: Path  # the offline bundle


def run_generator(root: Path, *args: str, check: bool = False, languages: str = "en") -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a user would, on the repository ``root``;
    a build makes the sites of ``languages`` (KB_LANGUAGES; English alone by default, for speed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "KB_LANGUAGES": languages}
    # tests/conftest.py sets this per test: a build only in tests marked `build`.
    assert BUILD_ALLOWED or "build" not in args, "this test runs a build: mark it @pytest.mark.build"
    command = [sys.executable, "-m", "generator", "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=check, cwd=root)


def copy_repo(target: Path, practices: Path | None = None, taxonomy: Path | None = None, sources: Path | None = None) -> Path:
    """A copy of the repository's inputs in ``target``, optionally with other
    records or another taxonomy, so a build cannot touch the real checkout."""
    for name in ("docs", "overrides", "schema"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, target / name)
    shutil.copytree(practices or ROOT / "practices", target / "practices")
    # A fixture keeps its sources beside its practices; otherwise the real ones.
    beside = practices.parent / "sources" if practices else None
    shutil.copytree(sources or (beside if beside and beside.is_dir() else ROOT / "sources"), target / "sources")
    shutil.copy(taxonomy or ROOT / "taxonomy.yml", target / "taxonomy.yml")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    # Translations of these records: a fixture's own, else the real ones with the real records.
    translations = practices.parent / "translations" if practices else ROOT / "translations"
    if translations.is_dir():
        shutil.copytree(translations, target / "translations")
    # The hook in mkdocs.yml is loaded by path: point it at the real generator.
    (target / "generator").symlink_to(ROOT / "generator")
    return target


def build_once(shared: Path, name: str, make: Callable[[Path], None]) -> Path:
    """``shared/name``, filled by ``make`` once per test session, even with
    several pytest-xdist workers: the first to get here makes it, the others
    wait on a lock and reuse it (a build costs a whole core for seconds; two
    workers building the same site is the largest waste of a 2-core run).
    ``shared`` comes from :func:`session_folder`. If ``make`` fails, the next
    caller tries again, and fails with its own message."""
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        done = shared / f"{name}.done"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir(parents=True)
            make(folder)
            done.touch()
    return folder


def session_folder(basetemp: Path) -> Path:
    """A folder every worker of this test session shares: pytest-xdist gives
    each worker its own ``basetemp`` inside the session's one."""
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def index_and_first(pages: list[str], prefer: str = "") -> list[str]:
    """Of one folder's pages (sorted paths), a page of each kind it holds:
    its index.html, if any, and its first other page, the first whose name
    starts with ``prefer`` if one does."""
    index = [p for p in pages if p.rpartition("/")[2] == "index.html"]
    others = [p for p in pages if p not in index]
    preferred = [p for p in others if p.rpartition("/")[2].startswith(prefer)]
    return index + (preferred or others)[:1]


def off_site(*allowed: str) -> re.Pattern[str]:
    """Every URL that starts with none of ``allowed`` (at least one: "file:"
    for every local file, a site's base address). Given as a pattern,
    Playwright's driver matches it: only requests off the site reach the
    Python handler (routing every request through Python cost 40% of a page
    load's CPU, and turns off Chromium's HTTP cache)."""
    assert allowed, "off_site() needs the addresses the page may load"
    return re.compile("^(?!" + "|".join(map(re.escape, allowed)) + ")")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like the published one, quietly.

    Material's instant navigation only intercepts links to pages listed in
    sitemap.xml, whose addresses come from ``site_url`` (empty when the build
    has none) and must match this server's host and port. So sitemap.xml is
    answered with every page of the site at this server's address."""

    def do_GET(self) -> None:  # the standard library's name
        if self.path.split("?")[0] == "/sitemap.xml":
            root = Path(self.directory)
            base = f"http://{self.headers.get('Host')}/"
            pages = sorted(root.rglob("*.html"))
            locs = "".join(f"<url><loc>{base}{page.relative_to(root).as_posix()}</loc></url>" for page in pages)
            body = (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: Any) -> None:  # the standard library's signature
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page that moves on before a response is sent (the browser closes
        # the connection) is normal here; anything else is printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve_site(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free local port; yields its base URL (ending in /)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What a page did that a test may want to assert is empty."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.page_errors == [], f"uncaught errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.external_requests == [], f"requests off the site: {self.external_requests}"


@contextmanager
def guarded_page(browser: Browser, *allowed: str, log: PageLog | None = None, viewport: ViewportSize | None = None, timeout: int = 10_000) -> Iterator[Any]:
    """A fresh context and page that may load only addresses starting with one
    of ``allowed`` (off_site): any other request is aborted and recorded in
    ``log`` (a PageLog), with uncaught errors and console errors. Yields the page."""
    record = log if log is not None else PageLog()
    context = browser.new_context(viewport=viewport or VIEWPORT)

    def leave(route: Any) -> None:
        record.external_requests.append(route.request.url)
        route.abort()

    context.route(off_site(*allowed), leave)
    page = context.new_page()
    page.on("console", lambda m: record.console_errors.append(f"{m.text} @ {m.location}") if m.type == "error" else None)
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    page.set_default_timeout(timeout)
    try:
        yield page
    finally:
        context.close()
