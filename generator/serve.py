"""Live preview on an engine that ignores MkDocs hooks (Zensical).

MkDocs and ProperDocs run generator/hook.py, which feeds the generated pages
to their own `serve` in memory. An engine that ignores hooks would show only
the hand-written pages, so here the staging folder is written to
``build/serve-<engine>/`` and the engine serves that; on every edit of a
record, taxonomy.yml, the generator, docs/ or overrides/ the pages are
generated again and only the files that changed are rewritten, so the engine's
own watcher rebuilds and reloads the browser. A record with problems keeps the
last good pages on screen and prints the problems.
"""

from __future__ import annotations

import filecmp
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import build, engines, site
from .problems import ProblemsFound

WATCHED = ("practices", "taxonomy.yml", "generator", "docs", "overrides", "mkdocs.yml", "engines")
POLL_SECONDS = 0.5


def serve(root: Path, engine_name: str | None, address: str) -> int:
    engine = engines.get(engine_name)
    served = root / "build" / f"serve-{engine.name}"
    try:
        if not _restage(root, served, engine):
            return 1
        command = engine.command("serve", served / "mkdocs.yml", "--dev-addr", address)
    except (engines.EngineError, build.BuildError) as error:
        print(f"serve failed: {error}", file=sys.stderr)
        return 1
    print(f"{engine.name} serves {served} at http://{address}/; watching {', '.join(WATCHED)} (Ctrl-C stops)", flush=True)
    # `kill` (SIGTERM) stops the engine too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    process = subprocess.Popen(command, cwd=served, env=engine.environment(site.source_epoch(root)))
    seen = _snapshot(root)
    try:
        while process.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(root)
            if now != seen:
                seen = now
                print("change seen: generating the pages again", flush=True)
                _restage(root, served, engine)
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


def _restage(root: Path, served: Path, engine: engines.Engine) -> bool:
    """Write the staging folder afresh beside ``served`` and copy into it
    what changed. False (and the problems printed) if the records are invalid."""
    try:
        generated = site.generate(root, site.settings(root))
    except ProblemsFound as found:
        for problem in found.problems:
            print(problem, file=sys.stderr)
        print(f"{len(found.problems)} problem(s): the preview keeps the last good pages.", file=sys.stderr, flush=True)
        return served.exists()
    served.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{served.name}-", dir=served.parent))
    try:
        build.write_stage(root, fresh, generated, engine)
        _sync(fresh, served)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return True


def _sync(source: Path, target: Path) -> None:
    """Make ``target`` hold what ``source`` holds, touching only the files
    that differ (the engine rebuilds on every file it sees change)."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        rel = path.relative_to(target)
        if rel not in wanted and rel.parts[0] in ("docs", "overrides"):
            path.unlink()
    for rel in sorted(wanted):
        new, old = source / rel, target / rel
        if not old.exists() or not filecmp.cmp(new, old, shallow=False):
            old.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(new, old)


def _snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """Size and modification time of every watched file."""
    state: dict[Path, tuple[int, int]] = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            state[path] = (stat.st_mtime_ns, stat.st_size)
    return state
