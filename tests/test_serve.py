"""`make serve`: the real `mkdocs serve` with generator/hook.py on a copy of the
repository. Editing a record rebuilds the site once (the hook writes nothing
that the watcher would see, so there is no rebuild loop), the page shows the
edit, and a broken record keeps the last good pages on screen.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kbtest import FIXTURES, ROOT, copy_repo

from generator import engines

RECORD = "practices/community-work-instead-of-prison.yml"
TITLE = "Community work instead of a short prison term"
BUILDING = "Building documentation..."


class Serve:
    """A running `mkdocs serve`, with its log lines collected as they come."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"}
        env.pop("PYTHONPATH", None)
        # The engine of the session ($KB_ENGINE: `make test-engines` runs this on
        # ProperDocs too), from its own environment, with the hook.
        engine = engines.get(None)
        address = f"127.0.0.1:{self.port}"
        command = [str(engine.python()), *engine.program, "serve", "--livereload", "--dev-addr", address]
        if engine.name != "mkdocs":  # ProperDocs warns about the name mkdocs.yml unless it is given
            command += ["-f", "mkdocs.yml"]
        self.process = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, "mkdocs serve stopped:\n" + "\n".join(self.lines)
            assert time.monotonic() < deadline, f"waited {timeout} s for {what}:\n" + "\n".join(self.lines)
            time.sleep(0.2)

    def page(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[Serve, Path]]:
    if not engines.get(None).runs_hooks:
        pytest.skip(
            "this engine ignores hooks: its preview (generator/serve.py) is tested by "
            "tests/test_engines.py::test_serve_rewrites_only_what_changed_and_keeps_the_last_good_pages"
        )
    root = copy_repo(
        tmp_path / "repo", practices=FIXTURES / "valid" / "practices", taxonomy=FIXTURES / "valid" / "taxonomy.yml"
    )
    # A copy of generator/, not the link copy_repo makes: serve watches it, and
    # other tests running at the same time may write bytecode into the real one.
    (root / "generator").unlink()
    shutil.copytree(ROOT / "generator", root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    server = Serve(root)
    try:
        server.wait_for(lambda: server.count("Serving on") == 1, "the first build")
        yield server, root
    finally:
        server.stop()


@pytest.mark.build
def test_editing_a_record_rebuilds_once_and_shows_the_edit(serve: tuple[Serve, Path]) -> None:
    server, root = serve
    assert server.count(BUILDING) == 1
    assert TITLE in server.page("practices/community-work-instead-of-prison.html")
    assert not list(root.glob("docs/practices/*.md")), "the hook must not write pages into docs/"

    record = root / RECORD
    record.write_text(
        record.read_text(encoding="utf-8").replace(TITLE, "Community service in place of prison"), encoding="utf-8"
    )
    server.wait_for(lambda: server.count(BUILDING) == 2 and server.count("Reloading browsers") >= 1, "the rebuild")
    assert "Community service in place of prison" in server.page("practices/community-work-instead-of-prison.html")
    # No loop: nothing the rebuild did makes the watcher build again.
    time.sleep(5)
    assert server.count(BUILDING) == 2, "\n".join(server.lines)

    # A broken record: serve says what is wrong, with file and line, and goes
    # on (the browser keeps the last good page); fixed, the page comes back.
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("support: emphasized", "support: emphasised"), encoding="utf-8")
    server.wait_for(lambda: any("did you mean `emphasized`?" in line for line in server.lines), "the report")
    assert any(f"{RECORD}:" in line for line in server.lines)
    assert server.count(BUILDING) == 3
    record.write_text(
        text.replace(TITLE, "Community work").replace("Community service in place of prison", "Community work"),
        encoding="utf-8",
    )
    server.wait_for(lambda: server.count(BUILDING) == 4, "the rebuild after the fix")
    assert "<h1" in server.page("practices/community-work-instead-of-prison.html")
    assert "Community work</h1>" in server.page("practices/community-work-instead-of-prison.html").replace("\n", "")
