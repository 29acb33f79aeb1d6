"""The same synthetic site built by each engine, interleaved, as ratios to MkDocs.

    python -m tools.bench_engines                     # 5,000 records, 2 rounds
    python -m tools.bench_engines --records 1000 --rounds 3 --markdown out.md

One repository of seeded synthetic records (tools/synth.py) is built in rounds;
each round builds it with every engine in turn (the order rotates from round
to round, so that a change of load on the shared machine falls on all
engines alike). Each build is the real `generator.build.build` in a fresh
process (tools.bench's worker, with KB_ENGINE set), which reports wall and
CPU time, and the peak memory of the engine's process. After each build the
site's size is taken and the offline bundle is opened from file:// in
headless Chromium with every other request aborted, and the time from the
load event to the first search answer is measured through that engine's
search dialog. `make bench` runs it after tools.bench.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.bench import ROOT, SEARCH_TIMEOUT_MS, _env, machine, make_repo, offline_bundle_page

# tools.bench puts tests/ on the path (kbtest is the tests' helper module).
from kbtest import BUNDLE_NAME

ENGINES = ("mkdocs", "properdocs", "zensical")
# Each engine's search dialog: what opens it, where to type, what a result is.
SEARCH = {
    "material": (".md-search__input", ".md-search__input", ".md-search-result__item"),
    "zensical": (".md-search__button", "dialog[aria-label='Search'] input[role='combobox']", "dialog[aria-label='Search'] ol[role='listbox'] a[role='option']"),
}


def build_with(root: Path, engine: str) -> dict[str, Any]:
    started = time.perf_counter()
    env = {**_env(), "KB_ENGINE": engine}
    result = subprocess.run([sys.executable, "-m", "tools.bench", "--worker", str(root)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{engine} build of {root} failed:\n{result.stdout}\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    data["process_s"] = time.perf_counter() - started
    site = root / "site"  # every language built (tools.bench builds English alone unless KB_LANGUAGES says more)
    data["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    data["zip_bytes"] = (root / "dist" / f"{BUNDLE_NAME}.zip").stat().st_size
    return data


def offline_search(zip_path: Path, engine: str, query: str) -> float:
    """Seconds from the load event of the unzipped bundle's home page to the
    first search answer, with every non-file request aborted."""
    opener, field, result = SEARCH["zensical" if engine == "zensical" else "material"]
    with offline_bundle_page(zip_path, "kb-engine-search-") as (page, index, aborted):
        page.goto(index.as_uri(), wait_until="load")
        loaded = time.perf_counter()
        page.click(opener)
        page.wait_for_selector(field)
        page.keyboard.type(query)
        page.wait_for_selector(result, timeout=SEARCH_TIMEOUT_MS)
        answered = time.perf_counter()
    if aborted:
        raise SystemExit(f"{engine}: the offline bundle asked the network for {aborted[:5]}")
    return answered - loaded


def engine_versions() -> str:
    """The version of each engine as its own environment has it."""
    from generator.engines import ENGINES as ROWS

    found = []
    for name in ENGINES:
        out = subprocess.run([str(ROWS[name].python()), "-c", f"import importlib.metadata as m; print(m.version({name!r}))"], capture_output=True, text=True)
        found.append(f"{name} {out.stdout.strip() or '?'}")
    return ", ".join(found)


def report(records: int, rounds: list[dict[str, dict[str, Any]]], info: dict[str, str], load: tuple[float, float]) -> str:
    def median(engine: str, key: str) -> float:
        return float(statistics.median(float(r[engine][key]) for r in rounds))

    rows: list[tuple[str, str, Callable[[float], str]]] = [
        ("build, wall (s)", "build_s", lambda x: f"{x:.1f}"),
        ("build, CPU (s)", "build_cpu_s", lambda x: f"{x:.1f}"),
        ("engine step, wall (s)", "engine_s", lambda x: f"{x:.1f}"),
        ("engine peak memory (MiB)", "peak_engine_mib", lambda x: f"{x:.0f}"),
        ("site size (MB)", "site_mb", lambda x: f"{x:.1f}"),
        ("offline bundle (MB)", "zip_mb", lambda x: f"{x:.1f}"),
        ("offline search, first answer after load (s)", "search_s", lambda x: f"{x:.2f}"),
    ]
    lines = [
        f"{records:,} synthetic records, {len(rounds)} interleaved rounds; median of the rounds, and ratio to MkDocs.",
        f"Engines: {info.get('Engines', '?')}.",
        f"Load average (1 min) before / after: {load[0]:.1f} / {load[1]:.1f} on {os.cpu_count()} cores (a machine shared with other work: compare ratios, not seconds).",
        "",
        "| | " + " | ".join(ENGINES) + " |",
        "|---|" + "---|" * len(ENGINES),
    ]
    for label, key, fmt in rows:
        base = median("mkdocs", key)
        cells = []
        for engine in ENGINES:
            value = median(engine, key)
            cells.append(fmt(value) if engine == "mkdocs" else f"{fmt(value)} (x{value / base:.2f})")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_engines", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--markdown", type=Path, help="also write the report to this file")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file (after each round)")
    parser.add_argument("--report", type=Path, metavar="JSON", help="only print the report of rounds saved with --json")
    args = parser.parse_args(argv)
    if args.report:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        loads = [figures[e]["load"] for figures in saved["rounds"] for e in ENGINES]
        print(report(saved["records"], saved["rounds"], saved["machine"], (loads[0], loads[-1])))
        return 0
    from tools.synth import real_words

    query = [w for w in real_words(ROOT / "practices") if len(w) >= 6][20]
    info = {**machine(), "Engines": engine_versions()}
    print("\n".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    base = Path(tempfile.mkdtemp(prefix=f"kb-engines-{args.records}-"))
    rounds: list[dict[str, dict[str, Any]]] = []
    load_before = os.getloadavg()[0]
    try:
        root = make_repo(base, args.records, args.seed)
        for number in range(args.rounds):
            order = ENGINES[number % len(ENGINES):] + ENGINES[: number % len(ENGINES)]
            figures: dict[str, dict[str, Any]] = {}
            for engine in order:
                data = build_with(root, engine)
                data["engine_s"] = data["steps"]["mkdocs"]
                data["peak_engine_mib"] = data["peak_mkdocs_kb"] / 1024
                data["site_mb"] = data["site_bytes"] / 1e6
                data["zip_mb"] = data["zip_bytes"] / 1e6
                data["search_s"] = offline_search(root / "dist" / f"{BUNDLE_NAME}.zip", engine, query)
                data["load"] = os.getloadavg()[0]
                figures[engine] = data
                print(f"round {number + 1} {engine}: build {data['build_s']:.1f} s ({data['build_cpu_s']:.1f} s CPU), engine {data['engine_s']:.1f} s, "
                      f"{data['peak_engine_mib']:.0f} MiB, site {data['site_mb']:.1f} MB, search {data['search_s']:.2f} s, load {data['load']:.1f}", flush=True)
            rounds.append(figures)
            if args.json:
                args.json.write_text(json.dumps({"machine": info, "records": args.records, "rounds": rounds}, indent=1, default=str), encoding="utf-8")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    text = report(args.records, rounds, info, (load_before, os.getloadavg()[0]))
    print("\n" + text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
